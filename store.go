package casebook

import (
	"context"
	"errors"
	"time"
)

// Document is one stored input: where it came from and the text that
// extraction saw, so newer rules can be re-run over everything stored.
type Document struct {
	ID        int64     `json:"id"`
	PathOrURL string    `json:"path_or_url"`
	FetchedAt time.Time `json:"fetched_at"`
	SHA256    string    `json:"sha256"`
	Format    string    `json:"format"`
	Encoding  string    `json:"encoding"`
	Text      string    `json:"-"`
	// Headings and PageTitle keep what an HTML page's markup told
	// extraction, so re-extraction sees the same input.
	Headings  []int  `json:"headings,omitempty"`
	PageTitle string `json:"page_title,omitempty"`
}

// Source is one record of a case with the document it came from.
type Source struct {
	ID        string    `json:"id"` // record id
	PathOrURL string    `json:"path_or_url"`
	FetchedAt time.Time `json:"fetched_at"`
	SHA256    string    `json:"sha256"`
	Kind      Kind      `json:"kind"`
	Span      Span      `json:"span"`
	Title     string    `json:"title"`
	Date      string    `json:"date,omitempty"` // the record's own date (announced, action, …)
	Record    *Record   `json:"record,omitempty"`
	DocID     int64     `json:"document_id"`
}

// TimelineEntry is a dated event of a case, from one of its sources.
type TimelineEntry struct {
	Date   string `json:"date"`
	Event  string `json:"event"` // the date field: discovered, announced, …
	Source string `json:"source"`
}

// Case is one incident as casebook knows it: the merged view of every
// record about it (a first notice, follow-ups, a regulator's action, digest
// copies), with its sources and timeline.
type Case struct {
	Record
	ID        string          `json:"id"`
	Documents int             `json:"documents"`
	Judgement *Judgement      `json:"judgement,omitempty"`
	Sources   []Source        `json:"sources,omitempty"`
	Timeline  []TimelineEntry `json:"timeline,omitempty"`
	Manual    bool            `json:"manual,omitempty"` // grouping fixed by a person (merge/split)
}

// SearchQuery selects cases.
type SearchQuery struct {
	Q           string   // full text over titles, organizations and notice text (substring semantics)
	Causes      []string // any of
	Items       []string // all of
	Sectors     []string // any of
	Kinds       []string // any of
	Years       []string // any of
	Since       string   // ISO date, on the case's date
	Until       string
	MinAffected int64
	Org         string // substring of the organization
	Sort        string // "date" (default), "affected", "relevance"
	Limit       int
	Offset      int
}

// Facets count the cases of a result set by cause, data item, sector and year.
type Facets struct {
	Causes    map[string]int `json:"causes"`
	DataItems map[string]int `json:"data_items"`
	Sectors   map[string]int `json:"sectors"`
	Years     map[string]int `json:"years"`
}

// SearchResult is one page of cases with the facets of the whole result.
type SearchResult struct {
	Total  int     `json:"total"`
	Cases  []*Case `json:"cases"`
	Facets Facets  `json:"facets"`
}

// IngestSummary counts what an ingest did.
type IngestSummary struct {
	Documents    int            `json:"documents"`
	Incidents    int            `json:"incidents"`
	NotIncidents int            `json:"not_incidents"`
	Duplicates   int            `json:"duplicates"`
	Failed       []IngestFailed `json:"failed"`
	// Warnings: inputs read with something noticed (bytes not valid in
	// their encoding), or nothing to read (an empty folder).
	Warnings []IngestFailed `json:"warnings,omitempty"`
	Cases    []*Case        `json:"cases,omitempty"`
}

// IngestFailed names an input that could not be read or stored.
type IngestFailed struct {
	Input string `json:"input"`
	Error string `json:"error"`
}

// NewDocument is a document to store with the records extracted from it.
type NewDocument struct {
	Document
	Records []Record
}

// Store is a casebook database.
type Store interface {
	// Add stores documents and their records in one transaction, grouping
	// records into cases. A document already stored (same SHA-256) is
	// skipped: stored[i] says whether docs[i] was new. It returns the ids
	// of the cases touched.
	Add(ctx context.Context, docs []NewDocument) (stored []bool, caseIDs []string, err error)
	// Case returns one case with its sources and timeline.
	Case(ctx context.Context, id string) (*Case, error)
	// Search returns a page of cases with facets.
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
	// EachCase calls fn for every case (merged view, without sources).
	EachCase(ctx context.Context, fn func(*Case) error) error
	// Documents calls fn for every stored document, text included.
	EachDocument(ctx context.Context, fn func(*Document) error) error
	// ReplaceRecords replaces the records of stored documents (re-extraction)
	// and regroups the cases that no person has fixed.
	ReplaceRecords(ctx context.Context, docID int64, recs []Record) error
	// Merge moves every record of case b into case a.
	Merge(ctx context.Context, a, b string) (*Case, error)
	// Split makes each record of a case a case of its own.
	Split(ctx context.Context, id string) ([]string, error)
	// Counts returns the number of cases and documents.
	Counts(ctx context.Context) (cases, documents int, err error)
	Close() error
}

// ErrNotFound is returned for an unknown case id.
var ErrNotFound = errors.New("no such case")
