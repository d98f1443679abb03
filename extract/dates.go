package extract

import (
	"regexp"
	"sort"
	"strings"

	"casebook"
	"casebook/jtext"
)

// The eight dates. A notice's own date (its date line, a labelled 掲載日,
// the date a digest gives its entry) is the context year-less dates are
// read against, and for a notice in the first person its announcement
// date. Every other date takes its role from the words that belong to it
// (its clause up to the next date): 発生/送付/紛失 make an occurrence,
// 判明/発覚/気付/連絡を受け a discovery, 個人情報保護委員会…報告 a report, a
// regulator's 指導を行った its action. A discovery told right after a
// dated event (約20分後に気づいて) happened on that day; a report under a
// dated heading of a timeline, on the heading's day.

type dateAt struct {
	d          jtext.Date
	start, end int // byte offsets in the normalized text
	to         *dateAt
	inRange    bool // the end of a range, not read on its own
	sent       int
	sameDayTo  bool // a time range on the same day (16時頃から22時頃まで)
	lead       bool // a news lead's day (同社は22日、)
}

var (
	discoverRE    = newPhrase(discoverPat)
	notDiscoverRE = newPhrase(`調査(?:が|は)?(?:完了|終わ)|調査結果|報告済み|ご報告(?:いたしました|しました)とおり|最終報告|受領|調査報告|中間報告|確認できた。|確認できる|最後に|報告が届`)
	deniedAfterRE = regexp.MustCompile(`^[^、。]{0,8}(?:ていない|ておりません|ていません|ません|ず[、。]|なかった|ておらず|に至っていない|に至っておりません)|^[^、。]{0,4}(?:時点|後[、に])`)
	fromOnlyRE    = regexp.MustCompile(`^\s*(?:\(.\))?\s*(?:の)?\s*(?:午前|午後|夕方|夜|朝|未明|深夜|正午)?\s*(?:\d{1,2}\s*(?:時|:)\s*\d{0,2}\s*分?\s*(?:頃|ごろ|過ぎ)?)?\s*(?:から|以降)`)
	actionRE      = newPhrase(actionPat)
	exposureStart = newPhrase(`公開し|掲載し|アップロードし|登録し|設定し|入力できる|公開状態`)
	beganRE       = newPhrase(`始まった|始まり|開始され`)
	soonAfterRE   = regexp.MustCompile(`^\s*[^、。]{0,12}(?:直後|まもなく|間もなく|すぐに|ほどなく|程なく|\d+分後|数分後|その後すぐ)`)
	laterRE       = regexp.MustCompile(`^\s*(?:その後|後日|数日後|のちに|後に)`)
	strongDiscRE  = newPhrase(`気付|気づ|判明|発覚|発見|把握|覚知|分かり|わかり`)
	announceRE    = newPhrase(announcePat)
	announceNotRE = newPhrase(announceNotPat)
	periodRE      = newPhrase(periodPat)
	rangeCtxRE    = newPhrase(rangeCtxPat)
	periodLabelRE = regexp.MustCompile(`(期間|期日|日時|時期)[::]?\s*$|^■?\s*.{0,20}(期間|日時)\s*$`)
	occurredLabel = regexp.MustCompile(`発生(時期|日時|日)[::\s]*$`)
	eventRE       = newPhrase(eventPat)
	eventNotRE    = newPhrase(`(?:お知らせ|ご報告|公表|発表)(?:いた)?しました(?:とおり|通り)|お詫び(?:の|と)?(?:メール|文書|書面|連絡|電話)|お詫び[^。]{0,12}(?:文書|書面|はがき)を|通知(?:文書|書)?を(?:郵送|送付)|件につき|件に関し|事案につき|件について|事案について|を受け、|の報告を受け`)
	exposureRE    = newPhrase(exposurePat)
	fixRE         = newPhrase(fixPat)
	sameDayRE     = regexp.MustCompile(`(発生|当該)?当日(中)?に(検知|発覚|判明|把握|確認)`)
	ppcWordRE     = newPhrase(ppcWordPat)
	policeWordRE  = newPhrase(policeWordPat)
	reportVerbRE  = newPhrase(reportVerbPat)
	reportNotRE   = newPhrase(reportNotPat)
	finalRE       = newPhrase(finalPat)
	regActDateRE  = newPhrase(regActDatePat)
	untilRE       = regexp.MustCompile(`^\s*(\(.\))?\s*(まで|までに)`)
	timeRangeRE   = regexp.MustCompile(`^\s*(?:の)?\s*(?:(?:午前|午後|夕方|夜|朝|未明|深夜|正午)?\s*\d{0,2}\s*(?:時|:)?\s*\d{0,2}\s*分?\s*(?:頃|ごろ)?)\s*(?:~|から)\s*(?:(?:午前|午後|夕方|夜|朝|未明|深夜)?\s*\d{1,2}\s*(?:時|:)\s*\d{0,2}\s*分?\s*(?:頃|ごろ)?)\s*(?:まで|の間|の約)`)
	subSentRE     = newPhrase(`(?:たが|だが|ものの)、`)
	clockRE       = regexp.MustCompile(`頃|ごろ|\d時`)
)

func (v *view) readDates() *casebook.Dates {
	v.findOwnDate()
	ds := v.resolveDates()
	v.resolved = ds // (read by discoveryMain)
	out := &casebook.Dates{}
	set := func(field string, x dateAt) {
		p := out.Field(field)
		if *p == nil && x.d.Full() {
			s := x.d.String()
			*p = &s
			v.evidence("dates."+field, x.start, x.end)
		}
	}
	v.announced(ds, set)
	v.occurred(ds, out, set)
	v.discovered(ds, out, set)
	v.reports(ds, set)
	if v.regulator {
		for _, x := range ds {
			if x.inRange || !x.d.Full() || x.start < v.body {
				continue
			}
			if _, txt := v.dateClause(ds, x); regActDateRE.In(txt) || regActDateRE.In(v.d.sentText(x.sent)) && !strings.Contains(v.d.sentText(x.sent), "までに") {
				set("regulator_action", x)
				break
			}
		}
		if out.RegulatorAction == nil && v.ownDate.Full() && (!v.third || v.titleDate) {
			s := v.ownDate.String()
			out.RegulatorAction = &s
		}
	}
	return out
}

// findOwnDate finds the segment's own date: the date a page of entries
// gives the entry, a date decorating its title, a labelled date line, a
// date line alone near the top or in the closing block.
func (v *view) findOwnDate() {
	d := v.d
	dateOf := func(li int) (jtext.Date, bool) {
		l := d.lines[li]
		if l.date < 0 {
			return jtext.Date{}, false
		}
		m := d.dates[l.date]
		return m.Date, m.Date.Month > 0
	}
	if v.sg.date >= 0 {
		if dt, ok := dateOf(v.sg.date); ok {
			v.ownDate, v.ownIsEntry = dt, true
			return
		}
	}
	if v.title >= 0 {
		l := d.lines[v.title]
		for _, m := range v.dates {
			if m.Start >= l.start && m.End <= l.end && m.Kind == jtext.Absolute && m.Date.Full() &&
				(trailDateRE.MatchString(d.s[l.start:l.end]) || leadDateRE.MatchString(d.s[l.start:l.end])) {
				v.ownDate, v.ownIsEntry = m.Date, false
				v.titleDate = true
				v.timeline = !trailDateRE.MatchString(d.s[l.start:l.end])
				return
			}
		}
	}
	headEnd := v.bodyLine() + 3
	best, bestRank := jtext.Date{}, 99
	for i := v.lineA; i < v.lineB; i++ {
		l := d.lines[i]
		if l.kind != lineDate {
			continue
		}
		dt, ok := dateOf(i)
		if !ok {
			continue
		}
		rank := 99
		switch {
		case strings.Contains(l.dateLabel, "更新"):
			rank = 5
		case l.dateLabel != "":
			rank = 1
		case i <= headEnd:
			rank = 2
		case v.closingLine(i):
			rank = 3
		}
		if !dt.Full() {
			rank += 10 // 令和3年12月吉日: a context, not a day
		}
		if rank < bestRank {
			best, bestRank = dt, rank
		}
	}
	if bestRank < 99 {
		v.ownDate = best
		return
	}
	// an entry of a page without a date of its own: the page's date is
	// the context its year-less dates are read against
	v.ownDate, v.ownFromPage = d.pageDate, true
}

// closingLine: a date line in the closing block (the date and the name
// under a notice), with little running text after it.
func (v *view) closingLine(i int) bool {
	n := 0
	for k := i + 1; k < v.lineB; k++ {
		l := v.d.lines[k]
		if l.kind == lineText && (strings.Contains(l.text, "。") || l.runes > 60) {
			n++
		}
	}
	return n <= 1
}

// resolveDates resolves the segment's dates in order, with the own date as
// the context, and pairs ranges.
func (v *view) resolveDates() []dateAt {
	d := v.d
	r := jtext.Resolver{Default: v.ownDate}
	standIn := false
	if r.Default.IsZero() {
		standIn = true
		// no date of its own: the latest full date it gives stands in (a
		// notice is written after what it tells of, so a year-less date
		// before the first full one — a digest entry's 11月10日 — is read
		// near the end of the story, not its start)
		for _, m := range v.dates {
			if m.Kind == jtext.Absolute && m.Date.Full() && (r.Default.IsZero() || r.Default.Before(m.Date)) {
				r.Default = m.Date
			}
		}
	}
	var out []dateAt
	for _, m := range v.dates {
		if m.Doc && standIn {
			continue // 去年, 本日: the document's date is unknown
		}
		dt, ok := r.Resolve(m)
		if !ok {
			continue
		}
		x := dateAt{d: dt, start: m.Start, end: m.End, sent: d.sentAt(m.Start), lead: m.Kind == jtext.LeadDay}
		x.lead = x.lead || x.sent >= 0 && leadPosition(d.s[d.sents[x.sent].start:x.start], d.s[x.end:])
		out = append(out, x)
	}
	for i := range out {
		if out[i].inRange {
			continue
		}
		if i+1 < len(out) && out[i+1].start >= out[i].end && jtext.IsRangeSep(d.s[out[i].end:out[i+1].start]) {
			out[i].to = &out[i+1]
			out[i+1].inRange = true
			continue
		}
		if day, end := jtext.DayAfterRange(d.s, out[i].end); day > 0 && out[i].d.Full() {
			to := jtext.Date{Year: out[i].d.Year, Month: out[i].d.Month, Day: day}
			if day < out[i].d.Day {
				to = out[i].d.AddDays(28 - out[i].d.Day + day) // the next month
				to = jtext.Date{Year: to.Year, Month: to.Month, Day: day}
			}
			if to.Valid() {
				out[i].to = &dateAt{d: to, start: out[i].end, end: end, inRange: true, sent: out[i].sent}
			}
			continue
		}
		if timeRangeRE.MatchString(ahead(d.s, out[i].end, 120)) {
			out[i].sameDayTo = true
		}
	}
	return out
}

// predicate is the end of a sentence, where its main verb stands.
func predicate(s string) string {
	r := []rune(strings.TrimSpace(s))
	return string(r[max(0, len(r)-16):])
}

// ahead is up to n bytes of s from i, cut at a rune boundary.
func ahead(s string, i, n int) string {
	if i+n >= len(s) {
		return s[i:]
	}
	for n > 0 && s[i+n]&0xC0 == 0x80 {
		n--
	}
	return s[i : i+n]
}

// dateClause is the part of its sentence that belongs to date x: from x
// to the next date, or for the last date of a sentence, also the words
// before it back to the date before.
func (v *view) dateClause(ds []dateAt, x dateAt) (int, string) {
	d := v.d
	if x.sent < 0 {
		return x.start, ""
	}
	sn := d.sents[x.sent]
	a, b := x.start, sn.end
	idx := sort.Search(len(ds), func(i int) bool { return ds[i].start >= x.start })
	cleft := strings.HasSuffix(strings.TrimRight(d.s[sn.start:x.start], " "), "のは")
	for j := idx + 1; j < len(ds); j++ {
		if ds[j].start >= x.end && ds[j].start < b && !ds[j].inRange && !cleft {
			b = ds[j].start
			return a, d.s[a:b]
		}
	}
	a = sn.start
	for j := idx - 1; j >= 0; j-- {
		if ds[j].end <= x.start && ds[j].end > a && !ds[j].inRange {
			a = ds[j].end
			break
		}
	}
	return a, d.s[a:b]
}

// narrow cuts a sentence at adversative joins (…したが、…): each part has
// its own subject and verb.
func (v *view) narrow(sent [2]int, pos int) [2]int {
	txt := v.d.s[sent[0]:sent[1]]
	start, end := sent[0], sent[1]
	for _, m := range subSentRE.FindAll(txt) {
		cut := sent[0] + m[1]
		if cut <= pos {
			start = cut
		} else {
			end = sent[0] + m[0]
			break
		}
	}
	return [2]int{start, end}
}

func (v *view) announced(ds []dateAt, set func(string, dateAt)) {
	d := v.d
	own := func() {
		if v.ownDate.Full() {
			// the evidence is the date line itself
			for _, x := range ds {
				if x.d == v.ownDate {
					set("announced", x)
					return
				}
			}
		}
	}
	if v.regulator {
		// a digest's header dated after it tells the day the action was
		// announced; a timeline's entry dated before it, the day it was
		// taken (regulator_action)
		if v.titleDate && !v.timeline {
			own()
		}
		return
	}
	if v.ownFromPage {
		// the page's date is not the entry's
	} else if v.titleDate || !v.third && !(v.ownIsEntry && !firstPersonRE.In(d.s[v.body:v.zone])) {
		// (a digest dates its entry's title with the notice's day)
		own()
		return
	}
	// an article: the day its sentence says the organization announced
	for _, x := range ds {
		if x.inRange || !x.d.Full() || x.start < v.body || x.start >= v.zone {
			continue
		}
		sent := d.sentText(x.sent)
		// the day of the announcement, not of an event it reports:
		// "2022年2月28日にマルウェアに感染し、…と公表"
		if !v.announcementDay(x) || announceNotRE.In(sent) || regActRE.In(sent) {
			continue
		}
		set("announced", x)
		return
	}
	// a summary that cites the organization's announcement among its
	// sources: "「…を発表」日経クロステック、2024年1月15日"
	prev := v.zone
	for _, x := range ds {
		if x.start < v.zone || !x.d.Full() {
			continue
		}
		cite := d.s[max(prev, x.start-150):x.start]
		prev = x.end
		if citeRE.In(cite) {
			set("announced", x)
			return
		}
	}
	// an entry of a page that dates only itself (a city's list of errors
	// published on one day): the page's date is the entry's
	if v.ownFromPage && v.ownDate.Full() && !v.third {
		for _, x := range v.d.dates {
			if x.Date == v.ownDate && x.Kind == jtext.Absolute {
				set("announced", dateAt{d: x.Date, start: x.Start, end: x.End, sent: -1})
				return
			}
		}
	}
}

var citeRE = newPhrase(`発表|公表|お知らせ|公式`)

func (v *view) occurred(ds []dateAt, out *casebook.Dates, set func(string, dateAt)) {
	d := v.d
	// a period: a range in a sentence about the leak, or under a label
	var pFirst, pLast *dateAt
	for _, x := range ds {
		if x.to == nil && !x.sameDayTo || x.start < v.body || x.start >= v.zone || !x.d.Full() && (x.to == nil || !x.to.d.Full()) {
			continue
		}
		sent := d.sentText(x.sent)
		li := d.lineAt(x.start)
		labelText := ""
		switch {
		case periodLabelRE.MatchString(strings.TrimSpace(d.s[d.lines[li].start:x.start])):
			labelText = d.s[d.lines[li].start:x.start]
		case li > 0 && d.lines[li-1].kind == lineText && periodLabelRE.MatchString(d.lines[li-1].text):
			labelText = d.lines[li-1].text
		case li > 1 && d.lines[li-1].kind == lineBlank && periodLabelRE.MatchString(d.lines[li-2].text):
			labelText = d.lines[li-2].text
		}
		label := labelText != "" && rangeCtxRE.In(labelText)
		end := x.end
		if x.to != nil {
			end = x.to.end
		}
		// the predicate of the period: up to the next date of its sentence
		// ("…期間は2月26日から3月3日までで、3月3日に気付き、…閉鎖しました")
		predEnd := d.sents[max(0, x.sent)].end
		for _, y := range ds {
			if y.start >= end && y.start < predEnd && !y.inRange {
				predEnd = y.start
				break
			}
		}
		if !label && (!(x.to != nil || periodRE.In(d.s[x.start:d.sents[max(0, x.sent)].end])) || !rangeCtxRE.In(sent) || actionRE.In(predicate(d.s[end:predEnd]))) {
			continue // a period of what was done about it is no period of the leak
		}
		if v.discoveryMain(x) && x.to == nil && !x.sameDayTo {
			continue
		}
		to := x
		if x.to != nil {
			to = *x.to
		}
		if pFirst == nil {
			pFirst, pLast = &x, &to
			continue
		}
		// periods of the same leak given per set of data (card data until
		// the 8th, names until the 10th) overlap: the leak spans them all
		if !pLast.d.Before(x.d) && to.d.Full() && pLast.d.Before(to.d) {
			pLast = &to
		}
	}
	if pFirst != nil {
		set("occurred_from", *pFirst)
		set("occurred_to", *pLast)
		return
	}
	// events: the days of the leaking events themselves
	var events []dateAt
	exposure := false
	for _, x := range ds {
		if !x.d.Full() || x.inRange || x.start < v.body || x.start >= v.zone {
			continue
		}
		li := d.lineAt(x.start)
		if occurredLabel.MatchString(d.s[d.lines[li].start:x.start]) {
			events = append(events, x)
			continue
		}
		_, txt := v.dateClause(ds, x)
		if !v.leakEvent(txt) && !v.clockedAct(x, txt) || eventNotRE.In(txt) || v.regulator && regActDateRE.In(txt) || fixRE.In(predicate(txt)) || reportVerbRE.In(strings.ReplaceAll(txt, "報告書", "")) && !strings.Contains(txt, "送") {
			continue
		}
		if v.discoveryMain(x) || v.announcementDay(x) || d.sents[x.sent].advice || d.sents[x.sent].hypo {
			continue
		}
		if fromOnlyRE.MatchString(ahead(d.s, x.end, 60)) && !exposureRE.In(txt) && !exposureStart.In(txt) {
			v.openStart(ds, set)
			return
		}
		events = append(events, x)
		if exposureRE.In(txt) || exposureStart.In(txt) || x.sent+1 < len(d.sents) && exposureRE.In(d.sentText(x.sent+1)) {
			exposure = true
		}
	}
	if len(events) == 0 {
		v.openStart(ds, set)
		return
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].d.Before(events[j].d) })
	first := events[0]
	set("occurred_from", first)
	if _, txt := v.dateClause(ds, first); len(events) == 1 && beganRE.In(txt) {
		return // "…が始まったのは9月14日": a start, its end untold
	}
	last := events[len(events)-1]
	if exposure {
		if end := v.exposureEnd(ds, first); end != nil && last.d.Before(end.d) {
			last = *end
		}
	}
	set("occurred_to", last)
}

// leakEvent: the clause tells an event of the leak. Taking data out
// (持ち出し) is the leak only where someone took it on purpose; before a
// loss it is only where the device went.
func (v *view) leakEvent(txt string) bool {
	insider := false
	for _, c := range v.rec.Causes {
		insider = insider || c == "insider_misuse" || c == "theft"
	}
	for _, m := range eventRE.FindAll(txt) {
		if insider || txt[m[0]:m[1]] != "持ち出し" {
			return true
		}
	}
	return false
}

// discoveryLabelRE: the label of the day it was found.
var discoveryLabelRE = regexp.MustCompile(`(?:確認|発覚|判明|覚知|発見|認知)(?:日時|日)\s*[:：]?\s*$`)

// clockedAct: a date told with its hour (5月5日午後3時頃、…; 10月31日の
// 夕方、…) opens a story of what someone did then: the events of the
// leak, unless the clause tells of finding out, announcing or reporting.
func (v *view) clockedAct(x dateAt, txt string) bool {
	after := ahead(v.d.s, x.end, 40)
	if !hourAfterRE.MatchString(after) || !clockCommaRE.MatchString(after) {
		return false
	}
	return !isDiscovery(txt) && !announceRE.In(txt) && !reportVerbRE.In(txt)
}

// clockCommaRE: the date and its time open the sentence's story: a
// comma closes them (5月28日(火曜日)午後5時過ぎ、民生委員が…).
var clockCommaRE = regexp.MustCompile(`^\s*(?:\([^)]{1,5}\))?\s*の?\s*(?:午前|午後|未明|深夜|早朝|夕方|夜|朝|昼)?\s*(?:[0-9]{1,2}\s*(?:時|:[0-9]{2})\s*(?:[0-9]{1,2}\s*分|半)?)?\s*(?:頃|ごろ|過ぎ)?\s*、`)

// openStart: a start without an end: "2024年10月16日の午後から、…",
// "…以降、" (not an action begun then: 運営を停止しております).
func (v *view) openStart(ds []dateAt, set func(string, dateAt)) {
	d := v.d
	// a start without an end: "2024年10月16日の午後から、…", "…以降、"
	for _, x := range ds {
		if x.to != nil || x.inRange || !x.d.Full() || x.start < v.body || x.start >= v.zone || x.sent < 0 {
			continue
		}
		if !fromOnlyRE.MatchString(ahead(d.s, x.end, 60)) {
			continue
		}
		sent := d.sentText(x.sent)
		_, after := v.dateClause(ds, x)
		if actionRE.In(predicate(after)) || !rangeCtxRE.In(sent) || d.sents[x.sent].advice || d.sents[x.sent].hypo || v.discoveryMain(x) {
			continue
		}
		set("occurred_from", x)
		if exposureRE.In(sent) {
			if end := v.exposureEnd(ds, x); end != nil {
				set("occurred_to", *end)
			}
		}
		return
	}
}

// exposureEnd: a state that lasted until it was put right (削除, 解除,
// 設定を直し), or else found, after the date it began.
func (v *view) exposureEnd(ds []dateAt, from dateAt) *dateAt {
	var fix, found *dateAt
	for i := range ds {
		x := ds[i]
		if !x.d.Full() || x.inRange || !from.d.Before(x.d) || x.start < v.body {
			continue
		}
		_, txt := v.dateClause(ds, x)
		if fixRE.In(txt) && fix == nil {
			fix = &ds[i]
		}
		if isDiscovery(txt) && found == nil {
			found = &ds[i]
		}
	}
	if fix != nil {
		return fix
	}
	return found
}

var (
	leadSubjectEndRE = regexp.MustCompile(`^[^、。]{2,40}(?:は|が)\s*$`)
	leadCommaRE      = regexp.MustCompile(`^\s*(?:\(.\))?\s*(?:に)?[、,]`)
)

// leadPosition: a date that follows the sentence's subject and a comma
// after it, as in a news lead ("しらさぎ町は8月12日、…と発表した"): the
// day of what the subject said, not of what it said happened.
func leadPosition(before, after string) bool {
	return leadSubjectEndRE.MatchString(before) && leadCommaRE.MatchString(after)
}

// announcementDay: the date is the day of an announcement its sentence
// tells of ("2023年1月11日に公表しました"), with no event between the date
// and the announcing verb.
func (v *view) announcementDay(x dateAt) bool {
	d := v.d
	if x.sent < 0 {
		return false
	}
	loc := announceRE.Find(d.s[x.end:d.sents[x.sent].end])
	if loc == nil {
		return false
	}
	if x.lead {
		return true // "同社は22日、…と発表した": what it said is reported speech
	}
	between := d.s[x.end : x.end+loc[0]]
	return !eventRE.In(between) && !discoverRE.In(between)
}

// attributiveEventRE: the date is of an act told in a relative clause
// ("当金庫が2025年1月29日に発送した…において、…が判明"), not of the
// sentence's last verb.
var attributiveEventRE = regexp.MustCompile(`^\s*(?:\([^)]{1,4}\))?\s*(?:頃|ごろ)?に\s*[^、。]{0,12}?(?:発送|送付|送信|配信|発信|郵送|掲載|公開)し(?:た|ていた)[^、。]`)

// discoveryMain: the date's sentence is about finding out (…ことを確認
// しました, …に気付いた), whatever event it tells of.
func (v *view) discoveryMain(x dateAt) bool {
	if x.sent < 0 || attributiveEventRE.MatchString(ahead(v.d.s, x.end, 90)) {
		return false
	}
	for _, y := range v.resolved {
		if y.sent == x.sent && y.start > x.end && !y.inRange && y.d.Full() {
			return false // the predicate belongs to the last date of the sentence
		}
	}
	sent := v.d.sentText(x.sent)
	// the last predicate of the sentence
	tail := sent
	if len(tail) > 60 {
		tail = tail[len(tail)-60:]
	}
	return discoverRE.In(tail) && !notDiscoverRE.In(tail)
}

// isDiscovery reports whether txt tells of finding out: a discovery verb
// not denied right after it (…が判明していない is no finding).
func isDiscovery(txt string) bool {
	if notDiscoverRE.In(txt) {
		return false
	}
	for _, m := range discoverRE.FindAll(txt) {
		if !deniedAfterRE.MatchString(txt[m[1]:]) {
			return true
		}
	}
	return false
}

func (v *view) discovered(ds []dateAt, out *casebook.Dates, set func(string, dateAt)) {
	d := v.d
	var disc *dateAt
	consider := func(x dateAt) {
		if disc == nil || x.d.Before(disc.d) {
			c := x
			disc = &c
		}
	}
	for i, x := range ds {
		if !x.d.Full() || x.inRange || x.to != nil && !x.sameDayTo || x.start < v.body || x.start >= v.zone {
			continue
		}
		sent := v.narrow([2]int{d.sents[max(0, x.sent)].start, d.sents[max(0, x.sent)].end}, x.start)
		txt := d.s[sent[0]:sent[1]]
		if d.sents[max(0, x.sent)].hypo {
			continue
		}
		// the verb belongs to this date: the words up to the next date
		if _, w := v.dateClause(ds, x); !isDiscovery(w) || attributiveEventRE.MatchString(ahead(d.s, x.end, 90)) {
			continue
		}
		if ppcWordRE.In(txt) && reportVerbRE.In(txt) && !strings.Contains(txt, "発覚") {
			continue
		}
		if untilRE.MatchString(d.s[x.end:]) {
			continue
		}
		_ = i
		consider(x)
	}
	// a discovery told right after a dated event: "…送信しました。送信の
	// 直後に職員が誤りに気付きました。"
	for i, x := range ds {
		if !x.d.Full() || x.inRange || x.sent < 0 || x.start < v.body || x.start >= v.zone {
			continue
		}
		if _, txt := v.dateClause(ds, x); !eventRE.In(txt) && !clockRE.MatchString(txt) {
			continue
		}
		for k := x.sent + 1; k <= x.sent+4 && k < v.sentB; k++ {
			if v.sentHasDate(ds, k) && v.dateTellsAct(ds, k) {
				break // a later act of its own ("対象は8月9日にご宿泊予定の…" is none)
			}
			t := d.sentText(k)
			if laterRE.MatchString(t) {
				break
			}
			// in the same paragraph, or said to be soon after ("送信後
			// まもなく、…判明しました")
			if !(k <= x.sent+2 && sameParagraph(d, x.sent, k)) && !soonAfterRE.MatchString(t) {
				continue
			}
			if strongDiscRE.In(t) && isDiscovery(t) && !d.sents[k].hypo {
				consider(x)
				break
			}
		}
		_ = i
	}
	// a date under a discovery's label ("(1)確認日時 / 令和7年4月9日")
	for _, x := range ds {
		if !x.d.Full() || x.inRange || x.start < v.body || x.start >= v.zone {
			continue
		}
		li := d.lineAt(x.start)
		label := d.s[d.lines[li].start:x.start]
		if p := v.nonBlank(li, -1); p >= 0 && d.lines[p].runes <= 20 && strings.TrimSpace(label) == "" {
			label = d.lines[p].text
		}
		if discoveryLabelRE.MatchString(label) {
			consider(x)
		}
	}
	// a discovery under a dated heading of a timeline ("(1)2021年10月6日")
	for si := v.sentA; si < v.sentB; si++ {
		if d.sents[si].start < v.body || v.sentHasDate(ds, si) {
			continue
		}
		if h := v.headingDate(ds, si); h != nil && isDiscovery(d.sentText(si)) {
			consider(*h)
		}
	}
	if disc != nil {
		set("discovered", *disc)
	} else if out.OccurredFrom != nil {
		if m := sameDayRE.FindStringIndex(d.s[v.body:v.zone]); m != nil {
			s := *out.OccurredFrom
			out.Discovered = &s
			v.evidence("dates.discovered", v.body+m[0], v.body+m[1])
		}
	}
}

func (v *view) sentHasDate(ds []dateAt, k int) bool {
	for _, x := range ds {
		if x.sent == k {
			return true
		}
	}
	return false
}

// sameParagraph: sentences a and b are not separated by a blank line.
func sameParagraph(d *doc, a, b int) bool {
	return !strings.Contains(d.s[d.sents[a].end:d.sents[b].start], "\n\n")
}

// headingDate is the date of a dated heading right above sentence si
// ("(2)令和4年11月1日" over what was done that day), or nil.
func (v *view) headingDate(ds []dateAt, si int) *dateAt {
	d := v.d
	li := d.lineAt(d.sents[si].start)
	if li <= v.lineA {
		return nil
	}
	prev := d.lines[li-1]
	if prev.kind == lineBlank || !startsWithDate(prev.text) || prev.runes > 24 {
		return nil
	}
	for i := range ds {
		if ds[i].start >= prev.start && ds[i].start < prev.end && ds[i].d.Full() {
			return &ds[i]
		}
	}
	return nil
}

func (v *view) reports(ds []dateAt, set func(string, dateAt)) {
	d := v.d
	type cand struct {
		x    dateAt
		sent [2]int
	}
	var cs []cand
	for _, x := range ds {
		if !x.d.Full() || x.inRange || x.start < v.body || x.start >= v.zone || x.sent < 0 {
			continue
		}
		cs = append(cs, cand{x, v.narrow([2]int{d.sents[x.sent].start, d.sents[x.sent].end}, x.start)})
	}
	// sentences without a date under a dated heading, or told as done at
	// once after a dated event ("ドライバーはただちに警察に被害を届け出")
	for si := v.sentA; si < v.sentB; si++ {
		if v.sentHasDate(ds, si) {
			continue
		}
		if h := v.headingDate(ds, si); h != nil {
			x := *h
			cs = append(cs, cand{x, [2]int{d.sents[si].start, d.sents[si].end}})
		} else if x := v.eventBefore(ds, si); x != nil && immediatelyRE.In(d.sentText(si)) {
			cs = append(cs, cand{*x, [2]int{d.sents[si].start, d.sents[si].end}})
		}
	}
	for _, c := range cs {
		x := c.x
		txt := d.s[c.sent[0]:c.sent[1]]
		if !reportVerbRE.In(txt) || untilRE.MatchString(d.s[x.end:]) || d.sents[d.sentAt(c.sent[0])].hypo {
			continue
		}
		hasPPC, hasPolice := ppcWordRE.In(txt), policeWordRE.In(txt)
		if !hasPPC && !hasPolice && !strings.Contains(txt, "速報") && !finalRE.In(txt) {
			continue
		}
		inSent := x.start >= c.sent[0] && x.start < c.sent[1]
		cl := txt
		rest := "" // the clauses after the date's own, up to the next date
		if inSent {
			cs, ce := d.clause(x.sent, x.start)
			if ce < c.sent[1] {
				rest = d.s[ce:c.sent[1]]
				for _, y := range ds {
					if y.start >= ce && y.start < c.sent[1] && !y.inRange {
						rest = d.s[ce:y.start]
						break
					}
				}
			}
			cs, ce = max(cs, c.sent[0]), min(ce, c.sent[1])
			cl = d.s[cs:ce]
			if !ppcWordRE.In(cl) && !policeWordRE.In(cl) && !finalRE.In(cl) && !strings.Contains(cl, "速報") {
				// the target word lies in another clause: accept only when the
				// sentence names one target and holds one date
				if hasPPC && hasPolice || v.datesIn(ds, c.sent) > 1 {
					continue
				}
				cl = txt
			}
		}
		if reportNotRE.In(cl) {
			continue
		}
		v.reportIn(cl, txt, x, set)
		// "同日、警察署に届け出るとともに、個人情報保護委員会に報告しました":
		// one date for both
		if rest != "" && jointRE.MatchString(cl+"|"+rest) && !reportNotRE.In(rest) && !reportNegRE.In(rest) {
			v.reportIn(rest, txt, x, set)
		}
	}
}

// jointRE: two acts told as done together (…届け出るとともに、…報告).
var jointRE = regexp.MustCompile(`(?:とともに|と共に|と同時に|と併せて|とあわせて)[、,]?\s*\||\|\s*(?:併せて|あわせて|同時に)`)

// dateTellsAct: a date of sentence si has an event, a discovery, an
// action or a report of its own.
func (v *view) dateTellsAct(ds []dateAt, si int) bool {
	for _, y := range ds {
		if y.sent != si || y.inRange {
			continue
		}
		_, txt := v.dateClause(ds, y)
		if eventRE.In(txt) || isDiscovery(txt) || actionRE.In(txt) || fixRE.In(txt) || reportVerbRE.In(txt) {
			return true
		}
	}
	return false
}

var immediatelyRE = newPhrase(`ただちに|直ちに|即日|即座に|その場で`)

// eventBefore is the date of the event told in the sentences just before
// si (up to three), or nil.
func (v *view) eventBefore(ds []dateAt, si int) *dateAt {
	for k := si - 1; k >= max(v.sentA, si-3); k-- {
		if !v.sentHasDate(ds, k) {
			continue
		}
		for i := len(ds) - 1; i >= 0; i-- {
			x := ds[i]
			if x.sent == k && !x.inRange && x.d.Full() {
				if _, txt := v.dateClause(ds, x); v.leakEvent(txt) {
					return &ds[i]
				}
			}
		}
	}
	return nil
}

// reportIn sets the reports that clause cl tells of to date x ("警察と個
// 人情報保護委員会に届け出た": both). A 速報 or 確報 named without its verb
// shares the verb of its sentence ("7月3日に速報を、8月27日に確報を提出").
func (v *view) reportIn(cl, sent string, x dateAt, set func(string, dateAt)) {
	verb := reportVerbRE.In(cl) || (strings.Contains(cl, "速報") || finalRE.In(cl)) && reportVerbRE.In(sent)
	if !verb {
		return
	}
	if policeWordRE.In(cl) && reportVerbRE.In(cl) {
		set("reported_police", x)
	}
	switch {
	case finalRE.In(cl):
		set("reported_ppc_final", x)
	case ppcWordRE.In(cl) || strings.Contains(cl, "速報"):
		set("reported_ppc", x)
	}
}

func (v *view) datesIn(ds []dateAt, sent [2]int) int {
	n := 0
	for _, x := range ds {
		if x.start >= sent[0] && x.start < sent[1] && !x.inRange {
			n++
		}
	}
	return n
}
