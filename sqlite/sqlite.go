// Package sqlite is casebook's embedded database: a single SQLite file
// (pure Go driver, WAL journal) with an FTS5 trigram index for Japanese
// substring search.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"unicode/utf8"

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
		codes TEXT NOT NULL DEFAULT '')`,
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
		record TEXT NOT NULL)`,
	`CREATE INDEX IF NOT EXISTS records_case ON records (case_id)`,
	`CREATE INDEX IF NOT EXISTS records_org ON records (org_key)`,
	`CREATE INDEX IF NOT EXISTS records_doc ON records (document_id)`,
	`CREATE TABLE IF NOT EXISTS case_facets (
		case_id TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL,
		PRIMARY KEY (case_id, facet, value))`,
	`CREATE INDEX IF NOT EXISTS case_facets_value ON case_facets (facet, value, case_id)`,
	`CREATE VIRTUAL TABLE IF NOT EXISTS case_fts USING fts5 (search_text, content='', contentless_delete=1, tokenize='trigram')`,
}

var dialect = sqlstore.Dialect{
	Name:     "sqlite",
	Schema:   schema,
	Position: "instr",
	TextFilter: func(term string) (string, []any) {
		// three characters or more: a trigram phrase query is an exact
		// substring match; shorter terms need the substring test itself
		if utf8.RuneCountInString(term) >= 3 {
			return `c.n IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)`, []any{`"` + escapeFTS(term) + `"`}
		}
		return `instr(c.search_text, ?) > 0`, []any{term}
	},
	IndexCase: func(ctx context.Context, tx *sql.Tx, n int64, text string, fresh bool) error {
		if !fresh {
			if _, err := tx.ExecContext(ctx, `DELETE FROM case_fts WHERE rowid = ?`, n); err != nil {
				return err
			}
		}
		if text == "" {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO case_fts (rowid, search_text) VALUES (?, ?)`, n, text)
		return err
	},
}

func escapeFTS(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '"' {
			out = append(out, '"')
		}
		out = append(out, r)
	}
	return string(out)
}

// Open opens (creating when missing) the SQLite casebook at path.
func Open(ctx context.Context, path string) (*sqlstore.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(ON)&_txlock=immediate"
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
