package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"casebook/jtext"
)

// doc is the one analysis of a text that every later stage reads: the
// normalized text with its map back to the original, lines with their
// kinds, sentences, and every date, count, cue and organization name found
// in one pass each. Nothing after this stage scans the text again for
// these; segmentation and the field readers select what lies in their
// range.
type doc struct {
	t         *jtext.Text
	s         string // normalized text
	lines     []line
	sents     []sentence
	dates     []jtext.DateMatch
	counts    []jtext.Count
	hits      []hit // cue matches of every table but the date words, in text order
	dateWords []hit // the words around dates (tabDateWords), in text order
	orgs      []orgMention
	page      string     // the HTML page's <title>, normalized
	pageDate  jtext.Date // the page's own date (公開日, a date line at its head)
	related   []bool     // lines under a heading of related articles (set by newPage)
}

func analyse(text string, o Options) *doc {
	t := jtext.Normalize(text)
	d := &doc{t: t, s: t.Norm, page: strings.TrimSpace(jtext.NormString(o.PageTitle))}
	headings := map[int]bool{}
	if len(o.Headings) > 0 {
		want := map[int]bool{}
		for _, h := range o.Headings {
			want[h] = true
		}
		// the headings are code points of the original: map each line start
		for pos := 0; pos <= len(d.s); {
			if want[t.OrigOffset(pos)] {
				headings[pos] = true
			}
			i := strings.IndexByte(d.s[pos:], '\n')
			if i < 0 {
				break
			}
			pos += i + 1
		}
	}
	d.dates = oneLineDates(d.s, jtext.FindDates(d.s))
	d.counts = jtext.FindCounts(d.s)
	d.lines = classifyLines(d.s, d.dates, headings)
	d.sents = splitSentences(d.s, d.lines)
	// (the words around dates apart: only the date readers ask for them)
	for _, h := range cues.scan(d.s, d.sents) {
		if cues.pats[h.pat].table == tabDateWords {
			d.dateWords = append(d.dateWords, h)
		} else {
			d.hits = append(d.hits, h)
		}
	}
	d.orgs = findOrgs(d.s, d.lines)
	d.pageDate = pageDate(d)
	return d
}

// pageDate is the date the page gives itself: a labelled date (公開日:
// 2024年10月28日) or a date line before its first sentences; else a
// labelled date further down (a post's 投稿日時 under it), else a date in
// a heading before the first sentences (個人情報流出事件(2011/05/17~05/20)).
func pageDate(d *doc) jtext.Date {
	labelled := func(l line, m jtext.DateMatch) bool {
		return m.Start >= l.start && m.End <= l.end && m.Kind == jtext.Absolute && m.Date.Full() && dateLabelRE.MatchString(l.text[:min(len(l.text), 24)])
	}
	var inHeading jtext.Date
	head := true
	for _, l := range d.lines {
		if l.kind == lineText && (strings.Contains(l.text, "。") || l.runes >= 60) {
			head = false
		}
		if head && l.date >= 0 && d.dates[l.date].Date.Full() {
			return d.dates[l.date].Date
		}
		for _, m := range d.datesIn(l.start, l.end) {
			if labelled(l, m) && (head || l.kind != lineText || l.runes < 60) {
				return m.Date
			}
			if head && inHeading.Year == 0 && l.kind == lineText && m.Kind == jtext.Absolute && m.Date.Full() {
				inHeading = m.Date
			}
		}
	}
	return inHeading
}

// datesIn returns the dates that start in [a, b).
func (d *doc) datesIn(a, b int) []jtext.DateMatch {
	i := sort.Search(len(d.dates), func(i int) bool { return d.dates[i].Start >= a })
	j := sort.Search(len(d.dates), func(i int) bool { return d.dates[i].Start >= b })
	return d.dates[i:max(i, j)]
}

// orgsIn returns the organization names that start in [a, b).
func (d *doc) orgsIn(a, b int) []orgMention {
	i := sort.Search(len(d.orgs), func(i int) bool { return d.orgs[i].start >= a })
	j := sort.Search(len(d.orgs), func(i int) bool { return d.orgs[i].start >= b })
	return d.orgs[i:max(i, j)]
}

// sentAt returns the index of the sentence holding byte p, or -1.
func (d *doc) sentAt(p int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].end > p })
	if i < len(d.sents) && d.sents[i].start <= p {
		return i
	}
	return -1
}

// lineAt returns the index of the line holding byte p.
func (d *doc) lineAt(p int) int {
	i := sort.Search(len(d.lines), func(i int) bool { return d.lines[i].end >= p })
	return min(i, len(d.lines)-1)
}

// sentText is the text of sentence i ("" for -1).
func (d *doc) sentText(i int) string {
	if i < 0 {
		return ""
	}
	return d.s[d.sents[i].start:d.sents[i].end]
}

// span converts a byte range of the normalized text to a span of the
// original.
func (d *doc) span(a, b int) (int, int) { return d.t.OrigSpan(a, b) }

// orig returns the original text of a byte range of the normalized text.
func (d *doc) orig(a, b int) string {
	s, e := d.t.OrigSpan(a, b)
	return strings.TrimSpace(d.t.OrigString(s, e))
}

// clause returns the clause around byte p within sentence si: it ends at a
// 、 that follows a verb or particle (written in hiragana: "…し、",
// "…だけで、") and at the sentence's end, but not at the 、 between the
// nouns of a list ("氏名、住所、電話番号").
func (d *doc) clause(si, p int) (int, int) {
	if si < 0 {
		return p, p
	}
	sn := d.sents[si]
	a, b := sn.start, sn.end
	for i := p; i > sn.start; {
		r, n := utf8.DecodeLastRuneInString(d.s[sn.start:i])
		i -= n
		if r == '、' && clauseBreak(d.s[sn.start:i]) {
			a = i + n
			break
		}
	}
	for i := p; i < sn.end; {
		r, n := utf8.DecodeRuneInString(d.s[i:])
		if r == '、' && clauseBreak(d.s[sn.start:i]) {
			b = i
			break
		}
		i += n
	}
	return a, b
}

// clauseOf returns the clause that holds the match [a, b) of sentence si:
// from the clause start before a to the clause end after b.
func (d *doc) clauseOf(si, a, b int) (int, int) {
	cs, _ := d.clause(si, a)
	_, ce := d.clause(si, max(a, b))
	return cs, max(ce, b)
}

// clauseBreak reports whether a 、 after before ends a clause: it follows
// hiragana (a verb or particle), not a noun.
func clauseBreak(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return r >= 'ぁ' && r <= 'ゖ'
}

// isHiragana reports whether r is hiragana.
func isHiragana(r rune) bool { return r >= 'ぁ' && r <= 'ゖ' || r == 'ゝ' || r == 'ゞ' }

// isKatakana reports whether r is katakana or the long vowel mark.
func isKatakana(r rune) bool { return r >= 'ァ' && r <= 'ヺ' || r == 'ー' }

// isKanji reports whether r is a kanji (or 々, ヶ).
func isKanji(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf || r == '々' || r == 'ヶ' || r == '〆'
}

// oneLineDates drops the dates read across a line break (令和7年 / 9月2日):
// the lines the normalization left apart are apart, and every reader
// takes a date to lie on one line and in one sentence.
func oneLineDates(s string, ds []jtext.DateMatch) []jtext.DateMatch {
	out := ds[:0]
	for _, m := range ds {
		if !strings.Contains(s[m.Start:m.End], "\n") {
			out = append(out, m)
		}
	}
	return out
}
