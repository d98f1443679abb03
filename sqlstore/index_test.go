package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"casebook"
	"casebook/ingest"
	"casebook/internal/benchcorpus"
	"casebook/jtext"
	"casebook/source"
	"casebook/sqlstore"
)

// fillCorpus stores n generated notices and the bundled samples.
func fillCorpus(t *testing.T, st *sqlstore.DB, n int) {
	t.Helper()
	ctx := context.Background()
	c := benchcorpus.New(7)
	var batch []*source.Document
	flush := func() {
		if _, _, err := st.Add(ctx, prepareAll(t, batch)); err != nil {
			t.Fatal(err)
		}
		batch = batch[:0]
	}
	for i := 0; i < n; i++ {
		text, _ := c.Notice(i)
		if i%97 == 0 {
			// spelling variants and old kanji forms in some notices
			text = strings.NewReplacer("漏えい", "漏洩", "改ざん", "改竄", "会社", "會社").Replace(text)
		}
		doc, err := source.FromBytes(ctx, fmt.Sprintf("corpus/%05d.txt", i), []byte(text), source.Options{})
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, doc)
		if len(batch) == 37 { // odd batches: many segments, merges at every level
			flush()
		}
	}
	flush()
	if _, err := ingest.Run(ctx, st, []string{"../samples/notices"}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
}

// searchQueries covers the query classes: terms of one to many
// characters, common and rare, variants, two terms, filters alone and with
// terms, every order, pages beyond the first.
func searchQueries() []casebook.SearchQuery {
	var qs []casebook.SearchQuery
	terms := []string{"", "漏", "誤送", "紛失", "漏えい", "漏洩", "改竄", "不正アクセス", "個人情報", "クレジットカード番号",
		"ランサムウェア", "ランサムウエア", "会社", "會社", "フォレンジック調査", "みなと", "0120", "bcc", "ＢＣＣ",
		"誤送 メール", "個人情報 紛失", "株式会社 通販", "存在しない語句", "ヒキト", "ごめんなさい", "お詫びとお知らせ", "に関するご報告",
		"スキミング", "決済画面", "web_skimming", "教育", "氏名 誤送信", "医療"}
	for _, term := range terms {
		for _, sort := range []string{"date", "affected", "relevance"} {
			qs = append(qs, casebook.SearchQuery{Q: term, Sort: sort, Limit: 20})
		}
		qs = append(qs, casebook.SearchQuery{Q: term, Causes: []string{"misdelivery", "loss"}, Limit: 10, Offset: 10})
		qs = append(qs, casebook.SearchQuery{Q: term, Items: []string{"name", "email"}, Years: []string{"2019", "2024"}})
		qs = append(qs, casebook.SearchQuery{Q: term, Since: "2021-03-15", Until: "2023-11-02", Sort: "affected"})
		qs = append(qs, casebook.SearchQuery{Q: term, MinAffected: 3000, Sectors: []string{"retail_ec", "public", "healthcare"}})
		qs = append(qs, casebook.SearchQuery{Q: term, Kinds: []string{"breach_notice"}, Org: "市", Limit: 50})
		qs = append(qs, casebook.SearchQuery{Q: term, Org: "みなと", Sort: "relevance", Offset: 5})
		qs = append(qs, casebook.SearchQuery{Q: term, Since: "2025-01-01", MinAffected: 1})
		qs = append(qs, casebook.SearchQuery{Q: term, Reportable: true, Sort: "affected"})
		qs = append(qs, casebook.SearchQuery{Q: term, Late: true, Items: []string{"card_number", "health"}})
	}
	return qs
}

// The index answers exactly as a plain scan does: the same total, facet
// counts and page, in the same order — on SQLite and PostgreSQL, after
// merges and after every document was extracted again.
func TestIndexAnswersAsAScan(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			// lists in parts of 97 bytes: every common key spans many rows
			sqlstore.SetPostingPart(st, 97)
			t0 := time.Now()
			fillCorpus(t, st, 700)
			t.Logf("fill %s", time.Since(t0))
			t0 = time.Now()
			compareWithScan(t, st)
			t.Logf("compare %s", time.Since(t0))
			t0 = time.Now()
			// refile everything: every case gets a new number, the old ones
			// are deleted; merge all segments into one
			err := st.EachDocument(ctx, func(d *casebook.Document) error {
				return reextractOne(ctx, st, d)
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("reextract %s", time.Since(t0))
			compareWithScan(t, st)
			if err := st.Compact(ctx, true); err != nil {
				t.Fatal(err)
			}
			compareWithScan(t, st)
		})
	}
}

func compareWithScan(t *testing.T, st *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	for _, q := range searchQueries() {
		a, err := st.Search(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		b, err := st.SearchScan(ctx, q)
		if err != nil {
			t.Fatalf("%+v: scan: %v", q, err)
		}
		if a.Total != b.Total {
			t.Errorf("%+v: total %d, scan %d", q, a.Total, b.Total)
			continue
		}
		if fa, fb := fmt.Sprint(a.Facets), fmt.Sprint(b.Facets); fa != fb {
			t.Errorf("%+v: facets\n%s\nscan\n%s", q, fa, fb)
		}
		if ia, ib := ids(a), ids(b); !slices.Equal(ia, ib) {
			t.Errorf("%+v: page\n%v\nscan\n%v", q, ia, ib)
			continue
		}
		for i := range a.Cases {
			if x, y := a.Cases[i], b.Cases[i]; x.Snippet != y.Snippet || fmt.Sprint(x.SnippetMarks) != fmt.Sprint(y.SnippetMarks) {
				t.Errorf("%+v: snippet of %s\n%q %v\nscan\n%q %v", q, x.ID, x.Snippet, x.SnippetMarks, y.Snippet, y.SnippetMarks)
			}
			if a.Cases[i].Snippet == "" {
				t.Errorf("%+v: %s has no snippet", q, a.Cases[i].ID)
			}
		}
	}
}

func ids(r *casebook.SearchResult) []string {
	var out []string
	for _, c := range r.Cases {
		out = append(out, c.ID)
	}
	return out
}

// Spelling variants find one another, on both databases.
func TestSearchVariants(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			docs := map[string]string{
				"a.txt": "不正アクセスによる個人情報漏えいのお詫び\n\n2024年1月10日\n株式会社あさひ\n\n当社サイトが不正アクセスを受け、お客様100名の氏名が漏えいしました。ランサムウェアに感染しました。",
				"b.txt": "不正アクセスによる個人情報漏洩のお詫び\n\n2024年2月10日\n株式会社ゆうひ\n\n当社サイトが改竄され、お客様200名の氏名が漏洩しました。ランサムウエアに感染しました。",
				"c.txt": "USBメモリ紛失のお詫び\n\n2024年3月10日\n株式会社國光\n\n社員が個人番号を記録したUSBメモリを紛失しました。",
			}
			var batch []*source.Document
			for name, text := range docs {
				d, _ := source.FromBytes(ctx, name, []byte(text), source.Options{})
				batch = append(batch, d)
			}
			if _, _, err := st.Add(ctx, prepareAll(t, batch)); err != nil {
				t.Fatal(err)
			}
			for q, want := range map[string]int{"漏えい": 2, "漏洩": 2, "ランサムウエア": 2, "ランサムウェア": 2, "改ざん": 1, "マイナンバー": 1, "国光": 1, "國光": 1} {
				r, err := st.Search(ctx, casebook.SearchQuery{Q: q})
				if err != nil || r.Total != want {
					t.Errorf("%s: %d cases (want %d) %v", q, r.Total, want, err)
					continue
				}
				// the snippet marks the word as each notice writes it
				for _, c := range r.Cases {
					rs := []rune(c.Snippet)
					if len(c.SnippetMarks) == 0 {
						t.Errorf("%s: %s snippet %q unmarked", q, c.ID, c.Snippet)
						continue
					}
					m := c.SnippetMarks[0]
					if got := sqlstore.Fold(string(rs[m[0]:m[1]])); !slices.Contains(jtext.Variants(sqlstore.Fold(q)), got) {
						t.Errorf("%s: %s snippet %q marks %q", q, c.ID, c.Snippet, got)
					}
				}
			}
		})
	}
}

// BenchmarkSearch: the query classes over a generated casebook.
func BenchmarkSearch(b *testing.B) {
	st := benchStore(b, 20000)
	ctx := context.Background()
	for _, q := range []casebook.SearchQuery{{Q: "誤送"}, {Q: "ランサムウェア"}, {Q: "個人情報"}, {Q: "クレジットカード番号"},
		{Q: "紛失", Causes: []string{"loss"}}, {Causes: []string{"misdelivery"}, Years: []string{"2024"}}, {Q: "漏えい", Sort: "affected"}} {
		b.Run(q.Q+fmt.Sprint(q.Causes, q.Years)+q.Sort, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := st.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchStore(b *testing.B, n int) *sqlstore.DB {
	st := stores(b)["sqlite"]
	start := time.Now()
	c := benchcorpus.New(3)
	ctx := context.Background()
	var batch []*source.Document
	for i := 0; i < n; i++ {
		text, _ := c.Notice(i)
		doc, _ := source.FromBytes(ctx, fmt.Sprintf("b/%d.txt", i), []byte(text), source.Options{})
		batch = append(batch, doc)
		if len(batch) == 500 || i == n-1 {
			if _, _, err := st.Add(ctx, prepareAll(b, batch)); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	b.Logf("ingested %d in %s", n, time.Since(start))
	return st
}

// A term naming one of casebook's categories finds the cases coded so; the
// judgement's flags filter and are counted.
func TestNamedCategoriesAndFlags(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			if _, err := ingest.Run(ctx, st, []string{"../samples/notices"}, ingest.Options{}); err != nil {
				t.Fatal(err)
			}
			all, err := st.Search(ctx, casebook.SearchQuery{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			for term, code := range map[string]string{"スキミング": "web_skimming", "決済画面": "web_skimming",
				"web_skimming": "web_skimming", "誤送信": "misdelivery", "紛失": "loss"} {
				coded, _ := st.Search(ctx, casebook.SearchQuery{Causes: []string{code}, Limit: 1})
				both, _ := st.Search(ctx, casebook.SearchQuery{Q: term, Causes: []string{code}, Limit: 1})
				if coded.Total == 0 || both.Total != coded.Total {
					t.Errorf("%s finds %d of the %d cases coded %s", term, both.Total, coded.Total, code)
				}
			}
			for _, f := range []struct {
				q    casebook.SearchQuery
				flag string
			}{{casebook.SearchQuery{Reportable: true}, casebook.FlagReportable}, {casebook.SearchQuery{Late: true}, casebook.FlagLate}} {
				r, err := st.Search(ctx, f.q)
				if err != nil {
					t.Fatal(err)
				}
				if r.Total == 0 || r.Total != all.Facets.Flags[f.flag] || r.Total >= all.Total {
					t.Errorf("%s: %d cases, counted %d of %d", f.flag, r.Total, all.Facets.Flags[f.flag], all.Total)
				}
			}
			// a field's facet counts the result without the field's own
			// filter: what choosing a second value would add (OR), under
			// the other fields' filters (AND)
			for _, q := range []casebook.SearchQuery{{Causes: []string{"loss"}}, {Causes: []string{"loss"}, Years: []string{"2024"}},
				{Q: "個人情報", Causes: []string{"misdelivery"}, Sectors: []string{"education"}}} {
				got, err := st.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for code, n := range got.Facets.Causes {
					alone := q
					alone.Causes = []string{code}
					r, _ := st.Search(ctx, alone)
					if r.Total != n {
						t.Errorf("%+v: facet %s counts %d, choosing it alone finds %d", q, code, n, r.Total)
					}
				}
				if len(q.Years)+len(q.Sectors) == 0 && len(got.Facets.Causes) < 2 {
					t.Errorf("%+v: the cause facet offers no second value", q)
				}
				scan, _ := st.SearchScan(ctx, q)
				if fmt.Sprint(scan.Facets) != fmt.Sprint(got.Facets) || scan.Total != got.Total {
					t.Errorf("%+v: index facets %v, scan %v", q, got.Facets, scan.Facets)
				}
			}
		})
	}
}
