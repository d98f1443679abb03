package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"

	"casebook"
)

// record is a stored document of one breach record, for grouping tests.
func record(path, org, title, announced string) casebook.NewDocument {
	text := title + "\n" + org + "\n" + announced
	sum := sha256.Sum256([]byte(path + text))
	return casebook.NewDocument{
		Document: casebook.Document{PathOrURL: path, SHA256: hex.EncodeToString(sum[:]), Text: text, Format: "text", Encoding: "utf-8"},
		Records: []casebook.Record{{Kind: casebook.KindBreach, Title: title, Organization: org,
			Dates: &casebook.Dates{Announced: casebook.Str(announced)}, Span: casebook.Span{End: len([]rune(text))}}},
	}
}

// A case page says why its sources are together, and names the cases of
// the organization that nearly joined it.
func TestCaseSaysWhyAndWhatIsRelated(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			first := record("a.txt", "株式会社みなと商事", "USBメモリの紛失について", "2024-02-01")
			mail := record("b.txt", "株式会社みなと商事", "メールの誤送信について", "2024-02-01")
			next := record("c.txt", "(株)みなと商事", "【第2報】USBメモリの紛失について", "2024-03-15")
			other := record("d.txt", "株式会社ひかり物産", "USBメモリの紛失について", "2024-02-01")
			_, ids, err := st.Add(ctx, []casebook.NewDocument{first, mail, next, other})
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != 3 {
				t.Fatalf("%d cases, want 3 (the 第2報 joins the first notice)", len(ids))
			}
			res, err := st.Search(ctx, casebook.SearchQuery{Q: "USBメモリ", Org: "みなと"})
			if err != nil || res.Total != 1 {
				t.Fatalf("search: %v %+v", err, res)
			}
			c, err := st.Case(ctx, res.Cases[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Sources) != 2 || len(c.Links) != 1 || c.Links[0].Source != c.Sources[1].ID || c.Links[0].With != c.Sources[0].ID ||
				!slices.Contains(c.Links[0].Facts, "件名") {
				t.Errorf("links %+v of sources %d", c.Links, len(c.Sources))
			}
			if len(c.Related) != 1 || c.Related[0].Title != "メールの誤送信について" || !slices.Contains(c.Related[0].Agreed, "公表日 2024-02-01") {
				t.Errorf("related %+v", c.Related)
			}
		})
	}
}

// Two entries of one page are different incidents: a later notice that
// agrees with both joins one of them, not the two together.
func TestEntriesOfOnePageStayApart(t *testing.T) {
	ctx := context.Background()
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			page := record("list.html", "川辺町", "事務処理ミスの公表", "2024-02-01")
			page.Records = []casebook.Record{page.Records[0], page.Records[0]}
			for i := range page.Records {
				page.Records[i].Title = []string{"住民票の誤交付", "通知書の誤送付"}[i]
				page.Records[i].Dates = &casebook.Dates{Discovered: casebook.Str("2024-01-10"), Announced: casebook.Str("2024-02-01")}
				page.Records[i].Span = casebook.Span{Start: i * 5, End: i*5 + 5}
			}
			later := record("news.html", "川辺町", "川辺町で個人情報の誤り", "2024-02-01")
			later.Records[0].Dates.Discovered = casebook.Str("2024-01-10")
			if _, _, err := st.Add(ctx, []casebook.NewDocument{page}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := st.Add(ctx, []casebook.NewDocument{later}); err != nil {
				t.Fatal(err)
			}
			byCase := map[string][]string{}
			st.EachCaseSource(ctx, func(id, path string) error {
				byCase[id] = append(byCase[id], path)
				return nil
			})
			if len(byCase) != 2 {
				t.Errorf("cases %v: the page's two entries were joined", byCase)
			}
		})
	}
}
