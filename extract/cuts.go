package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"casebook/linear"
)

// Where entries start. Any line of a page may start an entry (a digest's
// item, a city's list of errors, the next article of a news list, a
// sidebar of other headlines that is no incident). The segment model
// weighs each line by its shape and place: its marker and how many lines
// of the page share it, dates around it, incident words, the blank and
// rule lines before it, whether it stands under a heading of related
// articles, the running text after it, and where the rules (segment.go)
// would cut. Lines it gives even odds or better start an entry.

// page is what the segment model knows of a page.
type page struct {
	d         *doc
	cands     []entryStart
	byLine    map[int][]entryStart
	rule      []segment
	ruleCut   map[int]bool // first lines of the rules' segments (but the first)
	ruleOther map[int]bool // … of those the rules call an unrelated post
	shape     []string
	shapeN    map[string]int
	shapeInc  map[string]int
	prose     int            // the first line of running text
	related   []bool         // under a heading of related articles, rankings, other news
	first     int            // the first line that is not blank
	sentences int            // lines of running text on the page
	incBefore []bool         // a line before this one has incident words
	incAfter  []bool         // this line or one after it tells of an incident in a sentence
	newOrg    []bool         // the line (or the line after it) names an organization the page has not named before
	incOrgs   int            // organizations named on lines with incident words
	sig       []string       // a line's build: shape, kind, what is around it
	sigN      map[string]int // lines of each build with incident words
}

func newPage(d *doc) *page {
	p := &page{d: d, byLine: map[int][]entryStart{}, ruleCut: map[int]bool{}, ruleOther: map[int]bool{}, first: -1}
	p.cands = entryCandidates(d)
	for _, c := range p.cands {
		p.byLine[c.line] = append(p.byLine[c.line], c)
	}
	// (the rules' cut of a retold list skips related articles' lines)
	p.related = relatedLines(d.lines)
	d.related = p.related
	p.rule = segmentText(d, p.cands)
	for _, sg := range p.rule[1:] {
		li := d.lineAt(sg.start)
		p.ruleCut[li] = true
		p.ruleOther[li] = sg.notIncident
	}
	for i, l := range d.lines {
		if l.kind != lineBlank {
			p.first = i
			break
		}
	}
	return p
}

// describe reads what the segment model's features need of the page:
// the lines' shapes and builds, running text, and the organizations the
// page names as it goes.
func (p *page) describe() {
	if p.shape != nil {
		return
	}
	d := p.d
	p.shapeN, p.shapeInc = map[string]int{}, map[string]int{}
	p.shape = make([]string, len(d.lines))
	p.prose = len(d.lines)
	for i, l := range d.lines {
		if l.kind == lineBlank {
			continue
		}
		p.shape[i] = lineShape(l)
		if p.shape[i] != "" {
			p.shapeN[p.shape[i]]++
			if incidentWords.In(l.text) {
				p.shapeInc[p.shape[i]]++
			}
		}
		if l.kind == lineText && !l.list && (strings.Contains(l.text, "。") && l.runes >= 25 || l.runes >= 70) {
			p.prose = min(p.prose, i)
			p.sentences++
		}
	}
	n := len(d.lines)
	p.incBefore, p.incAfter = make([]bool, n), make([]bool, n)
	for i := 1; i < n; i++ {
		p.incBefore[i] = p.incBefore[i-1] || incidentWords.In(d.lines[i-1].text)
	}
	// organizations as the page goes: a line that names a new one with
	// incident words around it may start another incident
	p.newOrg = make([]bool, n)
	seen := map[string]bool{}
	lineOrgs := make([][]string, n)
	for _, o := range d.orgs {
		if o.kind == orgPolice || o.kind == orgRegulator || o.kind == orgMedia {
			continue
		}
		li := d.lineAt(o.start)
		lineOrgs[li] = append(lineOrgs[li], o.core)
	}
	incSeen := map[string]bool{}
	for i := 0; i < n; i++ {
		here := lineOrgs[i]
		if k := p.nextLine2(i); k >= 0 && k <= i+2 && len(here) == 0 {
			here = lineOrgs[k]
		}
		for _, c := range here {
			if !seen[c] && i > p.first+1 {
				p.newOrg[i] = true
			}
		}
		for _, c := range lineOrgs[i] {
			seen[c] = true
			if incidentWords.In(d.lines[i].text) && !incSeen[c] {
				incSeen[c] = true
				p.incOrgs++
			}
		}
	}
	// lines built alike: entries of one page repeat their build
	p.sig = make([]string, n)
	p.sigN = map[string]int{}
	for i, l := range d.lines {
		if l.kind == lineBlank {
			continue
		}
		var b strings.Builder
		b.WriteString(p.shape[i])
		b.WriteByte(byte('a' + l.kind))
		if titleish(l) {
			b.WriteByte('T')
		}
		if strings.Contains(l.text, "。") {
			b.WriteByte('S')
		}
		if i > 0 && d.lines[i-1].kind == lineBlank {
			b.WriteByte('B')
		}
		if k := p.nextLine2(i); k >= 0 && strings.Contains(d.lines[k].text, "。") {
			b.WriteByte('N')
		}
		if len(lineOrgs[i]) > 0 {
			b.WriteByte('O')
		}
		p.sig[i] = b.String()
		if incidentWords.In(l.text) {
			p.sigN[p.sig[i]]++
		}
	}
	for i := n - 1; i >= 0; i-- {
		l := d.lines[i]
		p.incAfter[i] = l.kind == lineText && strings.Contains(l.text, "。") && incidentWords.In(l.text) && !p.related[i]
		if i+1 < n {
			p.incAfter[i] = p.incAfter[i] || p.incAfter[i+1]
		}
	}
}

// lineShape is the marker a line starts with, digits as 0 and brackets
// as a pair: "1.■熊本市" → "0.■", "【重要】…" → "【】", "・…" → "・". A
// line that starts with a date has shape "D".
func lineShape(l line) string {
	t := l.text
	if leadDateRE.MatchString(t) || l.kind == lineDate {
		return "D"
	}
	var b strings.Builder
	n := 0
	for _, r := range t {
		if n >= 6 || isKanji(r) || isHiragana(r) || isKatakana(r) || r < 0x80 && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			break
		}
		n++
		switch {
		case r >= '0' && r <= '9':
			if !strings.HasSuffix(b.String(), "0") {
				b.WriteByte('0')
			}
		case r == ' ' || r == '\t':
		case r == '【':
			b.WriteString("【】")
			return b.String()
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// prevLine and nextLine2 are the nearest lines before and after i that are
// not blank, or -1.
func (p *page) prevLine(i int) int {
	for j := i - 1; j >= 0; j-- {
		if p.d.lines[j].kind != lineBlank {
			return j
		}
	}
	return -1
}

func (p *page) nextLine2(i int) int {
	for j := i + 1; j < len(p.d.lines); j++ {
		if p.d.lines[j].kind != lineBlank {
			return j
		}
	}
	return -1
}

// cutCandidate: lines that may start an entry: any line with text but the
// page's first.
func (p *page) cutCandidate(i int) bool {
	return i > p.first && p.d.lines[i].kind != lineBlank
}

var (
	// a headline tells who and what happened: "X、…を誤って送信", "Xで…が流出"
	headlineRE   = regexp.MustCompile(`[、,]|(?:流出|紛失|送信|送付|漏えい|漏洩|盗難|判明|発覚|公表|被害|感染|掲載|廃棄|不明|なくす|盗まれる|誤交付|誤配布)(?:か|も|へ|に|した|の疑い|の可能性|\s*\S{1,4})?$`)
	connectiveRE = regexp.MustCompile(`^(?:また|このほか|その他|さらに|一方|同じく|ほかにも|他にも|次に|続いて|加えて)[、,]?`)
	pagerRE      = regexp.MustCompile(`前へ|次へ|前の記事|次の記事|カテゴリー|カテゴリ[::]|タグ|一覧へ|一覧に戻る|ページの先頭|Copyright|©`)
	rowSepRE     = regexp.MustCompile(`\s{2,}|\||\t| [^ ]+ [^ ]+ `)
)

// features describes line i as the start of an entry: single features,
// and the pairs of the main ones (a short line after a blank is a title
// only where incident words or a repeated shape say so).
func (p *page) features(i int) linear.Vector {
	p.describe()
	d := p.d
	l := d.lines[i]
	var main, other []string
	add := func(f ...string) { main = append(main, strings.Join(f, "")) }
	note := func(f ...string) { other = append(other, strings.Join(f, "")) }
	kinds := [...]string{"text", "blank", "sep", "chrome", "date"}
	add("kind=", kinds[l.kind])
	if l.heading {
		add("heading")
	}
	if l.list {
		add("list")
	}
	sh := p.shape[i]
	inc := incidentWords.In(l.text)
	if sh != "" {
		note("shape=", sh)
		add("shapeN=", bucket(p.shapeN[sh], 2, 3, 6))
		add("shapeInc=", bucket(p.shapeInc[sh], 1, 3, 6))
	}
	if inc {
		add("inc")
	}
	add("len=", bucket(l.runes, 8, 20, 40, 80, 150))
	if strings.Contains(l.text, "。") {
		add("sentence")
	}
	if titleish(l) {
		add("titleish")
		if inc && !sectionNounRE.MatchString(l.text) && headlineRE.MatchString(l.text) {
			add("headline")
		}
	}
	if noticeEndRE.MatchString(l.text) {
		add("noticeEnd")
	}
	if trailDateRE.MatchString(l.text) {
		add("trailDate")
	}
	if connectiveRE.MatchString(l.text) {
		add("connective")
	}
	if pagerRE.MatchString(l.text) && l.runes <= 60 {
		add("pager")
	}
	for _, m := range d.dates {
		if m.Start >= l.start && m.Start < l.end {
			if utf8.RuneCountInString(d.s[l.start:m.Start]) <= 20 {
				add("dateEarly")
			}
			break
		}
	}
	for _, c := range d.counts {
		if c.Start >= l.start && c.End <= l.end {
			add("count")
			break
		}
	}
	if len(rowSepRE.FindAllStringIndex(l.text, 4)) >= 2 && !strings.Contains(l.text, "。") {
		add("row")
	}
	for _, o := range d.orgs {
		if o.start >= l.start && o.end <= l.end {
			add("org")
			if strings.TrimLeft(d.s[l.start:o.start], " ■◆●□▶・0123456789.【】[]()") == "" {
				add("orgFirst")
			}
			break
		}
	}
	for _, h := range d.hits {
		if h.start >= l.start && h.end <= l.end && cues.pats[h.pat].table == tabCauses {
			add("cause")
			break
		}
	}
	if j := p.prevLine(i); j >= 0 {
		pl := d.lines[j]
		note("prevKind=", kinds[pl.kind])
		if j < i-1 {
			add("prevBlank")
		}
		if p.shape[j] == sh && sh != "" {
			add("prevSameShape")
		}
		if strings.HasSuffix(pl.text, "。") {
			add("prevEnds")
		}
		if pl.kind == lineText && pl.runes <= 14 && !strings.Contains(pl.text, "。") && !incidentWords.In(pl.text) {
			add("prevShortHead")
		}
		if p.related[j] {
			add("prevRelated")
		}
	}
	if k := p.nextLine2(i); k >= 0 {
		nl := d.lines[k]
		note("nextKind=", kinds[nl.kind])
		if k > i+1 {
			add("nextBlank")
		}
		if p.shape[k] != "" && p.shapeN[p.shape[k]] >= 3 && incidentWords.In(nl.text) {
			add("nextEntryShape")
		}
		if nl.kind == lineText && strings.Contains(nl.text, "。") {
			add("nextSentence")
		}
	} else {
		add("last")
	}
	if p.ruleCut[i] {
		add("rule:cut")
		if p.ruleOther[i] {
			add("rule:other")
		}
	}
	for _, c := range p.byLine[i] {
		key := c.key
		if strings.HasPrefix(key, "decor") {
			key = "decor"
		}
		note("cand=", key)
		if c.incident {
			add("cand&inc")
		}
	}
	switch {
	case i < p.prose:
		add("beforeProse")
	case i == p.prose:
		add("atProse")
	}
	if p.related[i] {
		add("related")
	}
	if !p.incAfter[i] {
		add("restNoInc")
	}
	if !p.incBefore[i] {
		add("headNoInc")
	}
	if p.newOrg[i] {
		add("newOrg")
	}
	if inc {
		add("alike=", bucket(p.sigN[p.sig[i]], 2, 3, 5))
	}
	add("incOrgs=", bucket(p.incOrgs, 2, 3, 5))
	note("pos=", strconv.Itoa(10*i/max(1, len(d.lines))))
	note("pageProse=", bucket(p.sentences, 3, 6, 12, 25))
	// running text after the line, up to the next line of its shape
	runes := 0
	for j := i + 1; j < len(d.lines) && j < i+40; j++ {
		if sh != "" && p.shape[j] == sh {
			break
		}
		if lj := d.lines[j]; lj.kind == lineText && (strings.Contains(lj.text, "。") || lj.runes >= 40) {
			runes += lj.runes
		}
	}
	add("body=", bucket(runes, 1, 20, 100, 300, 800))
	vec := make(linear.Vector, 0, 1+len(main)+len(other)+len(main)*(len(main)-1)/2)
	vec = append(vec, linear.Feature{Name: "seg:bias", Value: 1})
	for _, f := range append(main, other...) {
		vec = append(vec, linear.Feature{Name: "seg:" + f, Value: 1})
	}
	sort.Strings(main)
	for a := 0; a < len(main); a++ {
		for b := a + 1; b < len(main); b++ {
			vec = append(vec, linear.Feature{Name: "seg:" + main[a] + "&" + main[b], Value: 1})
		}
	}
	return vec
}

// segment cuts the page into entries: where the segment model says they
// start, or without a model where the rules do.
func (x *Extractor) segment(d *doc) []segment {
	p := newPage(d)
	m := x.m.get(decSegment)
	if m == nil {
		return p.rule
	}
	// the rules' cuts stand unless the model doubts them; a cut of its own
	// needs the model to be surer
	var cuts []int
	for i := range d.lines {
		if !p.cutCandidate(i) {
			continue
		}
		pr := m.Prob(p.features(i))
		if p.ruleCut[i] && pr >= segKeep || !p.ruleCut[i] && pr >= segAdd {
			cuts = append(cuts, i)
		}
	}
	return p.segmentsAt(cuts, true)
}

// segmentsAt cuts the page at the given lines; with join, a cut right
// after a cut with nothing but a short heading between is one cut.
func (p *page) segmentsAt(cuts []int, join bool) []segment {
	d := p.d
	// a heading over an entry and the entry's own line are one start
	var keep []int
	for _, c := range cuts {
		if n := len(keep); n > 0 && join && !p.hasContent(keep[n-1], c) {
			continue
		}
		keep = append(keep, c)
	}
	if len(keep) == 0 {
		sg := segment{start: 0, end: len(d.s), title: -1, date: -1}
		if len(p.rule) == 1 {
			sg = p.rule[0]
		}
		return []segment{sg}
	}
	var segs []segment
	starts := append([]int{-1}, keep...)
	for k, li := range starts {
		sg := segment{start: 0, end: len(d.s), title: -1, date: -1, multi: true}
		if li >= 0 {
			sg.start = d.lines[li].start
			sg.title, sg.date = p.entryAt(li)
		} else {
			// the page's head: the rules' first entry, when it lies there
			if e := p.firstEntryBefore(keep[0]); e != nil {
				sg.title, sg.date = e.title, e.date
			}
		}
		if k+1 < len(starts) {
			sg.end = d.lines[starts[k+1]].start
		}
		// an entry's title and date lie inside it
		if sg.title >= 0 && d.lines[sg.title].start >= sg.end {
			sg.title = -1
		}
		if sg.date >= 0 && d.lines[sg.date].start >= sg.end {
			sg.date = -1
		}
		segs = append(segs, sg)
	}
	return segs
}

// hasContent: lines [a, b) hold more than a short heading: incident
// words, or a line of some length.
func (p *page) hasContent(a, b int) bool {
	for i := a; i < b; i++ {
		l := p.d.lines[i]
		if l.kind == lineBlank {
			continue
		}
		if incidentWords.In(l.text) || l.runes > 14 || strings.Contains(l.text, "。") {
			return true
		}
	}
	return false
}

// entryAt returns the title and date lines of an entry starting at li.
func (p *page) entryAt(li int) (title, date int) {
	d := p.d
	if cs := p.byLine[li]; len(cs) > 0 {
		best := cs[0]
		for _, c := range cs {
			if c.incident && !best.incident {
				best = c
			}
		}
		return best.title, best.date
	}
	date, title = -1, -1
	if d.lines[li].kind == lineDate {
		date = li
	}
	n := 0
	for j := li; j < len(d.lines) && n < 3; j++ {
		l := d.lines[j]
		if l.kind == lineBlank || j == date {
			continue
		}
		n++
		if !titleish(l) && !(l.kind == lineText && l.runes <= 150 && !strings.HasSuffix(l.text, "。")) {
			continue
		}
		if title < 0 {
			title = j
		}
		if incidentWords.In(l.text) && utf8.RuneCountInString(l.text) >= 8 {
			return j, date
		}
	}
	return title, date
}

// firstEntryBefore is the rules' first entry candidate of an incident
// before line b (the head of a page the model cuts later), or nil.
func (p *page) firstEntryBefore(b int) *entryStart {
	if len(p.rule) < 2 {
		return nil
	}
	if t := p.rule[0].title; t >= 0 && t < b {
		for i := range p.cands {
			if p.cands[i].title == t {
				return &p.cands[i]
			}
		}
	}
	return nil
}

// segExamples are the segment model's examples of a page: each candidate
// line, yes where a gold entry starts (byte offsets of the normalized text).
func segExamples(d *doc, goldStarts []int) []linear.Choice {
	p := newPage(d)
	starts := map[int]bool{}
	for _, s := range goldStarts {
		if s > 0 {
			starts[d.lineAt(s)] = true
		}
	}
	var out []linear.Choice
	for i := range d.lines {
		if p.cutCandidate(i) {
			out = append(out, linear.YesNo(p.features(i), starts[i]))
		}
	}
	return out
}

// The odds the segment model needs to drop a cut of the rules, and to
// cut where they do not: the rules' cuts are a strong prior, learned cuts
// of pages unlike the training groups' being the least reliable (chosen by
// cross-validation).
const (
	segKeep = 0.05
	segAdd  = 0.9
)
