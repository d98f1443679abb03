package sqlstore

import (
	"context"
	"sort"

	"casebook"
	"casebook/resolve"
)

// links says why each source after the first is in its case: the other
// source it agrees with best (resolve.Compare; an earlier one on a tie),
// and the facts. A source that is one incident with none of the others
// alone (joined through a third, or by a person) has no facts.
func links(srcs []casebook.Source) []casebook.Link {
	var out []casebook.Link
	for i := 1; i < len(srcs); i++ {
		best, bestScore, bestSame := -1, 0, false
		var facts []string
		for j := range srcs {
			if j == i || srcs[j].DocID == srcs[i].DocID {
				continue
			}
			v := resolve.Compare(srcs[i].Record, srcs[j].Record)
			better := v.Same && (!bestSame || v.Score > bestScore) || !bestSame && v.Veto == "" && (best < 0 || v.Score > bestScore)
			if better {
				best, bestScore, bestSame = j, v.Score, v.Same
				facts = v.Agreed
			}
		}
		if best < 0 {
			continue
		}
		if !bestSame {
			facts = nil
		}
		out = append(out, casebook.Link{Source: srcs[i].ID, With: srcs[best].ID, Facts: facts})
	}
	return out
}

// maxRelated bounds the related cases a case page shows.
const maxRelated = 5

// related finds the cases of the case's organizations whose records
// agree with one of its records on some fact, without being the same
// incident (or that a person split from it): among each organization's
// latest records, as grouping itself looks.
func (s *DB) related(ctx context.Context, id string, recs []storedRecord) ([]casebook.RelatedCase, error) {
	keys := map[string]bool{}
	for _, sr := range recs {
		if k := casebook.OrgKey(sr.rec.Organization); k != "" {
			keys[k] = true
		}
	}
	found := map[string]*casebook.RelatedCase{}
	score := map[string]int{}
	for key := range keys {
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT case_id, match FROM records
			WHERE org_key = ? AND case_id IS NOT NULL AND case_id <> ? ORDER BY id DESC LIMIT 200`), key, id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var cid, m string
			if err := rows.Scan(&cid, &m); err != nil {
				rows.Close()
				return nil, err
			}
			other := decodeMatch(m)
			if other == nil {
				continue
			}
			for i := range recs {
				v := resolve.Compare(&recs[i].rec, other)
				if v.Veto != "" || v.Score < 1 || len(v.Agreed) == 0 {
					continue
				}
				if rc := found[cid]; rc == nil || v.Score > score[cid] {
					found[cid] = &casebook.RelatedCase{ID: cid, Title: other.Title, Date: other.Date(), Agreed: v.Agreed, Against: v.Contradicted}
					score[cid] = v.Score
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]casebook.RelatedCase, 0, len(found))
	for _, rc := range found {
		out = append(out, *rc)
	}
	sort.Slice(out, func(i, j int) bool {
		if score[out[i].ID] != score[out[j].ID] {
			return score[out[i].ID] > score[out[j].ID]
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > maxRelated {
		out = out[:maxRelated]
	}
	return out, nil
}
