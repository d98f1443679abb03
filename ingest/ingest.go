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
	"strings"
	"sync"
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
}

// Prepare extracts the records of a read document.
func Prepare(doc *source.Document) casebook.NewDocument {
	sum := sha256.Sum256([]byte(doc.Text))
	nd := casebook.NewDocument{Document: casebook.Document{
		PathOrURL: doc.Path, FetchedAt: doc.FetchedAt, SHA256: hex.EncodeToString(sum[:]),
		Format: doc.Format, Encoding: doc.Encoding, Text: doc.Text, Headings: doc.Headings, PageTitle: doc.PageTitle}}
	nd.Records = extract.Extract(doc.Text, extract.Options{Headings: doc.Headings, PageTitle: doc.PageTitle})
	for i := range nd.Records {
		nd.Records[i].File = doc.Name
	}
	return nd
}

// PrepareAll extracts many documents on every core, keeping their order.
func PrepareAll(docs []*source.Document) []casebook.NewDocument {
	out := make([]casebook.NewDocument, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = Prepare(docs[i])
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// Run ingests the inputs (paths, folders, URLs, "-") into st.
func Run(ctx context.Context, st casebook.Store, inputs []string, o Options) (*casebook.IngestSummary, error) {
	if o.BatchSize <= 0 {
		o.BatchSize = 64
	}
	sum := &casebook.IngestSummary{Failed: []casebook.IngestFailed{}}
	files, errs := source.Expand(inputs)
	for _, e := range errs {
		sum.Failed = append(sum.Failed, failure(e))
	}
	if len(files) == 0 && len(errs) == 0 {
		sum.Warnings = append(sum.Warnings, casebook.IngestFailed{Input: strings.Join(inputs, " "), Error: "no notices found"})
	}
	start := time.Now()
	var read []*source.Document
	var batchNames []string
	flush := func() error {
		if len(read) == 0 {
			return nil
		}
		batch := PrepareAll(read)
		stored, _, err := st.Add(ctx, batch)
		if err != nil {
			// store the batch one by one so one bad document fails alone
			for i, d := range batch {
				one, _, err1 := st.Add(ctx, []casebook.NewDocument{d})
				if err1 != nil {
					sum.Failed = append(sum.Failed, casebook.IngestFailed{Input: batchNames[i], Error: err1.Error()})
					continue
				}
				count(sum, d, one[0])
			}
		} else {
			for i, d := range batch {
				count(sum, d, stored[i])
			}
		}
		read, batchNames = read[:0], batchNames[:0]
		return ctx.Err()
	}
	for i, in := range files {
		if ctx.Err() != nil {
			break
		}
		doc, err := source.Read(ctx, in, o.Stdin, o.Source)
		if err != nil {
			sum.Failed = append(sum.Failed, failure(err))
		} else {
			for _, w := range doc.Warnings {
				sum.Warnings = append(sum.Warnings, casebook.IngestFailed{Input: in, Error: w})
			}
			read = append(read, doc)
			batchNames = append(batchNames, in)
		}
		if len(read) >= o.BatchSize {
			if err := flush(); err != nil {
				return sum, err
			}
		}
		if o.OnProgress != nil {
			o.OnProgress(Progress{Done: i + 1, Total: len(files), Errors: len(sum.Failed), Elapsed: time.Since(start)})
		}
	}
	if err := flush(); err != nil {
		return sum, err
	}
	return sum, ctx.Err()
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
