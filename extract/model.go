package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"casebook"
	"casebook/linear"
)

// Rules propose, data decides. The readers find candidates — lines where
// an entry may start, names that may be the organization, dates with the
// roles they may play, counts, cue words — and describe each by general
// features (where it stands, the words around it, what the rules made of
// it). Which candidate wins is decided by linear models learned from
// labelled notices (train.go). The weights are data: model.json, made by
// `casebook train` from the gold records and embedded here.

// Model is the weights of every decision, by decision name.
type Model struct {
	// Trained says what the weights were learned from.
	Trained   string                   `json:"trained,omitempty"`
	Decisions map[string]*linear.Model `json:"decisions"`
}

// The decisions.
const (
	decSegment = "segment" // does an entry start at this line
	decKind    = "kind"    // breach notice, regulator action or no incident
)

// Decisions lists every decision a model may hold; a decision without
// weights is left to the rules.
var Decisions = []string{decSegment, decTitle, decKind, decOrg, decSector, decDates, decCount, decItems, decCauses, decResp}

func (m *Model) get(decision string) *linear.Model {
	if m == nil {
		return nil
	}
	return m.Decisions[decision]
}

// ParseModel reads weights written by Model.JSON.
func ParseModel(b []byte) (*Model, error) {
	m := &Model{}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("extraction model: %w", err)
	}
	if m.Decisions == nil {
		m.Decisions = map[string]*linear.Model{}
	}
	return m, nil
}

// JSON writes the weights, one decision and feature per line, in a stable
// order (so that a retrained model diffs well).
func (m *Model) JSON() []byte {
	b, _ := json.MarshalIndent(m, "", " ")
	return append(b, '\n')
}

//go:embed model.json
var bundledJSON []byte

var bundled = sync.OnceValue(func() *Extractor {
	m, err := ParseModel(bundledJSON)
	if err != nil {
		panic(err) // the embedded weights are part of the build
	}
	return New(m)
})

// Bundled returns the model casebook ships with.
func Bundled() *Model { return bundled().m }

// Extractor extracts with one model.
type Extractor struct{ m *Model }

// New returns an extractor deciding with m.
func New(m *Model) *Extractor { return &Extractor{m: m} }

// Extract reads every incident in text with the bundled model.
func Extract(text string, o Options) ([]casebook.Record, error) {
	return bundled().Extract(text, o)
}
