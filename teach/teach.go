// Package teach turns what people confirmed and corrected in a casebook
// into that casebook's own extraction weights: the cases are exported as
// gold (export.WriteGold), trained together with the bundled labelled
// sets, and installed only when cross-validation by group does not read
// the bundled groups worse. The CLI's train --install and the web UI's
// 学習 button both use it.
package teach

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"casebook"
	"casebook/evaluate"
	"casebook/export"
	"casebook/extract"
	"casebook/internal/goldset"
)

// Margin is how much worse (field F1 of the bundled groups) the weights
// learned with a team's gold may read before they are refused.
const Margin = 0.005

// Settings keys: the weights, and the figures they were installed with.
const (
	KeyModel   = "extract.model"
	KeyFigures = "extract.model.figures"
)

// Figures say what learning did, cross-validated by group.
type Figures struct {
	Before      float64   `json:"before"`       // field F1 of the bundled groups, without the team's gold
	After       float64   `json:"after"`        // the same, trained with it
	Team        float64   `json:"team"`         // field F1 of the team's own group (held out)
	Notices     int       `json:"notices"`      // labelled notices trained on
	TeamNotices int       `json:"team_notices"` // of which the team's
	At          time.Time `json:"at"`
	Installed   bool      `json:"installed"`
	Refused     string    `json:"refused,omitempty"`
	Failed      int       `json:"failed,omitempty"` // readings of notices that failed (a bug): they count as read wrong
}

// Store is a casebook that keeps settings.
type Store interface {
	export.TextStore
	Setting(ctx context.Context, key string) ([]byte, time.Time, bool, error)
	SetSetting(ctx context.Context, key string, value []byte) error
}

// Compare cross-validates by group over the bundled sets without and with
// the team's gold (one more group or several).
func Compare(bundled, team []extract.Labelled) Figures {
	failures := 0
	score := func(docs []extract.Labelled, only func(group string) bool) float64 {
		exs := make([]extract.Examples, len(docs))
		failed := map[string]bool{}
		for i, l := range docs {
			var err error
			if exs[i], err = extract.Teach(l); err != nil {
				failed[l.Name] = true
			}
		}
		// (a notice whose reading fails, a bug, counts as read wrong)
		preds, err := extract.CrossValidate(docs, exs, extract.DefaultTrainOptions)
		if err != nil {
			failed["cv"] = true
		}
		if len(failed) > 0 {
			failures += len(failed)
		}
		var pred, gold []casebook.Record
		for i, l := range docs {
			if only(l.Group) {
				pred = append(pred, preds[i]...)
				gold = append(gold, l.Gold...)
			}
		}
		return evaluate.Score(pred, gold).Overall.F1()
	}
	isTeam := map[string]bool{}
	for _, l := range team {
		isTeam[l.Group] = true
	}
	all := append(append([]extract.Labelled(nil), bundled...), team...)
	f := Figures{Notices: len(all), TeamNotices: len(team), At: time.Now().UTC()}
	f.Before = score(bundled, func(string) bool { return true })
	f.After = score(all, func(g string) bool { return !isTeam[g] })
	f.Team = score(all, func(g string) bool { return isTeam[g] })
	f.Failed = failures
	return f
}

// Acceptable says why weights with these figures may not be installed.
func (f Figures) Acceptable() error {
	if f.After < f.Before-Margin {
		return fmt.Errorf("the weights learned with the team's gold read the bundled groups worse (field F1 %.3f, without it %.3f)", f.After, f.Before)
	}
	return nil
}

// Install learns from bundled and team and stores the weights and the
// figures in st, unless the figures refuse them; the figures are stored
// either way.
func Install(ctx context.Context, st Store, bundled, team []extract.Labelled, label string) (Figures, *extract.Model, error) {
	if len(team) == 0 {
		return Figures{}, nil, fmt.Errorf("no notice confirmed or corrected by a person to learn from")
	}
	f := Compare(bundled, team)
	var m *extract.Model
	if err := f.Acceptable(); err != nil {
		f.Refused = err.Error()
	} else {
		m, _ = extract.Learn(append(append([]extract.Labelled(nil), bundled...), team...), label) // (failures are counted in f.Failed)
		if err := st.SetSetting(ctx, KeyModel, m.JSON()); err != nil {
			return f, nil, err
		}
		f.Installed = true
	}
	b, _ := json.Marshal(f)
	if err := st.SetSetting(ctx, KeyFigures, b); err != nil {
		return f, m, err
	}
	return f, m, nil
}

// FromCasebook learns from the cases people confirmed or corrected in st
// (exported as gold to a temporary folder) and the bundled sets at the
// folders sets, and installs the weights when they are acceptable.
func FromCasebook(ctx context.Context, st Store, sets []string) (Figures, *extract.Model, error) {
	bundled, err := LoadSets(ctx, sets)
	if err != nil {
		return Figures{}, nil, err
	}
	dir, err := os.MkdirTemp("", "casebook-gold-")
	if err != nil {
		return Figures{}, nil, err
	}
	defer os.RemoveAll(dir)
	recs, _, err := export.WriteGold(ctx, st, dir)
	if err != nil {
		return Figures{}, nil, err
	}
	if recs == 0 {
		return Figures{}, nil, fmt.Errorf("no notice confirmed or corrected by a person to learn from")
	}
	team, err := goldset.Load(ctx, filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "texts"), "team")
	if err != nil {
		return Figures{}, nil, err
	}
	return Install(ctx, st, bundled, team, "the casebook's corrections and "+fmt.Sprint(sets))
}

// LoadSets reads labelled sets (folders with gold.jsonl and texts/).
func LoadSets(ctx context.Context, sets []string) ([]extract.Labelled, error) {
	var docs []extract.Labelled
	for _, dir := range sets {
		ds, err := goldset.Load(ctx, filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "texts"), filepath.Base(filepath.Clean(dir)))
		if err != nil {
			return nil, fmt.Errorf("set %s: %w", dir, err)
		}
		docs = append(docs, ds...)
	}
	return docs, nil
}

// Installed reads the figures the casebook's weights were installed with.
func Installed(ctx context.Context, st Store) (Figures, bool, error) {
	b, _, ok, err := st.Setting(ctx, KeyFigures)
	if err != nil || !ok {
		return Figures{}, false, err
	}
	var f Figures
	if err := json.Unmarshal(b, &f); err != nil {
		return Figures{}, false, err
	}
	return f, true, nil
}
