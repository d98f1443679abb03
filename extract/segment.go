package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Segmentation cuts a page into its entries. A page of several entries
// (a digest, a news list, an archive, a blog's category page, a table of
// incidents) repeats one shape at the start of each (entries.go finds
// them). The shape that starts the most incident entries, each with a
// body of its own or on a page that is a list of them, decides the cut; a
// page without one is a single notice, however many sections it has.
// Entries that repeat one notice (its 第1報 kept under its 第2報) are one.
// A long run without incident words after an entry is another post
// (digests mix them in).

type segment struct {
	start, end  int // byte offsets in the normalized text
	title       int // line index of the entry's title, -1: find it in the text
	date        int // line index of the entry's date line, -1: none
	multi       bool
	notIncident bool       // an unrelated post
	grouped     bool       // the entry stands under a heading of its group ((2)盗難),
	group       int        // whose line index this is
	office      orgMention // a retold list's entry about the office named before (また同区役所では): that office
}

var (
	incidentWords = newPhrase(`誤交付|誤配布|誤掲示|誤発送|誤投函|に対する指導|指導を行|業務改善命令|個人情報|個人データ|顧客情報|会員情報|情報漏|漏えい|漏洩|流出|不正アクセス|サイバー攻撃|ランサムウェア|誤送信|誤送付|誤発送|誤配|紛失|盗難|不正ログイン|ウイルス|マルウェア|感染|改ざん|行政上の対応|不正利用|誤掲載|誤表示|流失|漏れ|閲覧可能|閲覧でき|乗っ取|なりすまし|遠隔操作|詐欺|持ち出|公開状態|読み取れる|勧告|行政指導|措置|紛失|散乱|誤って|Emotet|エモテット|スパム|迷惑メール|セキュリティインシデント|セキュリティ事故|誤廃棄|置き忘れ|盗まれ|車上荒らし|誤って廃棄|所在不明`)
	noticeEndRE   = regexp.MustCompile(`(お詫び|おわび|お知らせ|ご報告|ご案内|ご説明|ご連絡|について|の件|行政上の対応|指導等?|勧告|命令|発生|判明|公表|報告|FAQ|Q&A|\(指導\))[)\]」』]?\s*(\((お詫び|おわび|お知らせ|ご報告|第.報|続報|最終報|更新|訂正)\)|第.報|続報|最終報)?[\s!?]*$`)
	// a marker, maybe numbered (1.■, 16■), or a numbered entry (No.2)
	markerRE      = regexp.MustCompile(`^(?:(?:No\.?|事案|事例|ケース)\s*\d{1,3}\s+|\d{1,3}\s*[.)]?\s*[■◆●▼◇□▶►◎]|[■◆●▼◇□▶►◎])\s*`)
	digitsRE      = regexp.MustCompile(`\d+`)
	tagRE         = regexp.MustCompile(`^【[^】]{1,10}】\s*`)
	serialTagRE   = regexp.MustCompile(`^【[^】]*(?:#|\d{2,})[^】]*】\s*`)
	trailDateRE   = regexp.MustCompile(`(?:\s+\(?|\((?:[^()]{1,30}?\s)?)(\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}|\d{4}年\s*\d{1,2}月\s*\d{1,2}日|(?:令和|平成)(?:元|\d{1,2})年\s*\d{1,2}月\s*\d{1,2}日|\d{1,2}月\s*\d{1,2}日)\)?\s*$`)
	leadDateRE    = regexp.MustCompile(`^(?:■|◆|●|\[|【)?\s*(\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|(?:令和|平成)(?:元|\d{1,2})年\d{1,2}月\d{1,2}日)\s*(?:[\]】]\s*|[\s:|]+)`)
	sectionNounRE = regexp.MustCompile(`(?:情報|データ|件数|人数|期間|内容|経緯|経過|概要|原因|状況|対応|対策|お願い|項目|影響|範囲|詳細|現状|方法|一覧|窓口|先)\s*$`)
	categoryWords = regexp.MustCompile(`^(?:お知らせ|重要なお知らせ|重要|ニュース|NEWS|News|プレスリリース|報道発表資料|報道資料|新着情報|トピックス|ニュースリリース|Press Release|記者発表|発表)$`)
)

// titleish: a line shaped like a heading: short, not a sentence.
func titleish(l line) bool {
	if l.kind != lineText || l.runes < 4 || l.runes > 150 {
		return false
	}
	return !strings.HasSuffix(l.text, "。") && !categoryWords.MatchString(l.text)
}

// substantive counts the runes of sentence text in lines [a, b): lines
// that hold a sentence, not chrome, rules or headings.
func substantive(lines []line, a, b int) (runes, sents int) {
	return sentenceLines(lines, a, b, true)
}

// prose is substantive without list items: the sentences of an article,
// not a site's guide or menu pages.
func prose(lines []line, a, b int) (runes, sents int) {
	return sentenceLines(lines, a, b, false)
}

func sentenceLines(lines []line, a, b int, lists bool) (runes, sents int) {
	for i := a; i < b && i < len(lines); i++ {
		l := lines[i]
		if l.kind != lineText || !lists && l.list {
			continue
		}
		if strings.Contains(l.text, "。") || l.runes >= 40 {
			runes += l.runes
			sents++
		}
	}
	return runes, sents
}

func joinLines(lines []line, a, b int) string {
	var sb strings.Builder
	for i := a; i < b && i < len(lines); i++ {
		sb.WriteString(lines[i].text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// segmentText cuts a page by the rules alone: the shape that starts the
// most incident entries.
func segmentText(d *doc, cands []entryStart) []segment {
	lines := d.lines
	best := pickEntries(lines, cands)
	var segs []segment
	if len(best) < 2 {
		segs = sentenceCuts(d)
		if segs == nil {
			segs = []segment{{start: 0, end: len(d.s), title: -1, date: -1}}
		}
	} else {
		best = mergeRepeats(d, best)
		// a heading over a group of rows starts the first and heads them all
		groups := make([]int, len(best))
		group := -1
		for k := range best {
			if at := underHeading(lines, best, k); at != best[k].line {
				best[k].line, group = at, at
			}
			groups[k] = group
		}
		var footer []segment
		for k, e := range best {
			start := lines[e.line].start
			if k == 0 {
				start = 0
				// the page's frame before the first entry, or a long run of
				// something else, is a segment of its own
				if r, n := substantive(lines, 0, e.line); frameHeader(d, e) || n >= 3 && r >= 300 && !incidentWords.In(d.s[:lines[e.line].start]) {
					segs = append(segs, segment{start: 0, end: lines[e.line].start, title: -1, date: -1, multi: true, notIncident: true})
					start = lines[e.line].start
				}
			}
			end := len(d.s)
			if k+1 < len(best) {
				end = lines[best[k+1].line].start
			} else if f := nextSection(lines, best[0].line, e.title); f > 0 {
				// the entries stand in one numbered section of an article
				// (2. 公表された主な行政指導): the next one ends the last
				end = lines[f].start
				footer = []segment{{start: end, end: len(d.s), title: f, date: -1, multi: true, notIncident: true}}
			} else if e.row && onlyNav(lines, rowEnd(lines, e.title), len(lines)) {
				// the last row keeps the links and footer under it
			} else if e.row {
				// the last row of a table is its line: the page goes on
				// with something else (an explainer, the site's footer)
				f := rowEnd(lines, e.title)
				end = lines[f].start
				footer = []segment{{start: end, end: len(d.s), title: f, date: -1, multi: true, notIncident: true}}
			} else if f := footerStart(d, e.title); f > 0 {
				end = lines[f].start
				footer = []segment{{start: end, end: len(d.s), title: f, date: -1, multi: true, notIncident: true}}
			}
			segs = append(segs, segment{start: start, end: end, title: e.title, date: e.date, multi: len(best) > 1, grouped: groups[k] >= 0, group: groups[k]})
		}
		segs = append(segs, footer...)
	}
	return cutTrailingPosts(d, segs)
}

// pickEntries returns the entries of the shape that starts the most
// entries with bodies of their own (at least two), or nil.
func pickEntries(lines []line, cands []entryStart) []entryStart {
	byKey := map[string][]entryStart{}
	var keys []string
	for _, c := range cands {
		if _, ok := byKey[c.key]; !ok {
			keys = append(keys, c.key)
		}
		byKey[c.key] = append(byKey[c.key], c)
	}
	rank := func(k string) int {
		switch {
		case k == "sep":
			return 0
		case k == "date":
			return 1
		case strings.HasPrefix(k, "decor"):
			return 2
		}
		return 3
	}
	sort.SliceStable(keys, func(i, j int) bool { return rank(keys[i]) < rank(keys[j]) })
	var best []entryStart
	bestIncidents := 0
	for _, k := range keys {
		es := byKey[k]
		// a list of headlines (one line each that tells who lost what) is
		// a page's entries only on a page that is little else: in a
		// notice, date-led lines are its timeline, and a list under it
		// is a sidebar of other news
		titles := map[int]bool{}
		for _, e := range es {
			titles[e.title] = true
		}
		_, others := 0, 0
		for i, l := range lines {
			if !titles[i] && l.kind == lineText && !l.list && (strings.Contains(l.text, "。") && l.runes >= 25 || l.runes >= 70) {
				others++
			}
		}
		// (a table's rows are a list whatever the page around them)
		listPage := others < 4 && k != "h" || strings.HasPrefix(k, "row")
		var rows []bool
		if k != "para" {
			rows = tableRows(lines, es)
		}
		var valid []entryStart
		incidents := 0
		for i, e := range es {
			end := len(lines)
			if i+1 < len(es) {
				end = es[i+1].line
			}
			if e.related {
				continue // a sidebar's headline is another page's
			}
			if r, n := substantive(lines, e.title+1, end); n >= 1 && r >= 20 || (listPage || e.cited || rows != nil && rows[i]) && lines[e.title].runes >= 15 {
				e.row = rows != nil && rows[i]
				valid = append(valid, e)
				if e.incident {
					incidents++
				}
			}
		}
		// an article that goes on to other incidents: its start is the first
		if k == "para" && len(valid) > 0 && incidentWords.In(joinLines(lines, 0, valid[0].line)) {
			first := 0
			for first < valid[0].line && lines[first].kind == lineBlank {
				first++
			}
			valid = append([]entryStart{{line: first, title: first, date: -1, key: k, incident: true}}, valid...)
			incidents++
		}
		// the shape must start at least two incident entries (three for
		// shapes a notice's own lines may take); its other entries are
		// other posts
		least := 2
		if k == "headline" || k == "incline" {
			least = 3
		}
		if incidents >= least && incidents > bestIncidents {
			best, bestIncidents = valid, incidents
		}
	}
	return best
}

// tableRows marks the entries that stand in a run of minRows or more on
// consecutive lines: a table of incidents flattened to lines (name,
// what happened, how many), its rows one entry each, whatever prose
// the page holds around it.
func tableRows(lines []line, es []entryStart) []bool {
	out := make([]bool, len(es))
	for a := 0; a < len(es); {
		b := a + 1
		for b < len(es) && adjacent(lines, es[b-1].line, es[b].line) {
			b++
		}
		if b-a >= minRows {
			for i := a; i < b; i++ {
				out[i] = true
			}
		}
		a = b
	}
	return out
}

// rowEnd is the first line after row line i and the blanks (or a bare
// cell bar) after it.
func rowEnd(lines []line, i int) int {
	j := i + 1
	for j < len(lines) && (lines[j].kind == lineBlank || bareCells(lines[j])) {
		j++
	}
	return j
}

// sectionNoRE: a numbered section heading of an article (2. 公表された
// 主な行政指導).
var sectionNoRE = regexp.MustCompile(`^(\d{1,2})\s*[.．]\s*\S`)

// nextSection returns the line after line last where the section after
// the one that holds line first begins (its number one more), or -1.
func nextSection(lines []line, first, last int) int {
	n := -1
	for i := first - 1; i >= 0; i-- {
		if m := sectionNoRE.FindStringSubmatch(lines[i].text); m != nil && lines[i].runes <= 40 && !strings.Contains(lines[i].text, "。") {
			n, _ = strconv.Atoi(m[1])
			break
		}
	}
	if n < 0 {
		return -1
	}
	for i := last + 1; i < len(lines); i++ {
		m := sectionNoRE.FindStringSubmatch(lines[i].text)
		if m != nil && lines[i].runes <= 40 && !strings.Contains(lines[i].text, "。") {
			if k, _ := strconv.Atoi(m[1]); k == n+1 {
				return i
			}
		}
	}
	return -1
}

// onlyNav: lines [a, b) are only the site's links and footer (書類編へ ＞,
// ＜ 2016年12月 | 2017年2月 ＞, Copyright): nothing of a section of its
// own, so the last row keeps them.
func onlyNav(lines []line, a, b int) bool {
	for i := a; i < b; i++ {
		l := lines[i]
		if l.kind != lineBlank && l.kind != lineChrome && !(navLineRE.MatchString(l.text) && l.runes <= maxNavRunes) {
			return false
		}
	}
	return true
}

// maxNavRunes is the longest a link to another page is (a note that the
// list goes on next page is a section of its own).
const maxNavRunes = 25

// minRows: fewer lines of incidents in a row are a notice's own lines.
const minRows = 3

// adjacent: line j follows line i with nothing but blanks, or a heading
// that sorts the rows ((2)盗難), between.
func adjacent(lines []line, i, j int) bool {
	for k := i + 1; k < j; k++ {
		if lines[k].kind != lineBlank && !bareCells(lines[k]) && (k != j-1 || !sortHeading(lines[k])) {
			return false
		}
	}
	return j > i
}

// bareCells: a line of a table row that holds only cell bars (the empty
// last cell of a row, wrapped to a line of its own).
func bareCells(l line) bool {
	return l.kind != lineBlank && strings.Trim(l.text, "|｜ ") == ""
}

// underHeading returns the first line of entry k, moved up to a short
// heading right above it that sorts the entries (盗難, (2)誤送信) when the
// entries are lines of a list or table: the heading is the entry's kind,
// not the end of the entry before.
func underHeading(lines []line, es []entryStart, k int) int {
	e := es[k]
	i := e.line - 1
	if i < 1 || e.line != e.title {
		return e.line
	}
	if !sortHeading(lines[i]) {
		return e.line
	}
	above := i - 1
	if lines[above].kind == lineBlank || k > 0 && above == es[k-1].title {
		return i
	}
	return e.line
}

// sortHeading: a short line of words that may head a group of entries
// (not a table row's wrapped last cell, "|").
func sortHeading(h line) bool {
	return h.kind == lineText && h.runes <= 20 && !strings.ContainsAny(h.text, "。、|") && h.date < 0 &&
		strings.IndexFunc(h.text, unicode.IsLetter) >= 0
}

var reportNoRE = regexp.MustCompile(`\(?(?:第\s*[0-9一二三四五六七八九十]+\s*報|続報|最終報|更新|訂正|追記)\)?|【[^】]*】|^[■◆●▼◇□▶►]\s*`)

// mergeRepeats joins consecutive entries that are one notice: the same
// title but for 第N報 and tags (a follow-up that keeps its first report).
func mergeRepeats(d *doc, es []entryStart) []entryStart {
	var out []entryStart
	for _, e := range es {
		if n := len(out); n > 0 {
			a := reportNoRE.ReplaceAllString(d.lines[out[n-1].title].text, "")
			b := reportNoRE.ReplaceAllString(d.lines[e.title].text, "")
			a, b = strings.ReplaceAll(a, " ", ""), strings.ReplaceAll(b, " ", "")
			if a != "" && a == b {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// englishIncidentRE: the English of a bilingual notice.
var englishIncidentRE = regexp.MustCompile(`(?i)unauthori[sz]ed access|personal (?:information|data)|data breach|leak(?:ed|age)?\b|ransomware|cyber ?attack|malware|misdirected|lost\b|theft`)

// hasLatinWord: s holds a run of four Latin letters (English to read).
func hasLatinWord(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			if n++; n >= 4 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// incidentText: s[a:b] tells of an incident: incident words (Japanese or
// English), a cause, a leak told as an event.
func incidentText(d *doc, a, b int) bool {
	t := d.s[a:max(a, b)]
	if incidentWords.In(t) || leakEventRE.In(t) || hasLatinWord(t) && englishIncidentRE.MatchString(t) {
		return true
	}
	i := sort.Search(len(d.hits), func(i int) bool { return d.hits[i].start >= a })
	for ; i < len(d.hits) && d.hits[i].start < b; i++ {
		if cues.pats[d.hits[i].pat].table == tabCauses {
			return true
		}
	}
	return false
}

// cutTrailingPosts cuts an unrelated post off the end of a segment: from a
// title-like line after a blank, the rest is a post of sentences (at
// least three) with no incident words, while the part before has some.
func cutTrailingPosts(d *doc, segs []segment) []segment {
	var out []segment
	for _, sg := range segs {
		if sg.notIncident {
			out = append(out, sg)
			continue
		}
		first := d.lineAt(sg.start)
		if sg.title >= 0 {
			first = sg.title
		}
		last := first
		for last+1 < len(d.lines) && d.lines[last+1].start < sg.end {
			last++
		}
		// read once, line by line: the running text from each line to the
		// segment's end, and the last line that tells of an incident (read
		// from the end back, so only the foot of the segment is read)
		n := last - first + 2
		proseRunes, proseSents := make([]int, n+1), make([]int, n+1)
		for i := last; i > first; i-- {
			k := i - first
			r, s := prose(d.lines, i, i+1)
			proseRunes[k], proseSents[k] = proseRunes[k+1]+r, proseSents[k+1]+s
		}
		lastInc := -1
		for i := last; i > first && lastInc < 0; i-- {
			if l := d.lines[i]; l.kind != lineBlank && incidentText(d, l.start, l.end) {
				lastInc = i
			}
		}
		if lastInc < 0 {
			out = append(out, sg) // (no post follows a notice that tells of nothing)
			continue
		}
		cut := -1
		prevBlank, bodyProse, bodyInc := false, false, false
		for i := first + 1; i < len(d.lines) && d.lines[i].start < sg.end; i++ {
			l := d.lines[i]
			if l.kind == lineBlank {
				prevBlank = true
				continue
			}
			k := i - first
			// the notice before a post tells of an incident in its body,
			// not only in its title, and nothing after its start does
			if prevBlank && titleish(l) && !l.list && proseSents[k+1] >= 3 && proseRunes[k+1] >= 250 &&
				lastInc < i && bodyProse && bodyInc {
				cut = i
				break
			}
			if _, s := prose(d.lines, i, i+1); s > 0 {
				bodyProse = true
			}
			bodyInc = bodyInc || i <= lastInc && incidentText(d, l.start, l.end)
			prevBlank = false
		}
		if cut < 0 {
			out = append(out, sg)
			continue
		}
		at := d.lines[cut].start
		out = append(out, segment{start: sg.start, end: at, title: sg.title, date: sg.date, multi: sg.multi},
			segment{start: at, end: sg.end, title: cut, date: -1, multi: true, notIncident: true})
	}
	return out
}
