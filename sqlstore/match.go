package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"casebook"
)

// Finding the case a new record belongs to compares it with the
// organization's latest records (casebook.SameIncident). Each record keeps
// beside it the little SameIncident reads, in the match column, in a form
// read without a JSON decoder: a busy organization's two hundred latest
// records are compared for every notice it publishes.
//
// The form: "\x01" then kind, title, organization, causes, dates and the
// count of people, separated by \x1f; causes and dates ("field=value")
// separated by \x1e.
const (
	matchMark  = "\x01"
	matchField = "\x1f"
	matchItem  = "\x1e"
)

// encodeMatch returns the match column of r.
func encodeMatch(r *casebook.Record) string {
	clean := strings.NewReplacer(matchField, " ", matchItem, " ", matchMark, " ")
	var b strings.Builder
	b.WriteString(matchMark)
	b.WriteString(string(r.Kind))
	b.WriteString(matchField)
	b.WriteString(clean.Replace(r.Title))
	b.WriteString(matchField)
	b.WriteString(clean.Replace(r.Organization))
	b.WriteString(matchField)
	for i, c := range r.Causes {
		if i > 0 {
			b.WriteString(matchItem)
		}
		b.WriteString(c)
	}
	b.WriteString(matchField)
	if r.Dates != nil {
		n := 0
		for _, f := range casebook.DateFields {
			if p := *r.Dates.Field(f); p != nil {
				if n > 0 {
					b.WriteString(matchItem)
				}
				b.WriteString(f + "=" + *p)
				n++
			}
		}
	}
	b.WriteString(matchField)
	if r.Affected != nil && r.Affected.Count != nil {
		b.WriteString(strconv.FormatInt(*r.Affected.Count, 10))
	}
	return b.String()
}

// decodeMatch reads a match column: the form above, the JSON of earlier
// versions, or a whole record (rows from before the column, copied by the
// migration). Nil when it holds none of them.
func decodeMatch(s string) *casebook.Record {
	if rest, ok := strings.CutPrefix(s, matchMark); ok {
		f := strings.Split(rest, matchField)
		if len(f) != 6 {
			return nil
		}
		r := &casebook.Record{Kind: casebook.Kind(f[0]), Title: f[1], Organization: f[2], Dates: &casebook.Dates{}}
		if f[3] != "" {
			r.Causes = strings.Split(f[3], matchItem)
		}
		if f[4] != "" {
			for _, kv := range strings.Split(f[4], matchItem) {
				k, v, _ := strings.Cut(kv, "=")
				if p := r.Dates.Field(k); p != nil {
					*p = &v
				}
			}
		}
		if n, err := strconv.ParseInt(f[5], 10, 64); err == nil {
			r.Affected = &casebook.Affected{Count: &n}
		}
		return r
	}
	var m jsonMatch
	if json.Unmarshal([]byte(s), &m) == nil && m.Kind != "" {
		return m.record()
	}
	var r casebook.Record
	if json.Unmarshal([]byte(s), &r) == nil && r.Kind != "" {
		return &r
	}
	return nil
}

// jsonMatch is the match column as earlier versions wrote it.
type jsonMatch struct {
	Kind         casebook.Kind     `json:"k"`
	Title        string            `json:"t,omitempty"`
	Organization string            `json:"o,omitempty"`
	Dates        map[string]string `json:"d,omitempty"`
	Count        *int64            `json:"n,omitempty"`
	Causes       []string          `json:"c,omitempty"`
}

func (m *jsonMatch) record() *casebook.Record {
	r := &casebook.Record{Kind: m.Kind, Title: m.Title, Organization: m.Organization, Causes: m.Causes, Dates: &casebook.Dates{}}
	for f, v := range m.Dates {
		if p := r.Dates.Field(f); p != nil {
			v := v
			*p = &v
		}
	}
	if m.Count != nil {
		r.Affected = &casebook.Affected{Count: m.Count}
	}
	return r
}

// findCase finds the case of an earlier record about the same incident
// (among the organization's latest records).
func (s *DB) findCase(ctx context.Context, tx *sql.Tx, r *casebook.Record, key string) (string, error) {
	if key == "" {
		return "", nil
	}
	q, err := s.stmt(ctx, tx, `SELECT case_id, match FROM records WHERE org_key = ? AND case_id IS NOT NULL ORDER BY id DESC LIMIT 200`)
	if err != nil {
		return "", err
	}
	rows, err := q.QueryContext(ctx, key)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var id, m string
		if err := rows.Scan(&id, &m); err != nil {
			return "", err
		}
		if other := decodeMatch(m); other != nil && casebook.SameIncident(r, other) {
			return id, nil
		}
	}
	return "", rows.Err()
}
