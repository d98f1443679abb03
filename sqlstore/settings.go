package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Settings a casebook keeps with its data: its team's extraction weights
// (casebook train --install), so that ingest and reextract of this
// casebook use them, on SQLite and PostgreSQL alike.

// Setting returns a setting's value and when it was set.
func (s *DB) Setting(ctx context.Context, key string) ([]byte, time.Time, bool, error) {
	var v []byte
	var at string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT value, at FROM settings WHERE key = ?`), key).Scan(&v, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, err
	}
	t, _ := time.Parse(time.RFC3339, at)
	return v, t, true, nil
}

// SetSetting stores a setting (value nil removes it).
func (s *DB) SetSetting(ctx context.Context, key string, value []byte) error {
	return s.setSetting(ctx, s.db, key, value)
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// setSetting is SetSetting in a transaction, or not.
func (s *DB) setSetting(ctx context.Context, ex execer, key string, value []byte) error {
	if value == nil {
		_, err := ex.ExecContext(ctx, s.q(`DELETE FROM settings WHERE key = ?`), key)
		return err
	}
	_, err := ex.ExecContext(ctx, s.q(`INSERT INTO settings (key, value, at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, at = excluded.at`), key, value, time.Now().UTC().Format(time.RFC3339))
	return err
}
