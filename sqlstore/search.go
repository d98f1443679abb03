package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"casebook"
	"casebook/index"
)

// Search implements casebook.Store with the index: each term is the
// intersection of its grams' bitmaps (confirmed against the text for terms
// of four characters or more), each filter a facet bitmap, the total the
// cardinality of their intersection, each facet count one more
// intersection, and the first page found by walking the months (or the
// bands of people affected) from the newest, so only the page's cases are
// sorted and read. The answers are those of SearchScan.
func (s *DB) Search(ctx context.Context, q casebook.SearchQuery) (*casebook.SearchResult, error) {
	st, err := s.cache.refresh(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	// the filters on the multi-valued fields apart from the rest: each of
	// those fields is counted over the result without its own filter
	r, err := s.filterSet(ctx, st, q)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	fields := st.fieldSets(q)
	variants := termVariants(q.Q)
	for _, alts := range variants {
		if r.IsEmpty() {
			break
		}
		m, err := s.termSet(ctx, st, alts, r, textSpace)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for _, n := range namedCodes(alts) {
			if bm := st.facets[n.key]; bm != nil {
				m.Or(roaring.And(bm, r))
			}
		}
		r.And(m)
	}
	base := r.Clone() // the text and every filter but the fields'
	for _, f := range fields {
		r.And(f.set)
	}
	res := newResult()
	res.Total = int(r.GetCardinality())
	st.countFacets(r, &res.Facets)
	for i, f := range fields {
		others := base.Clone()
		for j, g := range fields {
			if j != i {
				others.And(g.set)
			}
		}
		st.countField(others, f.field, &res.Facets)
	}
	// the page: by date or people affected; for relevance, the cases
	// whose title or organization holds the first term come first
	need := max(0, q.Offset) + pageLimit(q)
	var ordered []uint32
	if q.Sort == "relevance" && len(variants) > 0 && !r.IsEmpty() {
		if ordered, err = s.relevanceOrder(ctx, st, variants[0], r, q.Sort, need); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	} else {
		ordered = st.order(r, q.Sort, need)
	}
	from := min(max(0, q.Offset), len(ordered))
	page := ordered[from:min(from+pageLimit(q), len(ordered))]
	if err := s.loadPageIx(ctx, res, page); err != nil {
		return nil, err
	}
	return res, s.addSnippets(ctx, res.Cases, variants)
}

// filterSet is the live cases that pass the query's filters other than
// the multi-valued fields (fieldSets gives those).
func (s *DB) filterSet(ctx context.Context, st *cacheState, q casebook.SearchQuery) (*roaring.Bitmap, error) {
	r := st.all.Clone()
	anyOf := func(keys []index.Key) {
		r.And(st.union(keys))
	}
	if len(q.Kinds) > 0 {
		anyOf(codeKeys(casebook.Kinds, q.Kinds, index.KindKey))
	}
	if q.Reportable {
		anyOf(codeKeys(casebook.Flags, []string{casebook.FlagReportable}, index.FlagKey))
	}
	if q.Late {
		anyOf(codeKeys(casebook.Flags, []string{casebook.FlagLate}, index.FlagKey))
	}
	if q.NeedsReview {
		anyOf(codeKeys(casebook.Flags, []string{casebook.FlagReview}, index.FlagKey))
	}
	if q.Since != "" || q.Until != "" {
		r.And(st.dateRange(index.Date(q.Since), index.Date(q.Until), q.Until != ""))
	}
	if q.MinAffected > 0 {
		r.And(st.atLeast(q.MinAffected))
	}
	if q.Org != "" && !r.IsEmpty() {
		m, err := s.termSet(ctx, st, []string{Fold(q.Org)}, r, orgSpace)
		if err != nil {
			return nil, err
		}
		r.And(m)
	}
	return r, nil
}

// The text spaces a term is looked up in, and the column that confirms it
// (always, for the organization: its grams are the head's, which also
// holds the title).
type space struct {
	plan    func(string) index.Plan
	column  string
	confirm bool
}

var (
	textSpace = space{index.TextPlan, "search_text", false}
	headSpace = space{index.HeadPlan, "head_text", false}
	orgSpace  = space{index.HeadPlan, "org_norm", true}
)

// termSet is the cases among within whose text (in space) contains any of
// the alternatives.
func (s *DB) termSet(ctx context.Context, st *cacheState, alts []string, within *roaring.Bitmap, sp space) (*roaring.Bitmap, error) {
	out := roaring.New()
	for _, alt := range alts {
		cand, exact, err := s.candidates(ctx, st, alt, within, sp)
		if err != nil {
			return nil, err
		}
		if !exact {
			if cand, err = s.confirm(ctx, cand, alt, sp.column); err != nil {
				return nil, err
			}
		}
		out.Or(cand)
	}
	return out, nil
}

// candidates is the cases among within filed under every key of term's
// plan: exactly the cases containing it when exact, else a superset.
func (s *DB) candidates(ctx context.Context, st *cacheState, term string, within *roaring.Bitmap, sp space) (*roaring.Bitmap, bool, error) {
	p := sp.plan(term)
	cand := within.Clone()
	for _, k := range p.Keys {
		if cand.IsEmpty() {
			return cand, true, nil
		}
		bm, err := s.cache.gram(ctx, s, st, k)
		if err != nil {
			return nil, false, err
		}
		cand.And(bm)
	}
	return cand, cand.IsEmpty() || p.Exact && !sp.confirm, nil
}

// relevanceOrder returns the first n of r with the cases whose title or
// organization contains the term (any of alts) first. Only as many
// candidates are confirmed, in page order, as fill the n places: the
// page of a common term does not read every title that might hold it.
func (s *DB) relevanceOrder(ctx context.Context, st *cacheState, alts []string, r *roaring.Bitmap, by string, n int) ([]uint32, error) {
	cand := roaring.New()
	exact := true
	for _, alt := range alts {
		c, ex, err := s.candidates(ctx, st, alt, r, headSpace)
		if err != nil {
			return nil, err
		}
		cand.Or(c)
		exact = exact && ex
	}
	rest := func(head *roaring.Bitmap, ordered []uint32) []uint32 {
		if len(ordered) >= n {
			return ordered[:n]
		}
		return append(ordered, st.order(roaring.AndNot(r, head), by, n-len(ordered))...)
	}
	if exact {
		return rest(cand, st.order(cand, by, n)), nil
	}
	for k := max(n, 1); ; k *= 4 {
		top := st.order(cand, by, k)
		checked := roaring.BitmapOf(top...)
		head := roaring.New()
		for _, alt := range alts {
			m, err := s.confirm(ctx, checked, alt, headSpace.column)
			if err != nil {
				return nil, err
			}
			head.Or(m)
		}
		var ordered []uint32
		for _, ix := range top {
			if head.Contains(ix) {
				ordered = append(ordered, ix)
			}
		}
		if len(ordered) >= n {
			return ordered[:n], nil
		}
		if len(top) < k {
			return rest(head, ordered), nil // every candidate checked: head is exact
		}
	}
}

// confirm keeps the candidates whose text contains term. What was checked
// is remembered: a case's text never changes under one index number.
func (s *DB) confirm(ctx context.Context, cand *roaring.Bitmap, term, column string) (*roaring.Bitmap, error) {
	v := s.cache.verified(column + "\x00" + term)
	toCheck := roaring.AndNot(cand, v.checked)
	if !toCheck.IsEmpty() {
		matched := roaring.New()
		ids := toCheck.ToArray()
		for len(ids) > 0 {
			n := min(len(ids), 500)
			args := make([]any, n)
			for i, ix := range ids[:n] {
				args[i] = int64(ix)
			}
			rows, err := s.db.QueryContext(ctx, s.q(`SELECT ix, `+column+` FROM cases WHERE ix IN (`+placeholders(n)+`)`), args...)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var ix int64
				var packed []byte
				if err := rows.Scan(&ix, &packed); err != nil {
					rows.Close()
					return nil, err
				}
				text, err := unpack(packed)
				if err != nil {
					rows.Close()
					return nil, err
				}
				if strings.Contains(text, term) {
					matched.Add(uint32(ix))
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			ids = ids[n:]
		}
		s.cache.addVerified(column+"\x00"+term, toCheck, matched)
		v = s.cache.verified(column + "\x00" + term)
	}
	return roaring.And(cand, v.match), nil
}

// loadPageIx reads the page's cases whole, by index number.
func (s *DB) loadPageIx(ctx context.Context, res *casebook.SearchResult, page []uint32) error {
	if len(page) == 0 {
		return nil
	}
	args := make([]any, len(page))
	for i, ix := range page {
		args[i] = int64(ix)
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT ix, id, merged, documents, manual FROM cases WHERE ix IN (`+placeholders(len(page))+`)`), args...)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	byIx := map[int64]*casebook.Case{}
	for rows.Next() {
		var ix int64
		c, err := scanCase(rows, &ix)
		if err != nil {
			return err
		}
		byIx[ix] = c
	}
	for _, ix := range page {
		if c := byIx[int64(ix)]; c != nil {
			res.Cases = append(res.Cases, c)
		}
	}
	return rows.Err()
}

// The multi-valued fields a query filters on with "any of", whose facets
// count the result without their own filter (so a second value can be
// chosen: OR within a field, AND across).
const (
	fieldCause  = "cause"
	fieldItem   = "item"
	fieldSector = "sector"
	fieldOrg    = "org_kind"
	fieldYear   = "year"
)

type fieldSet struct {
	field string
	set   *roaring.Bitmap
}

// fieldSets are the cases passing each multi-valued field's filter, for
// the fields the query filters on.
func (st *cacheState) fieldSets(q casebook.SearchQuery) []fieldSet {
	var out []fieldSet
	add := func(field string, keys []index.Key) {
		out = append(out, fieldSet{field, st.union(keys)})
	}
	if len(q.Causes) > 0 {
		add(fieldCause, codeKeys(casebook.Causes, q.Causes, index.CauseKey))
	}
	if len(q.Items) > 0 {
		add(fieldItem, codeKeys(casebook.DataItems, q.Items, index.ItemKey))
	}
	if len(q.Sectors) > 0 {
		add(fieldSector, codeKeys(casebook.Sectors, q.Sectors, index.SectorKey))
	}
	if len(q.OrgKinds) > 0 {
		add(fieldOrg, codeKeys(casebook.OrgKinds, q.OrgKinds, index.OrgKindKey))
	}
	if len(q.Years) > 0 {
		var keys []index.Key
		for _, y := range q.Years {
			if n, err := strconv.Atoi(y); err == nil {
				keys = append(keys, index.YearKey(n))
			}
		}
		add(fieldYear, keys)
	}
	return out
}

// union is the cases filed under any of keys.
func (st *cacheState) union(keys []index.Key) *roaring.Bitmap {
	u := roaring.New()
	for _, k := range keys {
		if bm := st.facets[k]; bm != nil {
			u.Or(bm)
		}
	}
	return u
}

// codeKeys are the index keys of the codes vals of vocabulary v.
func codeKeys(v []casebook.Term, vals []string, key func(int) index.Key) []index.Key {
	var out []index.Key
	for _, c := range vals {
		for i, t := range v {
			if t.Code == c {
				out = append(out, key(i))
			}
		}
	}
	return out
}

// countFacets counts the result by cause, data item, sector, year and flag.
func (st *cacheState) countFacets(r *roaring.Bitmap, f *casebook.Facets) {
	for _, field := range []string{fieldCause, fieldItem, fieldSector, fieldOrg, fieldYear} {
		st.countField(r, field, f)
	}
	st.count(r, f.Flags, casebook.Flags, index.FlagKey)
	if !r.IsEmpty() {
		for _, n := range casebook.SizeThresholds {
			if c := int(r.AndCardinality(st.atLeast(n))); c > 0 {
				f.Sizes[strconv.FormatInt(n, 10)] = c
			}
		}
	}
}

// countField counts r by one field, replacing that field's counts.
func (st *cacheState) countField(r *roaring.Bitmap, field string, f *casebook.Facets) {
	switch field {
	case fieldCause:
		clear(f.Causes)
		st.count(r, f.Causes, casebook.Causes, index.CauseKey)
	case fieldItem:
		clear(f.DataItems)
		st.count(r, f.DataItems, casebook.DataItems, index.ItemKey)
	case fieldSector:
		clear(f.Sectors)
		st.count(r, f.Sectors, casebook.Sectors, index.SectorKey)
	case fieldOrg:
		clear(f.OrgKinds)
		st.count(r, f.OrgKinds, casebook.OrgKinds, index.OrgKindKey)
	case fieldYear:
		clear(f.Years)
		if r.IsEmpty() {
			return
		}
		for _, y := range st.years {
			if n := int(r.AndCardinality(st.facets[index.YearKey(y)])); n > 0 {
				f.Years[strconv.Itoa(y)] = n
			}
		}
	}
}

func (st *cacheState) count(r *roaring.Bitmap, m map[string]int, v []casebook.Term, key func(int) index.Key) {
	if r.IsEmpty() {
		return
	}
	for i, t := range v {
		if bm := st.facets[key(i)]; bm != nil {
			if n := int(r.AndCardinality(bm)); n > 0 {
				m[t.Code] = n
			}
		}
	}
}

// order returns up to n members of r in the search order (by date, or by
// people affected when by is "affected"), walking the months or bands
// from the top so only the cases that can reach the page are sorted.
func (st *cacheState) order(r *roaring.Bitmap, by string, n int) []uint32 {
	var out []uint32
	take := func(group *roaring.Bitmap) bool {
		if group.IsEmpty() {
			return len(out) >= n
		}
		ixs := group.ToArray()
		slices.SortFunc(ixs, func(a, b uint32) int { return st.compare(a, b, by) })
		out = append(out, ixs...)
		return len(out) >= n
	}
	if by == "affected" {
		for b := index.Bands() - 1; b >= 0; b-- {
			if bm := st.facets[index.BandKey(b)]; bm != nil && take(roaring.And(r, bm)) {
				return out[:n]
			}
		}
		r = roaring.AndNot(r, st.withAffected)
	}
	for _, mk := range st.months {
		if take(roaring.And(r, st.facets[mk])) {
			return out[:n]
		}
	}
	if bm := st.facets[index.KeyNoDate]; bm != nil {
		take(roaring.And(r, bm))
	}
	return out[:min(n, len(out))]
}

// compare orders two cases as sortHits does.
func (st *cacheState) compare(a, b uint32, by string) int {
	ea, eb := st.entry(a), st.entry(b)
	if by == "affected" && ea.affected != eb.affected {
		if (ea.affected < 0) != (eb.affected < 0) {
			if ea.affected >= 0 {
				return -1
			}
			return 1
		}
		if ea.affected > eb.affected {
			return -1
		}
		return 1
	}
	if ea.date != eb.date {
		if (ea.date == 0) != (eb.date == 0) {
			if ea.date != 0 {
				return -1
			}
			return 1
		}
		if ea.date > eb.date {
			return -1
		}
		return 1
	}
	if a > b {
		return -1
	}
	if a < b {
		return 1
	}
	return 0
}

// dateRange is the cases dated from since to until (0: open), exactly.
func (st *cacheState) dateRange(since, until uint32, hasUntil bool) *roaring.Bitmap {
	if !hasUntil {
		until = 99991231
	}
	out := roaring.New()
	for _, mk := range st.months {
		y, m, _ := index.MonthOf(mk)
		lo, hi := uint32(y*10000+m*100+1), uint32(y*10000+m*100+31)
		switch {
		case hi < since || lo > until:
		case lo >= since && hi <= until:
			out.Or(st.facets[mk])
		default:
			it := st.facets[mk].Iterator()
			for it.HasNext() {
				ix := it.Next()
				if d := st.entry(ix).date; d >= since && d <= until {
					out.Add(ix)
				}
			}
		}
	}
	return out
}

// atLeast is the cases with at least n people affected, exactly.
func (st *cacheState) atLeast(n int64) *roaring.Bitmap {
	out := roaring.New()
	for b := index.Band(n); b < index.Bands(); b++ {
		bm := st.facets[index.BandKey(b)]
		if bm == nil {
			continue
		}
		if index.BandLow(b) >= n {
			out.Or(bm)
			continue
		}
		it := bm.Iterator()
		for it.HasNext() {
			ix := it.Next()
			if st.entry(ix).affected >= n {
				out.Add(ix)
			}
		}
	}
	return out
}

// ensureIndex builds the index when the database has cases but no index
// of this version (a database from before the index, or after a change of
// keys): every case is refiled, in batches.
func (s *DB) ensureIndex(ctx context.Context) error {
	var version int
	err := s.db.QueryRowContext(ctx, `SELECT version FROM idx_state WHERE id = 1`).Scan(&version)
	if err == sql.ErrNoRows {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO idx_state (id, version, next_ix, next_seg) VALUES (1, 0, 0, 0)`); err != nil {
			return fmt.Errorf("index state: %w", err)
		}
	} else if err != nil {
		return fmt.Errorf("index state: %w", err)
	}
	if version == index.Version {
		return nil
	}
	return s.Reindex(ctx)
}

// Reindex refiles every case in a fresh index (with its merged view and
// columns recomputed from its records).
func (s *DB) Reindex(ctx context.Context) error {
	var ids []string
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM cases ORDER BY n`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if s.log != nil && len(ids) > 0 {
		s.log("building the search index", "cases", len(ids))
	}
	tx, end, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	for _, q := range []string{`DELETE FROM idx_postings`, `DELETE FROM idx_segs`, `UPDATE cases SET ix = NULL`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			end()
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE idx_state SET version = 0 WHERE id = 1`); err != nil {
		end()
		return err
	}
	for i, id := range ids {
		if err := s.refreshCase(ctx, tx, id); err != nil {
			end()
			return err
		}
		if (i+1)%2000 == 0 {
			if err := s.flushIndex(ctx, tx); err != nil {
				end()
				return err
			}
			if err := tx.Commit(); err != nil {
				end()
				return err
			}
			end()
			if tx, end, err = s.beginWrite(ctx); err != nil {
				return err
			}
		}
	}
	if err := s.flushIndex(ctx, tx); err != nil {
		end()
		return err
	}
	// the version last: an index half built is built again
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE idx_state SET version = ? WHERE id = 1`), index.Version); err != nil {
		end()
		return err
	}
	if err := tx.Commit(); err != nil {
		end()
		return err
	}
	end()
	s.cache.reset()
	return s.Compact(ctx, false)
}
