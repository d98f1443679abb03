package appi

import (
	"regexp"

	"casebook"
	"casebook/jtext"
)

// The PPC draft quotes the notice where it says what the form asks: how
// the leak came to light and who found it, the cause, secondary harm.
// Quotes come from the text of the case's sources, found through the
// evidence the extractor recorded, or, for what has no field, through the
// words a notice uses for it.

// Texts are the case's documents' texts by document id.
type Texts map[int64]string

// quote is a sentence of a source's text.
type quote struct {
	text string
	src  int // index in the case's sources
}

// evidenceQuote is the sentence where a field of some source was read.
func evidenceQuote(c *casebook.Case, texts Texts, field string) (quote, bool) {
	for i, src := range c.Sources {
		if src.Record == nil {
			continue
		}
		sp, ok := src.Record.Evidence[field]
		if !ok {
			continue
		}
		t, ok := texts[src.DocID]
		if !ok {
			continue
		}
		if s := jtext.SentenceAt([]rune(t), sp.Start); s != "" {
			return quote{s, i}, true
		}
	}
	return quote{}, false
}

// wordQuote is the first sentence in a source's span that matches re.
func wordQuote(c *casebook.Case, texts Texts, re *regexp.Regexp) (quote, bool) {
	for i, src := range c.Sources {
		t, ok := texts[src.DocID]
		if !ok {
			continue
		}
		rs := []rune(t)
		a, b := max(0, src.Span.Start), min(len(rs), src.Span.End)
		if a >= b {
			continue
		}
		part := string(rs[a:b])
		if loc := re.FindStringIndex(part); loc != nil {
			if s := jtext.SentenceAt(rs, a+len([]rune(part[:loc[0]]))); s != "" {
				return quote{s, i}, true
			}
		}
	}
	return quote{}, false
}

var (
	// secondaryHarmRE: what a notice says of secondary harm (二次被害,
	// misuse of the data), whether it happened or not.
	secondaryHarmRE = regexp.MustCompile(`二次被害|不正利用|悪用|不審な(?:電話|メール|郵便)|被害の報告|被害は確認`)
	// finderRE: who found it, as a notice names them.
	finderRE = regexp.MustCompile(`(クレジットカード会社|カード会社|決済代行会社|警察|お客様|お客さま|利用者|受取人|受け取った方|保護者|委託先|外部機関|セキュリティ会社|取引先|従業員|職員|社員|教員|第三者)(?:から|より|が|の指摘|からの)`)
)

// finder names who found the leak in the sentence that tells how it came
// to light.
func finder(s string) string {
	if m := finderRE.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

func (q quote) String() string { return "「" + q.text + "」" }
