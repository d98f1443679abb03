package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"casebook"
)

// What casebook watches (casebook.WatchStore): the watches, with their
// state kept as JSON beside the columns that are looked up, and every URL
// a watch fetched with the document it became.

// watchState is the part of a watch a check changes.
type watchState struct {
	LastChecked  *time.Time `json:"last_checked,omitempty"`
	LastSuccess  *time.Time `json:"last_success,omitempty"`
	LastError    string     `json:"last_error,omitempty"`
	Failures     int        `json:"failures,omitempty"`
	NextCheck    time.Time  `json:"next_check"`
	NewDocuments int        `json:"new_documents,omitempty"`
	ETag         string     `json:"etag,omitempty"`
	LastModified string     `json:"last_modified,omitempty"`
}

func stateOf(w casebook.Watch) watchState {
	return watchState{LastChecked: w.LastChecked, LastSuccess: w.LastSuccess, LastError: w.LastError, Failures: w.Failures,
		NextCheck: w.NextCheck, NewDocuments: w.NewDocuments, ETag: w.ETag, LastModified: w.LastModified}
}

// AddWatch implements casebook.WatchStore.
func (s *DB) AddWatch(ctx context.Context, w casebook.Watch) (casebook.Watch, error) {
	st, _ := json.Marshal(stateOf(w))
	err := s.db.QueryRowContext(ctx, s.q(`INSERT INTO watches (name, url, kind, every_s, added_at, state) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING RETURNING id`), w.Name, w.URL, w.Kind, int64(w.Every/time.Second), time.Now().UTC().Format(time.RFC3339), string(st)).Scan(&w.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return w, fmt.Errorf("a source named %q or with the URL %s is already watched: %w", w.Name, w.URL, casebook.ErrInvalid)
	}
	if err != nil {
		return w, fmt.Errorf("add source: %w", err)
	}
	return w, nil
}

// Watches implements casebook.WatchStore.
func (s *DB) Watches(ctx context.Context) ([]casebook.Watch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, url, kind, every_s, state FROM watches ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	defer rows.Close()
	var out []casebook.Watch
	for rows.Next() {
		var w casebook.Watch
		var every int64
		var state string
		if err := rows.Scan(&w.ID, &w.Name, &w.URL, &w.Kind, &every, &state); err != nil {
			return nil, err
		}
		w.Every = time.Duration(every) * time.Second
		var st watchState
		if err := json.Unmarshal([]byte(state), &st); err != nil {
			return nil, fmt.Errorf("source %s: %w", w.Name, err)
		}
		w.LastChecked, w.LastSuccess, w.LastError, w.Failures = st.LastChecked, st.LastSuccess, st.LastError, st.Failures
		w.NextCheck, w.NewDocuments, w.ETag, w.LastModified = st.NextCheck, st.NewDocuments, st.ETag, st.LastModified
		out = append(out, w)
	}
	return out, rows.Err()
}

// SaveWatch implements casebook.WatchStore.
func (s *DB) SaveWatch(ctx context.Context, w casebook.Watch) error {
	st, _ := json.Marshal(stateOf(w))
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE watches SET kind = ?, state = ? WHERE id = ?`), w.Kind, string(st), w.ID)
	return err
}

// RemoveWatch implements casebook.WatchStore.
func (s *DB) RemoveWatch(ctx context.Context, nameOrURL string) error {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM watches WHERE name = ? OR url = ?`), nameOrURL, nameOrURL)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("no source %q: %w", nameOrURL, casebook.ErrNotFound)
	}
	return nil
}

// FetchedURL implements casebook.WatchStore.
func (s *DB) FetchedURL(ctx context.Context, url string) (casebook.Fetched, bool, error) {
	f := casebook.Fetched{URL: url}
	var at string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT watch_id, document_id, sha256, etag, last_modified, at FROM fetched WHERE url = ?`), url).
		Scan(&f.WatchID, &f.DocumentID, &f.SHA256, &f.ETag, &f.LastModified, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, err
	}
	f.At, _ = time.Parse(time.RFC3339, at)
	return f, true, nil
}

// SaveFetched implements casebook.WatchStore.
func (s *DB) SaveFetched(ctx context.Context, f casebook.Fetched) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO fetched (url, watch_id, document_id, sha256, etag, last_modified, at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET watch_id = excluded.watch_id, document_id = excluded.document_id, sha256 = excluded.sha256,
		etag = excluded.etag, last_modified = excluded.last_modified, at = excluded.at`),
		f.URL, f.WatchID, f.DocumentID, f.SHA256, f.ETag, f.LastModified, f.At.UTC().Format(time.RFC3339))
	return err
}

// DocumentWithHash implements casebook.WatchStore.
func (s *DB) DocumentWithHash(ctx context.Context, sha string) (int64, bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id FROM documents WHERE sha256 = ?`), sha).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// UpdateDocument implements casebook.WatchStore: the new text replaces
// the old under the same document id, and the records are read again;
// the ids of the cases come from the first version (origin), so the
// cases keep their ids and people's corrections.
func (s *DB) UpdateDocument(ctx context.Context, docID int64, d casebook.NewDocument) error {
	tx, end, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer end()
	var sha, origin string
	if err := tx.QueryRowContext(ctx, s.q(`SELECT sha256, origin FROM documents WHERE id = ?`), docID).Scan(&sha, &origin); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("document %d: %w", docID, casebook.ErrNotFound)
		}
		return fmt.Errorf("document %d: %w", docID, err)
	}
	if origin == "" {
		origin = sha
	}
	meta, _ := json.Marshal(docMeta{Headings: d.Headings, PageTitle: d.PageTitle})
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE documents SET sha256 = ?, origin = ?, path = ?, fetched_at = ?, format = ?, encoding = ?, meta = ?, text = ? WHERE id = ?`),
		d.SHA256, origin, d.PathOrURL, d.FetchedAt.UTC().Format(time.RFC3339), d.Format, d.Encoding, string(meta), pack(d.Text), docID); err != nil {
		return fmt.Errorf("update document %d: %w", docID, err)
	}
	if err := s.replaceRecords(ctx, tx, docID, origin, d.Text, append([]casebook.Record(nil), d.Records...)); err != nil {
		return fmt.Errorf("update document %d: %w", docID, err)
	}
	return s.commit(ctx, tx)
}

// Watched implements casebook.WatchStore.
func (s *DB) Watched(ctx context.Context, since time.Time, limit int) ([]casebook.WatchedDocument, error) {
	// (a document once: as the fetch that stored it, whose URL is its
	// path; a copy under another URL brought nothing)
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT COALESCE(w.name, ''), f.url, f.document_id, f.at FROM fetched f
		JOIN documents d ON d.id = f.document_id AND d.path = f.url
		LEFT JOIN watches w ON w.id = f.watch_id WHERE f.at >= ? ORDER BY f.at DESC, f.url LIMIT ?`),
		since.UTC().Format(time.RFC3339), limit)
	if err != nil {
		return nil, fmt.Errorf("new documents: %w", err)
	}
	var out []casebook.WatchedDocument
	for rows.Next() {
		var d casebook.WatchedDocument
		var at string
		if err := rows.Scan(&d.Watch, &d.URL, &d.DocumentID, &at); err != nil {
			rows.Close()
			return nil, err
		}
		d.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// (the cases after the walk: SQLite has one connection)
	for i := range out {
		ids, err := s.documentCases(ctx, s.db, out[i].DocumentID)
		if err != nil {
			return nil, err
		}
		out[i].CaseIDs = ids
	}
	return out, nil
}

// WatchOf names the watch that brought a document in ("" when none).
func (s *DB) WatchOf(ctx context.Context, docID int64) (string, error) {
	var name string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT w.name FROM fetched f JOIN watches w ON w.id = f.watch_id WHERE f.document_id = ? ORDER BY f.at LIMIT 1`), docID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}

// WatchLock implements casebook.WatchStore: on PostgreSQL a session
// advisory lock held on a connection of its own while the watcher runs;
// SQLite's one writer needs none.
func (s *DB) WatchLock(ctx context.Context) (func(), bool, error) {
	if s.d.WatchLock == "" {
		return func() {}, true, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, false, err
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, s.d.WatchLock).Scan(&ok); err != nil {
		conn.Close()
		return nil, false, fmt.Errorf("watch lock: %w", err)
	}
	if !ok {
		conn.Close()
		return nil, false, nil
	}
	return func() {
		conn.ExecContext(context.Background(), s.d.WatchUnlock)
		conn.Close()
	}, true, nil
}

var _ casebook.WatchStore = (*DB)(nil)
