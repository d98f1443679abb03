package casebook

import (
	"context"
	"errors"
	"fmt"
	"strings"
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

// Link is why a source is in its case: it agreed with an earlier source
// of the case on Facts (none when a person put it there).
type Link struct {
	Source string   `json:"source"` // record id (Source.ID)
	With   string   `json:"with"`   // the record id it agreed with
	Facts  []string `json:"facts"`
}

// RelatedCase is another case of the organization that some facts tie
// to a case, too few or contradicted to make them one.
type RelatedCase struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Date    string   `json:"date,omitempty"`
	Agreed  []string `json:"agreed"`
	Against []string `json:"against,omitempty"`
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
	ID        string `json:"id"`
	Documents int    `json:"documents"`
	// Snippet is a search hit's text around the first match (SnippetMarks:
	// where the query's terms are in it, in characters).
	Snippet      string          `json:"snippet,omitempty"`
	SnippetMarks [][2]int        `json:"snippet_marks,omitempty"`
	Judgement    *Judgement      `json:"judgement,omitempty"`
	Sources      []Source        `json:"sources,omitempty"`
	Timeline     []TimelineEntry `json:"timeline,omitempty"`
	Manual       bool            `json:"manual,omitempty"` // grouping fixed by a person (merge/split)
	// Links say why each source after the first is in the case: the
	// earlier source it agreed with and the facts that agreed.
	Links []Link `json:"links,omitempty"`
	// Related are cases of the same organization whose records nearly
	// joined this one (関連する可能性のある事例).
	Related []RelatedCase `json:"related,omitempty"`
	// Changes people made to the case (corrections, deletions of its
	// documents), oldest first.
	Changes []Change `json:"changes,omitempty"`
}

// SearchQuery selects cases.
type SearchQuery struct {
	Q           string   // full text over titles, organizations and notice text (substring semantics)
	Causes      []string // any of
	Items       []string // any of
	Sectors     []string // any of
	OrgKinds    []string // any of (casebook.OrgKinds)
	Kinds       []string // any of
	Years       []string // any of
	Since       string   // ISO date, on the case's date
	Until       string
	MinAffected int64
	Reportable  bool   // only cases the judgement finds reportable to the PPC
	Late        bool   // only cases whose report to the PPC was late (速報 beyond the guide or 確報 late)
	NeedsReview bool   // only cases with a field below ReviewThreshold that no person confirmed
	Org         string // substring of the organization
	Sort        string // "date" (default), "affected", "relevance"
	Limit       int
	Offset      int
}

// Facets count the cases of a result set by cause, data item, sector and
// year, and by what the judgement found (Flags: "reportable", "late").
type Facets struct {
	Causes    map[string]int `json:"causes"`
	DataItems map[string]int `json:"data_items"`
	Sectors   map[string]int `json:"sectors"`
	OrgKinds  map[string]int `json:"org_kinds"`
	Years     map[string]int `json:"years"`
	Flags     map[string]int `json:"flags"`
	// Sizes counts the result's cases by people affected: more than
	// 1,000, 10,000 or more, 100,000 or more (keyed by the least count,
	// as min_affected takes it).
	Sizes map[string]int `json:"sizes"`
}

// SizeThresholds are the least counts the Sizes facet counts from.
var SizeThresholds = []int64{1001, 10000, 100000}

// Judgement flags a case is filed under (Facets.Flags).
const (
	FlagReportable = "reportable"
	FlagLate       = "late"
	// FlagSample files the invented sample cases casebook ships with.
	FlagSample = "sample"
	// FlagReview files the cases with a field extraction was unsure of
	// that no person has confirmed or corrected (要確認).
	FlagReview = "review"
)

// Flags are the judgement flags with their Japanese labels, and the
// samples' mark.
var Flags = []Term{{FlagReportable, "報告対象事態"}, {FlagLate, "報告の遅れ"}, {FlagSample, "見本"}, {FlagReview, "要確認"}}

// SamplePrefix begins the path of a bundled sample notice as stored
// (casebook:samples/misdelivery_city.txt): no file or URL looks like it.
const SamplePrefix = "casebook:samples/"

// IsSamplePath reports whether a stored document is one of the bundled
// sample notices: stored under SamplePrefix, or, by versions before it,
// as samples/NAME.
func IsSamplePath(p string) bool {
	if strings.HasPrefix(p, SamplePrefix) {
		return true
	}
	name, ok := strings.CutPrefix(p, "samples/")
	return ok && name != "" && !strings.Contains(name, "/")
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
	// EachCaseSource calls fn for every record that belongs to a case,
	// with its case and the path or URL of its document, in the order of
	// the cases: how records were grouped.
	EachCaseSource(ctx context.Context, fn func(caseID, path string) error) error
	// Documents calls fn for every stored document, text included.
	EachDocument(ctx context.Context, fn func(*Document) error) error
	// ReplaceRecords replaces the records of stored documents (re-extraction)
	// and regroups the cases that no person has fixed.
	ReplaceRecords(ctx context.Context, docID int64, recs []Record) error
	// Merge moves every record of case b into case a.
	Merge(ctx context.Context, a, b string) (*Case, error)
	// Split makes each record of a case a case of its own.
	Split(ctx context.Context, id string) ([]string, error)
	// Correct stores a person's corrections of a case's fields (checked
	// first: an invalid one stores none) and returns the case rebuilt.
	// Corrections survive re-extraction.
	Correct(ctx context.Context, id string, cs []Correction, by string) (*Case, error)
	// Changes lists the changes people made to a case, oldest first.
	Changes(ctx context.Context, caseID string) ([]Change, error)
	// DeleteCase deletes a case wrongly ingested, and DeleteDocument a
	// document; both are logged as changes.
	DeleteCase(ctx context.Context, id, by string) error
	DeleteDocument(ctx context.Context, docID int64, by string) error
	// Counts returns the number of cases and documents.
	Counts(ctx context.Context) (cases, documents int, err error)
	Close() error
}

// ErrNotFound is returned for an unknown case id.
var ErrNotFound = errors.New("no such case")

// ErrInvalid wraps a change that cannot be made as asked (a correction
// of a field that does not exist, a value that does not parse).
var ErrInvalid = errors.New("invalid change")

// Filtered reports whether q narrows the cases at all (text or a filter).
func (q SearchQuery) Filtered() bool {
	return q.Q != "" || len(q.Causes)+len(q.Items)+len(q.Sectors)+len(q.OrgKinds)+len(q.Kinds)+len(q.Years) > 0 ||
		q.Since != "" || q.Until != "" || q.MinAffected > 0 || q.Reportable || q.Late || q.NeedsReview || q.Org != ""
}

// RemoveSamples deletes every bundled sample notice the casebook holds,
// and with them the cases made of them alone; it returns how many
// documents it deleted. Each deletion is logged as by's change.
func RemoveSamples(ctx context.Context, st Store, by string) (int, error) {
	var ids []int64
	// (ids first: a deletion may not run while the walk reads)
	if err := st.EachDocument(ctx, func(d *Document) error {
		if IsSamplePath(d.PathOrURL) {
			ids = append(ids, d.ID)
		}
		return nil
	}); err != nil {
		return 0, err
	}
	for i, id := range ids {
		if err := st.DeleteDocument(ctx, id, by); err != nil && !errors.Is(err, ErrNotFound) {
			return i, fmt.Errorf("delete sample document %d: %w", id, err)
		}
	}
	return len(ids), nil
}
