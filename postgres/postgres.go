// Package postgres is casebook's shared database: PostgreSQL through pgx,
// with a pg_trgm GIN index for Japanese substring search.
package postgres

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib"

	"casebook/sqlstore"
)

var schema = []string{
	`CREATE EXTENSION IF NOT EXISTS pg_trgm`,
	`CREATE TABLE IF NOT EXISTS documents (
		id BIGSERIAL PRIMARY KEY,
		sha256 TEXT NOT NULL UNIQUE,
		path TEXT NOT NULL,
		fetched_at TEXT NOT NULL,
		format TEXT NOT NULL DEFAULT '',
		encoding TEXT NOT NULL DEFAULT '',
		meta TEXT NOT NULL DEFAULT '{}',
		text TEXT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS cases (
		n BIGSERIAL PRIMARY KEY,
		id TEXT NOT NULL UNIQUE,
		manual INTEGER NOT NULL DEFAULT 0,
		org_key TEXT NOT NULL DEFAULT '',
		merged TEXT NOT NULL,
		kind TEXT, title TEXT, organization TEXT, org_norm TEXT NOT NULL DEFAULT '', sector TEXT,
		case_date TEXT, year TEXT, affected BIGINT,
		documents INTEGER NOT NULL DEFAULT 0,
		search_text TEXT NOT NULL DEFAULT '',
		head_text TEXT NOT NULL DEFAULT '',
		codes TEXT NOT NULL DEFAULT '')`,
	`CREATE INDEX IF NOT EXISTS cases_date ON cases (case_date)`,
	`CREATE INDEX IF NOT EXISTS cases_affected ON cases (affected)`,
	`CREATE INDEX IF NOT EXISTS cases_sector ON cases (sector)`,
	`CREATE INDEX IF NOT EXISTS cases_search ON cases USING gin (search_text gin_trgm_ops)`,
	`CREATE TABLE IF NOT EXISTS records (
		id BIGSERIAL PRIMARY KEY,
		document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
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
}

var dialect = sqlstore.Dialect{
	Name:     "postgres",
	Schema:   schema,
	Position: "strpos",
	Dollar:   true,
	TextFilter: func(term string) (string, []any) {
		// LIKE is an exact substring test (escaped), and the trigram index
		// serves it for terms of three characters or more.
		return `c.search_text LIKE ?`, []any{"%" + sqlstore.EscapeLike(term) + "%"}
	},
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
