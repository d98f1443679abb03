package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"casebook"
	"casebook/resolve"
)

// A record may be one incident with records of another organization key:
// 阿倍野区 and 阿倍野区役所, 日航 and 日本航空, a press release that names its
// company only in its text. Table record_keys keeps each incident record's
// resolve.Keys (Stored); a new record finds such records by its OrgKeys
// among the organization keys and by its Lookup keys among the stored
// ones, beside the records of its own key.

// keysVersion changes whenever resolve.KeysOf does: the keys of every
// stored record are then made again when the casebook is opened.
const keysVersion = "1"

const keysSetting = "resolve.keys"

// maxCandidates bounds the records one lookup compares a new record with
// (an organization's latest ones).
const maxCandidates = 200

// candidate is a stored record a new record may be one incident with.
type candidate struct {
	caseID, match string
	doc           int64
}

// incidentCandidates calls fn with the latest records of r's organization key,
// then with those its other keys find; fn returns false to stop.
// In a transaction (tx not nil) the statements are prepared once: an
// ingest asks for every record.
func (s *DB) incidentCandidates(ctx context.Context, tx *sql.Tx, r *casebook.Record, except string, fn func(candidate) bool) error {
	key := casebook.OrgKey(r.Organization)
	if key != "" {
		rows, err := s.query(ctx, tx, `SELECT case_id, match, document_id FROM records
			WHERE org_key = ? AND case_id IS NOT NULL AND case_id <> ? ORDER BY id DESC LIMIT `+fmt.Sprint(maxCandidates), key, except)
		if err != nil {
			return err
		}
		if !eachCandidate(rows, fn) {
			return rows.Err()
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	keys := resolve.KeysOf(r)
	if len(keys.OrgKeys) == 0 && len(keys.Lookup) == 0 {
		return nil
	}
	var where []string
	var args []any
	if len(keys.OrgKeys) > 0 {
		where = append(where, `org_key IN (`+marks(len(keys.OrgKeys))+`)`)
		for _, k := range keys.OrgKeys {
			args = append(args, k)
		}
	}
	if len(keys.Lookup) > 0 {
		where = append(where, `id IN (SELECT record_id FROM record_keys WHERE key IN (`+marks(len(keys.Lookup))+`))`)
		for _, k := range keys.Lookup {
			args = append(args, k)
		}
	}
	args = append(args, except)
	rows, err := s.query(ctx, tx, `SELECT case_id, match, document_id FROM records
		WHERE (`+strings.Join(where, " OR ")+`) AND case_id IS NOT NULL AND case_id <> ?
		ORDER BY id DESC LIMIT `+fmt.Sprint(maxCandidates), args...)
	if err != nil {
		return err
	}
	eachCandidate(rows, fn)
	return rows.Err()
}

// query runs a query in tx, prepared once there, or outside any.
func (s *DB) query(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	if tx == nil {
		return s.db.QueryContext(ctx, s.q(query), args...)
	}
	st, err := s.stmt(ctx, tx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// eachCandidate reads rows until fn says stop (false) and closes them.
func eachCandidate(rows *sql.Rows, fn func(candidate) bool) bool {
	defer rows.Close()
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.caseID, &c.match, &c.doc); err != nil {
			return false
		}
		if !fn(c) {
			return false
		}
	}
	return true
}

func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// storeKeys keeps the keys of a stored incident record.
func (s *DB) storeKeys(ctx context.Context, tx *sql.Tx, recordID int64, r *casebook.Record) error {
	for _, k := range resolve.KeysOf(r).Stored {
		if err := s.exec(ctx, tx, `INSERT INTO record_keys (record_id, key) VALUES (?, ?)`, recordID, k); err != nil {
			return fmt.Errorf("record keys: %w", err)
		}
	}
	return nil
}

// ensureKeys makes the keys of every stored incident record when they
// were made by another version of resolve.KeysOf, or never (a casebook
// from before the table).
func (s *DB) ensureKeys(ctx context.Context) error {
	v, _, ok, err := s.Setting(ctx, keysSetting)
	if err != nil {
		return err
	}
	if ok && string(v) == keysVersion {
		return nil
	}
	tx, end, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer end()
	if _, err := tx.ExecContext(ctx, `DELETE FROM record_keys`); err != nil {
		return fmt.Errorf("record keys: %w", err)
	}
	type stored struct {
		id    int64
		match string
	}
	var recs []stored
	rows, err := tx.QueryContext(ctx, `SELECT id, match FROM records WHERE case_id IS NOT NULL`)
	if err != nil {
		return fmt.Errorf("record keys: %w", err)
	}
	for rows.Next() {
		var r stored
		if err := rows.Scan(&r.id, &r.match); err != nil {
			rows.Close()
			return err
		}
		recs = append(recs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range recs {
		if m := decodeMatch(r.match); m != nil {
			if err := s.storeKeys(ctx, tx, r.id, m); err != nil {
				return err
			}
		}
	}
	if err := s.setSetting(ctx, tx, keysSetting, []byte(keysVersion)); err != nil {
		return err
	}
	return tx.Commit()
}
