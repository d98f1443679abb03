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
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"casebook"
	"casebook/appi"
	"casebook/index"
	"casebook/jtext"
	"casebook/orgkind"
	"casebook/resolve"
)

// Dialect is what differs between the databases.
type Dialect struct {
	Name     string
	Schema   []string
	Position string // instr or strpos: 1-based position of a substring, 0 when absent
	Dollar   bool   // $1 placeholders
	// Migrate brings an older database's tables up to the schema.
	Migrate []string
	// TryLock, when set, is a query returning whether this transaction got
	// the index-merge lock (PostgreSQL: clients share the database).
	TryLock string
	// PostingPart, when set, is the most bytes of a posting list one row
	// holds (segment.go).
	PostingPart int
	// Analyze refreshes the planner's statistics after a large change.
	Analyze string
	// WriteLock, when set, is run first in every transaction that writes
	// cases: PostgreSQL clients then assign cases one at a time, as one
	// writer would (finding the case a record joins and creating it are
	// one step). SchemaLock, when set, is run first in the transaction
	// that creates and migrates the tables.
	WriteLock, SchemaLock string
	// WatchLock, when set, tries to take a session lock that lets one
	// watcher run (true when taken); WatchUnlock gives it back.
	WatchLock, WatchUnlock string
}

// DB is a casebook database.
type DB struct {
	db       *sql.DB
	d        Dialect
	mu       sync.Mutex
	stmts    map[*sql.Tx]map[string]*sql.Stmt
	builders map[*sql.Tx]*segmentBuilder
	cache    *searchCache
	log      func(msg string, args ...any)
}

// SetLogger sets where the store reports index merges and rebuilds.
func (s *DB) SetLogger(log func(msg string, args ...any)) { s.log = log }

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

// beginWrite begins a transaction that writes cases, under the
// dialect's write lock.
func (s *DB) beginWrite(ctx context.Context) (*sql.Tx, func(), error) {
	tx, end, err := s.begin(ctx)
	if err != nil || s.d.WriteLock == "" {
		return tx, end, err
	}
	if _, err := tx.ExecContext(ctx, s.d.WriteLock); err != nil {
		end()
		return nil, nil, fmt.Errorf("write lock: %w", err)
	}
	return tx, end, nil
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

// New wraps an open database, creates the tables when missing, brings an
// older database up to date and builds the search index when it has none
// (or one of another version).
func New(ctx context.Context, db *sql.DB, d Dialect) (*DB, error) {
	s := &DB{db: db, d: d, cache: newSearchCache()}
	if err := s.createSchema(ctx); err != nil {
		return nil, err
	}
	if err := s.ensureKeys(ctx); err != nil {
		return nil, fmt.Errorf("grouping keys: %w", err)
	}
	if err := s.ensureIndex(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// createSchema creates the tables and brings an older database up to
// date, in one transaction under the dialect's schema lock (two clients
// opening a new PostgreSQL casebook at once would otherwise both create
// it). Table schema_version says how many of the migrations a database
// has had; a database made by this schema needs none of them.
func (s *DB) createSchema(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	defer tx.Rollback()
	if s.d.SchemaLock != "" {
		if _, err := tx.ExecContext(ctx, s.d.SchemaLock); err != nil {
			return fmt.Errorf("create schema: lock: %w", err)
		}
	}
	// (a statement that fails must not end the transaction: savepoints)
	try := func(q string) error {
		if _, err := tx.ExecContext(ctx, "SAVEPOINT step"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q); err != nil {
			tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT step")
			return err
		}
		_, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT step")
		return err
	}
	existed := try(`SELECT 1 FROM documents LIMIT 1`) == nil
	for _, q := range s.d.Schema {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create schema (%s): %w", firstLine(q), err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	version := 0
	err = tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&version)
	switch {
	case errors.Is(err, sql.ErrNoRows) && !existed:
		version = len(s.d.Migrate) // made by this schema
	case errors.Is(err, sql.ErrNoRows):
		version = 0 // from before schema_version: every migration
	case err != nil:
		return fmt.Errorf("schema version: %w", err)
	}
	for _, q := range s.d.Migrate[min(version, len(s.d.Migrate)):] {
		try(q) // (fails harmlessly when the change is already there)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version`); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_version (version) VALUES (?)`), len(s.d.Migrate)); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	return nil
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

// Add implements casebook.Store. What can be computed without the
// database — packing the text and the records, and the view of each
// record as a case of its own (most records start a case) — is computed
// first, on every core; the transaction then only writes.
func (s *DB) Add(ctx context.Context, docs []casebook.NewDocument) (stored []bool, caseIDs []string, err error) {
	preps := prepareAll(docs)
	tx, end, err := s.beginWrite(ctx)
	if err != nil {
		return nil, nil, err
	}
	stored = make([]bool, len(docs))
	defer end()
	touched := map[string]bool{}
	emptied := map[string]bool{} // cases joined to another by a record of this batch
	// cases this batch created hold only its own records: they are merged
	// from memory, not read back
	fresh := map[string][]storedRecord{}
	freshView := map[string]*caseView{}
	for di, d := range docs {
		p := preps[di]
		var docID int64
		ins, err := s.stmt(ctx, tx, `INSERT INTO documents (sha256, path, fetched_at, format, encoding, meta, text)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id`)
		if err != nil {
			return nil, nil, err
		}
		meta, _ := json.Marshal(docMeta{Headings: d.Headings, PageTitle: d.PageTitle})
		err = ins.QueryRowContext(ctx, d.SHA256, d.PathOrURL, d.FetchedAt.UTC().Format(time.RFC3339), d.Format, d.Encoding, string(meta), p.text).Scan(&docID)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("store %s: %w", d.PathOrURL, err)
		}
		stored[di] = true
		for i := range d.Records {
			id, created, joined, err := s.insertPrepared(ctx, tx, docID, i, &d.Records[i], d.SHA256, p.recs[i])
			if err != nil {
				return nil, nil, fmt.Errorf("store %s: %w", d.PathOrURL, err)
			}
			if id == "" {
				continue
			}
			for _, j := range joined {
				// the joined case is emptied, and its case is read back whole
				delete(fresh, j)
				delete(freshView, j)
				delete(touched, j)
				emptied[j] = true
				delete(fresh, id)
				delete(freshView, id)
			}
			if created {
				freshView[id] = p.recs[i].view
			} else {
				delete(freshView, id) // (a second record joined it)
			}
			if created || fresh[id] != nil {
				fresh[id] = append(fresh[id], storedRecord{docID: docID, seq: i, rec: d.Records[i], text: d.Text, path: d.PathOrURL})
			}
			touched[id] = true
		}
	}
	for id := range emptied {
		if err := s.refreshCase(ctx, tx, id); err != nil {
			return nil, nil, err
		}
	}
	for id := range touched {
		view := freshView[id]
		if view != nil && len(fresh[id]) != 1 {
			view = nil
		}
		if view != nil {
			view.docs = 1
		}
		if err := s.refreshCaseWith(ctx, tx, id, fresh[id], view); err != nil {
			return nil, nil, err
		}
		caseIDs = append(caseIDs, id)
	}
	sort.Strings(caseIDs)
	if err := s.commit(ctx, tx); err != nil {
		return nil, nil, err
	}
	return stored, caseIDs, nil
}

// prepared is what Add computes for a document before its transaction.
type prepared struct {
	text []byte
	recs []preparedRecord
}

type preparedRecord struct {
	js    []byte    // packed JSON
	match string    // encodeMatch
	view  *caseView // the record as a case of its own (incidents)
}

// prepareAll prepares documents on every core.
func prepareAll(docs []casebook.NewDocument) []prepared {
	out := make([]prepared, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	next := make(chan int, len(docs))
	for i := range docs {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = prepare(&docs[i])
			}
		}()
	}
	wg.Wait()
	return out
}

func prepare(d *casebook.NewDocument) prepared {
	p := prepared{text: pack(d.Text), recs: make([]preparedRecord, len(d.Records))}
	for i := range d.Records {
		r := &d.Records[i]
		if r.IsIncident() {
			r.Names = resolve.Names(spanText(d.Text, r.Span))
		}
		js, _ := json.Marshal(r)
		pr := preparedRecord{js: pack(string(js)), match: encodeMatch(r)}
		if r.IsIncident() {
			pr.view, _ = buildCase([]storedRecord{{seq: i, rec: *r, text: d.Text, path: d.PathOrURL}}, nil)
		}
		p.recs[i] = pr
	}
	return p
}

// commit writes the transaction's index segment, commits, and merges
// segments when a level is full.
func (s *DB) commit(ctx context.Context, tx *sql.Tx) error {
	if err := s.flushIndex(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if err := s.Compact(ctx, false); err != nil && s.log != nil {
		s.log("index merge failed (the index stays correct; it will be retried)", "error", err)
	}
	return nil
}

// insertRecord stores one record and places it in a case; it returns the
// case id ("" for non-incidents) and whether the case is new.
func (s *DB) insertRecord(ctx context.Context, tx *sql.Tx, docID int64, seq int, r *casebook.Record, docHash string) (string, bool, []string, error) {
	js, err := json.Marshal(r)
	if err != nil {
		return "", false, nil, err
	}
	return s.insertPrepared(ctx, tx, docID, seq, r, docHash, preparedRecord{js: pack(string(js)), match: encodeMatch(r)})
}

// insertPrepared is insertRecord with the record already packed. Joined
// are the cases the record tied to its case and that were joined to it:
// they are left empty, to be refreshed.
func (s *DB) insertPrepared(ctx context.Context, tx *sql.Tx, docID int64, seq int, r *casebook.Record, docHash string, p preparedRecord) (caseID string, created bool, joined []string, err error) {
	key := casebook.OrgKey(r.Organization)
	if r.IsIncident() {
		caseID, joined, err = s.findCase(ctx, tx, r, docID)
		if err != nil {
			return "", false, nil, err
		}
		if err := s.joinCases(ctx, tx, caseID, joined); err != nil {
			return "", false, nil, err
		}
		if caseID == "" {
			caseID, created = newCaseID(docHash, seq), true
			if err := s.exec(ctx, tx, `INSERT INTO cases (id, org_key, merged, search_text) VALUES (?, ?, '{}', '')
				ON CONFLICT (id) DO NOTHING`, caseID, key); err != nil {
				return "", false, nil, err
			}
		}
	}
	var cid any
	if caseID != "" {
		cid = caseID
	}
	if caseID == "" {
		err = s.exec(ctx, tx, `INSERT INTO records (document_id, seq, case_id, kind, org_key, record, match) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			docID, seq, cid, string(r.Kind), key, p.js, p.match)
		return caseID, created, joined, err
	}
	st, err := s.stmt(ctx, tx, `INSERT INTO records (document_id, seq, case_id, kind, org_key, record, match) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return "", false, nil, err
	}
	var recordID int64
	if err := st.QueryRowContext(ctx, docID, seq, cid, string(r.Kind), key, p.js, p.match).Scan(&recordID); err != nil {
		return "", false, nil, err
	}
	return caseID, created, joined, s.storeKeys(ctx, tx, recordID, r)
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
	query := `SELECT r.id, r.document_id, r.seq, r.record, r.match, d.path, d.sha256, d.fetched_at, ` + textCol + `
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
		var js, text []byte
		var match string
		if err := rows.Scan(&sr.id, &sr.docID, &sr.seq, &js, &match, &sr.path, &sr.hash, &sr.at, &text); err != nil {
			return nil, err
		}
		if err := unmarshalPacked(js, &sr.rec); err != nil {
			return nil, fmt.Errorf("record %d: %w", sr.id, err)
		}
		if m := decodeMatch(match); m != nil {
			// (the names its text gives are kept beside the record, for
			// grouping: the case page says why it is in its case)
			sr.rec.Names = m.Names
		}
		if withText {
			var err error
			if sr.text, err = unpack(text); err != nil {
				return nil, fmt.Errorf("document %d: %w", sr.docID, err)
			}
		}
		out = append(out, sr)
	}
	return out, rows.Err()
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// refreshCase recomputes a case's merged view and files it in the index
// (a new index number; the old one is marked deleted); a case left without
// records is deleted.
func (s *DB) refreshCase(ctx context.Context, tx *sql.Tx, id string) error {
	return s.refreshCaseWith(ctx, tx, id, nil, nil)
}

// refreshCaseWith is refreshCase for a case whose records are all in
// recs, when recs is not nil (a case created by the batch being stored);
// view, when not nil, is the case already built from them.
func (s *DB) refreshCaseWith(ctx context.Context, tx *sql.Tx, id string, recs []storedRecord, view *caseView) error {
	var err error
	if recs == nil && view == nil {
		if recs, err = s.caseRecords(ctx, tx, id, true); err != nil {
			return err
		}
	}
	var oldIx sql.NullInt64
	sel, err := s.stmt(ctx, tx, `SELECT ix FROM cases WHERE id = ?`)
	if err != nil {
		return err
	}
	if err := sel.QueryRowContext(ctx, id).Scan(&oldIx); err != nil {
		return fmt.Errorf("case %s: %w", id, err)
	}
	corrections, err := s.corrections(ctx, tx, id)
	if err != nil {
		return err
	}
	if len(corrections) > 0 && view != nil {
		// a prepared view knows no corrections: build it again
		if recs, err = s.caseRecords(ctx, tx, id, true); err != nil {
			return err
		}
		view = nil
	}
	if view == nil && len(recs) == 0 {
		if err := s.exec(ctx, tx, `DELETE FROM cases WHERE id = ?`, id); err != nil {
			return err
		}
		_, err := s.indexCase(ctx, tx, oldIx.Int64, nil)
		return err
	}
	if view == nil {
		if view, err = buildCase(recs, corrections); err != nil {
			return err
		}
	}
	ix, err := s.indexCase(ctx, tx, oldIx.Int64, view)
	if err != nil {
		return err
	}
	m := &view.m
	var affected any
	if m.Affected != nil && m.Affected.Count != nil {
		affected = *m.Affected.Count
	}
	return s.exec(ctx, tx, `UPDATE cases SET org_key = ?, merged = ?, kind = ?, title = ?, organization = ?, org_norm = ?, sector = ?,
		case_date = ?, year = ?, affected = ?, documents = ?, search_text = ?, head_text = ?, codes = ?, ix = ? WHERE id = ?`,
		casebook.OrgKey(m.Organization), view.merged, string(m.Kind), m.Title, m.Organization, view.org, m.Sector,
		nullable(view.date), nullable(view.year), affected, view.docs, view.search, view.head, codesOf(m, view.flags), ix, id)
}

// caseView is a case as stored: its merged record and the columns and
// index keys made from it.
type caseView struct {
	m          casebook.Record
	merged     []byte // packed JSON
	search     []byte // packed folded text
	head, org  string // folded
	date, year string
	flags      []string // what its judgement found (casebook.Flags)
	docs       int
	keys       []uint64
}

// buildCase makes a case's view from its records (with their documents'
// text) and the corrections people made to it. It does no I/O: Add builds
// the views of new cases in parallel.
func buildCase(recs []storedRecord, corrections []casebook.Correction) (*caseView, error) {
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
	v := &caseView{m: casebook.Merge(ptrs), docs: len(docs)}
	v.m.File = ""
	v.m.Sample = len(recs) > 0
	for _, r := range recs {
		v.m.Sample = v.m.Sample && casebook.IsSamplePath(r.path)
	}
	for _, c := range corrections {
		c.Apply(&v.m) // (checked when made)
	}
	if len(corrections) > 0 {
		// a corrected title or organization is found by search too
		text.WriteString(v.m.Title + "\n" + v.m.Organization + "\n")
	}
	js, err := json.Marshal(v.m)
	if err != nil {
		return nil, err
	}
	v.merged = pack(string(js))
	v.flags = appi.Flags(&v.m)
	if v.m.Sample {
		v.flags = append(v.flags, casebook.FlagSample)
	}
	if len(casebook.Unsure(&v.m)) > 0 {
		v.flags = append(v.flags, casebook.FlagReview)
	}
	v.date = v.m.Date()
	if len(v.date) >= 4 {
		v.year = v.date[:4]
	}
	search := Fold(text.String())
	v.search = pack(search)
	v.head = Fold(v.m.Title + "\n" + v.m.Organization)
	v.org = Fold(v.m.Organization)
	v.keys = index.CaseKeys(search, v.head, nil)
	return v, nil
}

// codesOf lists a case's cause and data item codes and its judgement's
// flags, each between blanks (" c:loss i:name f:late "), for the plain
// scan.
func codesOf(m *casebook.Record, flags []string) string {
	var b strings.Builder
	b.WriteByte(' ')
	for _, c := range m.Causes {
		b.WriteString("c:" + c + " ")
	}
	for _, c := range m.DataItems {
		b.WriteString("i:" + c + " ")
	}
	for _, f := range flags {
		b.WriteString("f:" + f + " ")
	}
	b.WriteString("o:" + orgkind.Of(m.Organization, m.Sector) + " ")
	return b.String()
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

// Fold is the form text is searched in: NFKC, today's kanji forms, lower
// case.
func Fold(s string) string { return jtext.Fold(s) }

// Variants are a folded term's spellings, any of which a case may contain.
func Variants(term string) []string { return jtext.Variants(term) }

// Case implements casebook.Store.
func (s *DB) Case(ctx context.Context, id string) (*casebook.Case, error) {
	var js []byte
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
	if err := unmarshalPacked(js, &c.Record); err != nil {
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
	c.Links = links(c.Sources)
	if c.Related, err = s.related(ctx, id, recs); err != nil {
		return nil, err
	}
	changes, err := s.Changes(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(changes) > 0 {
		c.Changes = changes
	}
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
	var t []byte
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT text FROM documents WHERE id = ?`), docID).Scan(&t); err != nil {
		return "", err
	}
	return unpack(t)
}

// EachCaseSource implements casebook.Store.
func (s *DB) EachCaseSource(ctx context.Context, fn func(caseID, path string) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT r.case_id, d.path FROM records r JOIN documents d ON d.id = r.document_id
		WHERE r.case_id IS NOT NULL ORDER BY r.case_id, r.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, path string
		if err := rows.Scan(&id, &path); err != nil {
			return err
		}
		if err := fn(id, path); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachCase implements casebook.Store.
func (s *DB) EachCase(ctx context.Context, fn func(*casebook.Case) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, merged, documents, manual FROM cases ORDER BY n`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return err
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
		var text []byte
		if err := rows.Scan(&d.ID, &d.SHA256, &d.PathOrURL, &at, &d.Format, &d.Encoding, &meta, &text); err != nil {
			rows.Close()
			return err
		}
		var err error
		if d.Text, err = unpack(text); err != nil {
			rows.Close()
			return fmt.Errorf("document %d: %w", d.ID, err)
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
	tx, end, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer end()
	// (case ids come from the document's first version: origin)
	var hash string
	var packed []byte
	if err := tx.QueryRowContext(ctx, s.q(`SELECT CASE WHEN origin = '' THEN sha256 ELSE origin END, text FROM documents WHERE id = ?`), docID).Scan(&hash, &packed); err != nil {
		return fmt.Errorf("document %d: %w", docID, err)
	}
	text, err := unpack(packed)
	if err != nil {
		return fmt.Errorf("document %d: %w", docID, err)
	}
	if err := s.replaceRecords(ctx, tx, docID, hash, text, recs); err != nil {
		return err
	}
	return s.commit(ctx, tx)
}

// replaceRecords replaces a document's records in tx and refreshes the
// cases they left or joined; hash makes the ids of the cases they start.
func (s *DB) replaceRecords(ctx context.Context, tx *sql.Tx, docID int64, hash, text string, recs []casebook.Record) error {
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
	dismissed, err := s.dismissedSeqs(ctx, tx, docID)
	if err != nil {
		return err
	}
	for i := range recs {
		if dismissed[i] {
			continue // a person deleted this case
		}
		if recs[i].IsIncident() {
			recs[i].Names = resolve.Names(spanText(text, recs[i].Span))
		}
		id, _, joined, err := s.insertRecord(ctx, tx, docID, i, &recs[i], hash)
		if err != nil {
			return err
		}
		if id != "" {
			old[id] = true
		}
		for _, j := range joined {
			old[j] = true
		}
	}
	for id := range old {
		if err := s.refreshCase(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// Merge implements casebook.Store.
func (s *DB) Merge(ctx context.Context, a, b string) (*casebook.Case, error) {
	if a == b {
		return nil, fmt.Errorf("merge: %s and %s are the same case", a, b)
	}
	tx, end, err := s.beginWrite(ctx)
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
	if err := s.commit(ctx, tx); err != nil {
		return nil, err
	}
	return s.Case(ctx, a)
}

// Split implements casebook.Store: every record but the first gets a case
// of its own, marked as fixed by a person.
func (s *DB) Split(ctx context.Context, id string) ([]string, error) {
	tx, end, err := s.beginWrite(ctx)
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
	return ids, s.commit(ctx, tx)
}

// Counts implements casebook.Store.
func (s *DB) Counts(ctx context.Context) (cases, documents int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM documents)`).Scan(&cases, &documents)
	return
}

// EscapeLike escapes a LIKE pattern's wildcards with backslash.
func EscapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Analyze refreshes the query planner's statistics, as a large ingest
// should: with the statistics of an empty database PostgreSQL reads a
// page's snippets by scanning every record (250 ms at 100,000 cases where
// the index takes 5). Autovacuum gets there too, later.
func (s *DB) Analyze(ctx context.Context) error {
	if s.d.Analyze == "" {
		return nil
	}
	_, err := s.db.ExecContext(ctx, s.d.Analyze)
	return err
}

// scanCase reads a case row of (id, merged, documents, manual), after
// any columns in before.
func scanCase(rows *sql.Rows, before ...any) (*casebook.Case, error) {
	var id string
	var js []byte
	var docs, manual int
	if err := rows.Scan(append(before, &id, &js, &docs, &manual)...); err != nil {
		return nil, err
	}
	c := &casebook.Case{ID: id, Documents: docs, Manual: manual != 0}
	if err := unmarshalPacked(js, &c.Record); err != nil {
		return nil, fmt.Errorf("case %s: %w", id, err)
	}
	return c, nil
}

// Version says which state of the casebook a reader sees: it changes with
// every write that changes a case (each writes an index segment), made by
// this client or another, so what is computed from every case can be kept
// until it changes.
func (s *DB) Version(ctx context.Context) (string, error) {
	var seg, ix int64
	if err := s.db.QueryRowContext(ctx, `SELECT next_seg, next_ix FROM idx_state WHERE id = 1`).Scan(&seg, &ix); err != nil {
		return "", err
	}
	return strconv.FormatInt(seg, 10) + ":" + strconv.FormatInt(ix, 10), nil
}
