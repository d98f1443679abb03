package export

import (
	"context"
	"fmt"
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
