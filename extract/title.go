package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The title: an entry's title line on a page of entries; on a notice's
// page, the line shaped like a notice's title (…について, …お詫び, with
// incident words, an HTML heading, named by the breadcrumb or the page
// title) among the lines before the body begins. Site names, menus, date
// lines, addressees and letterheads around it are not titles.

var (
	addresseeRE = regexp.MustCompile(`(各位|各 位|御中|様へ|皆様へ|(?:^|[^仕同模多異態])様)$`)
	roleLineRE  = regexp.MustCompile(`(代表取締役|取締役|社長|理事長|会長|学長|院長|病院長|市長|町長|村長|知事|所長|局長|校長|代表理事|代表者|総長|委員長)`)
	labelLineRE = regexp.MustCompile(`^(?:【[^】]*】|記|以上|以 上|問い?合わせ先.*|お問い?合わせ.*|照会先.*|本文|目次|概要|PDF.*)$`)
	thatIsRE    = regexp.MustCompile(`^\s*(.{2,40}?)(?:とは|について)[、,]`)
	// a news source after a headline: after a blank, or after the day
	// a news list gives ((31日)NHK)
	sourceTailRE = regexp.MustCompile(`(?:\s+|\(\d{1,2}日\)\s*)(?:\S{0,6}(?:新聞|日報|新報|タイムス|テレビ|放送|通信)|NHK|TV\S{0,4}|\S{1,4}TV|産経|読売|朝日|毎日|日経|共同|時事)\s*$`)
	barTailRE    = regexp.MustCompile(`\s*\|\s*$`)
	monthTailRE  = regexp.MustCompile(`\s+\d{4}年\s*\d{1,2}月\s*$`)
)

func (v *view) readTitle() string {
	limit := v.bodyLine()
	crumb := v.crumbName(limit)
	first, last := v.ruleTitle(limit, crumb)
	if m := v.m.get(decTitle); m != nil && v.sg.title < 0 {
		opts := v.titleOptions(limit, crumb, first, last)
		p := probs(m, titleVectors(opts))
		o := opts[argmax(p)]
		v.confidence("title", p[argmax(p)])
		if o.first < 0 {
			return o.text
		}
		v.setTitle(o.first, o.last)
		return v.optionText(o)
	}
	if first < 0 {
		return v.fallbackTitle(limit)
	}
	v.setTitle(first, last)
	return v.titleText(first, last)
}

// setTitle makes lines first..last the title: the body begins after them.
func (v *view) setTitle(first, last int) {
	v.title, v.titleLast = first, last
	v.body = min(v.d.lines[last].end, v.sg.end)
}

// crumbName is the last step of a breadcrumb before the body: the name
// the site gives the page.
func (v *view) crumbName(limit int) string {
	d := v.d
	for i := v.lineA; i < limit; i++ {
		if l := d.lines[i]; l.crumb {
			if k := strings.LastIndex(l.text, ">"); k >= 0 {
				return strings.ReplaceAll(strings.TrimSpace(l.text[k+1:]), " ", "")
			}
		}
	}
	return ""
}

// ruleTitle is the rules' title: the best scored line before the body,
// with the next line when it completes it ("…に関する" / "お詫びとご説明");
// -1 when no line scores.
func (v *view) ruleTitle(limit int, crumb string) (int, int) {
	d := v.d
	if v.sg.title >= 0 {
		return v.sg.title, v.sg.title
	}
	best, bestScore := -1, 2
	for i := v.lineA; i < limit; i++ {
		l := d.lines[i]
		if !titleCandidate(l) {
			continue
		}
		if sc := v.titleScore(l, crumb); sc > bestScore {
			best, bestScore = i, sc
		}
	}
	if best < 0 {
		return -1, -1
	}
	l := d.lines[best]
	if !noticeEndRE.MatchString(l.text) && best+1 < v.lineB {
		n := d.lines[best+1]
		if titleish(n) && noticeEndRE.MatchString(n.text) && l.runes+n.runes <= 150 {
			return best, best + 1
		}
	}
	return best, best
}

// titleCandidate: a line that may be a title: titleish, and no list item
// unless marked as an entry's.
func titleCandidate(l line) bool {
	return titleish(l) && (!l.list || markerRE.FindString(l.text) != "" || strings.HasPrefix(l.text, "【"))
}

// titleText is the original text of title lines first..last, without a
// digest's decorations: the leading marker, a serial tag (【事件簿#123】),
// a date before or after.
func (v *view) titleText(first, last int) string {
	d := v.d
	a, b := d.lines[first].start, d.lines[last].end
	for a < b && (d.s[a] == ' ' || d.s[a] == '\t') {
		a++
	}
	for _, re := range []*regexp.Regexp{markerRE, serialTagRE, leadDateRE} {
		if m := re.FindStringIndex(d.s[a:b]); m != nil {
			a += m[1]
		}
	}
	// what follows the title on a list's row or a news headline: its
	// date, the news source (産経, 京都新聞, (31日)NHK), a table's last
	// bar; on an entry's row a month alone too
	tails := []*regexp.Regexp{trailDateRE, sourceTailRE, barTailRE}
	if first == v.sg.title {
		tails = append(tails, monthTailRE)
	}
	for cut := true; cut; {
		cut = false
		for _, re := range tails {
			if m := re.FindStringIndex(d.s[a:b]); m != nil && m[0] > 0 {
				b, cut = a+m[0], true
			}
		}
	}
	parts := []string{}
	for i := first; i <= last; i++ {
		x, y := max(a, d.lines[i].start), min(b, d.lines[i].end)
		if x < y {
			parts = append(parts, d.orig(x, y))
		}
	}
	return joinWrapped(strings.TrimSpace(strings.Join(parts, "")))
}

// joinWrapped joins a title the layout wrapped (a line break the text's
// normalization folded): Japanese runs on without a blank, Latin words
// keep one.
func joinWrapped(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	out := strings.TrimSpace(lines[0])
	for _, l := range lines[1:] {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		p, _ := utf8.DecodeLastRuneInString(out)
		n, _ := utf8.DecodeRuneInString(l)
		if isLatin(p) && isLatin(n) {
			out += " "
		}
		out += l
	}
	return out
}

// bodyLine is the first line of running text (a sentence of some length):
// the title comes before it.
func (v *view) bodyLine() int {
	d := v.d
	for i := v.lineA; i < v.lineB; i++ {
		l := d.lines[i]
		if l.kind == lineText && !l.list && (strings.Contains(l.text, "。") && l.runes >= 25 || l.runes >= 70) {
			return i
		}
	}
	return v.lineB
}

func (v *view) titleScore(l line, crumb string) int {
	t := l.text
	sc := 0
	if noticeEndRE.MatchString(t) {
		sc += 4
	}
	if incidentWords.In(t) {
		sc += 3
	}
	if l.heading {
		sc += 3
	}
	flat := strings.ReplaceAll(t, " ", "")
	if crumb != "" && (strings.Contains(flat, crumb) || strings.Contains(crumb, flat)) && utf8.RuneCountInString(crumb) >= 4 {
		sc += 5 // the breadcrumb names the page
	}
	if page := strings.ReplaceAll(v.d.page, " ", ""); page != "" && strings.Contains(page, flat) {
		sc += 2
	}
	if l.runes >= 10 && l.runes <= 90 {
		sc++
	}
	if addresseeRE.MatchString(t) {
		sc -= 6
	}
	if labelLineRE.MatchString(t) {
		sc -= 4
	}
	if roleLineRE.MatchString(t) && l.runes <= 40 {
		sc -= 4
	}
	// a line that is only an organization's name (a letterhead, the site)
	for _, o := range v.orgs {
		if o.start >= l.start && o.end <= l.end && (o.end-o.start)*10 >= len(t)*7 {
			sc -= 4
			break
		}
	}
	return sc
}

// fallbackTitle names a segment without a title line: the subject of an
// opening "Xとは、", else its first line of text.
func (v *view) fallbackTitle(limit int) string {
	d := v.d
	if l := d.lines[d.lineAt(v.sg.start)]; l.start < v.sg.start {
		// an entry that starts inside a line (a retold list's sentence):
		// its first sentence
		return firstSentence(d.orig(v.sg.start, min(l.end, v.sg.end)))
	}
	for i := v.lineA; i < v.lineB; i++ {
		l := d.lines[i]
		if l.kind != lineText {
			continue
		}
		if m := thatIsRE.FindStringSubmatchIndex(l.text); m != nil {
			off := l.start + strings.Index(d.s[l.start:l.end], l.text)
			return d.orig(off+m[2], off+m[3])
		}
		return firstSentence(d.orig(l.start, l.end))
	}
	return ""
}

// firstSentence is s up to its first 。, at most 80 characters.
func firstSentence(s string) string {
	r := []rune(s)
	for k, c := range r {
		if c == '。' && k > 0 {
			r = r[:k]
			break
		}
	}
	if len(r) > 80 {
		r = r[:80]
	}
	return strings.TrimSpace(string(r))
}
