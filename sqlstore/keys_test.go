package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"casebook"
	"casebook/sqlite"
	"casebook/sqlstore"
)

// notice is a stored document with one incident record, made by hand:
// what grouping reads, without extraction in between.
func notice(name, org, title, text, discovered string, count int64) casebook.NewDocument {
	sum := sha256.Sum256([]byte(name + text))
	r := casebook.Record{Kind: casebook.KindBreach, Organization: org, Title: title,
		Dates:    &casebook.Dates{Discovered: casebook.Str(discovered)},
		Affected: &casebook.Affected{Count: &count}, Causes: []string{"unauthorized_access"},
		Span: casebook.Span{Start: 0, End: len([]rune(text))}}
	return casebook.NewDocument{
		Document: casebook.Document{PathOrURL: name, FetchedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), SHA256: hex.EncodeToString(sum[:]), Format: "text", Text: text},
		Records:  []casebook.Record{r},
	}
}

// One organization under three names — its own, a headline's
// abbreviation, and a press release that names it only in its text — is
// one case whichever notice comes first; its other incident is not.
func TestOtherNamesOfOneOrganization(t *testing.T) {
	ctx := context.Background()
	docs := []casebook.NewDocument{
		notice("own.txt", "日本航空株式会社", "不正アクセスに関するお詫び", "日本航空株式会社 不正アクセスに関するお詫び", "2024-01-10", 2417),
		notice("news.txt", "日航", "日航、顧客2417人分流出か", "日航、顧客2417人分流出か", "2024-01-10", 2417),
		notice("release.txt", "", "NEWS RELEASE", "NEWS RELEASE 「日本航空」の会員情報について", "2024-01-10", 2417),
		notice("other.txt", "日本航空株式会社", "メール誤送信について", "日本航空株式会社 メール誤送信について", "2025-05-01", 12),
	}
	for name, st := range stores(t) {
		for _, order := range [][]int{{0, 1, 2, 3}, {2, 1, 3, 0}, {3, 2, 0, 1}} {
			// each order in a casebook of its own: documents are stored once
			if order[0] != 0 {
				st = freshStore(t, name)
			}
			caseOf := map[string]string{}
			for _, i := range order {
				if _, ids, err := st.Add(ctx, []casebook.NewDocument{docs[i]}); err != nil {
					t.Fatal(err)
				} else if len(ids) == 0 {
					t.Fatalf("%s: %s made no case", name, docs[i].PathOrURL)
				}
			}
			if err := st.EachCaseSource(ctx, func(id, path string) error {
				caseOf[path] = id
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if caseOf["own.txt"] != caseOf["news.txt"] || caseOf["own.txt"] != caseOf["release.txt"] || caseOf["own.txt"] == caseOf["other.txt"] {
				t.Errorf("%s, order %v: cases %v", name, order, caseOf)
			}
			c, err := st.Case(ctx, caseOf["own.txt"])
			if err != nil {
				t.Fatal(err)
			}
			var why []string
			for _, l := range c.Links {
				why = append(why, l.Facts...)
			}
			if !slices.Contains(why, "本文が組織「日本航空株式会社」を挙げる") {
				t.Errorf("%s, order %v: the case does not say why the release is in it: %+v", name, order, c.Links)
			}
		}
	}
}

func freshStore(t *testing.T, name string) *sqlstore.DB {
	if name == "sqlite" {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "casebook.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	return stores(t)[name]
}

// A casebook from before the grouping keys gets them when opened.
func TestKeysMadeForOlderCasebook(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "casebook.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Add(ctx, []casebook.NewDocument{notice("own.txt", "日本航空株式会社", "不正アクセスに関するお詫び", "日本航空株式会社 不正アクセス", "2024-01-10", 2417)}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DELETE FROM record_keys`, `DELETE FROM settings WHERE key = 'resolve.keys'`} {
		if _, err := st.SQL().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if st, err = sqlite.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, ids, err := st.Add(ctx, []casebook.NewDocument{notice("news.txt", "日航", "日航、顧客2417人分流出か", "日航、顧客2417人分流出か", "2024-01-10", 2417)})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := st.Case(ctx, ids[0]); err != nil || c.Documents != 2 {
		t.Fatalf("the older casebook's record was not found by its keys: %+v %v", c, err)
	}
}
