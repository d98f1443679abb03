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
	found := map[string]*casebook.RelatedCase{}
	score := map[string]int{}
	for i := range recs {
		if !recs[i].rec.IsIncident() {
			continue
		}
		err := s.incidentCandidates(ctx, nil, &recs[i].rec, id, func(c candidate) bool {
			other := decodeMatch(c.match)
			if other == nil {
				return true
			}
			v := resolve.Compare(&recs[i].rec, other)
			if v.Veto != "" || v.Score < 1 || len(v.Agreed) == 0 {
				return true
			}
			if rc := found[c.caseID]; rc == nil || v.Score > score[c.caseID] {
				found[c.caseID] = &casebook.RelatedCase{ID: c.caseID, Title: other.Title, Date: other.Date(), Agreed: v.Agreed, Against: v.Contradicted}
				score[c.caseID] = v.Score
			}
			return true
		})
		if err != nil {
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
