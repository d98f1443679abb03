package index

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// For terms of up to three characters a key is exact: the case is filed
// under the term's key exactly when its text contains the term.
func TestShortTermsAreExact(t *testing.T) {
	alphabet := []rune("個人情報漏えいの不正アクセス誤送信紛失 \nab1")
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 3000; i++ {
		text := randText(r, alphabet, 1+r.IntN(40))
		keys := CaseKeys(text, "", nil)
		for n := 1; n <= 3; n++ {
			term := randText(r, alphabet, n)
			if HasBlank(term) {
				continue
			}
			p := TextPlan(term)
			_, filed := slices.BinarySearch(keys, uint64(p.Keys[0]))
			if filed != strings.Contains(text, term) || !p.Exact || len(p.Keys) != 1 {
				t.Fatalf("text %q term %q: filed %v", text, term, filed)
			}
		}
	}
}

// Longer terms: every case containing the term is filed under all of the
// plan's keys (the plan may also find cases that do not contain it).
func TestLongTermsFindEveryMatch(t *testing.T) {
	alphabet := []rune("個人情報漏えいのアクセス")
	r := rand.New(rand.NewPCG(2, 2))
	for i := 0; i < 3000; i++ {
		text := randText(r, alphabet, 5+r.IntN(40))
		keys := CaseKeys(text, "", nil)
		term := randText(r, alphabet, 4+r.IntN(4))
		p := TextPlan(term)
		if p.Exact || len(p.Keys) == 0 {
			t.Fatalf("%q: %+v", term, p)
		}
		all := true
		for _, k := range p.Keys {
			if _, ok := slices.BinarySearch(keys, uint64(k)); !ok {
				all = false
			}
		}
		if strings.Contains(text, term) && !all {
			t.Fatalf("text %q term %q: a match not filed", text, term)
		}
	}
}

// Namespaces never collide: a title gram is not a text gram.
func TestNamespaces(t *testing.T) {
	text := CaseKeys("誤送信", "", nil)
	head := CaseKeys("", "誤送信", nil)
	for _, k := range head {
		if slices.Contains(text, k) {
			t.Fatalf("key %d in two namespaces", k)
		}
	}
	if !slices.Contains(head, uint64(HeadPlan("送信").Keys[0])) {
		t.Error("the head plan misses its key")
	}
	for _, k := range append(text, head...) {
		if Key(k) <= PhraseKeyBase {
			continue // a phrase the text contains (誤送信 is one)
		}
		if Key(k) <= 0 {
			t.Fatalf("gram key %d not positive", k)
		}
	}
}

// Phrases of the list are filed whole, and a search for one is exact.
func TestPhrases(t *testing.T) {
	keys := CaseKeys("当社サーバーが第三者による不正アクセスを受け、クレジットカード番号が流出しました", "", nil)
	for _, p := range []string{"不正アクセス", "第三者による不正アクセス", "クレジットカード", "クレジットカード番号", "カード番号", "サーバー"} {
		if !slices.Contains(keys, uint64(PhraseKey(p))) {
			t.Errorf("%s not filed", p)
		}
		if pl := TextPlan(p); !pl.Exact || len(pl.Keys) != 1 || pl.Keys[0] != PhraseKey(p) {
			t.Errorf("%s: plan %+v", p, pl)
		}
	}
	if slices.Contains(keys, uint64(PhraseKey("ランサムウェア"))) {
		t.Error("a phrase the text lacks is filed")
	}
	if IsFacet(PhraseKey("不正アクセス")) || !IsFacet(YearKey(2024)) || !IsFacet(KeyAll) || IsFacet(TextPlan("誤送").Keys[0]) {
		t.Error("IsFacet")
	}
}

func TestBandsAndDates(t *testing.T) {
	for _, n := range []int64{0, 1, 2, 9, 10, 99, 100, 1000, 1001, 4999, 5000, 1234567, 22420000} {
		b := Band(n)
		if n < BandLow(b) || b+1 < Bands() && n >= BandLow(b+1) {
			t.Errorf("%d in band %d [%d, %d)", n, b, BandLow(b), BandLow(b+1))
		}
	}
	if Date("2024-05-09") != 20240509 || Date("") != 0 {
		t.Error("Date")
	}
	if y, m, ok := MonthOf(MonthKey(2024, 5)); !ok || y != 2024 || m != 5 {
		t.Error("MonthOf")
	}
	if _, _, ok := MonthOf(YearKey(2024)); ok {
		t.Error("a year key read as a month")
	}
	if y, ok := YearOf(YearKey(2019)); !ok || y != 2019 {
		t.Error("YearOf")
	}
}

func randText(r *rand.Rand, alphabet []rune, n int) string {
	out := make([]rune, n)
	for i := range out {
		out[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(out)
}
