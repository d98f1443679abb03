package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"casebook"
	"casebook/extract"
	"casebook/ingest"
	"casebook/internal/teststore"
	"casebook/source"
	"casebook/sqlstore"
)

// stores returns a fresh SQLite file and, when a PostgreSQL server is
// reachable, a fresh schema on it: the same tests run against both.
func stores(t testing.TB) map[string]*sqlstore.DB { return teststore.Stores(t) }

func pgSchema(t testing.TB) string { return teststore.PGSchema(t) }

func ingestDir(t *testing.T, st casebook.Store, dirs ...string) *casebook.IngestSummary {
	t.Helper()
	sum, err := ingest.Run(context.Background(), st, dirs, ingest.Options{BatchSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

const devDir = "../../shared/data/dev/texts"

func TestIngestSearchShow(t *testing.T) {
	ctx := context.Background()
	results := map[string]string{}
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			sum := ingestDir(t, st, "../samples/notices", "../testdata/pdf")
			samples, _ := os.ReadDir("../samples/notices")
			if sum.Documents != len(samples)+1 || sum.Incidents < sum.Documents || sum.NotIncidents != 3 || len(sum.Failed) != 0 {
				t.Errorf("summary %+v", sum)
			}
			again := ingestDir(t, st, "../samples/notices", "../testdata/pdf")
			if again.Documents != 0 || again.Duplicates != sum.Documents {
				t.Errorf("second ingest %+v", again)
			}
			var trace strings.Builder
			for _, q := range []casebook.SearchQuery{
				{Q: "誤送"}, {Q: "紛失"}, {Q: "ランサムウェア"}, {Q: "不正アクセス", Sort: "relevance"},
				{Causes: []string{"web_skimming"}}, {Items: []string{"name", "address"}}, {Sectors: []string{"public"}},
				{MinAffected: 10000, Sort: "affected"}, {Since: "2024-01-01", Until: "2024-12-31"}, {Org: "しらかば"},
				{Q: "個人情報", Causes: []string{"loss", "misdelivery"}}, {Kinds: []string{"regulator_action"}},
				{Q: "100%_"}, {Q: "\"'; DROP TABLE cases; --"},
			} {
				res, err := st.Search(ctx, q)
				if err != nil {
					t.Fatalf("%+v: %v", q, err)
				}
				fmt.Fprintf(&trace, "%+v → %d:", q, res.Total)
				for _, c := range res.Cases {
					fmt.Fprintf(&trace, " %s", c.ID)
				}
				fmt.Fprintf(&trace, " %v %v %v %v\n", res.Facets.Causes, res.Facets.DataItems, res.Facets.Sectors, res.Facets.Years)
			}
			results[name] = trace.String()
			res, _ := st.Search(ctx, casebook.SearchQuery{Q: "誤送"})
			if res.Total != 2 || res.Facets.Causes["misdelivery"] != 2 {
				t.Errorf("誤送: %+v", res)
			}
			res, _ = st.Search(ctx, casebook.SearchQuery{Q: "紛失"})
			if res.Total < 1 || res.Facets.Causes["loss"] < 1 {
				t.Errorf("紛失: %d %v", res.Total, res.Facets)
			}
			// the PDF and the text of the same notice are one case with two sources
			res, _ = st.Search(ctx, casebook.SearchQuery{Org: "しらかば"})
			if res.Total != 1 || res.Cases[0].Documents != 2 {
				t.Fatalf("しらかば: %d cases", res.Total)
			}
			c, err := st.Case(ctx, res.Cases[0].ID)
			if err != nil || len(c.Sources) != 2 || len(c.Timeline) == 0 {
				t.Errorf("case %+v %v", c, err)
			}
			if _, err := st.Case(ctx, "nope"); err != casebook.ErrNotFound {
				t.Errorf("unknown id: %v", err)
			}
		})
	}
	if len(results) == 2 && results["sqlite"] != results["postgres"] {
		t.Errorf("SQLite and PostgreSQL differ:\n--- sqlite\n%s--- postgres\n%s", results["sqlite"], results["postgres"])
	}
}

func TestFollowUpJoinsCase(t *testing.T) {
	ctx := context.Background()
	first := "株式会社テスト商会 不正アクセスによる個人情報漏えいに関するお詫び\n\n2024年3月1日、当社サーバーへの不正アクセスを確認しました。お客様1,234名の氏名とメールアドレスが流出した可能性があります。\n"
	follow := "株式会社テスト商会 不正アクセスによる個人情報漏えいに関するお詫び(第2報)\n\n2024年3月1日に確認した不正アクセスについて、調査の結果をご報告します。2024年3月5日に個人情報保護委員会へ報告しました。対象は1,234名です。\n"
	other := "株式会社テスト商会 メール誤送信に関するお詫び\n\n2025年6月10日、お客様12名へのメールを誤送信しました。\n"
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			var ids []string
			for i, text := range []string{first, follow, other} {
				doc, _ := source.FromBytes(ctx, fmt.Sprintf("n%d.txt", i), []byte(text), source.Options{})
				_, cs, err := st.Add(ctx, prepareAll(t, []*source.Document{doc}))
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, cs...)
			}
			if ids[0] != ids[1] || ids[0] == ids[2] {
				t.Fatalf("grouping %v", ids)
			}
			c, _ := st.Case(ctx, ids[0])
			if c.Documents != 2 || c.Dates.ReportedPPC == nil || *c.Dates.ReportedPPC != "2024-03-05" {
				t.Errorf("merged case %+v", c)
			}
			// a person corrects: split, then merge back
			parts, err := st.Split(ctx, ids[0])
			if err != nil || len(parts) != 2 {
				t.Fatalf("split %v %v", parts, err)
			}
			merged, err := st.Merge(ctx, parts[0], parts[1])
			if err != nil || merged.Documents != 2 || !merged.Manual {
				t.Fatalf("merge %+v %v", merged, err)
			}
			if _, err := st.Case(ctx, parts[1]); err != casebook.ErrNotFound {
				t.Errorf("merged-away case still there: %v", err)
			}
			n, docs, _ := st.Counts(ctx)
			if n != 2 || docs != 3 {
				t.Errorf("counts %d %d", n, docs)
			}
		})
	}
}

func TestReextractKeepsEverything(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ingestDir(t, st, "../samples/notices")
			before, _, _ := st.Counts(ctx)
			err := st.EachDocument(ctx, func(d *casebook.Document) error {
				return reextractOne(ctx, st, d)
			})
			if err != nil {
				t.Fatal(err)
			}
			after, docs, _ := st.Counts(ctx)
			if samples, _ := os.ReadDir("../samples/notices"); before != after || docs != len(samples) {
				t.Errorf("cases %d → %d, docs %d", before, after, docs)
			}
		})
	}
}

// A failing batch must not lose what was stored, and must not stop the rest.
func TestBadDocumentDoesNotStopBatch(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("不正アクセスに関するお詫び\n\n株式会社エー 2024年1月1日 顧客10名の氏名が流出しました。"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.bin"), []byte{0, 1, 2, 3}, 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt"), []byte(""), 0o644)
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			sum := ingestDir(t, st, dir, filepath.Join(dir, "missing.txt"))
			if sum.Documents != 1 || len(sum.Failed) != 3 {
				t.Errorf("%+v", sum)
			}
			for _, f := range sum.Failed {
				if f.Input == "" || f.Error == "" {
					t.Errorf("failure without name or reason: %+v", f)
				}
			}
		})
	}
}

func TestDevDataGroupsConservatively(t *testing.T) {
	if _, err := os.Stat(devDir); err != nil {
		t.Skip("no dev data")
	}
	ctx := context.Background()
	st := stores(t)["sqlite"]
	ingestDir(t, st, devDir)
	n, _, _ := st.Counts(ctx)
	if n != 13 { // 13 incidents, all different
		t.Errorf("%d cases from 13 distinct incidents", n)
	}
	start := time.Now()
	res, err := st.Search(ctx, casebook.SearchQuery{Q: "漏えい", Causes: []string{"web_skimming"}})
	if err != nil || res.Total != 3 {
		t.Errorf("search %v %v", res.Total, err)
	}
	t.Logf("search in %s", time.Since(start))
}

// A person's corrections are checked, logged, searched and survive
// re-extraction; deleting a case or a document is logged, and a case
// deleted out of a digest does not come back when the digest is extracted
// again.
func TestCorrectionsAndDeletions(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ingestDir(t, st, "../samples/notices")
			reextract := func() {
				t.Helper()
				err := st.EachDocument(ctx, func(d *casebook.Document) error {
					return reextractOne(ctx, st, d)
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			res, _ := st.Search(ctx, casebook.SearchQuery{Org: "しらかば", Limit: 1})
			if res.Total != 1 {
				t.Fatalf("しらかば: %d", res.Total)
			}
			id := res.Cases[0].ID
			// an invalid correction stores nothing
			if _, err := st.Correct(ctx, id, []casebook.Correction{{Field: "organization", Value: "株式会社訂正"},
				{Field: "dates.announced", Value: "2024-13-01"}}, "tester"); !errors.Is(err, sqlstore.ErrInvalid) {
				t.Fatalf("invalid date: %v", err)
			}
			if ch, _ := st.Changes(ctx, id); len(ch) != 0 {
				t.Fatalf("changes after a refused correction: %+v", ch)
			}
			c, err := st.Correct(ctx, id, []casebook.Correction{{Field: "organization", Value: "株式会社訂正済み商店"},
				{Field: "affected.count", Value: "999"}, {Field: "causes", Value: "誤送付・誤送信,loss"}}, "tester")
			if err != nil {
				t.Fatal(err)
			}
			check := func(when string) {
				t.Helper()
				c, err := st.Case(ctx, id)
				if err != nil {
					t.Fatalf("%s: %v", when, err)
				}
				if c.Organization != "株式会社訂正済み商店" || *c.Affected.Count != 999 || c.Causes[0] != "misdelivery" || len(c.Changes) != 3 || c.Changes[0].By != "tester" {
					t.Errorf("%s: %s %v %v %+v", when, c.Organization, c.Affected, c.Causes, c.Changes)
				}
				if r, _ := st.Search(ctx, casebook.SearchQuery{Org: "訂正済み"}); r.Total != 1 {
					t.Errorf("%s: the corrected organization finds %d", when, r.Total)
				}
				if r, _ := st.Search(ctx, casebook.SearchQuery{Q: "訂正済み商店", Causes: []string{"misdelivery"}, MinAffected: 999}); r.Total != 1 {
					t.Errorf("%s: the corrected case is found %d times", when, r.Total)
				}
			}
			_ = c
			check("corrected")
			reextract()
			check("after re-extraction")

			// a document: its case goes, the deletion is logged
			if err := st.DeleteDocument(ctx, c.Sources[0].DocID, "tester"); err != nil {
				t.Fatal(err)
			}
			if len(c.Sources) == 1 {
				if _, err := st.Case(ctx, id); err != casebook.ErrNotFound {
					t.Errorf("case of a deleted document: %v", err)
				}
			}
			if ch, _ := st.Changes(ctx, id); len(ch) != 4 || ch[3].Action != casebook.ActionDeleteDocument {
				t.Errorf("changes %+v", ch)
			}

			// a case out of a digest: the digest stays, the case does not come back
			_, docsBefore, _ := st.Counts(ctx)
			var ids []string // collected first: SQLite holds one connection while EachCase reads
			err = st.EachCase(ctx, func(k *casebook.Case) error {
				ids = append(ids, k.ID)
				return nil
			})
			var digestCase string
			for _, id := range ids {
				full, err := st.Case(ctx, id)
				if err == nil && len(full.Sources) == 1 && strings.Contains(full.Sources[0].PathOrURL, "digest_weekly") {
					digestCase = id
					break
				}
			}
			if err != nil || digestCase == "" {
				t.Fatalf("no case from the weekly digest: %v", err)
			}
			if err := st.DeleteCase(ctx, digestCase, "tester"); err != nil {
				t.Fatal(err)
			}
			reextract()
			if _, err := st.Case(ctx, digestCase); err != casebook.ErrNotFound {
				t.Errorf("deleted case came back: %v", err)
			}
			if _, docs, _ := st.Counts(ctx); docs != docsBefore {
				t.Errorf("documents %d → %d: the digest must stay", docsBefore, docs)
			}
			if err := st.DeleteCase(ctx, "nope", "tester"); err != casebook.ErrNotFound {
				t.Errorf("unknown case: %v", err)
			}
		})
	}
}

// prepareAll extracts a batch of documents; a failure fails the test.
func prepareAll(t testing.TB, docs []*source.Document) []casebook.NewDocument {
	t.Helper()
	out, errs := ingest.PrepareAll(docs, nil)
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// reextractOne re-runs extraction over a stored document, as casebook
// reextract does.
func reextractOne(ctx context.Context, st *sqlstore.DB, d *casebook.Document) error {
	recs, err := extract.Extract(d.Text, extract.Options{Headings: d.Headings, PageTitle: d.PageTitle})
	if err != nil {
		return err
	}
	return st.ReplaceRecords(ctx, d.ID, recs)
}
