package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"casebook"
	"casebook/resolve"
)

// Finding the case a new record belongs to compares it with the
// organization's latest records (resolve.Same). Each record keeps
// beside it the little resolve.Same reads, in the match column, in a form
// read without a JSON decoder: a busy organization's two hundred latest
// records are compared for every notice it publishes.
//
// The form: "\x01" then kind, title, organization, causes, dates, the
// count of people, the data items and the names the text gives
// (resolve.Names), separated by \x1f; causes, dates ("field=value"),
// items and names separated by \x1e. (Rows written before the data items
// have six fields, before the names seven.)
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
		if r.Affected.Approximate {
			b.WriteByte('~')
		}
		b.WriteString(strconv.FormatInt(*r.Affected.Count, 10))
	}
	b.WriteString(matchField)
	b.WriteString(strings.Join(r.DataItems, matchItem))
	b.WriteString(matchField)
	for i, n := range r.Names {
		if i > 0 {
			b.WriteString(matchItem)
		}
		b.WriteString(clean.Replace(n))
	}
	return b.String()
}

// decodeMatch reads a match column: the form above, the JSON of earlier
// versions, or a whole record (rows from before the column, copied by the
// migration). Nil when it holds none of them.
func decodeMatch(s string) *casebook.Record {
	if rest, ok := strings.CutPrefix(s, matchMark); ok {
		f := strings.Split(rest, matchField)
		if len(f) < 6 || len(f) > 8 {
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
		approx := strings.HasPrefix(f[5], "~")
		if n, err := strconv.ParseInt(strings.TrimPrefix(f[5], "~"), 10, 64); err == nil {
			r.Affected = &casebook.Affected{Count: &n, Approximate: approx}
		}
		if len(f) >= 7 && f[6] != "" {
			r.DataItems = strings.Split(f[6], matchItem)
		}
		if len(f) == 8 && f[7] != "" {
			r.Names = strings.Split(f[7], matchItem)
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
// (among the latest records its keys find, neither the document's own
// nor in a case that holds one: its entries were cut as different
// incidents). When the record ties several
// cases together, they are one incident: the others are returned to be
// joined to the first, unless a person made or split them.
func (s *DB) findCase(ctx context.Context, tx *sql.Tx, r *casebook.Record, docID int64) (id string, join []string, err error) {
	// the cases of the document's other entries are other incidents
	seen := map[string]bool{}
	own, err := s.stmt(ctx, tx, `SELECT DISTINCT case_id FROM records WHERE document_id = ? AND case_id IS NOT NULL`)
	if err != nil {
		return "", nil, err
	}
	orows, err := own.QueryContext(ctx, docID)
	if err != nil {
		return "", nil, err
	}
	for orows.Next() {
		var cid string
		if err := orows.Scan(&cid); err != nil {
			orows.Close()
			return "", nil, err
		}
		seen[cid] = true
	}
	orows.Close()
	if err := orows.Err(); err != nil {
		return "", nil, err
	}
	var more []string // other cases the record ties to id
	err = s.incidentCandidates(ctx, tx, r, "", func(c candidate) bool {
		if seen[c.caseID] || c.doc == docID {
			return true
		}
		other := decodeMatch(c.match)
		if other == nil || !resolve.Same(r, other) {
			return true
		}
		seen[c.caseID] = true
		if id == "" {
			id = c.caseID
		} else {
			more = append(more, c.caseID)
		}
		return true
	})
	if err != nil {
		return "", nil, err
	}
	if len(more) == 0 {
		return id, nil, nil
	}
	// (rare: asked only when a record ties cases) a case a person made or
	// split stays as it is, and two cases holding entries of one page
	// stay apart: the page cut them as different incidents
	docs, err := s.caseDocuments(ctx, tx, id)
	if err != nil {
		return "", nil, err
	}
	for _, cid := range more {
		var manual int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT manual FROM cases WHERE id = ?`), cid).Scan(&manual); err != nil {
			return "", nil, fmt.Errorf("case %s: %w", cid, err)
		}
		if manual != 0 {
			continue
		}
		other, err := s.caseDocuments(ctx, tx, cid)
		if err != nil {
			return "", nil, err
		}
		if shareAny(docs, other) {
			continue
		}
		join = append(join, cid)
		for d := range other {
			docs[d] = true
		}
	}
	return id, join, nil
}

// caseDocuments is the set of documents a case's records come from.
func (s *DB) caseDocuments(ctx context.Context, tx *sql.Tx, id string) (map[int64]bool, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT document_id FROM records WHERE case_id = ?`), id)
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", id, err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var d int64
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out[d] = true
	}
	return out, rows.Err()
}

func shareAny(a, b map[int64]bool) bool {
	for d := range b {
		if a[d] {
			return true
		}
	}
	return false
}

// joinCases moves the records of cases into case id, with the people's
// corrections made on them; the emptied cases are refreshed (deleted) by
// the caller.
func (s *DB) joinCases(ctx context.Context, tx *sql.Tx, id string, cases []string) error {
	for _, from := range cases {
		if err := s.exec(ctx, tx, `UPDATE records SET case_id = ? WHERE case_id = ?`, id, from); err != nil {
			return fmt.Errorf("join case %s to %s: %w", from, id, err)
		}
		if err := s.exec(ctx, tx, `UPDATE changes SET case_id = ? WHERE case_id = ?`, id, from); err != nil {
			return fmt.Errorf("join case %s to %s: %w", from, id, err)
		}
	}
	return nil
}
