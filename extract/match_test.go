package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"casebook/internal/benchcorpus"
)

func TestLeading(t *testing.T) {
	for _, c := range []struct {
		pat  string
		want []string
	}{
		{`誤って[^。]{0,30}送信`, []string{"誤って"}},
		{`(?:警察|県警)[^。]{0,40}相談`, []string{"警察", "県警"}},
		{`お詫び(?:状)?`, []string{"お詫び"}},
		{`[^。]{0,10}漏えい`, nil},                 // a match may begin anywhere
		{`(?:^|[^育])委員会`, nil},                 // or at a line's start
		{`\bID\b`, nil},                        // a word boundary is no literal
		{`(?:不正|)アクセス`, nil},                   // an empty branch begins with nothing
		{`(?i)id`, nil},                        // folded case is no literal
		{`(?:個人|顧客)情報の`, []string{"個人", "顧客"}}, // the first part of the concatenation
	} {
		got := leading(c.pat)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("leading(%q) = %q, want %q", c.pat, got, want)
		}
	}
}

// A phrase tries a branch that begins with its anchors only where they
// stand; it must find what a search of the whole text finds.
func TestPhraseMatchesLikeSearch(t *testing.T) {
	pat := `誤って[^。]{0,30}(?:送信|送付)|(?:警察|県警)[^。]{0,20}相談|[^。]{0,4}紛失`
	whole := regexp.MustCompile(pat)
	p := newPhrase(pat)
	for _, s := range []string{
		"",
		"本日、誤ってメールを送信しました。",
		"誤って誤って送付した。",
		"警察に相談し、県警にも相談した。",
		"書類を紛失。USBを紛失",
		"誤って。送信",
		"警察警察へ相談",
		"なにもない文",
	} {
		if got, want := p.In(s), whole.MatchString(s); got != want {
			t.Errorf("In(%q) = %v, want %v", s, got, want)
		}
		if got, want := p.Find(s), whole.FindStringIndex(s); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %v, want %v", s, got, want)
		}
		if got, want := p.FindAll(s), whole.FindAllStringIndex(s, -1); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("FindAll(%q) = %v, want %v", s, got, want)
		}
	}
}

// The cue tables' patterns that begin with their anchors are tried at
// each anchor; on real and generated notices that must give the hits a
// search of each anchor's window gives.
func TestCueHeadsFindWhatSearchFinds(t *testing.T) {
	searched := &matcher{byRune: cues.byRune, always: cues.always}
	heads := 0
	for _, p := range cues.pats {
		if p.head != nil {
			heads++
		}
		p.head = nil
		searched.pats = append(searched.pats, p)
	}
	if heads < len(cues.pats)/2 {
		t.Errorf("only %d of %d cue patterns are tried at their anchors", heads, len(cues.pats))
	}
	var texts []string
	c := benchcorpus.New(1)
	for i := range 300 {
		x, _ := c.Notice(i)
		texts = append(texts, x)
	}
	for _, set := range []string{"dev", "train"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "data", set, "texts", "*"))
		for _, f := range files {
			if b, err := os.ReadFile(f); err == nil {
				texts = append(texts, string(b))
			}
		}
	}
	for i, x := range texts {
		d := analyse(x, Options{})
		got, want := cues.scan(d.s, d.sents), searched.scan(d.s, d.sents)
		if !slices.Equal(got, want) {
			t.Errorf("text %d: %d hits tried at anchors, %d searched", i, len(got), len(want))
		}
	}
}
