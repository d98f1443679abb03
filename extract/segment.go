package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Segmentation cuts a page into its entries. A page of several entries
// (a digest, a news list, an archive, a blog's category page) repeats one
// shape at the start of each: a rule line before it, a date line before
// its title, a marker (■, 【…】) on its title, or an HTML heading. The
// shape that starts the most entries, each with a body of sentences of
// its own, decides the cut; a page without one is a single notice, however
// many sections it has. Entries that repeat one notice (its 第1報 kept
// under its 第2報) are one. A long run without incident words after an
// entry is another post (digests mix them in).

type segment struct {
	start, end  int // byte offsets in the normalized text
	title       int // line index of the entry's title, -1: find it in the text
	date        int // line index of the entry's date line, -1: none
	multi       bool
	notIncident bool // an unrelated post
}

type entryStart struct {
	line     int // the entry's first line
	title    int // its title line
	date     int // its date line, or -1
	key      string
	incident bool // its title tells of an incident (decorated and heading keys)
	related  bool // it stands under a heading of related articles
	cited    bool // a headline with its source and date (…(NHK NEWS WEB 2025年6月11日))
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

var (
	incidentWords = newPhrase(`誤交付|誤配布|誤掲示|誤発送|誤投函|に対する指導|指導を行|業務改善命令|個人情報|個人データ|顧客情報|会員情報|情報漏|漏えい|漏洩|流出|不正アクセス|サイバー攻撃|ランサムウェア|誤送信|誤送付|誤発送|誤配|紛失|盗難|不正ログイン|ウイルス|マルウェア|感染|改ざん|行政上の対応|不正利用|誤掲載|誤表示|流失|漏れ|閲覧可能|閲覧でき|乗っ取|なりすまし|遠隔操作|詐欺|持ち出|公開状態|読み取れる|勧告|行政指導|措置|紛失|散乱|誤って|Emotet|エモテット|スパム|迷惑メール|セキュリティインシデント|セキュリティ事故|誤廃棄|置き忘れ|盗まれ|車上荒らし|誤って廃棄|所在不明`)
	noticeEndRE   = regexp.MustCompile(`(お詫び|おわび|お知らせ|ご報告|ご案内|ご説明|ご連絡|について|の件|行政上の対応|指導等?|勧告|命令|発生|判明|公表|報告|FAQ|Q&A|\(指導\))[)\]」』]?\s*(\((お詫び|おわび|お知らせ|ご報告|第.報|続報|最終報|更新|訂正)\)|第.報|続報|最終報)?[\s!?]*$`)
	// a marker, maybe numbered (1.■, 16■), or a numbered entry (No.2)
	markerRE      = regexp.MustCompile(`^(?:(?:No\.?|事案|事例|ケース)\s*\d{1,3}\s+|\d{1,3}\s*[.)]?\s*[■◆●▼◇□▶►◎]|[■◆●▼◇□▶►◎])\s*`)
	digitsRE      = regexp.MustCompile(`\d+`)
	tagRE         = regexp.MustCompile(`^【[^】]{1,10}】\s*`)
	serialTagRE   = regexp.MustCompile(`^【[^】]*(?:#|\d{2,})[^】]*】\s*`)
	trailDateRE   = regexp.MustCompile(`(?:\s+\(?|\((?:[^()]{1,30}?\s)?)(\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}|\d{4}年\s*\d{1,2}月\s*\d{1,2}日|(?:令和|平成)(?:元|\d{1,2})年\s*\d{1,2}月\s*\d{1,2}日|\d{1,2}月\s*\d{1,2}日)\)?\s*$`)
	leadDateRE    = regexp.MustCompile(`^(?:■|◆|●|\[)?\s*(\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|(?:令和|平成)(?:元|\d{1,2})年\d{1,2}月\d{1,2}日)\s*\]?[\s:|]+`)
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

func joinLines(lines []line, a, b int) string {
	var sb strings.Builder
	for i := a; i < b && i < len(lines); i++ {
		sb.WriteString(lines[i].text)
		sb.WriteByte('\n')
	}
	return sb.String()
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

// segmentText cuts a page by the rules alone: the shape that starts the
// most incident entries.
func segmentText(d *doc, cands []entryStart) []segment {
	lines := d.lines
	best := pickEntries(lines, cands)
	var segs []segment
	if len(best) < 2 {
		segs = []segment{{start: 0, end: len(d.s), title: -1, date: -1}}
	} else {
		best = mergeRepeats(d, best)
		for k, e := range best {
			start := lines[e.line].start
			if k == 0 {
				start = 0
				// a long run of something else before the first entry is
				// its own (unrelated) segment
				if r, n := substantive(lines, 0, e.line); n >= 3 && r >= 300 && !incidentWords.In(d.s[:lines[e.line].start]) {
					segs = append(segs, segment{start: 0, end: lines[e.line].start, title: -1, date: -1, multi: true, notIncident: true})
					start = lines[e.line].start
				}
			}
			end := len(d.s)
			if k+1 < len(best) {
				end = lines[best[k+1].line].start
			}
			segs = append(segs, segment{start: start, end: end, title: e.title, date: e.date, multi: len(best) > 1})
		}
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
			if r, n := substantive(lines, e.title+1, end); n >= 1 && r >= 20 || (listPage || e.cited) && lines[e.title].runes >= 15 {
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
