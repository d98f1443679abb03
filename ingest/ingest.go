// Package ingest reads notices, extracts their records and stores them in
// batches: one broken input never stops the others, and a crash leaves the
// database as it was after the last whole batch.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"casebook"
	"casebook/extract"
	"casebook/source"
)

// Progress is reported after every input.
type Progress struct {
	Done, Total int
	Errors      int
	Elapsed     time.Duration
}

// Options of one ingest.
type Options struct {
	Source    source.Options
	BatchSize int // documents per transaction; 64 when zero
	Stdin     io.Reader
	// OnProgress, when set, is called after every input.
	OnProgress func(Progress)
	// Extract reads a document's records; extract.Extract when nil.
	Extract Extractor
}

// Extractor reads the records of a text. extract.Extract is casebook's.
type Extractor func(text string, o extract.Options) ([]casebook.Record, error)

// Run extracts text with ex (extract.Extract when nil) under a recover:
// whatever the extractor does, a panic becomes this text's error.
func (ex Extractor) Run(text string, o extract.Options) (recs []casebook.Record, err error) {
	if ex == nil {
		ex = extract.Extract
	}
	defer func() {
		if r := recover(); r != nil {
			recs, err = nil, &extract.PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	return ex(text, o)
}

// Prepare extracts the records of a read document with ex (extract.Extract
// when nil). Whatever the extractor does, a document fails alone: a panic
// becomes this document's error, named by the document.
func Prepare(doc *source.Document, ex Extractor) (casebook.NewDocument, error) {
	sum := sha256.Sum256([]byte(doc.Text))
	nd := casebook.NewDocument{Document: casebook.Document{
		PathOrURL: doc.Path, FetchedAt: doc.FetchedAt, SHA256: hex.EncodeToString(sum[:]),
		Format: doc.Format, Encoding: doc.Encoding, Text: doc.Text, Headings: doc.Headings, PageTitle: doc.PageTitle}}
	recs, err := ex.Run(doc.Text, extract.Options{Headings: doc.Headings, PageTitle: doc.PageTitle})
	if err != nil {
		return nd, &source.Error{Input: doc.Name, Err: err}
	}
	for i := range recs {
		recs[i].File = doc.Name
	}
	nd.Records = recs
	return nd, nil
}

// PrepareAll extracts many documents on every core, keeping their order.
// errs[i] is document i's failure, if any; its NewDocument is then empty.
func PrepareAll(docs []*source.Document, ex Extractor) (out []casebook.NewDocument, errs []error) {
	out = make([]casebook.NewDocument, len(docs))
	errs = make([]error, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = Prepare(docs[i], ex)
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errs
}

// Run ingests the inputs (paths, folders, URLs, "-") into st.
func Run(ctx context.Context, st casebook.Store, inputs []string, o Options) (*casebook.IngestSummary, error) {
	var readFailed, warnings []casebook.IngestFailed
	files, errs := source.Expand(inputs)
	for _, e := range errs {
		readFailed = append(readFailed, failure(e))
	}
	if len(files) == 0 && len(errs) == 0 {
		warnings = append(warnings, casebook.IngestFailed{Input: strings.Join(inputs, " "), Error: "no notices found"})
	}
	start := time.Now()
	w := NewWriter(ctx, st, o.BatchSize)
	w.Extract = o.Extract
	var err error
	for i, in := range files {
		if ctx.Err() != nil {
			break
		}
		doc, rerr := source.Read(ctx, in, o.Stdin, o.Source)
		if rerr != nil {
			readFailed = append(readFailed, failure(rerr))
		} else {
			for _, msg := range doc.Warnings {
				warnings = append(warnings, casebook.IngestFailed{Input: in, Error: msg})
			}
			if err = w.Put(doc, in); err != nil {
				break
			}
		}
		if o.OnProgress != nil {
			o.OnProgress(Progress{Done: i + 1, Total: len(files), Errors: len(readFailed) + w.Failures(), Elapsed: time.Since(start)})
		}
	}
	sum, cerr := w.Close()
	sum.Failed = append(append([]casebook.IngestFailed{}, readFailed...), sum.Failed...)
	sum.Warnings = append(warnings, sum.Warnings...)
	if err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	return sum, err
}

// Writer stores documents in batches, one transaction each. A batch is
// extracted on every core while the one before is being stored, so the
// database is never idle waiting for the extractor nor the other way round.
// When a batch fails, its documents are stored one by one so a bad
// document fails alone.
type Writer struct {
	ctx     context.Context
	st      casebook.Store
	size    int
	docs    []*source.Document
	names   []string
	bytes   int // text of the documents waiting in docs
	pending chan preparedBatch
	done    chan error
	failed  atomic.Int64
	sum     *casebook.IngestSummary // written by the storing goroutine until Close
	// Extracting and Storing are the wall time spent extracting batches
	// and storing them (they overlap); read them after Close.
	Extracting, Storing time.Duration
	// Extract reads each document's records (extract.Extract when nil);
	// set it before the first Put.
	Extract Extractor
}

type preparedBatch struct {
	docs   []casebook.NewDocument
	names  []string
	failed []casebook.IngestFailed // documents whose extraction failed
}

// NewWriter starts a writer storing batches of size documents (64 when
// size is not positive).
func NewWriter(ctx context.Context, st casebook.Store, size int) *Writer {
	if size <= 0 {
		size = 64
	}
	w := &Writer{ctx: ctx, st: st, size: size, pending: make(chan preparedBatch, 1), done: make(chan error, 1),
		sum: &casebook.IngestSummary{Failed: []casebook.IngestFailed{}}}
	go w.store()
	return w
}

// batchBytes bounds the text of one batch: large documents make small
// batches, so a batch's memory does not grow with the size of its files.
const batchBytes = 16 << 20

// Put adds a read document; name is how errors name it. It returns the
// context's error once the context ends.
func (w *Writer) Put(doc *source.Document, name string) error {
	w.docs = append(w.docs, doc)
	w.names = append(w.names, name)
	w.bytes += len(doc.Text)
	if len(w.docs) >= w.size || w.bytes >= batchBytes {
		return w.flush()
	}
	return nil
}

// Failures is how many documents failed to store so far.
func (w *Writer) Failures() int { return int(w.failed.Load()) }

func (w *Writer) flush() error {
	if len(w.docs) == 0 {
		return nil
	}
	t0 := time.Now()
	docs, errs := PrepareAll(w.docs, w.Extract)
	b := preparedBatch{}
	for i, err := range errs {
		if err != nil {
			f := failure(err)
			f.Input = w.names[i]
			b.failed = append(b.failed, f)
			w.failed.Add(1)
			continue
		}
		b.docs = append(b.docs, docs[i])
		b.names = append(b.names, w.names[i])
	}
	w.Extracting += time.Since(t0)
	w.docs, w.names, w.bytes = nil, nil, 0
	w.pending <- b // waits while the batch before is being stored
	return w.ctx.Err()
}

// Close stores what is left and returns the summary of everything stored.
func (w *Writer) Close() (*casebook.IngestSummary, error) {
	err := w.flush()
	close(w.pending)
	if serr := <-w.done; err == nil {
		err = serr
	}
	// after a large ingest the planner's statistics are stale
	if a, ok := w.st.(analyzer); ok && err == nil && w.sum.Documents >= analyzeAfter {
		if aerr := a.Analyze(w.ctx); aerr != nil {
			err = fmt.Errorf("statistics after ingest: %w", aerr)
		}
	}
	return w.sum, err
}

// analyzeAfter is how many new documents make an ingest refresh the
// database's statistics.
const analyzeAfter = 1000

// analyzer is a store whose query planner keeps statistics.
type analyzer interface {
	Analyze(ctx context.Context) error
}

func (w *Writer) store() {
	var err error
	for b := range w.pending {
		if err != nil {
			continue // drain: the context ended
		}
		w.sum.Failed = append(w.sum.Failed, b.failed...)
		if len(b.docs) == 0 {
			continue
		}
		t0 := time.Now()
		stored, _, aerr := w.st.Add(w.ctx, b.docs)
		if aerr == nil {
			for i, d := range b.docs {
				count(w.sum, d, stored[i])
			}
		} else {
			for i, d := range b.docs {
				one, _, err1 := w.st.Add(w.ctx, []casebook.NewDocument{d})
				if err1 != nil {
					w.sum.Failed = append(w.sum.Failed, casebook.IngestFailed{Input: b.names[i], Error: err1.Error()})
					w.failed.Add(1)
					continue
				}
				count(w.sum, d, one[0])
			}
		}
		w.Storing += time.Since(t0)
		err = w.ctx.Err()
	}
	w.done <- err
}

// AddOne stores one prepared document, for the HTTP API.
func AddOne(ctx context.Context, st casebook.Store, d casebook.NewDocument) (*casebook.IngestSummary, []string, error) {
	sum := &casebook.IngestSummary{Failed: []casebook.IngestFailed{}}
	stored, ids, err := st.Add(ctx, []casebook.NewDocument{d})
	if err != nil {
		return nil, nil, err
	}
	count(sum, d, stored[0])
	return sum, ids, nil
}

func count(sum *casebook.IngestSummary, d casebook.NewDocument, stored bool) {
	if !stored {
		sum.Duplicates++
		return
	}
	sum.Documents++
	countRecords(sum, d)
}

func countRecords(sum *casebook.IngestSummary, d casebook.NewDocument) {
	for _, r := range d.Records {
		if r.IsIncident() {
			sum.Incidents++
		} else {
			sum.NotIncidents++
		}
	}
}

func failure(err error) casebook.IngestFailed {
	if se, ok := err.(*source.Error); ok {
		return casebook.IngestFailed{Input: se.Input, Error: se.Err.Error()}
	}
	return casebook.IngestFailed{Input: "?", Error: fmt.Sprint(err)}
}
