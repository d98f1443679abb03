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
func labelled(t *testing.T) (pairs []pair, gold, read map[ref]*casebook.Record) {
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
	want := map[string]bool{}
	for _, p := range pairs {
		want[p.A.File], want[p.B.File] = true, true
	}
	for _, l := range docs {
		if !want[l.Name] {
			continue
		}
		recs, err := extract.Extract(l.Text, l.Options)
		if err != nil {
			t.Fatalf("%s: %v", l.Name, err)
		}
		for _, p := range pairs {
			for _, r := range []ref{p.A, p.B} {
				if r.File != l.Name || gold[r] != nil {
					continue
				}
				for i := range l.Gold {
					if strings.HasPrefix(l.Gold[i].Title, r.Title) {
						// as the stores keep them: with the names their text gives
						g := l.Gold[i]
						g.Names = resolve.Names(spanText(l.Text, g.Span))
						gold[r] = &g
						if x := overlapping(recs, g.Span); x != nil {
							x.Names = resolve.Names(spanText(l.Text, x.Span))
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
	return pairs, gold, read
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

// score is precision and recall of Same over the pairs.
func score(pairs []pair, recs map[ref]*casebook.Record, t *testing.T) (precision, recall float64) {
	tp, fp, fn := 0, 0, 0
	for _, p := range pairs {
		a, b := recs[p.A], recs[p.B]
		got := a != nil && b != nil && resolve.Same(a, b)
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

func TestLabelledPairs(t *testing.T) {
	pairs, gold, read := labelled(t)
	gp, gr := score(pairs, gold, t)
	ep, er := score(pairs, read, t)
	t.Logf("%d pairs: on the gold records precision %.2f recall %.2f; on the extracted records precision %.2f recall %.2f", len(pairs), gp, gr, ep, er)
	if gp < 0.95 || ep < 0.95 {
		t.Errorf("precision %.2f (gold records) and %.2f (extracted), want ≥ 0.95", gp, ep)
	}
	// Recall is far from the 0.85 wanted: what is missed is logged above
	// (organizations not equal, news copies with one fact). A ratchet:
	// raise it as resolution improves.
	if gr < pairsRecallGold || er < pairsRecallRead {
		t.Errorf("recall %.2f (gold records) and %.2f (extracted), want ≥ %.2f and %.2f", gr, er, pairsRecallGold, pairsRecallRead)
	}
}

const (
	pairsRecallGold = 0.57
	pairsRecallRead = 0.36
)
