package casebook

import (
	"context"
	"time"
)

// Watch is a place casebook watches for new notices: an RSS or Atom feed,
// or an HTML page that lists links to notices (a ministry's press list, a
// city's お知らせ). `casebook watch` checks each on its schedule.
type Watch struct {
	ID    int64         `json:"id"`
	Name  string        `json:"name"`
	URL   string        `json:"url"`
	Kind  string        `json:"kind"` // WatchFeed or WatchPage, as last seen ("" before the first check)
	Every time.Duration `json:"every"`
	// What the last checks found.
	LastChecked  *time.Time `json:"last_checked,omitempty"`
	LastSuccess  *time.Time `json:"last_success,omitempty"`
	LastError    string     `json:"last_error,omitempty"`
	Failures     int        `json:"failures"`
	NextCheck    time.Time  `json:"next_check"`
	NewDocuments int        `json:"new_documents"` // documents it brought in, in all
	// The list's own validators, for a conditional GET.
	ETag         string `json:"-"`
	LastModified string `json:"-"`
}

// The kinds of watched places.
const (
	WatchFeed = "feed"
	WatchPage = "page"
)

// Fetched is what casebook knows of a URL a watch fetched: the document
// it became (0 when it was no notice), and the validators for the next
// conditional GET.
type Fetched struct {
	URL          string    `json:"url"`
	WatchID      int64     `json:"watch_id"`
	DocumentID   int64     `json:"document_id"`
	SHA256       string    `json:"sha256"`
	ETag         string    `json:"-"`
	LastModified string    `json:"-"`
	At           time.Time `json:"at"`
}

// WatchStore is what watching needs of a casebook besides Store.
type WatchStore interface {
	Store
	// AddWatch stores a new watch (its name and URL unique) and returns
	// it with its id.
	AddWatch(ctx context.Context, w Watch) (Watch, error)
	Watches(ctx context.Context) ([]Watch, error)
	// SaveWatch stores a watch's state after a check.
	SaveWatch(ctx context.Context, w Watch) error
	// RemoveWatch forgets a watch (by name or URL); what it brought in stays.
	RemoveWatch(ctx context.Context, nameOrURL string) error
	// FetchedURL is what was fetched from url before, if anything.
	FetchedURL(ctx context.Context, url string) (Fetched, bool, error)
	SaveFetched(ctx context.Context, f Fetched) error
	// DocumentWithHash is the stored document with that content, if any.
	DocumentWithHash(ctx context.Context, sha256 string) (int64, bool, error)
	// UpdateDocument replaces a stored document by a new version of it
	// (a changed page) and re-extracts it; its cases keep their ids and
	// the corrections people made.
	UpdateDocument(ctx context.Context, docID int64, d NewDocument) error
	// Watched lists the documents watches brought in since a time, newest
	// first, with the watch's name and the cases they made.
	Watched(ctx context.Context, since time.Time, limit int) ([]WatchedDocument, error)
	// WatchLock takes the lock that lets one watcher run against this
	// casebook (PostgreSQL: a session advisory lock); ok false when another
	// holds it. release gives it back.
	WatchLock(ctx context.Context) (release func(), ok bool, err error)
}

// WatchedDocument is a document a watch brought in.
type WatchedDocument struct {
	Watch      string    `json:"watch"`
	URL        string    `json:"url"`
	DocumentID int64     `json:"document_id"`
	At         time.Time `json:"at"`
	CaseIDs    []string  `json:"case_ids"`
}
