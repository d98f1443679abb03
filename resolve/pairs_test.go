package resolve_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"casebook"
	"casebook/extract"
	"casebook/internal/goldset"
	"casebook/internal/shareddata"
	"casebook/resolve"
)

// pair is a labelled pair of incident records (testdata/pairs.jsonl): two
// records of dev or train, named by file and the start of their gold
// title, that tell of one incident or of two, and why.
type pair struct {
	A, B ref
	Same bool
	Why  string
}

type ref struct{ File, Title string }

// labelled reads the pairs with the gold and the extracted record of
// each side.
func labelled(t *testing.T) (pairs []pair, gold, read map[ref]*casebook.Record, all corpus) {
	t.Helper()
	f, err := os.Open("testdata/pairs.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p pair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("pairs.jsonl: %v", err)
		}
		pairs = append(pairs, p)
	}
	ctx := context.Background()
	var docs []extract.Labelled
	for _, set := range []string{"dev", "train"} {
		d, err := goldset.Load(ctx, shareddata.Path(t, "data/"+set+"/gold.jsonl"), shareddata.Path(t, "data/"+set+"/texts"), set)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d...)
	}
	gold, read = map[ref]*casebook.Record{}, map[ref]*casebook.Record{}
	for _, l := range docs {
		recs, err := extract.Extract(l.Text, l.Options)
		if err != nil {
			t.Fatalf("%s: %v", l.Name, err)
		}
		for i := range recs {
			recs[i].Names = resolve.Names(spanText(l.Text, recs[i].Span))
			all.read = append(all.read, docRecord{l.Name, &recs[i]})
		}
		for i := range l.Gold {
			l.Gold[i].Names = resolve.Names(spanText(l.Text, l.Gold[i].Span))
			all.gold = append(all.gold, docRecord{l.Name, &l.Gold[i]})
		}
		for _, p := range pairs {
			for _, r := range []ref{p.A, p.B} {
				if r.File != l.Name || gold[r] != nil {
					continue
				}
				for i := range l.Gold {
					if strings.HasPrefix(l.Gold[i].Title, r.Title) {
						// as the stores keep them: with the names their text gives
						gold[r] = &l.Gold[i]
						if x := overlapping(recs, l.Gold[i].Span); x != nil {
							read[r] = x
						}
						break
					}
				}
				if gold[r] == nil {
					t.Fatalf("pairs.jsonl: no gold record of %s titled %q…", r.File, r.Title)
				}
			}
		}
	}
	return pairs, gold, read, all
}

// corpus is every record of dev and train, gold and extracted, with its
// document.
type corpus struct{ gold, read []docRecord }

type docRecord struct {
	doc string
	rec *casebook.Record
}

// cases groups records as a store does, whatever the order they come in:
// records that are one incident (resolve.Same) are in one case, and so
// are two cases a record ties together, unless the two hold records of
// one document (a page's entries were cut as different incidents).
func cases(recs []docRecord) map[*casebook.Record]int {
	parent := make([]int, len(recs))
	docs := make([]map[string]bool, len(recs))
	for i := range recs {
		parent[i] = i
		docs[i] = map[string]bool{recs[i].doc: true}
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range recs {
		for j := i + 1; j < len(recs); j++ {
			if recs[i].doc == recs[j].doc || !resolve.Same(recs[i].rec, recs[j].rec) {
				continue
			}
			a, b := find(i), find(j)
			if a == b || sharesDoc(docs[a], docs[b]) {
				continue
			}
			parent[b] = a
			for d := range docs[b] {
				docs[a][d] = true
			}
		}
	}
	out := map[*casebook.Record]int{}
	for i := range recs {
		out[recs[i].rec] = find(i)
	}
	return out
}

func sharesDoc(a, b map[string]bool) bool {
	for d := range b {
		if a[d] {
			return true
		}
	}
	return false
}

func spanText(text string, s casebook.Span) string {
	rs := []rune(text)
	return string(rs[max(0, min(s.Start, len(rs))):max(0, min(s.End, len(rs)))])
}

// overlapping is the extracted record that shares most text with a span.
func overlapping(recs []casebook.Record, s casebook.Span) *casebook.Record {
	var best *casebook.Record
	most := 0
	for i := range recs {
		if n := min(recs[i].Span.End, s.End) - max(recs[i].Span.Start, s.Start); n > most {
			best, most = &recs[i], n
		}
	}
	return best
}

// score is precision and recall over the pairs of Same, or of being in
// one case when inCase is given.
func score(pairs []pair, recs map[ref]*casebook.Record, inCase map[*casebook.Record]int, t *testing.T) (precision, recall float64) {
	tp, fp, fn := 0, 0, 0
	for _, p := range pairs {
		a, b := recs[p.A], recs[p.B]
		got := a != nil && b != nil && resolve.Same(a, b)
		if inCase != nil {
			got = a != nil && b != nil && inCase[a] == inCase[b]
		}
		switch {
		case got && p.Same:
			tp++
		case got:
			fp++
			t.Logf("joined wrongly: %s / %s (%s) %+v", p.A.File, p.B.File, p.Why, resolve.Compare(a, b))
		case p.Same:
			fn++
			v := resolve.Verdict{Veto: "not read"}
			if a != nil && b != nil {
				v = resolve.Compare(a, b)
			}
			t.Logf("missed: %s / %s (%s) %+v", p.A.File, p.B.File, p.Why, v)
		}
	}
	precision, recall = 1, 0
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	return precision, recall
}

// The labelled pairs, two ways: whether Same says two records are one
// incident, and whether they end in one case when every record of dev
// and train is grouped (a follow-up joins its first notice through the
// regulator's action on both). On the gold records the figures measure
// resolution; on the extracted ones they measure casebook end to end, and
// a page not cut into its incidents (w10-05: one record for a list of
// eleven) loses every pair of its entries.
func TestLabelledPairs(t *testing.T) {
	pairs, gold, read, all := labelled(t)
	gp, gr := score(pairs, gold, nil, t)
	ep, er := score(pairs, read, nil, t)
	cgp, cgr := score(pairs, gold, cases(all.gold), t)
	cep, cer := score(pairs, read, cases(all.read), t)
	t.Logf("%d pairs: Same on the gold records precision %.2f recall %.2f, on the extracted ones %.2f and %.2f", len(pairs), gp, gr, ep, er)
	t.Logf("in one case, gold records: precision %.2f recall %.2f; extracted records: precision %.2f recall %.2f", cgp, cgr, cep, cer)
	for _, p := range []float64{gp, ep, cgp, cep} {
		if p < 0.95 {
			t.Errorf("precision %.2f, want ≥ 0.95", p)
		}
	}
	// Recall is a ratchet: raise it as resolution (and extraction's
	// cutting of pages) improves. What is missed is logged above.
	if cgr < casesRecallGold || cer < casesRecallRead {
		t.Errorf("recall in one case %.2f (gold records) and %.2f (extracted), want ≥ %.2f and %.2f", cgr, cer, casesRecallGold, casesRecallRead)
	}
}

const (
	casesRecallGold = 0.88
	casesRecallRead = 0.83
)
