// Package review builds the 要確認 queue: the cases with fields
// extraction was unsure of that no person has confirmed or corrected, the
// least sure first, each field with its value, its confidence and the
// sentence of the notice it was read from. The web page and `casebook
// review` list the same queue; confirming a field is a correction to its
// own value, which makes it certain.
package review

import (
	"context"
	"fmt"
	"strings"

	"casebook"
	"casebook/jtext"
)

// Store is what the queue reads.
type Store interface {
	casebook.Store
	DocumentText(ctx context.Context, docID int64) (string, error)
}

// Item is one case to review.
type Item struct {
	ID           string  `json:"id"`
	Title        string  `json:"title"`
	Organization string  `json:"organization"`
	Date         string  `json:"date"`
	Affected     *int64  `json:"affected"`
	Fields       []Field `json:"fields"`
}

// Field is one field to confirm or correct.
type Field struct {
	casebook.UnsureField
	Label      string `json:"label"`       // the field's name in Japanese
	ValueLabel string `json:"value_label"` // the value as a reader reads it
	Evidence   string `json:"evidence"`    // the sentence it was read from
	// Candidates are the other values extraction found likely, the
	// likeliest first (a person may pick one instead).
	Candidates []Candidate `json:"candidates,omitempty"`
}

// Candidate is another value a field may take.
type Candidate struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// most is the most cases the queue reads to order them.
const most = 1000

// Queue returns a page of the review queue and how many cases it holds.
func Queue(ctx context.Context, st Store, limit, offset int) ([]Item, int, error) {
	res, err := st.Search(ctx, casebook.SearchQuery{NeedsReview: true, Limit: most})
	if err != nil {
		return nil, 0, err
	}
	cases := res.Cases
	casebook.ReviewOrder(cases)
	total := res.Total
	if offset >= len(cases) {
		return []Item{}, total, nil
	}
	cases = cases[offset:min(len(cases), offset+limit)]
	out := make([]Item, 0, len(cases))
	for _, c := range cases {
		full, err := st.Case(ctx, c.ID)
		if err != nil {
			continue // deleted meanwhile
		}
		it := Item{ID: full.ID, Title: full.Title, Organization: full.Organization, Date: full.Date()}
		if full.Affected != nil {
			it.Affected = full.Affected.Count
		}
		texts := map[int64][]rune{}
		for _, u := range casebook.Unsure(&full.Record) {
			f := Field{UnsureField: u, Label: casebook.Label(casebook.CorrectableFields, u.Field), ValueLabel: valueLabel(u)}
			for _, v := range full.Candidates[u.Field] {
				f.Candidates = append(f.Candidates, Candidate{Value: v, Label: valueLabel(casebook.UnsureField{Field: u.Field, Value: v})})
			}
			f.Evidence, err = evidence(ctx, st, full, u.Path, texts)
			if err != nil {
				return nil, 0, fmt.Errorf("case %s: %w", full.ID, err)
			}
			it.Fields = append(it.Fields, f)
		}
		if len(it.Fields) > 0 {
			out = append(out, it)
		}
	}
	return out, total, nil
}

// valueLabel shows a value in Japanese: a code by its label, lists by
// theirs.
func valueLabel(u casebook.UnsureField) string {
	switch u.Field {
	case "sector":
		return casebook.Label(casebook.Sectors, u.Value)
	case "kind":
		return casebook.Label(casebook.Kinds, u.Value)
	case "causes", "data_items":
		v := casebook.Causes
		if u.Field == "data_items" {
			v = casebook.DataItems
		}
		var parts []string
		for _, c := range strings.Split(u.Value, ",") {
			parts = append(parts, casebook.Label(v, c))
		}
		return strings.Join(parts, "、")
	case "affected.count":
		return u.Value + "人"
	}
	return u.Value
}

// evidence is the sentence of the first source that holds the field's
// evidence.
func evidence(ctx context.Context, st Store, c *casebook.Case, path string, texts map[int64][]rune) (string, error) {
	for _, src := range c.Sources {
		if src.Record == nil {
			continue
		}
		sp, ok := src.Record.Evidence[path]
		if !ok {
			continue
		}
		t, ok := texts[src.DocID]
		if !ok {
			s, err := st.DocumentText(ctx, src.DocID)
			if err != nil {
				return "", err
			}
			t = []rune(s)
			texts[src.DocID] = t
		}
		return jtext.SentenceAt(t, sp.Start), nil
	}
	return "", nil
}
