// Package postgres is casebook's shared database: PostgreSQL through pgx,
// holding the documents, the cases and casebook's own search index
// (package index, sqlstore), so every client shares one index.
package postgres

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib"

	"casebook/sqlstore"
)

var schema = []string{
	`CREATE TABLE IF NOT EXISTS documents (
		id BIGSERIAL PRIMARY KEY,
		sha256 TEXT NOT NULL UNIQUE,
		path TEXT NOT NULL,
		fetched_at TEXT NOT NULL,
		format TEXT NOT NULL DEFAULT '',
		encoding TEXT NOT NULL DEFAULT '',
		meta TEXT NOT NULL DEFAULT '{}',
		origin TEXT NOT NULL DEFAULT '',
		text BYTEA NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS cases (
		n BIGSERIAL PRIMARY KEY,
		id TEXT NOT NULL UNIQUE,
		manual INTEGER NOT NULL DEFAULT 0,
		org_key TEXT NOT NULL DEFAULT '',
		merged BYTEA NOT NULL,
		kind TEXT, title TEXT, organization TEXT, org_norm TEXT NOT NULL DEFAULT '', sector TEXT,
		case_date TEXT, year TEXT, affected BIGINT,
		documents INTEGER NOT NULL DEFAULT 0,
		search_text BYTEA NOT NULL DEFAULT '',
		head_text TEXT NOT NULL DEFAULT '',
		codes TEXT NOT NULL DEFAULT '',
		ix BIGINT)`,
	`CREATE INDEX IF NOT EXISTS cases_date ON cases (case_date)`,
	`CREATE INDEX IF NOT EXISTS cases_affected ON cases (affected)`,
	`CREATE INDEX IF NOT EXISTS cases_sector ON cases (sector)`,
	`CREATE TABLE IF NOT EXISTS records (
		id BIGSERIAL PRIMARY KEY,
		document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
		seq INTEGER NOT NULL,
		case_id TEXT,
		kind TEXT NOT NULL,
		org_key TEXT NOT NULL DEFAULT '',
		record BYTEA NOT NULL,
		match TEXT NOT NULL DEFAULT '{}')`,
	`CREATE INDEX IF NOT EXISTS records_case ON records (case_id)`,
	`CREATE INDEX IF NOT EXISTS records_org ON records (org_key)`,
	`CREATE INDEX IF NOT EXISTS records_doc ON records (document_id)`,
	// the other keys grouping finds a record by (sqlstore/keys.go)
	`CREATE TABLE IF NOT EXISTS record_keys (record_id BIGINT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
		key TEXT NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS record_keys_key ON record_keys (key)`,
	`CREATE INDEX IF NOT EXISTS record_keys_record ON record_keys (record_id)`,
	// what people changed (sqlstore/changes.go)
	`CREATE TABLE IF NOT EXISTS changes (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, author TEXT NOT NULL,
		action TEXT NOT NULL, case_id TEXT, document_id BIGINT, field TEXT, value TEXT)`,
	`CREATE INDEX IF NOT EXISTS changes_case ON changes (case_id)`,
	`CREATE TABLE IF NOT EXISTS dismissed (document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
		seq INTEGER NOT NULL, PRIMARY KEY (document_id, seq))`,
	// what casebook watches for new notices (sqlstore/watch.go)
	`CREATE TABLE IF NOT EXISTS watches (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, url TEXT NOT NULL UNIQUE,
		kind TEXT NOT NULL DEFAULT '', every_s BIGINT NOT NULL, added_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT '{}')`,
	`CREATE TABLE IF NOT EXISTS fetched (url TEXT PRIMARY KEY, watch_id BIGINT NOT NULL, document_id BIGINT NOT NULL DEFAULT 0,
		sha256 TEXT NOT NULL DEFAULT '', etag TEXT NOT NULL DEFAULT '', last_modified TEXT NOT NULL DEFAULT '', at TEXT NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS fetched_doc ON fetched (document_id)`,
	// settings of this casebook: its own extraction weights (sqlstore/settings.go)
	`CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value BYTEA NOT NULL, at TEXT NOT NULL)`,
	// the search index (package index; sqlstore/segment.go)
	`CREATE TABLE IF NOT EXISTS idx_state (id INTEGER PRIMARY KEY, version INTEGER NOT NULL,
		next_ix BIGINT NOT NULL, next_seg BIGINT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS idx_segs (seg BIGINT PRIMARY KEY, level INTEGER NOT NULL, docs INTEGER NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS idx_postings (seg BIGINT NOT NULL, key BIGINT NOT NULL, part INTEGER NOT NULL,
		bits BYTEA NOT NULL, PRIMARY KEY (seg, key, part))`,
	// merges rewrite posting rows all the time: vacuum them as soon as a
	// few percent are dead, without the cost pauses, or the table grows
	// ten times its live size during a long ingest
	`ALTER TABLE idx_postings SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 2000,
		autovacuum_vacuum_cost_delay = 0, toast.autovacuum_vacuum_scale_factor = 0.02, toast.autovacuum_vacuum_cost_delay = 0)`,
}

// migrate brings a database from before the index up to date.
var migrate = []string{
	`ALTER TABLE cases ADD COLUMN IF NOT EXISTS ix BIGINT`,
	`ALTER TABLE records ADD COLUMN IF NOT EXISTS match TEXT NOT NULL DEFAULT '{}'`,
	`UPDATE records SET match = record WHERE match = '{}'`,
	// values are stored packed (sqlstore/pack.go): binary columns
	`ALTER TABLE documents ALTER COLUMN text TYPE BYTEA USING convert_to(text, 'UTF8')`,
	`ALTER TABLE records ALTER COLUMN record TYPE BYTEA USING convert_to(record, 'UTF8')`,
	`ALTER TABLE cases ALTER COLUMN merged TYPE BYTEA USING convert_to(merged, 'UTF8')`,
	`ALTER TABLE cases ALTER COLUMN search_text DROP DEFAULT`,
	`ALTER TABLE cases ALTER COLUMN search_text TYPE BYTEA USING convert_to(search_text, 'UTF8')`,
	`ALTER TABLE cases ALTER COLUMN search_text SET DEFAULT ''`,
	`CREATE UNIQUE INDEX IF NOT EXISTS cases_ix ON cases (ix)`,
	`DROP INDEX IF EXISTS cases_search`,
	`DROP TABLE IF EXISTS case_facets`,
	// posting lists in parts (index version 3): the old table is rebuilt
	`DROP TABLE IF EXISTS idx_post`,
	// a changed page keeps the case ids of its first version
	`ALTER TABLE documents ADD COLUMN IF NOT EXISTS origin TEXT NOT NULL DEFAULT ''`,
}

var dialect = sqlstore.Dialect{
	Name:     "postgres",
	Schema:   schema,
	Migrate:  migrate,
	Position: "strpos",
	Dollar:   true,
	// one client merges index segments at a time
	TryLock: `SELECT pg_try_advisory_xact_lock(7413052)`,
	// one client assigns cases at a time, and one creates the tables
	WriteLock:  `SELECT pg_advisory_xact_lock(7413053)`,
	SchemaLock: `SELECT pg_advisory_xact_lock(7413051)`,
	// one watcher checks the sources at a time (a session lock, held
	// while it runs)
	WatchLock:   `SELECT pg_try_advisory_lock(7413054)`,
	WatchUnlock: `SELECT pg_advisory_unlock(7413054)`,
	Analyze:     `ANALYZE documents, records, cases, idx_segs, idx_postings`,
}

// Open connects to the PostgreSQL casebook at dsn (postgres://…) and
// creates the tables when missing.
func Open(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	s, err := sqlstore.New(ctx, db, dialect)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}
