package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook"
	"casebook/evaluate"
	"casebook/extract"
	"casebook/internal/goldset"
	"casebook/source"
)

// defaultSets are the labelled sets casebook learns from and is
// cross-validated on: the shared dev and train notices, beside the
// repository.
var defaultSets = []string{"../shared/data/dev", "../shared/data/train"}

// loadSets reads labelled sets: folders holding gold.jsonl and texts/.
func loadSets(cmd *cobra.Command, sets []string) ([]extract.Labelled, error) {
	var docs []extract.Labelled
	for _, dir := range sets {
		name := filepath.Base(filepath.Clean(dir))
		ds, err := goldset.Load(cmd.Context(), filepath.Join(dir, "gold.jsonl"), filepath.Join(dir, "texts"), name)
		if err != nil {
			return nil, &exitCode{1, fmt.Errorf("set %s: %w", dir, err)}
		}
		docs = append(docs, ds...)
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
	for i, l := range docs {
		exs[i] = extract.Teach(l)
	}
	preds := extract.CrossValidate(docs, exs, o)
	var pred []casebook.Record
	group := map[string]string{}
	for i, l := range docs {
		pred = append(pred, preds[i]...)
		group[l.Name] = l.Group
	}
	g := evaluate.ScoreGroups(pred, goldset.Gold(docs), func(file string) string { return group[file] })
	fmt.Fprintf(a.stderr, "casebook: cross-validated %d notices in %d groups in %.1fs\n", len(docs), len(g.Groups), time.Since(t0).Seconds())
	if a.json {
		return a.writeIndented(g.JSON())
	}
	g.Write(a.stdout, verbose)
	return nil
}

func (a *app) trainCmd() *cobra.Command {
	var sets []string
	var out string
	cmd := &cobra.Command{
		Use:   "train [--set DIR]... -o FILE",
		Short: "learn extraction's weights from labelled sets (by default ../shared/data/dev and train)",
		Long: `train learns the weights of every extraction decision (where entries start, their kind,
and the readers' choices) from labelled sets — folders holding gold.jsonl and texts/, by default
../shared/data/dev and ../shared/data/train — and writes them as JSON. The weights casebook ships with
are extract/model.json, made by: casebook train -o extract/model.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usageErr("train needs -o FILE")
			}
			docs, err := loadSets(cmd, sets)
			if err != nil {
				return err
			}
			m := extract.Learn(docs, "casebook train: "+strings.Join(sets, ", "))
			if err := os.WriteFile(out, m.JSON(), 0o644); err != nil {
				return &exitCode{1, err}
			}
			fmt.Fprintf(a.stderr, "casebook: learned from %d notices; wrote %s\n%s", len(docs), out, m.Describe())
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&sets, "set", defaultSets, "a labelled set: a folder with gold.jsonl and texts/ (repeat for several)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "where to write the weights (JSON)")
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
