package sqlstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"casebook"
	"casebook/ingest"
	"casebook/internal/shareddata"
	"casebook/source"
)

// labelledNotices reads and extracts every dev and train notice once.
func labelledNotices(t *testing.T) []casebook.NewDocument {
	t.Helper()
	ctx := context.Background()
	var docs []*source.Document
	for _, set := range []string{"dev", "train"} {
		dir := shareddata.Path(t, "data/"+set+"/texts")
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			d, err := source.Read(ctx, filepath.Join(dir, e.Name()), nil, source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			d.Path = set + "/" + e.Name()
			docs = append(docs, d)
		}
	}
	out, errs := ingest.PrepareAll(docs, nil)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", docs[i].Path, err)
		}
	}
	return out
}

// groups is how a store grouped the documents into cases: one line per
// case of more than one record, its documents sorted, the lines sorted.
func groups(t *testing.T, st casebook.Store) (string, int) {
	t.Helper()
	byCase := map[string][]string{}
	if err := st.EachCaseSource(context.Background(), func(id, path string) error {
		byCase[id] = append(byCase[id], path)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, paths := range byCase {
		if len(paths) > 1 {
			slices.Sort(paths)
			lines = append(lines, strings.Join(paths, " "))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n"), len(byCase)
}

// The cases do not depend on the order notices arrive in: a record that
// ties two cases joins them, on SQLite and PostgreSQL alike; re-extracting
// every document keeps them.
func TestGroupingIndependentOfOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests dev and train three times in each store")
	}
	ctx := context.Background()
	docs := labelledNotices(t)
	want, wantCases := "", 0
	for order := 0; order < 3; order++ {
		shuffled := slices.Clone(docs)
		if order > 0 {
			r := rand.New(rand.NewPCG(uint64(order), 7))
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		}
		for name, st := range stores(t) {
			for from := 0; from < len(shuffled); from += 7 {
				if _, _, err := st.Add(ctx, shuffled[from:min(from+7, len(shuffled))]); err != nil {
					t.Fatal(err)
				}
			}
			got, cases := groups(t, st)
			label := fmt.Sprintf("%s, order %d", name, order)
			if want == "" {
				want, wantCases = got, cases
				t.Logf("%d notices form %d cases; joined:\n%s", len(docs), cases, got)
				if !strings.Contains(got, "\n") {
					t.Fatalf("%s: fewer than two cases join notices:\n%s", label, got)
				}
				continue
			}
			if got != want || cases != wantCases {
				t.Errorf("%s: %d cases, grouped\n%s\nwant %d cases\n%s", label, cases, got, wantCases, want)
			}
			if order == 2 {
				// re-extraction regroups each document's records
				stored := map[string]int64{}
				if err := st.EachDocument(ctx, func(d *casebook.Document) error {
					stored[d.SHA256] = d.ID
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				for _, nd := range docs {
					if err := st.ReplaceRecords(ctx, stored[nd.SHA256], nd.Records); err != nil {
						t.Fatalf("%s: re-extract %s: %v", label, nd.PathOrURL, err)
					}
				}
				if again, n := groups(t, st); again != want || n != wantCases {
					t.Errorf("%s: after re-extraction %d cases, grouped\n%s", label, n, again)
				}
			}
		}
	}
}
