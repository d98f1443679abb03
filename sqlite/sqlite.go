// Package sqlite is casebook's embedded database: a single SQLite file
// (pure Go driver, WAL journal, 16 KiB pages) holding the documents, the
// cases and casebook's own search index (package index, sqlstore).
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite"

	"casebook/sqlstore"
)

var schema = []string{
	`CREATE TABLE IF NOT EXISTS documents (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		sha256 TEXT NOT NULL UNIQUE,
		path TEXT NOT NULL,
		fetched_at TEXT NOT NULL,
		format TEXT NOT NULL DEFAULT '',
		encoding TEXT NOT NULL DEFAULT '',
		meta TEXT NOT NULL DEFAULT '{}',
		origin TEXT NOT NULL DEFAULT '',
		text TEXT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS cases (
		n INTEGER PRIMARY KEY AUTOINCREMENT,
		id TEXT NOT NULL UNIQUE,
		manual INTEGER NOT NULL DEFAULT 0,
		org_key TEXT NOT NULL DEFAULT '',
		merged TEXT NOT NULL,
		kind TEXT, title TEXT, organization TEXT, org_norm TEXT NOT NULL DEFAULT '', sector TEXT,
		case_date TEXT, year TEXT, affected INTEGER,
		documents INTEGER NOT NULL DEFAULT 0,
		search_text TEXT NOT NULL DEFAULT '',
		head_text TEXT NOT NULL DEFAULT '',
		codes TEXT NOT NULL DEFAULT '',
		ix INTEGER)`,
	`CREATE INDEX IF NOT EXISTS cases_date ON cases (case_date)`,
	`CREATE INDEX IF NOT EXISTS cases_affected ON cases (affected)`,
	`CREATE INDEX IF NOT EXISTS cases_sector ON cases (sector)`,
	`CREATE TABLE IF NOT EXISTS records (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
		seq INTEGER NOT NULL,
		case_id TEXT,
		kind TEXT NOT NULL,
		org_key TEXT NOT NULL DEFAULT '',
		record BLOB NOT NULL,
		match TEXT NOT NULL DEFAULT '{}')`,
	`CREATE INDEX IF NOT EXISTS records_case ON records (case_id)`,
	`CREATE INDEX IF NOT EXISTS records_org ON records (org_key)`,
	`CREATE INDEX IF NOT EXISTS records_doc ON records (document_id)`,
	// the other keys grouping finds a record by (sqlstore/keys.go)
	`CREATE TABLE IF NOT EXISTS record_keys (record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
		key TEXT NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS record_keys_key ON record_keys (key)`,
	`CREATE INDEX IF NOT EXISTS record_keys_record ON record_keys (record_id)`,
	// what people changed (sqlstore/changes.go)
	`CREATE TABLE IF NOT EXISTS changes (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, author TEXT NOT NULL,
		action TEXT NOT NULL, case_id TEXT, document_id INTEGER, field TEXT, value TEXT)`,
	`CREATE INDEX IF NOT EXISTS changes_case ON changes (case_id)`,
	`CREATE TABLE IF NOT EXISTS dismissed (document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
		seq INTEGER NOT NULL, PRIMARY KEY (document_id, seq))`,
	// what casebook watches for new notices (sqlstore/watch.go)
	`CREATE TABLE IF NOT EXISTS watches (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, url TEXT NOT NULL UNIQUE,
		kind TEXT NOT NULL DEFAULT '', every_s INTEGER NOT NULL, added_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT '{}')`,
	`CREATE TABLE IF NOT EXISTS fetched (url TEXT PRIMARY KEY, watch_id INTEGER NOT NULL, document_id INTEGER NOT NULL DEFAULT 0,
		sha256 TEXT NOT NULL DEFAULT '', etag TEXT NOT NULL DEFAULT '', last_modified TEXT NOT NULL DEFAULT '', at TEXT NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS fetched_doc ON fetched (document_id)`,
	// settings of this casebook: its own extraction weights (sqlstore/settings.go)
	`CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value BLOB NOT NULL, at TEXT NOT NULL)`,
	// the search index (package index; sqlstore/segment.go)
	`CREATE TABLE IF NOT EXISTS idx_state (id INTEGER PRIMARY KEY, version INTEGER NOT NULL,
		next_ix INTEGER NOT NULL, next_seg INTEGER NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS idx_segs (seg INTEGER PRIMARY KEY, level INTEGER NOT NULL, docs INTEGER NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS idx_postings (seg INTEGER NOT NULL, key INTEGER NOT NULL, part INTEGER NOT NULL,
		bits BLOB NOT NULL, PRIMARY KEY (seg, key, part)) WITHOUT ROWID`,
}

// migrate brings a database from before the index up to date.
var migrate = []string{
	`ALTER TABLE cases ADD COLUMN ix INTEGER`,
	`ALTER TABLE records ADD COLUMN match TEXT NOT NULL DEFAULT '{}'`,
	// (records from before the match column are matched by their whole JSON)
	`UPDATE records SET match = record WHERE match = '{}'`,
	`CREATE UNIQUE INDEX IF NOT EXISTS cases_ix ON cases (ix)`,
	`DROP TABLE IF EXISTS case_fts`,
	`DROP TABLE IF EXISTS case_facets`,
	// posting lists in parts (index version 3): the old table is rebuilt
	`DROP TABLE IF EXISTS idx_post`,
	// a changed page keeps the case ids of its first version
	`ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT ''`,
}

var dialect = sqlstore.Dialect{
	Name:     "sqlite",
	Schema:   schema,
	Migrate:  migrate,
	Position: "instr",
	// a row of at most this many bytes stays in its 16 KiB page
	PostingPart: 4000,
	Analyze:     `PRAGMA optimize`,
}

// Open opens (creating when missing) the SQLite casebook at path.
func Open(ctx context.Context, path string) (*sqlstore.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		if err := initFile(ctx, path); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=cache_size(-65536)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s, err := sqlstore.New(ctx, db, dialect)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// initFile makes a new database file with 16 KiB pages (set before the
// journal mode, which fixes them): a notice, a record or a bitmap then
// fits in its page instead of spilling into overflow pages.
func initFile(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{`PRAGMA page_size = 16384`, `PRAGMA journal_mode = WAL`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
