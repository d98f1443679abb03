package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"casebook"
	"casebook/jtext"
)

// SearchScan answers a query by reading every case: a substring test of
// each term on the case's text, the filters on its columns. It is the
// reference the index is tested against (the same answers, in the same
// order) and the baseline the benchmark measures.
func (s *DB) SearchScan(ctx context.Context, q casebook.SearchQuery) (*casebook.SearchResult, error) {
	// the multi-valued fields are tested here: each is counted over the
	// cases that pass every other filter (as Search does)
	rest := q
	rest.Causes, rest.Items, rest.Sectors, rest.OrgKinds, rest.Years = nil, nil, nil, nil, nil
	where, args := s.conditions(rest)
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT c.ix, c.id, COALESCE(c.sector, ''), COALESCE(c.year, ''), COALESCE(c.case_date, ''),
		c.affected, c.codes, c.head_text, c.search_text FROM cases c WHERE `+where), args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res := newResult()
	variants := termVariants(q.Q)
	var hits []hit
	for rows.Next() {
		var h hit
		var ix sql.NullInt64
		var sector, year, codes, head string
		var packed []byte
		if err := rows.Scan(&ix, &h.id, &sector, &year, &h.date, &h.affected, &codes, &head, &packed); err != nil {
			rows.Close()
			return nil, err
		}
		if len(variants) > 0 {
			// (the text is stored packed: the terms are tested here)
			text, err := unpack(packed)
			if err != nil {
				rows.Close()
				return nil, err
			}
			if !matchesEvery(text, codes, sector, variants) {
				continue
			}
		}
		h.ix = ix.Int64
		pass := map[string]bool{
			fieldCause:  len(q.Causes) == 0 || anyCode(codes, "c:", q.Causes),
			fieldItem:   len(q.Items) == 0 || anyCode(codes, "i:", q.Items),
			fieldSector: len(q.Sectors) == 0 || slices.Contains(q.Sectors, sector),
			fieldOrg:    len(q.OrgKinds) == 0 || anyCode(codes, "o:", q.OrgKinds),
			fieldYear:   len(q.Years) == 0 || slices.Contains(q.Years, year),
		}
		// counted for field f when every field but f passes
		countable := func(f string) bool {
			for g, ok := range pass {
				if g != f && !ok {
					return false
				}
			}
			return true
		}
		if sector != "" && countable(fieldSector) {
			res.Facets.Sectors[sector]++
		}
		if year != "" && countable(fieldYear) {
			res.Facets.Years[year]++
		}
		all := countable("")
		for _, c := range strings.Fields(codes) {
			if v, ok := strings.CutPrefix(c, "c:"); ok && countable(fieldCause) {
				res.Facets.Causes[v]++
			} else if v, ok := strings.CutPrefix(c, "i:"); ok && countable(fieldItem) {
				res.Facets.DataItems[v]++
			} else if v, ok := strings.CutPrefix(c, "f:"); ok && all {
				res.Facets.Flags[v]++
			} else if v, ok := strings.CutPrefix(c, "o:"); ok && countable(fieldOrg) {
				res.Facets.OrgKinds[v]++
			}
		}
		if !all {
			continue
		}
		for _, n := range casebook.SizeThresholds {
			if h.affected.Valid && h.affected.Int64 >= n {
				res.Facets.Sizes[strconv.FormatInt(n, 10)]++
			}
		}
		if q.Sort == "relevance" && len(variants) > 0 && containsAny(head, variants[0]) {
			h.rel = 1
		}
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res.Total = len(hits)
	sortHits(hits, q.Sort)
	page := pageOf(hits, q)
	if err := s.loadPage(ctx, res, page); err != nil {
		return nil, err
	}
	return res, s.addSnippets(ctx, res.Cases, variants)
}

// hit is a matching case with what orders it.
type hit struct {
	ix       int64
	id, date string
	affected sql.NullInt64
	rel      int
}

func newResult() *casebook.SearchResult {
	return &casebook.SearchResult{Cases: []*casebook.Case{}, Facets: casebook.Facets{
		Causes: map[string]int{}, DataItems: map[string]int{}, Sectors: map[string]int{}, Years: map[string]int{},
		OrgKinds: map[string]int{}, Flags: map[string]int{}, Sizes: map[string]int{}}}
}

// sortHits orders a result: by relevance first when asked (the first term
// in the title or organization), then by people affected (when asked) or
// by date, newest first, cases without them last, then the most recently
// indexed first.
func sortHits(hits []hit, by string) {
	sort.Slice(hits, func(i, j int) bool { return hitLess(&hits[i], &hits[j], by) })
}

func hitLess(a, b *hit, by string) bool {
	if a.rel != b.rel {
		return a.rel > b.rel
	}
	if by == "affected" && a.affected != b.affected {
		if a.affected.Valid != b.affected.Valid {
			return a.affected.Valid
		}
		return a.affected.Int64 > b.affected.Int64
	}
	if a.date != b.date {
		if (a.date == "") != (b.date == "") {
			return a.date != ""
		}
		return a.date > b.date
	}
	return a.ix > b.ix
}

// pageLimit is a query's page size.
func pageLimit(q casebook.SearchQuery) int {
	if q.Limit <= 0 || q.Limit > 1000 {
		return 20
	}
	return q.Limit
}

func pageOf(hits []hit, q casebook.SearchQuery) []hit {
	from := min(max(0, q.Offset), len(hits))
	return hits[from:min(from+pageLimit(q), len(hits))]
}

// loadPage reads the page's cases whole.
func (s *DB) loadPage(ctx context.Context, res *casebook.SearchResult, page []hit) error {
	if len(page) == 0 {
		return nil
	}
	ids := make([]any, len(page))
	for i, h := range page {
		ids[i] = h.id
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, merged, documents, manual FROM cases WHERE id IN (`+placeholders(len(ids))+`)`), ids...)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	byID := map[string]*casebook.Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return err
		}
		byID[c.ID] = c
	}
	for _, h := range page {
		if c := byID[h.id]; c != nil {
			res.Cases = append(res.Cases, c)
		}
	}
	return rows.Err()
}

// Terms splits a query into the folded terms it must contain.
func Terms(q string) []string { return strings.Fields(Fold(q)) }

// termVariants is each term of a query with its spelling variants (any of
// them will do): 漏洩 for 漏えい, 改竄 for 改ざん, ウエア for ウェア.
func termVariants(q string) [][]string {
	var out [][]string
	for _, t := range Terms(q) {
		out = append(out, Variants(t))
	}
	return out
}

// matchesEvery: every term has an alternative in the text or names a
// category the case is coded as.
func matchesEvery(text, codes, sector string, terms [][]string) bool {
	for _, alts := range terms {
		if !containsAny(text, alts) && !codedAs(codes, sector, namedCodes(alts)) {
			return false
		}
	}
	return true
}

func containsAny(s string, alts []string) bool {
	for _, a := range alts {
		if strings.Contains(s, a) {
			return true
		}
	}
	return false
}

// conditions is the WHERE clause of the plain scan.
func (s *DB) conditions(q casebook.SearchQuery) (string, []any) {
	conds := []string{"1=1"}
	var args []any
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+placeholders(len(vals))+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	codedAny := func(prefix string, vals []string) {
		if len(vals) == 0 {
			return
		}
		var or []string
		for _, v := range vals {
			or = append(or, s.d.Position+"(c.codes, ?) > 0")
			args = append(args, " "+prefix+":"+v+" ")
		}
		conds = append(conds, "("+strings.Join(or, " OR ")+")")
	}
	codedAny("c", q.Causes)
	codedAny("i", q.Items)
	if q.Reportable {
		codedAny("f", []string{casebook.FlagReportable})
	}
	if q.Late {
		codedAny("f", []string{casebook.FlagLate})
	}
	if q.NeedsReview {
		codedAny("f", []string{casebook.FlagReview})
	}
	in("c.sector", q.Sectors)
	in("c.kind", q.Kinds)
	in("c.year", q.Years)
	if q.Since != "" {
		conds = append(conds, "c.case_date >= ?")
		args = append(args, q.Since)
	}
	if q.Until != "" {
		conds = append(conds, "c.case_date <= ?")
		args = append(args, q.Until)
	}
	if q.MinAffected > 0 {
		conds = append(conds, "c.affected >= ?")
		args = append(args, q.MinAffected)
	}
	if q.Org != "" {
		conds = append(conds, s.d.Position+"(c.org_norm, ?) > 0")
		args = append(args, Fold(q.Org))
	}
	return strings.Join(conds, " AND "), args
}

// snippetWidth is how many characters of a hit's text a result shows.
const snippetWidth = 120

// addSnippets gives every case of a page the piece of its notices' text
// around the query's first match (or the start of the text).
func (s *DB) addSnippets(ctx context.Context, cases []*casebook.Case, variants [][]string) error {
	if len(cases) == 0 {
		return nil
	}
	var terms []string
	for _, alts := range variants {
		terms = append(terms, alts...)
	}
	ids := make([]any, len(cases))
	byID := map[string]*casebook.Case{}
	for i, c := range cases {
		ids[i] = c.ID
		byID[c.ID] = c
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT r.case_id, r.document_id, r.record, d.text FROM records r
		JOIN documents d ON d.id = r.document_id WHERE r.case_id IN (`+placeholders(len(ids))+`) ORDER BY r.id`), ids...)
	if err != nil {
		return fmt.Errorf("snippets: %w", err)
	}
	defer rows.Close()
	texts := map[int64]string{}
	done := map[string]bool{}
	for rows.Next() {
		var id string
		var docID int64
		var rec, text []byte
		if err := rows.Scan(&id, &docID, &rec, &text); err != nil {
			return err
		}
		c := byID[id]
		if c == nil || done[id] {
			continue
		}
		var r struct {
			Span casebook.Span `json:"span"`
		}
		if err := unmarshalPacked(rec, &r); err != nil {
			return fmt.Errorf("snippets: case %s: %w", id, err)
		}
		doc, ok := texts[docID]
		if !ok {
			if doc, err = unpack(text); err != nil {
				return fmt.Errorf("snippets: case %s: %w", id, err)
			}
			texts[docID] = doc
		}
		snip, marks := jtext.Snippet(spanText(doc, r.Span), terms, snippetWidth)
		if c.Snippet == "" || len(marks) > 0 {
			c.Snippet, c.SnippetMarks = snip, marks
		}
		done[id] = len(marks) > 0 || len(terms) == 0 // a later source may hold the match
	}
	return rows.Err()
}

// anyCode reports whether the case's codes (" c:loss i:name …") hold any
// of vals under prefix.
func anyCode(codes, prefix string, vals []string) bool {
	for _, v := range vals {
		if strings.Contains(" "+codes+" ", " "+prefix+v+" ") {
			return true
		}
	}
	return false
}
