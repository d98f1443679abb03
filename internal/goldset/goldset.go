// Package goldset reads a labelled set of notices — a folder of texts and
// a gold.jsonl of their records (the contract of ../shared/data/*/) — as
// extraction learns and is scored from it. A text's group is the prefix
// of its file name (w1, w2 … of the train set: one writer and theme each),
// or the set's own name (dev) when the names have none.
package goldset

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"

	"casebook"
	"casebook/evaluate"
	"casebook/extract"
	"casebook/source"
)

var groupRE = regexp.MustCompile(`^(w\d+)-`)

// Load reads the texts of dir that gold labels, with their records. name
// is the set's group for files without a prefix of their own.
func Load(ctx context.Context, goldPath, dir, name string) ([]extract.Labelled, error) {
	f, err := os.Open(goldPath)
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	defer f.Close()
	gold, err := evaluate.ReadGold(f)
	if err != nil {
		return nil, fmt.Errorf("gold %s: %w", goldPath, err)
	}
	byFile := map[string][]casebook.Record{}
	var files []string
	for _, g := range gold {
		if _, ok := byFile[g.File]; !ok {
			files = append(files, g.File)
		}
		byFile[g.File] = append(byFile[g.File], g)
	}
	sort.Strings(files)
	var out []extract.Labelled
	for _, file := range files {
		doc, err := source.Read(ctx, filepath.Join(dir, file), nil, source.Options{})
		if err != nil {
			return nil, err
		}
		group := name
		if m := groupRE.FindStringSubmatch(file); m != nil {
			group = m[1]
		}
		out = append(out, extract.Labelled{Name: file, Group: group, Text: doc.Text,
			Options: extract.Options{Headings: doc.Headings, PageTitle: doc.PageTitle}, Gold: byFile[file]})
	}
	return out, nil
}

// Gold returns the gold records of the texts, each with its file.
func Gold(docs []extract.Labelled) []casebook.Record {
	var out []casebook.Record
	for _, l := range docs {
		for _, g := range l.Gold {
			g.File = l.Name
			out = append(out, g)
		}
	}
	return out
}
