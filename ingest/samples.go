package ingest

import (
	"context"
	"io/fs"
	"sort"

	"casebook"
	"casebook/samples"
	"casebook/source"
)

// Samples ingests the bundled sample notices, each stored under
// casebook.SamplePrefix so that the casebook knows them for what they
// are: invented, shown as 見本, left out of statistics and exports.
func Samples(ctx context.Context, st casebook.Store, ex Extractor) (*casebook.IngestSummary, error) {
	fsys := samples.Notices()
	var names []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	sum := &casebook.IngestSummary{Failed: []casebook.IngestFailed{}}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		doc, err := source.FromBytes(ctx, casebook.SamplePrefix+n, b, source.Options{})
		if err != nil {
			sum.Failed = append(sum.Failed, casebook.IngestFailed{Input: n, Error: err.Error()})
			continue
		}
		nd, err := Prepare(doc, ex)
		if err != nil {
			sum.Failed = append(sum.Failed, casebook.IngestFailed{Input: n, Error: err.Error()})
			continue
		}
		one, _, err := AddOne(ctx, st, nd)
		if err != nil {
			return nil, err
		}
		sum.Documents += one.Documents
		sum.Incidents += one.Incidents
		sum.NotIncidents += one.NotIncidents
		sum.Duplicates += one.Duplicates
	}
	return sum, nil
}
