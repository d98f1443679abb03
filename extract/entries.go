package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Where an entry of a page may start: a line after a rule, a date line
// over a title, a decorated title (■…, 1.■…, No.2, 【…】, a date before or
// after), an HTML heading, a row of a table of incidents, a line or a
// plain headline that tells of one, an article's paragraph that goes on
// to another. segment.go picks the shape that starts the most incident
// entries.

type entryStart struct {
	line     int // the entry's first line
	title    int // its title line
	date     int // its date line, or -1
	key      string
	incident bool // its title tells of an incident (decorated and heading keys)
	related  bool // it stands under a heading of related articles
	cited    bool // a headline with its source and date (…(NHK NEWS WEB 2025年6月11日))
	row      bool // one of a run of incident lines: a table flattened to lines
}

var publishedRE = regexp.MustCompile(`(?:公表|発表)[^)）]{0,12}[)）]\s*$`)

// citedRE: a headline that ends citing its source and date.
var citedRE = regexp.MustCompile(`[(（][^()（）]*[A-Za-z\p{Katakana}\p{Han}][^()（）]*\s(?:\d{4}[/.年]\s*\d{1,2}[/.月]\s*\d{1,2}日?)[)）]\s*$`)

var relatedHeadRE = newPhrase(`関連記事|関連ニュース|関連する記事|関連リンク|おすすめ|オススメ|注目の記事|人気記事|ランキング|新着記事|最新記事|最新のニュース|この記事を読んだ人|あわせて読みたい|合わせて読みたい|もっと見る|その他のニュース|編集部おすすめ|ピックアップ|PR\]|アクセスランキング|こちらもおすすめ|他の記事|関連コラム`)

// relatedLines marks the lines under a short heading of related articles,
// rankings or other news, up to the next paragraph of running text.
func relatedLines(lines []line) []bool {
	out := make([]bool, len(lines))
	under := false
	for i, l := range lines {
		if l.runes <= 24 && !strings.Contains(l.text, "。") && relatedHeadRE.In(l.text) {
			under = true
		} else if l.kind == lineText && strings.Contains(l.text, "。") && l.runes >= 60 {
			under = false
		}
		out[i] = under && l.kind != lineBlank
	}
	return out
}

func hasDate(d *doc, l line) bool {
	for _, m := range d.datesIn(l.start, l.end) {
		if m.End <= l.end {
			return true
		}
	}
	return false
}

func hasOrg(d *doc, l line) bool {
	for _, o := range d.orgsIn(l.start, l.end) {
		if o.end <= l.end && o.kind != orgPolice && o.kind != orgRegulator {
			return true
		}
	}
	return false
}

// orgLine: the line is an organization's name and little else (a
// letterhead under a date).
func orgLine(d *doc, l line) bool {
	for _, o := range d.orgs {
		if o.start >= l.start && o.end <= l.end && (o.end-o.start)*10 >= len(l.text)*6 {
			return true
		}
	}
	return false
}

// nextLine returns the next line after i that is neither blank nor chrome,
// within max lines, or -1.
func nextLine(lines []line, i, max int) int {
	for j := i + 1; j < len(lines) && j <= i+max; j++ {
		if lines[j].kind != lineBlank && !(lines[j].kind == lineText && categoryWords.MatchString(lines[j].text)) {
			return j
		}
	}
	return -1
}

// decoratedTitle reports the marker of a line decorated like a digest's
// entry title (■title, 【tag】title, title 2024/2/29), or "", and whether
// the title tells of an incident. A page's entries are found by the
// incident titles; its other posts share their decoration.
func decoratedTitle(l line) (string, bool) {
	if l.kind != lineText && l.kind != lineDate || l.runes > 150 || strings.Contains(l.text, "。") {
		return "", false
	}
	t := l.text
	key := ""
	if m := markerRE.FindString(t); m != "" {
		// numbered markers (1.■, 16■) are one shape whatever their number
		key, t = digitsRE.ReplaceAllString(strings.NewReplacer(".", "", ")", "", " ", "").Replace(strings.TrimSpace(m)), "0"), t[len(m):]
	}
	if m := serialTagRE.FindString(t); m != "" {
		key, t = key+"【#】", t[len(m):]
	} else if m := tagRE.FindString(t); m != "" && key == "" {
		key, t = "【tag】", t[len(m):] // a place or a category: 【茨城県】…
	}
	// a date before or after the title decorates it too; the marker, when
	// there is one, is what entries share
	dated := false
	if m := leadDateRE.FindString(t); m != "" {
		dated, t = true, t[len(m):]
	}
	if m := trailDateRE.FindStringIndex(t); m != nil {
		dated, t = true, t[:m[0]]
	}
	if key == "" && dated {
		key = "date"
	}
	if key == "" || utf8.RuneCountInString(t) < 4 || strings.HasSuffix(t, "。") || sectionNounRE.MatchString(t) {
		return "", false // a section heading names a part of a notice
	}
	return key, incidentWords.In(t) && utf8.RuneCountInString(t) >= 8 && !adviceHeadRE.MatchString(t)
}

// adviceHeadRE: a heading of an explainer, not an entry: a definition
// (…とは), references, how to prevent or what to do.
var adviceHeadRE = regexp.MustCompile(`とは[?？]?$|\(例\)$|^参考|対策$|防ぐ|防止|ために$|方法$|ポイント$|注意点$|手口$|ご注意`)

// entryCandidates lists the lines where an entry of each shape may start.
func entryCandidates(d *doc) []entryStart {
	lines := d.lines
	var cands []entryStart
	for i, l := range lines {
		if rowCells(d, i) > 0 {
			inc := incidentWords.In(l.text) || hasCount(d, l) || i > 0 && incidentWords.In(lines[i-1].text)
			// (rows of one table share their separator; how many cells a
			// row splits into varies with what its cells hold)
			key := "row "
			if strings.Count(l.text, "|") >= 2 {
				key = "row|"
			}
			cands = append(cands, entryStart{line: i, title: i, date: -1, key: key, incident: inc})
		}
		switch l.kind {
		case lineSep:
			j := nextLine(lines, i, 3)
			if j < 0 || lines[j].kind == lineSep {
				continue
			}
			if lines[j].kind == lineDate {
				if k := nextLine(lines, j, 2); k >= 0 && titleish(lines[k]) {
					cands = append(cands, entryStart{line: j, title: k, date: j, key: "sep", incident: incidentWords.In(lines[k].text)})
				}
				continue
			}
			if titleish(lines[j]) {
				date := -1
				if k := nextLine(lines, j, 1); k >= 0 && lines[k].kind == lineDate {
					date = k
				}
				cands = append(cands, entryStart{line: j, title: j, date: date, key: "sep", incident: incidentWords.In(lines[j].text)})
			}
		case lineDate:
			if l.dateLabel != "" && !strings.Contains(l.dateLabel, "日付") || strings.ContainsAny(l.text, "~-") {
				continue // a notice's own 掲載日/更新日, a period: not an entry's date
			}
			if i > 0 && lines[i-1].kind == lineText {
				continue // the date under a label (１ 発生日時): a field, not an entry
			}
			if k := nextLine(lines, i, 2); k >= 0 && titleish(lines[k]) && !orgLine(d, lines[k]) && !addresseeRE.MatchString(lines[k].text) &&
				!(lines[k].list && markerRE.FindString(lines[k].text) == "") {
				cands = append(cands, entryStart{line: i, title: k, date: i, key: "date", incident: true})
			}
		}
		if key, inc := decoratedTitle(l); key != "" {
			cands = append(cands, entryStart{line: i, title: i, date: -1, key: "decor" + key, incident: inc})
		}
		if anotherEvent(d, i) {
			cands = append(cands, entryStart{line: i, title: i, date: -1, key: "para", incident: true})
		}
		if incidentLine(d, i) {
			cands = append(cands, entryStart{line: i, title: i, date: -1, key: "incline", incident: true})
		}
		if plainHeadline(d, i) {
			cands = append(cands, entryStart{line: i, title: i, date: -1, key: "headline", incident: true})
		}
		if l.heading && titleish(l) && !sectionNounRE.MatchString(l.text) && !(l.list && markerRE.FindString(l.text) == "") {
			cands = append(cands, entryStart{line: i, title: i, date: -1, key: "h", incident: incidentWords.In(l.text)})
		}
	}
	// a decorated title that names who or when (■PayPay(2020年12月7日公表),
	// 事案2 令和7年7月14日) tells of an incident when the lines under it do
	for i := range cands {
		c := &cands[i]
		if c.incident || !strings.HasPrefix(c.key, "decor") {
			continue
		}
		l := lines[c.title]
		// (a numbered case, or a case list's "…(2020年12月7日公表)"; a
		// date-led line is a timeline's, a 【追記】 a notice's own)
		if !strings.ContainsAny(c.key, "0") && !(hasDate(d, l) && publishedRE.MatchString(l.text) && c.key != "decordate") {
			continue
		}
		for j, n := c.title+1, 0; j < len(lines) && n < 3; j++ {
			if lines[j].kind == lineBlank {
				continue
			}
			n++
			if incidentWords.In(lines[j].text) {
				c.incident = true
				break
			}
		}
	}
	related := relatedLines(lines)
	for i := range cands {
		cands[i].related = related[cands[i].title]
		cands[i].cited = citedRE.MatchString(lines[cands[i].title].text)
	}
	// a table whose header or some row tells of leaks (流出件数) is a
	// table of incidents: every row is one
	incTable := map[string]bool{}
	for _, c := range cands {
		if strings.HasPrefix(c.key, "row") && c.incident {
			incTable[c.key] = true
		}
	}
	for i := range cands {
		if incTable[cands[i].key] {
			cands[i].incident = true
		}
	}
	return cands
}

// incidentLine: line i is one line of a list of incidents flattened to
// lines (a table without its rules, a list without markers): no
// sentence end, an incident word, and a count or two dates — who lost how
// much, or when it happened and when it was told.
func incidentLine(d *doc, i int) bool {
	l := d.lines[i]
	if l.kind == lineBlank || l.runes < 20 || l.runes > 200 || strings.HasSuffix(l.text, "。") || l.list || !incidentWords.In(l.text) {
		return false
	}
	full := 0
	for _, m := range d.datesIn(l.start, l.end) {
		if m.Date.Full() {
			full++
		}
	}
	return hasCount(d, l) && hasOrgOrName(d, l) || full >= 2 && hasOrg(d, l)
}

// hasOrgOrName: the line names an organization, or begins with a name
// written in katakana or Latin letters (ワイモバイルの…, JTBの…).
func hasOrgOrName(d *doc, l line) bool {
	if hasOrg(d, l) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(l.text)
	return isKatakana(r) || isLatin(r)
}

// plainHeadline: line i is a headline of its own in plain text: after a
// blank, before running text, telling who lost what (no section heading,
// no advice).
func plainHeadline(d *doc, i int) bool {
	l := d.lines[i]
	if l.kind != lineText || l.heading || l.list || !titleish(l) || i == 0 || d.lines[i-1].kind != lineBlank ||
		!incidentWords.In(l.text) || sectionNounRE.MatchString(l.text) || adviceHeadRE.MatchString(l.text) || noticeEndRE.MatchString(l.text) {
		return false
	}
	if i+1 >= len(d.lines) || !strings.Contains(d.lines[i+1].text, "。") {
		return false
	}
	return strings.Contains(l.text, "、") || headlineEndRE.MatchString(l.text)
}

// headlineEndRE: a headline ends on what happened.
var headlineEndRE = regexp.MustCompile(`(?:流出|紛失|送信|送付|漏えい|漏洩|盗難|判明|発覚|被害|感染|掲載|廃棄|不明|なくす|盗まれる|誤交付|誤配布|ダウンロード可能な状態に)(?:か|も|の疑い|の可能性)?$`)

// anotherEventRE: a paragraph of an article that goes on to another
// incident: a connective, then soon a day or who.
var anotherEventRE = regexp.MustCompile(`^\s*(?:また|このほか|その他|さらに|その後|続いて|一方|同じく|ほかにも)[、,]?`)

// anotherEvent: line i starts a paragraph that tells of another event
// ("また4月7日には、…なくした", "このほか、…を誤って送付する事故も起きた"):
// a connective, a date or an organization in its first words, and an
// event of a leak in the paragraph.
func anotherEvent(d *doc, i int) bool {
	l := d.lines[i]
	if l.kind != lineText || !strings.Contains(l.text, "。") || i == 0 || d.lines[i-1].kind != lineBlank {
		return false
	}
	m := anotherEventRE.FindStringIndex(l.text)
	if m == nil {
		return false
	}
	a := l.start + strings.Index(d.s[l.start:l.end], l.text)
	head := a + len(truncRunes(l.text, 40))
	// "このほか" goes on to another matter by its meaning; "また" only with
	// a day or a name of its own
	other := strings.HasPrefix(l.text[m[0]:], "このほか") || strings.HasPrefix(l.text[m[0]:], "ほかにも")
	named := other || strings.Contains(d.s[a:head], "同日") || strings.Contains(d.s[a:head], "同月")
	for _, dm := range d.dates {
		if dm.Start >= a && dm.Start < head {
			named = true
			break
		}
	}
	for _, o := range d.orgs {
		if o.start >= a && o.start < head && o.kind != orgPolice && o.kind != orgRegulator {
			named = true
			break
		}
	}
	return named && incidentText(d, l.start, l.end)
}

func truncRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// rowCells is the number of cells of line i when it is a row of a table
// of incidents — cells split by | or blanks, one of them a date, one an
// organization or place — else 0.
func rowCells(d *doc, i int) int {
	l := d.lines[i]
	if l.kind == lineBlank || l.runes > 150 || strings.Contains(l.text, "。") {
		return 0
	}
	var cells []string
	if strings.Count(l.text, "|") >= 2 {
		cells = strings.Split(strings.Trim(l.text, "| "), "|")
	} else {
		cells = strings.Fields(l.text)
	}
	if len(cells) < 3 {
		return 0
	}
	date := false
	for _, m := range d.datesIn(l.start, l.end) {
		if m.End <= l.end && m.Date.Full() {
			date = true
			break
		}
	}
	if !date || !hasOrg(d, l) {
		return 0
	}
	return min(len(cells), 9)
}

// hasCount: the line counts people or records.
func hasCount(d *doc, l line) bool {
	i := sort.Search(len(d.counts), func(i int) bool { return d.counts[i].Start >= l.start })
	return i < len(d.counts) && d.counts[i].End <= l.end
}
