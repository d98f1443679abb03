// Package sqlstore is casebook's Store over database/sql, shared by the
// SQLite and PostgreSQL packages. Both keep the same tables and answer
// searches identically: full text has substring semantics (a Japanese
// query of two characters such as 誤送 finds every case containing it),
// served by an FTS5 trigram index on SQLite and a pg_trgm index on
// PostgreSQL, and always confirmed by a real substring test.
package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"casebook"
	"casebook/jtext"
)

// Dialect is what differs between the databases.
type Dialect struct {
	Name     string
	Schema   []string
	Position string // instr or strpos: 1-based position of a substring, 0 when absent
	Dollar   bool   // $1 placeholders
	// TextFilter returns a condition that c.search_text contains the
	// (normalized) term, and its arguments.
	TextFilter func(term string) (string, []any)
	// IndexCase updates the full-text index of a case (SQLite's FTS5);
	// fresh says the case was never indexed.
	IndexCase func(ctx context.Context, tx *sql.Tx, n int64, text string, fresh bool) error
}

// DB is a casebook database.
type DB struct {
	db    *sql.DB
	d     Dialect
	mu    sync.Mutex
	stmts map[*sql.Tx]map[string]*sql.Stmt
}

// stmt returns the statement for query, prepared once per transaction:
// an ingest batch runs the same few statements hundreds of times, and
// preparing each anew was most of its cost.
func (s *DB) stmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	query = s.q(query)
	s.mu.Lock()
	if s.stmts == nil {
		s.stmts = map[*sql.Tx]map[string]*sql.Stmt{}
	}
	m := s.stmts[tx]
	if m == nil {
		m = map[string]*sql.Stmt{}
		s.stmts[tx] = m
	}
	st := m[query]
	s.mu.Unlock()
	if st != nil {
		return st, nil
	}
	st, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	m[query] = st
	s.mu.Unlock()
	return st, nil
}

// begin starts a transaction; end forgets its statements (the driver
// closes them with the transaction).
func (s *DB) begin(ctx context.Context) (*sql.Tx, func(), error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	return tx, func() {
		tx.Rollback()
		s.mu.Lock()
		delete(s.stmts, tx)
		s.mu.Unlock()
	}, nil
}

// exec runs a cached statement in tx.
func (s *DB) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	st, err := s.stmt(ctx, tx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// New wraps an open database and creates the tables when missing.
func New(ctx context.Context, db *sql.DB, d Dialect) (*DB, error) {
	s := &DB{db: db, d: d}
	for _, q := range d.Schema {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("create schema (%s): %w", firstLine(q), err)
		}
	}
	return s, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// SQL returns the underlying database (for tests and benchmarks).
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// q rewrites ? placeholders for PostgreSQL.
func (s *DB) q(query string) string {
	if !s.d.Dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// Add implements casebook.Store.
func (s *DB) Add(ctx context.Context, docs []casebook.NewDocument) (stored []bool, caseIDs []string, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	stored = make([]bool, len(docs))
	defer tx.Rollback()
	touched := map[string]bool{}
	for di, d := range docs {
		var docID int64
		ins, err := s.stmt(ctx, tx, `INSERT INTO documents (sha256, path, fetched_at, format, encoding, meta, text)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id`)
		if err != nil {
			return nil, nil, err
		}
		meta, _ := json.Marshal(docMeta{Headings: d.Headings, PageTitle: d.PageTitle})
		err = ins.QueryRowContext(ctx, d.SHA256, d.PathOrURL, d.FetchedAt.UTC().Format(time.RFC3339), d.Format, d.Encoding, string(meta), d.Text).Scan(&docID)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("store %s: %w", d.PathOrURL, err)
		}
		stored[di] = true
		for i := range d.Records {
			id, err := s.insertRecord(ctx, tx, docID, i, &d.Records[i], d.SHA256)
			if err != nil {
				return nil, nil, fmt.Errorf("store %s: %w", d.PathOrURL, err)
			}
			if id != "" {
				touched[id] = true
			}
		}
	}
	for id := range touched {
		if err := s.refreshCase(ctx, tx, id); err != nil {
			return nil, nil, err
		}
		caseIDs = append(caseIDs, id)
	}
	sort.Strings(caseIDs)
	return stored, caseIDs, tx.Commit()
}

// insertRecord stores one record and places it in a case; it returns the
// case id ("" for non-incidents).
func (s *DB) insertRecord(ctx context.Context, tx *sql.Tx, docID int64, seq int, r *casebook.Record, docHash string) (string, error) {
	js, err := json.Marshal(r)
	if err != nil {
		return "", err
	}
	key := casebook.OrgKey(r.Organization)
	caseID := ""
	if r.IsIncident() {
		caseID, err = s.findCase(ctx, tx, r, key)
		if err != nil {
			return "", err
		}
		if caseID == "" {
			caseID = newCaseID(docHash, seq)
			if err := s.exec(ctx, tx, `INSERT INTO cases (id, org_key, merged, search_text) VALUES (?, ?, '{}', '')
				ON CONFLICT (id) DO NOTHING`, caseID, key); err != nil {
				return "", err
			}
		}
	}
	var cid any
	if caseID != "" {
		cid = caseID
	}
	err = s.exec(ctx, tx, `INSERT INTO records (document_id, seq, case_id, kind, org_key, record) VALUES (?, ?, ?, ?, ?, ?)`,
		docID, seq, cid, string(r.Kind), key, string(js))
	return caseID, err
}

// findCase finds the case of an earlier record about the same incident.
func (s *DB) findCase(ctx context.Context, tx *sql.Tx, r *casebook.Record, key string) (string, error) {
	if key == "" {
		return "", nil
	}
	q, err := s.stmt(ctx, tx, `SELECT case_id, record FROM records WHERE org_key = ? AND case_id IS NOT NULL ORDER BY id`)
	if err != nil {
		return "", err
	}
	rows, err := q.QueryContext(ctx, key)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var id, js string
		if err := rows.Scan(&id, &js); err != nil {
			return "", err
		}
		var other casebook.Record
		if json.Unmarshal([]byte(js), &other) == nil && casebook.SameIncident(r, &other) {
			return id, nil
		}
	}
	return "", rows.Err()
}

var b32 = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// newCaseID is stable: the same document and record make the same id.
func newCaseID(docHash string, seq int) string {
	h := sha256.Sum256([]byte(docHash + "#" + strconv.Itoa(seq)))
	return "c" + b32.EncodeToString(h[:8])
}

type storedRecord struct {
	id     int64
	docID  int64
	seq    int
	rec    casebook.Record
	path   string
	hash   string
	at     string
	text   string // the document's text, when loaded
	manual bool
}

func (s *DB) caseRecords(ctx context.Context, q queryer, caseID string, withText bool) ([]storedRecord, error) {
	textCol := "''"
	if withText {
		textCol = "d.text"
	}
	query := `SELECT r.id, r.document_id, r.seq, r.record, d.path, d.sha256, d.fetched_at, ` + textCol + `
		FROM records r JOIN documents d ON d.id = r.document_id WHERE r.case_id = ? ORDER BY r.id`
	var rows *sql.Rows
	var err error
	if tx, ok := q.(*sql.Tx); ok {
		st, perr := s.stmt(ctx, tx, query)
		if perr != nil {
			return nil, perr
		}
		rows, err = st.QueryContext(ctx, caseID)
	} else {
		rows, err = q.QueryContext(ctx, s.q(query), caseID)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedRecord
	for rows.Next() {
		var sr storedRecord
		var js string
		if err := rows.Scan(&sr.id, &sr.docID, &sr.seq, &js, &sr.path, &sr.hash, &sr.at, &sr.text); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(js), &sr.rec); err != nil {
			return nil, fmt.Errorf("record %d: %w", sr.id, err)
		}
		out = append(out, sr)
	}
	return out, rows.Err()
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// refreshCase recomputes a case's merged view, facets and index from its
// records; a case left without records is deleted.
func (s *DB) refreshCase(ctx context.Context, tx *sql.Tx, id string) error {
	recs, err := s.caseRecords(ctx, tx, id, true)
	if err != nil {
		return err
	}
	if err := s.exec(ctx, tx, `DELETE FROM case_facets WHERE case_id = ?`, id); err != nil {
		return err
	}
	var n int64
	var oldSearch string
	sel, err := s.stmt(ctx, tx, `SELECT n, search_text FROM cases WHERE id = ?`)
	if err != nil {
		return err
	}
	if err := sel.QueryRowContext(ctx, id).Scan(&n, &oldSearch); err != nil {
		return fmt.Errorf("case %s: %w", id, err)
	}
	wasEmpty := oldSearch == ""
	if len(recs) == 0 {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM cases WHERE id = ?`), id); err != nil {
			return err
		}
		if s.d.IndexCase != nil {
			return s.d.IndexCase(ctx, tx, n, "", false)
		}
		return nil
	}
	ptrs := make([]*casebook.Record, len(recs))
	var text strings.Builder
	docs := map[int64]bool{}
	for i := range recs {
		ptrs[i] = &recs[i].rec
		docs[recs[i].docID] = true
		text.WriteString(recs[i].rec.Title)
		text.WriteString("\n")
		text.WriteString(recs[i].rec.Organization)
		text.WriteString("\n")
		text.WriteString(spanText(recs[i].text, recs[i].rec.Span))
		text.WriteString("\n")
	}
	m := casebook.Merge(ptrs)
	m.File = ""
	js, err := json.Marshal(m)
	if err != nil {
		return err
	}
	date := m.Date()
	year := ""
	if len(date) >= 4 {
		year = date[:4]
	}
	var affected any
	if m.Affected != nil && m.Affected.Count != nil {
		affected = *m.Affected.Count
	}
	search := Fold(text.String())
	head := Fold(m.Title + "\n" + m.Organization)
	var codes strings.Builder
	for _, c := range m.Causes {
		codes.WriteString("c:" + c + " ")
	}
	for _, c := range m.DataItems {
		codes.WriteString("i:" + c + " ")
	}
	if err := s.exec(ctx, tx, `UPDATE cases SET org_key = ?, merged = ?, kind = ?, title = ?, organization = ?, org_norm = ?, sector = ?,
		case_date = ?, year = ?, affected = ?, documents = ?, search_text = ?, head_text = ?, codes = ? WHERE id = ?`,
		casebook.OrgKey(m.Organization), string(js), string(m.Kind), m.Title, m.Organization, Fold(m.Organization), m.Sector,
		nullable(date), nullable(year), affected, len(docs), search, head, codes.String(), id); err != nil {
		return err
	}
	facets := map[[2]string]bool{}
	for _, c := range m.Causes {
		facets[[2]string{"cause", c}] = true
	}
	for _, c := range m.DataItems {
		facets[[2]string{"item", c}] = true
	}
	for f := range facets {
		if err := s.exec(ctx, tx, `INSERT INTO case_facets (case_id, facet, value) VALUES (?, ?, ?)`, id, f[0], f[1]); err != nil {
			return err
		}
	}
	if s.d.IndexCase != nil {
		return s.d.IndexCase(ctx, tx, n, search, wasEmpty)
	}
	return nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// spanText returns the code points [span) of text.
func spanText(text string, sp casebook.Span) string {
	i, start, end := 0, -1, len(text)
	for bi := range text {
		if i == sp.Start {
			start = bi
		}
		if i == sp.End {
			end = bi
			break
		}
		i++
	}
	if start < 0 {
		return ""
	}
	return text[start:end]
}

// Fold is the form text is searched in: NFKC, lower case.
func Fold(s string) string { return strings.ToLower(jtext.NormString(s)) }

// Case implements casebook.Store.
func (s *DB) Case(ctx context.Context, id string) (*casebook.Case, error) {
	var js string
	var docs int
	var manual int
	err := s.db.QueryRowContext(ctx, s.q(`SELECT merged, documents, manual FROM cases WHERE id = ?`), id).Scan(&js, &docs, &manual)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, casebook.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	c := &casebook.Case{ID: id, Documents: docs, Manual: manual != 0}
	if err := json.Unmarshal([]byte(js), &c.Record); err != nil {
		return nil, fmt.Errorf("case %s: %w", id, err)
	}
	recs, err := s.caseRecords(ctx, s.db, id, false)
	if err != nil {
		return nil, err
	}
	for _, sr := range recs {
		at, _ := time.Parse(time.RFC3339, sr.at)
		rec := sr.rec
		src := casebook.Source{ID: "r" + strconv.FormatInt(sr.id, 10), PathOrURL: sr.path, FetchedAt: at, SHA256: sr.hash,
			Kind: rec.Kind, Span: rec.Span, Title: rec.Title, Date: rec.Date(), Record: &rec, DocID: sr.docID}
		c.Sources = append(c.Sources, src)
		if rec.Dates != nil {
			for _, f := range casebook.DateFields {
				if p := *rec.Dates.Field(f); p != nil {
					c.Timeline = append(c.Timeline, casebook.TimelineEntry{Date: *p, Event: f, Source: src.ID})
				}
			}
		}
	}
	sort.SliceStable(c.Timeline, func(i, j int) bool { return c.Timeline[i].Date < c.Timeline[j].Date })
	c.Timeline = dedupeTimeline(c.Timeline)
	return c, nil
}

func dedupeTimeline(tl []casebook.TimelineEntry) []casebook.TimelineEntry {
	seen := map[string]bool{}
	out := tl[:0]
	for _, e := range tl {
		k := e.Date + e.Event
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

// DocumentText returns a stored document's text.
func (s *DB) DocumentText(ctx context.Context, docID int64) (string, error) {
	var t string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT text FROM documents WHERE id = ?`), docID).Scan(&t)
	return t, err
}

// EachCase implements casebook.Store.
func (s *DB) EachCase(ctx context.Context, fn func(*casebook.Case) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, merged, documents, manual FROM cases ORDER BY n`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, js string
		var docs, manual int
		if err := rows.Scan(&id, &js, &docs, &manual); err != nil {
			return err
		}
		c := &casebook.Case{ID: id, Documents: docs, Manual: manual != 0}
		if err := json.Unmarshal([]byte(js), &c.Record); err != nil {
			return fmt.Errorf("case %s: %w", id, err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// docMeta is what the documents.meta column holds.
type docMeta struct {
	Headings  []int  `json:"headings,omitempty"`
	PageTitle string `json:"page_title,omitempty"`
}

// EachDocument implements casebook.Store.
func (s *DB) EachDocument(ctx context.Context, fn func(*casebook.Document) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, sha256, path, fetched_at, format, encoding, meta, text FROM documents ORDER BY id`)
	if err != nil {
		return err
	}
	var docs []*casebook.Document
	for rows.Next() {
		d := &casebook.Document{}
		var at, meta string
		if err := rows.Scan(&d.ID, &d.SHA256, &d.PathOrURL, &at, &d.Format, &d.Encoding, &meta, &d.Text); err != nil {
			rows.Close()
			return err
		}
		var m docMeta
		if json.Unmarshal([]byte(meta), &m) == nil {
			d.Headings, d.PageTitle = m.Headings, m.PageTitle
		}
		d.FetchedAt, _ = time.Parse(time.RFC3339, at)
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range docs {
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceRecords implements casebook.Store: the document's records are
// replaced in one transaction and the cases they belonged to are regrouped.
func (s *DB) ReplaceRecords(ctx context.Context, docID int64, recs []casebook.Record) error {
	tx, end, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer end()
	var hash string
	if err := tx.QueryRowContext(ctx, s.q(`SELECT sha256 FROM documents WHERE id = ?`), docID).Scan(&hash); err != nil {
		return fmt.Errorf("document %d: %w", docID, err)
	}
	old := map[string]bool{}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT DISTINCT case_id FROM records WHERE document_id = ? AND case_id IS NOT NULL`), docID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		old[id] = true
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM records WHERE document_id = ?`), docID); err != nil {
		return err
	}
	for i := range recs {
		id, err := s.insertRecord(ctx, tx, docID, i, &recs[i], hash)
		if err != nil {
			return err
		}
		if id != "" {
			old[id] = true
		}
	}
	for id := range old {
		if err := s.refreshCase(ctx, tx, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Merge implements casebook.Store.
func (s *DB) Merge(ctx context.Context, a, b string) (*casebook.Case, error) {
	if a == b {
		return nil, fmt.Errorf("merge: %s and %s are the same case", a, b)
	}
	tx, end, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	for _, id := range []string{a, b} {
		var x int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT 1 FROM cases WHERE id = ?`), id).Scan(&x); err != nil {
			return nil, fmt.Errorf("merge: %s: %w", id, casebook.ErrNotFound)
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE records SET case_id = ? WHERE case_id = ?`), a, b); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE cases SET manual = 1 WHERE id = ?`), a); err != nil {
		return nil, err
	}
	for _, id := range []string{b, a} {
		if err := s.refreshCase(ctx, tx, id); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return s.Case(ctx, a)
}

// Split implements casebook.Store: every record but the first gets a case
// of its own, marked as fixed by a person.
func (s *DB) Split(ctx context.Context, id string) ([]string, error) {
	tx, end, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	recs, err := s.caseRecords(ctx, tx, id, false)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("split: %s: %w", id, casebook.ErrNotFound)
	}
	ids := []string{id}
	for _, sr := range recs[1:] {
		nid := newCaseID(sr.hash, sr.seq)
		if nid == id {
			nid = newCaseID(sr.hash+"/split", sr.seq)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO cases (id, org_key, merged, search_text, manual) VALUES (?, ?, '{}', '', 1)
			ON CONFLICT (id) DO UPDATE SET manual = 1`), nid, casebook.OrgKey(sr.rec.Organization)); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE records SET case_id = ? WHERE id = ?`), nid, sr.id); err != nil {
			return nil, err
		}
		ids = append(ids, nid)
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE cases SET manual = 1 WHERE id = ?`), id); err != nil {
		return nil, err
	}
	for _, x := range ids {
		if err := s.refreshCase(ctx, tx, x); err != nil {
			return nil, err
		}
	}
	return ids, tx.Commit()
}

// Counts implements casebook.Store.
func (s *DB) Counts(ctx context.Context) (cases, documents int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM documents)`).Scan(&cases, &documents)
	return
}

// Search implements casebook.Store. One query reads the compact columns
// of every matching case; facets, order and paging are done here, and only
// the page's cases are read whole. (Separate SQL for the count, each facet
// and the page scanned the matches five times.)
func (s *DB) Search(ctx context.Context, q casebook.SearchQuery) (*casebook.SearchResult, error) {
	where, args := s.conditions(q)
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT c.n, c.id, COALESCE(c.sector, ''), COALESCE(c.year, ''), COALESCE(c.case_date, ''),
		c.affected, c.codes, c.head_text FROM cases c WHERE `+where), args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	type hit struct {
		n        int64
		id, date string
		affected sql.NullInt64
		rel      int
	}
	res := &casebook.SearchResult{Facets: casebook.Facets{
		Causes: map[string]int{}, DataItems: map[string]int{}, Sectors: map[string]int{}, Years: map[string]int{}}}
	terms := Terms(q.Q)
	var hits []hit
	for rows.Next() {
		var h hit
		var sector, year, codes, head string
		if err := rows.Scan(&h.n, &h.id, &sector, &year, &h.date, &h.affected, &codes, &head); err != nil {
			rows.Close()
			return nil, err
		}
		if sector != "" {
			res.Facets.Sectors[sector]++
		}
		if year != "" {
			res.Facets.Years[year]++
		}
		for _, c := range strings.Fields(codes) {
			if v, ok := strings.CutPrefix(c, "c:"); ok {
				res.Facets.Causes[v]++
			} else if v, ok := strings.CutPrefix(c, "i:"); ok {
				res.Facets.DataItems[v]++
			}
		}
		if q.Sort == "relevance" && len(terms) > 0 && strings.Contains(head, terms[0]) {
			h.rel = 1
		}
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res.Total = len(hits)
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.rel != b.rel {
			return a.rel > b.rel
		}
		if q.Sort == "affected" && a.affected != b.affected {
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
		return a.n > b.n
	})
	limit := q.Limit
	if limit <= 0 || limit > 1000 {
		limit = 20
	}
	from := min(max(0, q.Offset), len(hits))
	page := hits[from:min(from+limit, len(hits))]
	res.Cases = []*casebook.Case{}
	if len(page) == 0 {
		return res, nil
	}
	ids := make([]any, len(page))
	for i, h := range page {
		ids[i] = h.id
	}
	rows, err = s.db.QueryContext(ctx, s.q(`SELECT id, merged, documents, manual FROM cases WHERE id IN (`+
		strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`)`), ids...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	byID := map[string]*casebook.Case{}
	for rows.Next() {
		var id, js string
		var docs, manual int
		if err := rows.Scan(&id, &js, &docs, &manual); err != nil {
			return nil, err
		}
		c := &casebook.Case{ID: id, Documents: docs, Manual: manual != 0}
		if err := json.Unmarshal([]byte(js), &c.Record); err != nil {
			return nil, err
		}
		byID[id] = c
	}
	for _, h := range page {
		if c := byID[h.id]; c != nil {
			res.Cases = append(res.Cases, c)
		}
	}
	return res, rows.Err()
}

// Terms splits a query into the folded terms it must contain.
func Terms(q string) []string {
	var out []string
	for _, t := range strings.Fields(Fold(q)) {
		if utf8.RuneCountInString(t) > 0 {
			out = append(out, t)
		}
	}
	return out
}

func (s *DB) conditions(q casebook.SearchQuery) (string, []any) {
	conds := []string{"1=1"}
	var args []any
	for _, t := range Terms(q.Q) {
		c, a := s.d.TextFilter(t)
		conds = append(conds, c)
		args = append(args, a...)
	}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	if len(q.Causes) > 0 {
		conds = append(conds, `EXISTS (SELECT 1 FROM case_facets f WHERE f.case_id = c.id AND f.facet = 'cause' AND f.value IN (`+
			strings.TrimSuffix(strings.Repeat("?,", len(q.Causes)), ",")+`))`)
		for _, v := range q.Causes {
			args = append(args, v)
		}
	}
	for _, it := range q.Items {
		conds = append(conds, `EXISTS (SELECT 1 FROM case_facets f WHERE f.case_id = c.id AND f.facet = 'item' AND f.value = ?)`)
		args = append(args, it)
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

// EscapeLike escapes a LIKE pattern's wildcards with backslash.
func EscapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
