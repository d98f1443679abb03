package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"casebook"
)

// pageSize is how many cases one search call returns while an export
// walks a filtered result.
const pageSize = 200

// Each calls fn with every case q selects (all cases when q narrows
// nothing), loaded whole: sources, changes and the judgement. The ids are
// gathered first so fn runs while no read is open (SQLite has one
// connection). The invented sample cases are left out unless withSamples.
func Each(ctx context.Context, st casebook.Store, q casebook.SearchQuery, withSamples bool, fn func(*casebook.Case) error) error {
	var ids []string
	if !q.Filtered() {
		if err := st.EachCase(ctx, func(c *casebook.Case) error { ids = append(ids, c.ID); return nil }); err != nil {
			return err
		}
	} else {
		q.Limit, q.Offset = pageSize, 0
		for {
			res, err := st.Search(ctx, q)
			if err != nil {
				return err
			}
			for _, c := range res.Cases {
				ids = append(ids, c.ID)
			}
			q.Offset += pageSize
			if len(res.Cases) < pageSize || q.Offset >= res.Total {
				break
			}
		}
	}
	for _, id := range ids {
		c, err := st.Case(ctx, id)
		if err == casebook.ErrNotFound {
			continue // deleted while the export ran
		}
		if err != nil {
			return fmt.Errorf("case %s: %w", id, err)
		}
		if c.Sample && !withSamples {
			continue
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// FileName names an export after what it holds and the day it was made:
// casebook-誤送付・誤送信-教育-2024-20261203.csv (the query's words, the
// labels of its filters, the years), casebook-20261203.csv for all.
func FileName(q casebook.SearchQuery, day time.Time, ext string) string {
	parts := []string{"casebook"}
	parts = append(parts, strings.Fields(q.Q)...)
	for _, f := range []struct {
		v     []casebook.Term
		codes []string
	}{{casebook.Kinds, q.Kinds}, {casebook.Causes, q.Causes}, {casebook.DataItems, q.Items}, {casebook.Sectors, q.Sectors}} {
		for _, c := range f.codes {
			parts = append(parts, casebook.Label(f.v, c))
		}
	}
	parts = append(parts, q.Years...)
	if q.Org != "" {
		parts = append(parts, q.Org)
	}
	if q.Reportable {
		parts = append(parts, "報告対象")
	}
	if q.Late {
		parts = append(parts, "報告遅れ")
	}
	name := strings.Join(parts, "-")
	if r := []rune(name); len(r) > 80 {
		name = string(r[:80])
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, name)
	return name + "-" + day.Format("20060102") + "." + ext
}

// TextStore is a store that gives a document's text.
type TextStore interface {
	casebook.Store
	DocumentText(ctx context.Context, docID int64) (string, error)
}

// WriteGold writes every case a person has confirmed or corrected as gold
// records (the contract of ../shared/data/*/gold.jsonl): each source's
// record with the case's corrections applied, its span, and the file its
// document's text is written to under dir/texts (doc-ID.txt). casebook
// train --gold dir/gold.jsonl --texts dir/texts learns from them. It
// returns how many records and documents it wrote.
func WriteGold(ctx context.Context, st TextStore, dir string) (records, docs int, err error) {
	var ids []string
	if err := st.EachCase(ctx, func(c *casebook.Case) error { ids = append(ids, c.ID); return nil }); err != nil {
		return 0, 0, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "texts"), 0o755); err != nil {
		return 0, 0, err
	}
	f, err := os.Create(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	written := map[int64]bool{}
	for _, id := range ids {
		c, err := st.Case(ctx, id)
		if errors.Is(err, casebook.ErrNotFound) {
			continue
		}
		if err != nil {
			return records, docs, fmt.Errorf("case %s: %w", id, err)
		}
		var cs []casebook.Correction
		for _, ch := range c.Changes {
			if ch.Action == casebook.ActionCorrect {
				cs = append(cs, casebook.Correction{Field: ch.Field, Value: ch.Value})
			}
		}
		if len(cs) == 0 || c.Sample {
			continue // no person has looked at it (or it is an invented sample)
		}
		for _, src := range c.Sources {
			if src.Record == nil {
				continue
			}
			rec := *src.Record
			for _, x := range cs {
				if err := x.Apply(&rec); err != nil {
					return records, docs, fmt.Errorf("case %s: %w", id, err)
				}
			}
			rec.Evidence, rec.Confidence, rec.Names = nil, nil, nil
			rec.File = fmt.Sprintf("doc-%d.txt", src.DocID)
			if !written[src.DocID] {
				text, err := st.DocumentText(ctx, src.DocID)
				if err != nil {
					return records, docs, fmt.Errorf("document %d: %w", src.DocID, err)
				}
				if err := os.WriteFile(filepath.Join(dir, "texts", rec.File), []byte(text), 0o644); err != nil {
					return records, docs, err
				}
				written[src.DocID] = true
				docs++
			}
			if err := writeJSONLine(f, &rec); err != nil {
				return records, docs, err
			}
			records++
		}
	}
	return records, docs, f.Close()
}
