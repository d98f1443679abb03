package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook"
	"casebook/evaluate"
	"casebook/extract"
	"casebook/internal/goldset"
	"casebook/source"
	"casebook/teach"
)

// defaultSets are the labelled sets casebook learns from and is
// cross-validated on: the shared dev and train notices, beside the
// repository.
var defaultSets = []string{"../shared/data/dev", "../shared/data/train"}

// loadSets reads labelled sets: folders holding gold.jsonl and texts/.
func loadSets(cmd *cobra.Command, sets []string) ([]extract.Labelled, error) {
	docs, err := teach.LoadSets(cmd.Context(), sets)
	if err != nil {
		return nil, &exitCode{1, err}
	}
	return docs, nil
}

func (a *app) evalCmd() *cobra.Command {
	var goldPath string
	var verbose, cv bool
	var sets []string
	var l2, ruleScale float64
	var goldCuts bool
	var without, with []string
	cmd := &cobra.Command{
		Use:   "eval --gold GOLD.jsonl DIR | eval --cv [--set DIR]...",
		Short: "score extraction against gold records: per-field P/R/F1, segmentation F1, main-cause accuracy; --cv cross-validated by group",
		Long: `eval scores extraction against gold records: per-field precision, recall and F1, the overall field
F1 (organization, sector, the eight dates, the count, each data item, cause and response), segmentation
F1 and main-cause accuracy.

With --gold GOLD.jsonl DIR it scores the bundled model on the notices of DIR.

With --cv it cross-validates by group over labelled sets (folders with gold.jsonl and texts/; by default
../shared/data/dev and ../shared/data/train): for each group (a file-name prefix such as w1, or the set's
name), it trains on every other group, reads that group's notices and scores them. It prints each
group's figures, their pooled total, the worst group, the pooled per-field table and the calibration
table (confidence band → share of values right). This is the figure for notices casebook has never seen.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if cv {
				if goldPath != "" || len(args) > 0 {
					return usageErr("--cv reads labelled sets (--set DIR); it takes no --gold or folder")
				}
				return a.crossValidate(cmd, sets, verbose, extract.TrainOptions{L2: l2, RuleScale: ruleScale, GoldCuts: goldCuts, Without: decisionsWithout(without, with)})
			}
			if goldPath == "" || len(args) != 1 {
				return usageErr("eval needs --gold GOLD.jsonl and one folder of notices, or --cv")
			}
			f, err := os.Open(goldPath)
			if err != nil {
				return &exitCode{1, fmt.Errorf("gold %s: %w", goldPath, err)}
			}
			gold, err := evaluate.ReadGold(f)
			f.Close()
			if err != nil {
				return &exitCode{1, fmt.Errorf("gold %s: %w", goldPath, err)}
			}
			var pred []casebook.Record
			failed := false
			a.eachDocument(cmd, args, source.Options{}, func(doc *source.Document) {
				recs, ok := a.extract(doc)
				failed = failed || !ok
				for _, r := range recs {
					r.File = doc.Name
					pred = append(pred, r)
				}
			}, &failed)
			rep := evaluate.Score(pred, gold)
			if a.json {
				return a.writeIndented(rep.JSON())
			}
			rep.Write(a.stdout, verbose)
			if failed {
				return partialFailure
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&goldPath, "gold", "", "gold records (JSON Lines with file and span)")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every wrong field")
	cmd.Flags().BoolVar(&cv, "cv", false, "cross-validate by group over labelled sets")
	cmd.Flags().BoolVar(&goldCuts, "gold-cuts", false, "with --cv: cut each notice where its gold records are (the readers' figures without segmentation's errors)")
	cmd.Flags().StringSliceVar(&without, "without", nil, "with --cv: decisions to leave to the rules ("+strings.Join(extract.Decisions, ", ")+"), to measure what each model adds")
	cmd.Flags().StringSliceVar(&with, "with", nil, "with --cv: decisions the bundled model leaves to the rules ("+strings.Join(extract.DefaultTrainOptions.Without, ", ")+") to learn too")
	cmd.Flags().Float64Var(&l2, "l2", 0, "with --cv: the L2 penalty to train with (the default when 0)")
	cmd.Flags().Float64Var(&ruleScale, "rule-scale", 0, "with --cv: the scale of the penalty on the features that say what the rules decided (the default when 0)")
	cmd.Flags().StringArrayVar(&sets, "set", defaultSets, "a labelled set: a folder with gold.jsonl and texts/ (repeat for several)")
	return cmd
}

func (a *app) crossValidate(cmd *cobra.Command, sets []string, verbose bool, o extract.TrainOptions) error {
	docs, err := loadSets(cmd, sets)
	if err != nil {
		return err
	}
	t0 := time.Now()
	exs := make([]extract.Examples, len(docs))
	failed := 0
	for i, l := range docs {
		var err error
		if exs[i], err = extract.Teach(l); err != nil {
			fmt.Fprintf(a.stderr, "casebook: %v\n", err)
			failed++
		}
	}
	preds, err := extract.CrossValidate(docs, exs, o)
	if err != nil {
		fmt.Fprintf(a.stderr, "casebook: %v\n", err)
		failed++
	}
	var pred []casebook.Record
	group := map[string]string{}
	for i, l := range docs {
		pred = append(pred, preds[i]...)
		group[l.Name] = l.Group
	}
	g := evaluate.ScoreGroups(pred, goldset.Gold(docs), func(file string) string { return group[file] })
	fmt.Fprintf(a.stderr, "casebook: cross-validated %d notices in %d groups in %.1fs\n", len(docs), len(g.Groups), time.Since(t0).Seconds())
	if a.json {
		err = a.writeIndented(g.JSON())
	} else {
		g.Write(a.stdout, verbose)
	}
	if err == nil && failed > 0 {
		// the figures count the notices that failed as read wrong
		err = &exitCode{1, errors.New("some labelled notices could not be read (named above)")}
	}
	return err
}

func (a *app) trainCmd() *cobra.Command {
	var sets, golds, texts []string
	var out string
	var install, reset bool
	cmd := &cobra.Command{
		Use:   "train [--set DIR]... [--gold FILE --texts DIR]... (-o FILE | --install) | train --reset",
		Short: "learn extraction's weights from labelled sets (by default ../shared/data/dev and train) and a team's own gold",
		Long: `train learns the weights of every extraction decision (where entries start, their kind,
and the readers' choices) from labelled sets — folders holding gold.jsonl and texts/, by default
../shared/data/dev and ../shared/data/train — and writes them as JSON. The weights casebook ships with
are extract/model.json, made by: casebook train -o extract/model.json

A team's own gold (casebook export --format gold -o DIR writes DIR/gold.jsonl and DIR/texts/ from the
cases people confirmed or corrected) is added with --gold DIR/gold.jsonl --texts DIR/texts. With
--install the weights are stored in this casebook's database (--db), and its ingest and reextract use
them; before that, train cross-validates by group with and without the team's gold and refuses weights
that read the bundled groups worse by more than 0.005 of field F1. --reset returns to the bundled
weights.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if reset {
				st, err := openDB(cmd.Context(), false)
				if err != nil {
					return &exitCode{1, err}
				}
				defer st.Close()
				for _, k := range []string{teach.KeyModel, teach.KeyFigures} {
					if err := st.SetSetting(cmd.Context(), k, nil); err != nil {
						return &exitCode{1, err}
					}
				}
				fmt.Fprintln(a.stdout, "同梱の重みに戻しました(casebook reextract で読み直せます)")
				return nil
			}
			if out == "" && !install {
				return usageErr("train needs -o FILE or --install")
			}
			if len(golds) != len(texts) {
				return usageErr("--gold and --texts go in pairs: %d --gold, %d --texts", len(golds), len(texts))
			}
			docs, err := loadSets(cmd, sets)
			if err != nil {
				return err
			}
			var team []extract.Labelled
			for i := range golds {
				ds, err := goldset.Load(cmd.Context(), golds[i], texts[i], fmt.Sprintf("team%d", i+1))
				if err != nil {
					return &exitCode{1, fmt.Errorf("--gold %s: %w", golds[i], err)}
				}
				team = append(team, ds...)
			}
			label := "casebook train: " + strings.Join(append(append([]string(nil), sets...), golds...), ", ")
			if install {
				if len(team) == 0 {
					return usageErr("--install needs a team's gold: --gold FILE --texts DIR")
				}
				st, err := openDB(cmd.Context(), false)
				if err != nil {
					return &exitCode{1, err}
				}
				defer st.Close()
				f, m, err := teach.Install(cmd.Context(), st, docs, team, label)
				if err != nil {
					return &exitCode{1, err}
				}
				fmt.Fprintf(a.stdout, "交差検証(群ごと) 同梱の群のフィールドF1: チームの正解なし %.3f → あり %.3f / チームの群 %.3f\n", f.Before, f.After, f.Team)
				if f.Failed > 0 {
					fmt.Fprintf(a.stderr, "casebook: %d readings of labelled notices failed (a casebook bug); they count as read wrong\n", f.Failed)
				}
				if !f.Installed {
					return &exitCode{1, fmt.Errorf("%s: not installed", f.Refused)}
				}
				fmt.Fprintf(a.stdout, "この casebook の重みとして保存しました(%d件から学習)。casebook reextract で取り込み済みの文書を読み直せます\n", f.Notices)
				if out != "" {
					if err := os.WriteFile(out, m.JSON(), 0o644); err != nil {
						return &exitCode{1, err}
					}
				}
				return nil
			}
			all := append(append([]extract.Labelled(nil), docs...), team...)
			m, lerr := extract.Learn(all, label)
			if err := os.WriteFile(out, m.JSON(), 0o644); err != nil {
				return &exitCode{1, err}
			}
			fmt.Fprintf(a.stderr, "casebook: learned from %d notices; wrote %s\n%s", len(all), out, m.Describe())
			if lerr != nil {
				// the weights learned from the others; the failures are bugs
				return &exitCode{1, fmt.Errorf("some labelled notices taught nothing: %w", lerr)}
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&sets, "set", defaultSets, "a labelled set: a folder with gold.jsonl and texts/ (repeat for several)")
	cmd.Flags().StringArrayVar(&golds, "gold", nil, "a team's gold records (from export --format gold), with --texts")
	cmd.Flags().StringArrayVar(&texts, "texts", nil, "the folder of the texts of the --gold before it")
	cmd.Flags().StringVarP(&out, "output", "o", "", "where to write the weights (JSON)")
	cmd.Flags().BoolVar(&install, "install", false, "store the weights in this casebook (--db): its ingest and reextract use them")
	cmd.Flags().BoolVar(&reset, "reset", false, "return this casebook to the bundled weights")
	return cmd
}

// decisionsWithout is the default list of decisions left to the rules,
// plus without, minus with.
func decisionsWithout(without, with []string) []string {
	out := []string{}
	for _, d := range append(append([]string{}, extract.DefaultTrainOptions.Without...), without...) {
		if !slices.Contains(with, d) && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// writeIndented prints v as indented JSON.
func (a *app) writeIndented(v any) error {
	e := json.NewEncoder(a.stdout)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	return e.Encode(v)
}
