package export

import (
	"context"
	"fmt"

	"casebook"
)

// pageSize is how many cases one search call returns while an export
// walks a filtered result.
const pageSize = 200

// Each calls fn with every case q selects (all cases when q narrows
// nothing), loaded whole: sources, changes and the judgement. The ids are
// gathered first so fn runs while no read is open (SQLite has one
// connection).
func Each(ctx context.Context, st casebook.Store, q casebook.SearchQuery, fn func(*casebook.Case) error) error {
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
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}
