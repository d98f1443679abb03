package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"casebook"
)

// What people change: corrections of a case's fields, deletions of cases
// and documents. Every change is a row of the changes table (the log the
// case page shows); corrections are applied over the merged view whenever
// a case is rebuilt, so re-extraction keeps them. A case deleted out of a
// document that tells of other cases too (a digest) leaves its records'
// places in the dismissed table, so re-extraction does not bring it back.

// Correct implements casebook.Store.
func (s *DB) Correct(ctx context.Context, id string, cs []casebook.Correction, by string) (*casebook.Case, error) {
	c, err := s.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	// check them all on the case as it is before storing any
	check := c.Record
	for _, x := range cs {
		if err := x.Apply(&check); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
		}
	}
	tx, end, err := s.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	for _, x := range cs {
		if err := s.logChange(ctx, tx, casebook.Change{By: by, Action: casebook.ActionCorrect, CaseID: id, Field: x.Field, Value: x.Value}); err != nil {
			return nil, err
		}
	}
	if err := s.refreshCase(ctx, tx, id); err != nil {
		return nil, err
	}
	if err := s.commit(ctx, tx); err != nil {
		return nil, err
	}
	return s.Case(ctx, id)
}

// ErrInvalid wraps a change that cannot be made as asked.
var ErrInvalid = casebook.ErrInvalid

// corrections are the corrections of case id made since it was last
// deleted, in the order they were made.
func (s *DB) corrections(ctx context.Context, tx *sql.Tx, id string) ([]casebook.Correction, error) {
	q, err := s.stmt(ctx, tx, `SELECT field, value FROM changes WHERE case_id = ? AND action = 'correct'
		AND id > COALESCE((SELECT max(id) FROM changes WHERE case_id = ? AND action = 'delete_case'), 0) ORDER BY id`)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []casebook.Correction
	for rows.Next() {
		var c casebook.Correction
		if err := rows.Scan(&c.Field, &c.Value); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Changes implements casebook.Store.
func (s *DB) Changes(ctx context.Context, caseID string) ([]casebook.Change, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT at, author, action, COALESCE(case_id, ''), COALESCE(document_id, 0),
		COALESCE(field, ''), COALESCE(value, '') FROM changes WHERE case_id = ? ORDER BY id`), caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []casebook.Change{}
	for rows.Next() {
		var c casebook.Change
		var at string
		if err := rows.Scan(&at, &c.By, &c.Action, &c.CaseID, &c.DocID, &c.Field, &c.Value); err != nil {
			return nil, err
		}
		c.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *DB) logChange(ctx context.Context, tx *sql.Tx, c casebook.Change) error {
	var doc any
	if c.DocID != 0 {
		doc = c.DocID
	}
	return s.exec(ctx, tx, `INSERT INTO changes (at, author, action, case_id, document_id, field, value) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		time.Now().UTC().Format(time.RFC3339), c.By, c.Action, nullable(c.CaseID), doc, nullable(c.Field), nullable(c.Value))
}

// DeleteCase implements casebook.Store: the documents that tell only of
// this case go; from a document that tells of others too, only this
// case's records go, remembered as dismissed.
func (s *DB) DeleteCase(ctx context.Context, id, by string) error {
	tx, end, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer end()
	rows, err := tx.QueryContext(ctx, s.q(`SELECT r.document_id, r.seq,
		(SELECT count(*) FROM records o WHERE o.document_id = r.document_id AND (o.case_id IS NULL OR o.case_id <> r.case_id))
		FROM records r WHERE r.case_id = ?`), id)
	if err != nil {
		return err
	}
	type place struct {
		doc    int64
		seq    int
		others int
	}
	var places []place
	for rows.Next() {
		var p place
		if err := rows.Scan(&p.doc, &p.seq, &p.others); err != nil {
			rows.Close()
			return err
		}
		places = append(places, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(places) == 0 {
		return casebook.ErrNotFound
	}
	for _, p := range places {
		if p.others == 0 {
			if err := s.exec(ctx, tx, `DELETE FROM documents WHERE id = ?`, p.doc); err != nil {
				return err
			}
			continue
		}
		if err := s.exec(ctx, tx, `INSERT INTO dismissed (document_id, seq) VALUES (?, ?) ON CONFLICT DO NOTHING`, p.doc, p.seq); err != nil {
			return err
		}
		if err := s.exec(ctx, tx, `DELETE FROM records WHERE document_id = ? AND seq = ?`, p.doc, p.seq); err != nil {
			return err
		}
	}
	if err := s.logChange(ctx, tx, casebook.Change{By: by, Action: casebook.ActionDeleteCase, CaseID: id}); err != nil {
		return err
	}
	if err := s.refreshCase(ctx, tx, id); err != nil {
		return err
	}
	return s.commit(ctx, tx)
}

// DeleteDocument implements casebook.Store: the document and its records
// go; the cases they were part of are rebuilt from what remains (or go).
func (s *DB) DeleteDocument(ctx context.Context, docID int64, by string) error {
	tx, end, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer end()
	var path string
	if err := tx.QueryRowContext(ctx, s.q(`SELECT path FROM documents WHERE id = ?`), docID).Scan(&path); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return casebook.ErrNotFound
		}
		return err
	}
	cases, err := s.documentCases(ctx, tx, docID)
	if err != nil {
		return err
	}
	if err := s.exec(ctx, tx, `DELETE FROM documents WHERE id = ?`, docID); err != nil {
		return err
	}
	// one entry for every case it was part of, so each case's log shows it
	ids := cases
	if len(ids) == 0 {
		ids = []string{""}
	}
	for _, id := range ids {
		err := s.logChange(ctx, tx, casebook.Change{By: by, Action: casebook.ActionDeleteDocument, DocID: docID, CaseID: id, Value: path})
		if err != nil {
			return err
		}
	}
	for _, id := range cases {
		if err := s.refreshCase(ctx, tx, id); err != nil {
			return err
		}
	}
	return s.commit(ctx, tx)
}

// documentCases are the cases a document's records belong to (in tx or
// the database).
func (s *DB) documentCases(ctx context.Context, q queryer, docID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT DISTINCT case_id FROM records WHERE document_id = ? AND case_id IS NOT NULL ORDER BY case_id`), docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// dismissedSeqs are the places of a document's records people deleted.
func (s *DB) dismissedSeqs(ctx context.Context, tx *sql.Tx, docID int64) (map[int]bool, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT seq FROM dismissed WHERE document_id = ?`), docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]bool{}
	for rows.Next() {
		var seq int
		if err := rows.Scan(&seq); err != nil {
			return nil, err
		}
		out[seq] = true
	}
	return out, rows.Err()
}
