// Package extract turns the text of Japanese breach notices into incident
// records (../shared/spec/record.md): it cuts a page into incidents and
// what is no incident, and reads each incident's fields. It is pure: no
// I/O. The words it looks for are data, in cues.go.
package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"casebook"
	"casebook/jtext"
)

// Options tune extraction of one text.
type Options struct {
	// Headings are code-point offsets of lines that were HTML headings.
	Headings []int
	// PageTitle is the HTML page's <title>: the last place to look for the
	// organization of a company page that names itself only in its chrome.
	PageTitle string
}

type compiledCue struct {
	code string
	re   *regexp.Regexp
	neg  *regexp.Regexp
}

func compile(cs []cue) []compiledCue {
	out := make([]compiledCue, len(cs))
	for i, c := range cs {
		out[i] = compiledCue{code: c.Code, re: regexp.MustCompile(c.Pat)}
		if c.Neg != "" {
			out[i].neg = regexp.MustCompile(`^(?:` + c.Neg + `)`)
		}
	}
	return out
}

var (
	itemSet      = newCueSet(dataItemCues)
	causeSet     = newCueSet(causeCues)
	respSet      = newCueSet(responseCues)
	sectorNameC  = compile(sectorNameCues)
	sectorTextS  = newCueSet(sectorTextCues)
	responseNegR = newLineAnchored(responseNeg)
	adviceR      = newLineAnchored(adviceRE)
	regulatorR   = regexp.MustCompile(regulators)
	thirdPartyR  = regexp.MustCompile(thirdPartyOrgs)
)

func normForMatch(s string) string { return jtext.NormString(s) }

// Extract reads every incident in text. Records come in text order and
// their spans tile the text.
func Extract(text string, o Options) []casebook.Record {
	t := jtext.Normalize(text)
	lines := splitLines(t.Norm)
	if len(o.Headings) > 0 {
		hs := map[int]bool{}
		for _, h := range o.Headings {
			hs[h] = true
		}
		for i := range lines {
			if hs[t.OrigOffset(lines[i].start)] {
				lines[i].heading = true
			}
		}
	}
	segs := segment(t.Norm, lines)
	docCtx := firstFullDate(t.Norm)
	var out []casebook.Record
	for _, sg := range segs {
		r := extractSegment(t, lines, sg, docCtx)
		if r.IsIncident() && r.Organization == "" && o.PageTitle != "" && len(segs) == 1 {
			for _, org := range findOrgs(jtext.NormString(o.PageTitle)) {
				if !regulatorR.MatchString(org.name) && !thirdPartyR.MatchString(org.name) {
					r.Organization = cleanOrg(org.name)
					r.Sector = sector(&segText{s: t.Norm, zone: len(t.Norm), rec: &r}, r.Organization)
					break
				}
			}
		}
		out = append(out, r)
	}
	return out
}

func firstFullDate(s string) jtext.Date {
	for _, m := range jtext.FindDates(s) {
		if m.Kind == jtext.Absolute && m.Date.Full() {
			return m.Date
		}
	}
	return jtext.Date{}
}

// segText is one segment being read: its normalized text and where it sits.
type segText struct {
	t     *jtext.Text
	base  int    // byte offset of the segment in t.Norm
	s     string // the segment's normalized text
	zone  int    // end of the notice proper (before commentary), relative
	title string // the title line, normalized, with decorations
	tline int    // relative end of the title line, or 0
	rec   *casebook.Record
}

func (st *segText) span(a, b int) casebook.Span {
	s, e := st.t.OrigSpan(st.base+a, st.base+b)
	return casebook.Span{Start: s, End: e}
}

func (st *segText) evidence(field string, a, b int) {
	if st.rec.Evidence == nil {
		st.rec.Evidence = map[string]casebook.Span{}
	}
	if _, ok := st.rec.Evidence[field]; !ok {
		st.rec.Evidence[field] = st.span(a, b)
	}
}

func extractSegment(t *jtext.Text, lines []line, sg seg, docCtx jtext.Date) casebook.Record {
	st := &segText{t: t, base: sg.start, s: t.Norm[sg.start:sg.end]}
	rec := casebook.Record{}
	st.rec = &rec
	s0, e0 := t.OrigSpan(sg.start, sg.end)
	if sg.end == len(t.Norm) {
		e0 = t.RuneLen()
	}
	rec.Span = casebook.Span{Start: s0, End: e0}
	if sg.title >= 0 {
		l := lines[sg.title]
		st.title = l.text
		st.tline = l.end - sg.start
		os, oe := t.OrigSpan(l.start, l.end)
		rec.Title = cleanTitle(t.OrigString(os, oe))
	} else {
		rec.Title = fallbackTitle(st, t)
	}
	if sg.notIncident || incidentDensity(st.s) == 0 && !incidentTermRE.MatchString(st.title) {
		rec.Kind = casebook.KindNotIncident
		return rec
	}
	st.zone = commentaryStart(st.s, st.tline)
	rec.Kind = casebook.KindBreach
	if isRegulatorAction(st) {
		rec.Kind = casebook.KindRegulator
	}
	rec.Organization = organization(st)
	rec.Sector = sector(st, rec.Organization)
	rec.Dates = readDates(st, docCtx)
	rec.Affected = affected(st)
	rec.DataItems = dataItems(st)
	rec.Causes = causes(st)
	rec.Responses = responses(st)
	rec.Contractor = contractorRE.MatchString(st.s[:st.zone])
	return rec
}

var contractorRE = newLineAnchored(`受託|委託を受け|委託先|委託業者|業務委託|開発委託|再委託|委託元|委託している|委託していた|運営委託|保守委託`)

var thatIsRE = regexp.MustCompile(`^\s*(.{2,40}?)(?:とは|について)[、,]`)

// fallbackTitle names a segment that has no title line: the subject of a
// "Xとは、" opening, else the best heading-like line, else the first line.
func fallbackTitle(st *segText, t *jtext.Text) string {
	lines := splitLines(st.s)
	best, bestScore := -1, 0
	for i, l := range lines {
		if i > 40 || !titleShape(l.text) || listMarkerRE.MatchString(l.text) {
			continue
		}
		sc := 0
		if incidentTermRE.MatchString(l.text) {
			sc += 3
		}
		if noticeEndRE.MatchString(l.text) || strings.Contains(l.text, "について") {
			sc += 2
		}
		if len(findOrgs(l.text)) > 0 {
			sc++
		}
		if sc >= 3 && sc > bestScore {
			best, bestScore = i, sc
		}
	}
	if best >= 0 {
		l := lines[best]
		return origText(st, l.start, l.end)
	}
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		if m := thatIsRE.FindStringSubmatchIndex(l.text); m != nil {
			off := l.start + strings.Index(st.s[l.start:l.end], l.text)
			return origText(st, off+m[2], off+m[3])
		}
		r := []rune(origText(st, l.start, l.end))
		if i := indexRune(r, '。'); i > 0 && i < 80 {
			r = r[:i]
		}
		if len(r) > 80 {
			r = r[:80]
		}
		return strings.TrimSpace(string(r))
	}
	return ""
}

func indexRune(r []rune, x rune) int {
	for i, c := range r {
		if c == x {
			return i
		}
	}
	return -1
}

// origText returns the original text of a byte range of the segment.
func origText(st *segText, a, b int) string {
	s, e := st.t.OrigSpan(st.base+a, st.base+b)
	return strings.TrimSpace(st.t.OrigString(s, e))
}

var commentaryRE = regexp.MustCompile(`(?m)^\s*(引用元|出典[::]?|参考URL|参考文献|【参考文献】|■\s*事故原因|■\s*推奨対策|この記事を書いた人|関連記事|同じテーマの記事|執筆者|著者プロフィール|監修者|■\s*解説|【解説】|筆者)`)

// commentaryStart finds where a case page's commentary (source credits,
// "■ 事故原因", author bios) begins after the notice; causes, data items
// and responses are read only before it.
func commentaryStart(s string, after int) int {
	for _, m := range commentaryRE.FindAllStringIndex(s, -1) {
		if m[0] > after+200 {
			return m[0]
		}
	}
	return len(s)
}

var regulatorActRE = regexp.MustCompile(`(` + regulators + `)(は|が)[^。]{0,150}(指導|勧告|命令)(等)?(を行|を実施|を発出|を出)`)

func isRegulatorAction(st *segText) bool {
	if regTitleRE.MatchString(st.title) {
		return true
	}
	head := st.s
	if len(head) > 1500 {
		head = head[:1500]
	}
	return regulatorActRE.MatchString(head)
}

// sentences returns [start, end) byte ranges of the sentences of s: split
// at 。 and at line breaks, but not at a 。 inside brackets, as in
// "(以下「当委員会」という。)".
func sentences(s string) [][2]int {
	var out [][2]int
	start, depth := 0, 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch r {
		case '(', '「', '『', '【':
			depth++
		case ')', '」', '』', '】':
			if depth > 0 {
				depth--
			}
		}
		if r == '\n' || (r == '。' && depth == 0) {
			depth = 0
			if strings.TrimSpace(s[start:i]) != "" {
				out = append(out, [2]int{start, i})
			}
			start = i
		}
	}
	if strings.TrimSpace(s[start:]) != "" {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

func sentenceAt(sents [][2]int, pos int) [2]int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i][1] > pos })
	if i < len(sents) {
		return sents[i]
	}
	return [2]int{pos, pos}
}

// clauseAt returns the clause (between 、 or sentence ends) around pos.
func clauseAt(s string, sent [2]int, pos int) (int, int) {
	a := strings.LastIndex(s[sent[0]:pos], "、")
	start := sent[0]
	if a >= 0 {
		start = sent[0] + a + len("、")
	}
	b := strings.Index(s[pos:sent[1]], "、")
	end := sent[1]
	if b >= 0 {
		end = pos + b
	}
	return start, end
}

// uniq keeps the first of each code.
func uniq(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
