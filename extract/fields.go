package extract

import (
	"regexp"
	"sort"
	"strings"

	"casebook"
	"casebook/jtext"
)

// dateAt is a resolved date in a segment.
type dateAt struct {
	d          jtext.Date
	start, end int // relative byte offsets
	rangeTo    *dateAt
	inRange    bool // the end of a range (not read on its own)
}

var (
	discoverRE    = newLineAnchored(`発覚|判明|連絡を受け|連絡があ|ご連絡をいただ|通報があ|報告を受け|指摘を受け|ご指摘|指摘があ|情報提供を受け|通報を受け|検知|気づ|気付|確認(しました|いたしました|した|され|し、|致しました)|把握|認知|届き|届いた|問い合わせ(を受け|があ)|発見|申し出があ|相談を受け`)
	notDiscoverRE = newLineAnchored(`調査(が|は)?完了|調査結果|報告済み|ご報告(いたしました|しました)とおり|されておらず|されていない|されていません|ありません`)
	announceRE    = newLineAnchored(`(を|と)(発表|公表)(し|いた|」|』)|発表(しました|した|いたしました|している)|公表(しました|した|いたしました)`)
	announceNotRE = newLineAnchored(`の発表について|ご報告(いたしました|しました)とおり|前回|既報`)
	dateLabelRE   = regexp.MustCompile(`^(公表日|発表日|掲載日|公開日|発行日|リリース日|更新日|投稿日)?[::\s]*$`)
	periodRE      = newLineAnchored(`期間|の\s*間|間に|にかけて|まで|から|以降`)
	rangeCtxRE    = newLineAnchored(`ログイン|侵入|攻撃|アップロード|持ち出|保存|紛失|流出|漏えい|漏洩|漏れ|閲覧|アクセス|購入|決済|利用|登録|入力|送信|遠隔操作|状態|可能性|おそれ|対象|感染|侵入|改ざん`)
	occurredLabel = regexp.MustCompile(`発生(時期|日時|日)[::\s]*$`)
	eventRE       = newLineAnchored(`(夜|頃|未明|早朝|午前|午後)に?発生し|発送し(た|まし)|流出させ|漏えいさせ|漏洩させ|アップロード|持ち出|誤送信|誤送付|誤って[^。]{0,20}(送信|送付|掲載|公開)|紛失し|盗難に遭|盗まれ|置き忘れ|送信(いた)?し(まし)?た|一斉送信|発信(いた)?し(まし)?た|誤廃棄|廃棄し`)
	eventNotRE    = newLineAnchored(`お詫び|おわび|削除(の|を)?(依頼|お願い)`)
	sameDayRE     = regexp.MustCompile(`(発生|当該)?当日(中)?に(検知|発覚|判明|把握|確認)`)
	ppcRE         = newLineAnchored(`個人情報保護委員会|当委員会|保護委員会|監督官庁`)
	policeRE      = newLineAnchored(`警察|県警|府警|道警|警視庁|サイバー犯罪`)
	reportVerbRE  = newLineAnchored(`報告|届出|届け出|相談|通報|被害申告|被害届|提出|申告|情報提供`)
	reportNotRE   = newLineAnchored(`報告を受け|よう求め|求める|報告の求め`)
	finalRE       = newLineAnchored(`確報`)
	regActRE      = newLineAnchored(`(指導|勧告|命令)(等)?(を行|を実施|を発出|を出)`)
	untilRE       = regexp.MustCompile(`^\s*(\(.\))?\s*(まで|までに)`)
)

// readDates fills the eight dates.
func readDates(st *segText, docCtx jtext.Date) *casebook.Dates {
	s := st.s
	ds := resolveDates(st, docCtx)
	sents := sentences(s)
	out := &casebook.Dates{}
	set := func(field string, d dateAt) {
		p := out.Field(field)
		if *p == nil {
			v := d.d.String()
			*p = &v
			st.evidence("dates."+field, d.start, d.end)
		}
	}
	// announced: a title's date, a date line near the top, or a sentence
	// saying the organization announced it on that day.
	for _, d := range ds {
		if d.start < st.tline && d.d.Full() {
			set("announced", d)
			break
		}
	}
	// A news article reports in the third person (同社は…と発表した): its
	// dateline is the article's date, not the announcement's.
	article := thirdPersonRE.MatchString(s) || reportedRE.MatchString(s)
	if !article {
		dateline(s, ds, set)
	}
	if out.Announced == nil && st.rec.Kind != casebook.KindRegulator {
		for _, d := range ds {
			if !d.d.Full() || d.inRange {
				continue
			}
			sent := sentenceAt(sents, d.start)
			txt := s[sent[0]:sent[1]]
			if announceRE.MatchString(txt) && !announceNotRE.MatchString(txt) {
				set("announced", d)
				break
			}
		}
	}
	// a news article: "同社は15日、…と発表した" — the day in the article's month
	if out.Announced == nil && st.rec.Kind != casebook.KindRegulator {
		ctx := docCtxFor(ds)
		for _, sn := range sents {
			txt := s[sn[0]:sn[1]]
			if !announceRE.MatchString(txt) || announceNotRE.MatchString(txt) {
				continue
			}
			if m := bareDayRE.FindStringSubmatchIndex(txt); m != nil && !ctx.IsZero() {
				day := atoiSafe(txt[m[2]:m[3]])
				d := jtext.Date{Year: ctx.Year, Month: ctx.Month, Day: day}
				if day > ctx.Day { // a day after the article's date: the month before
					d = jtext.Date{Year: ctx.Year, Month: ctx.Month - 1, Day: day}
					if d.Month < 1 {
						d = jtext.Date{Year: ctx.Year - 1, Month: 12, Day: day}
					}
				}
				if d.Valid() {
					set("announced", dateAt{d: d, start: sn[0] + m[2], end: sn[0] + m[1]})
				}
			}
			break
		}
	}
	if out.Announced == nil && article {
		dateline(s, ds, set)
	}
	// occurred: a period in a sentence about the leak, else a 発生時期 label,
	// else the days of the leaking events themselves.
	for _, d := range ds {
		if d.rangeTo == nil || d.start < st.tline || d.start >= st.zone {
			continue
		}
		sent := sentenceAt(sents, d.start)
		if !periodRE.MatchString(s[d.start:sent[1]]) || !rangeCtxRE.MatchString(s[sent[0]:sent[1]]) {
			continue
		}
		if d.d.Full() {
			set("occurred_from", d)
		}
		if d.rangeTo.d.Full() {
			set("occurred_to", *d.rangeTo)
		}
		if out.OccurredFrom != nil || out.OccurredTo != nil {
			break
		}
	}
	if out.OccurredFrom == nil && out.OccurredTo == nil {
		var events []dateAt
		for di, d := range ds {
			if !d.d.Full() || d.inRange || d.rangeTo != nil || d.start < st.tline || d.start >= st.zone {
				continue
			}
			ls := strings.LastIndexByte(s[:d.start], '\n') + 1
			if occurredLabel.MatchString(s[ls:d.start]) {
				events = append(events, d)
				continue
			}
			sent := sentenceAt(sents, d.start)
			w := dateWindow(ds, di, sent)
			txt := s[w[0]:w[1]]
			le := strings.IndexByte(s[d.start:], '\n')
			if le < 0 {
				le = len(s) - d.start
			}
			leakLine := eventLeakLine.MatchString(s[ls : d.start+le])
			if eventRE.MatchString(txt) && (leakLine || !eventNotRE.MatchString(txt)) && !reportVerbRE.MatchString(strings.ReplaceAll(txt, "報告書", "")) {
				events = append(events, d)
			}
		}
		if len(events) > 0 {
			sort.SliceStable(events, func(i, j int) bool { return events[i].d.Before(events[j].d) })
			set("occurred_from", events[0])
			set("occurred_to", events[len(events)-1])
		}
	}
	// discovered: the earliest day a discovery verb is written with.
	var disc *dateAt
	for i, d := range ds {
		if !d.d.Full() || d.inRange || d.rangeTo != nil || d.start < st.tline {
			continue
		}
		sent := subSentence(s, sentenceAt(sents, d.start), d.start)
		txt := s[sent[0]:sent[1]]
		if !discoverRE.MatchString(txt) || notDiscoverRE.MatchString(txt) {
			continue
		}
		// with several dates in the sentence, the verb must follow this one
		// before the next date ("5月28日に発送し、5月30日、連絡があり…")
		if w := dateWindow(ds, i, sent); !discoverRE.MatchString(s[w[0]:w[1]]) {
			continue
		}
		if ppcRE.MatchString(txt) && reportVerbRE.MatchString(txt) && !strings.Contains(txt, "発覚") {
			continue
		}
		if untilRE.MatchString(s[d.end:]) {
			continue
		}
		if disc == nil || d.d.Before(disc.d) {
			disc = &ds[i]
		}
	}
	if disc != nil {
		set("discovered", *disc)
	} else if out.OccurredFrom != nil {
		if m := sameDayRE.FindStringIndex(s); m != nil {
			v := *out.OccurredFrom
			out.Discovered = &v
			st.evidence("dates.discovered", m[0], m[1])
		}
	}
	// reports to the PPC and the police, clause by clause.
	for _, d := range ds {
		if !d.d.Full() || d.inRange || d.start < st.tline {
			continue
		}
		sent := subSentence(s, sentenceAt(sents, d.start), d.start)
		txt := s[sent[0]:sent[1]]
		if !reportVerbRE.MatchString(txt) || untilRE.MatchString(s[d.end:]) {
			continue
		}
		hasPPC, hasPolice := ppcRE.MatchString(txt), policeRE.MatchString(txt)
		if !hasPPC && !hasPolice && !strings.Contains(txt, "速報") && !finalRE.MatchString(txt) {
			continue
		}
		cs, ce := clauseAt(s, sent, d.start)
		clause := s[cs:ce]
		if reportNotRE.MatchString(clause) {
			continue
		}
		target := ""
		switch {
		case policeRE.MatchString(clause):
			target = "police"
		case finalRE.MatchString(clause):
			target = "final"
		case ppcRE.MatchString(clause) || strings.Contains(clause, "速報"):
			target = "ppc"
		default:
			// the nearest target word in the sentence
			bestDist := 1 << 30
			for _, c := range []struct {
				re *lineAnchored
				t  string
			}{{policeRE, "police"}, {ppcRE, "ppc"}} {
				for _, m := range c.re.FindAllStringIndex(txt, -1) {
					dist := abs(sent[0] + m[0] - d.start)
					if dist < bestDist {
						bestDist, target = dist, c.t
					}
				}
			}
		}
		if !policeRE.MatchString(clause) && !ppcRE.MatchString(clause) && !finalRE.MatchString(clause) && !strings.Contains(clause, "速報") {
			// the target word lies in another clause: accept only when the
			// sentence names one target and holds no other date
			if hasPPC && hasPolice || datesIn(ds, sent) > 1 {
				continue
			}
		}
		switch target {
		case "police":
			set("reported_police", d)
		case "final":
			set("reported_ppc_final", d)
		case "ppc":
			set("reported_ppc", d)
		}
	}
	if st.rec.Kind == casebook.KindRegulator {
		for _, d := range ds {
			if !d.d.Full() || d.inRange {
				continue
			}
			sent := sentenceAt(sents, d.start)
			if regActRE.MatchString(s[sent[0]:sent[1]]) {
				set("regulator_action", d)
				break
			}
		}
	}
	return out
}

var subSentRE = newLineAnchored(`(たが|だが|ものの)、`)

// subSentence narrows a sentence to the part around pos between
// adversative joins ("…を認知したが、当委員会への報告は…"): each part
// has its own subject and verb.
func subSentence(s string, sent [2]int, pos int) [2]int {
	txt := s[sent[0]:sent[1]]
	start, end := sent[0], sent[1]
	for _, m := range subSentRE.FindAllStringIndex(txt, -1) {
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

// dateline sets announced from a date standing alone on one of the first
// lines ("2024年5月20日", "公表日: 2024年5月20日").
func dateline(s string, ds []dateAt, set func(string, dateAt)) {
	for _, d := range ds {
		if !d.d.Full() || d.inRange {
			continue
		}
		ls := strings.LastIndexByte(s[:d.start], '\n') + 1
		le := strings.IndexByte(s[d.end:], '\n')
		if le < 0 {
			le = len(s) - d.end
		}
		before, after := strings.TrimSpace(s[ls:d.start]), strings.TrimSpace(s[d.end:d.end+le])
		// near the top, or in the closing block (以上 / date / name)
		near := strings.Count(s[:d.start], "\n") <= 8 || strings.Count(strings.TrimRight(s[d.end:], "\n \t"), "\n") <= 4
		if near && dateLabelRE.MatchString(before) && (after == "" || after == "付") {
			set("announced", d)
			return
		}
	}
}

// dateWindow is the part of a sentence that belongs to date i: from the
// end of the date before it (in the same sentence) to the start of the
// date after it.
func dateWindow(ds []dateAt, i int, sent [2]int) [2]int {
	w := [2]int{ds[i].start, sent[1]}
	for j := i + 1; j < len(ds); j++ {
		if ds[j].start >= ds[i].end && ds[j].start < w[1] && !ds[j].inRange {
			w[1] = ds[j].start
			return w // the words after a date, up to the next, are its own
		}
	}
	// the last date of a sentence also owns the words before it, back to
	// the date before ("…が判明したのは3月1日")
	w[0] = sent[0]
	for j := i - 1; j >= 0; j-- {
		if ds[j].end <= ds[i].start && ds[j].end > w[0] && !ds[j].inRange {
			w[0] = ds[j].end
			break
		}
	}
	return w
}

func datesIn(ds []dateAt, sent [2]int) int {
	n := 0
	for _, d := range ds {
		if d.start >= sent[0] && d.start < sent[1] && !d.inRange {
			n++
		}
	}
	return n
}

var thirdPersonRE = regexp.MustCompile(`同(社|法人|組合|校|院|市|町|村|県|大学|病院|協会)(は|が|によると|によれば)`)

// reportedRE: a plain past "と発表した" is a reporter's voice, not a notice's.
var reportedRE = regexp.MustCompile(`(と|を)(発表|公表)した(。|と|$)`)

var bareDayRE = regexp.MustCompile(`(?:は|、|,)\s*(\d{1,2})日(?:、|,|に)`)

// docCtxFor is the first full date of a segment (a dateline).
func docCtxFor(ds []dateAt) jtext.Date {
	for _, d := range ds {
		if d.d.Full() {
			return d.d
		}
	}
	return jtext.Date{}
}

func atoiSafe(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// resolveDates finds and resolves every date of the segment, pairing ranges.
func resolveDates(st *segText, docCtx jtext.Date) []dateAt {
	s := st.s
	ms := jtext.FindDates(s)
	r := jtext.Resolver{Default: docCtx}
	// a date in the title line is the best context for year-less dates
	for _, m := range ms {
		if m.Start < st.tline && m.Kind == jtext.Absolute && m.Date.Full() {
			r.Default = m.Date
			break
		}
		if m.Start >= st.tline {
			if m.Kind == jtext.Absolute && m.Date.Full() {
				r.Default = m.Date
			}
			break
		}
	}
	var out []dateAt
	for i, m := range ms {
		d, ok := r.Resolve(m)
		if !ok {
			continue
		}
		out = append(out, dateAt{d: d, start: m.Start, end: m.End})
		_ = i
	}
	// pair ranges: date, separator, date (or a bare day: "12日~14日")
	for i := range out {
		if out[i].inRange {
			continue
		}
		if i+1 < len(out) && out[i+1].start >= out[i].end && jtext.IsRangeSep(s[out[i].end:out[i+1].start]) {
			out[i].rangeTo = &out[i+1]
			out[i+1].inRange = true
			continue
		}
		if day, end := jtext.DayAfterRange(s, out[i].end); day > 0 && out[i].d.Full() {
			to := jtext.Date{Year: out[i].d.Year, Month: out[i].d.Month, Day: day}
			if day < out[i].d.Day {
				to = jtext.Date{Year: out[i].d.Year, Month: out[i].d.Month + 1, Day: day}
				if to.Month > 12 {
					to = jtext.Date{Year: to.Year + 1, Month: 1, Day: day}
				}
			}
			if to.Valid() {
				out[i].rangeTo = &dateAt{d: to, start: out[i].end, end: end, inRange: true}
			}
		}
	}
	return out
}

var (
	countLabelRE   = newLineAnchored(`(漏えい|漏洩|流出|対象|被害|影響|該当)(人数|件数|者数|者)|本人(の)?数|件数】|人数】|対象者数|対象件数|件数[::]|人数[::]`)
	leakWordRE     = newLineAnchored(`流出|漏えい|漏洩|漏れ|閲覧|不正利用|可能性|おそれ|被害|対象|影響|該当|抜き取|窃取|盗|紛失|誤送|誤って|アップロード|含まれ`)
	countNegBefore = regexp.MustCompile(`(延べ|うち|うち計|在校|全校|在籍|重複|会員数|従業員数|職員数|生徒数)\s*$`)
	countNegClause = newLineAnchored(`送信|配信|発信|メールマガジン|指摘|在校|在籍|現在|重複|グループ|融資|応募|参加|導入|利用企業|社員数|従業員数|店舗`)
	hedgeRE        = newLineAnchored(`可能性|おそれ|恐れ|懸念|疑い|かもしれ|否定できない`)
	factRE         = newLineAnchored(`(不正に)?持ち出してい|(流出|漏えい|漏洩)(さ)?せ|(流出|漏えい|漏洩)し(た|まし|て|、)|漏れ(た|まし)|抜き取られ|窃取され`)
)

// affected picks "the" count: labelled counts first, then counts in leak
// sentences, then any; among them the largest count of people, else of
// records.
func affected(st *segText) *casebook.Affected {
	s := st.s[:st.zone]
	sents := sentences(s)
	type cand struct {
		c    jtext.Count
		tier int
	}
	var cands []cand
	for _, c := range jtext.FindCounts(s) {
		if c.Start < st.tline {
			continue
		}
		if c.Prefix == "延べ" || c.Prefix == "計" {
			continue
		}
		if countNegBefore.MatchString(s[max(0, c.Start-12):c.Start]) {
			continue
		}
		sent := sentenceAt(sents, c.Start)
		_, ce := clauseAt(s, sent, c.End)
		clause := s[c.Start:ce]
		leakInClause := leakWordRE.MatchString(clause)
		if countNegClause.MatchString(clause) && !leakInClause {
			continue
		}
		tier := 1
		ls := strings.LastIndexByte(s[:c.Start], '\n') + 1
		if countLabelRE.MatchString(s[max(ls, c.Start-40):c.Start]) {
			tier = 3
		} else if leakWordRE.MatchString(s[sent[0]:sent[1]]) {
			tier = 2
		}
		cands = append(cands, cand{c, tier})
	}
	a := &casebook.Affected{}
	if len(cands) > 0 {
		sort.SliceStable(cands, func(i, j int) bool {
			ci, cj := cands[i], cands[j]
			if ci.tier != cj.tier {
				return ci.tier > cj.tier
			}
			if ci.c.People() != cj.c.People() {
				return ci.c.People()
			}
			return ci.c.Value > cj.c.Value
		})
		best := cands[0].c
		v := best.Value
		a.Count = &v
		a.Approximate = best.Approximate
		st.evidence("affected.count", best.Start, best.End)
	}
	a.Confirmed = confirmed(s, st.tline)
	return a
}

// confirmed: the notice states the leak as fact somewhere, not only as a
// possibility. A hedge reaches to the end of its clause chain ("流出し、
// 一部が不正利用された可能性") but stops at "また、".
func confirmed(s string, from int) bool {
	for _, m := range factRE.FindAllStringIndex(s, -1) {
		if m[0] < from {
			continue
		}
		rest := s[m[1]:]
		if e := strings.IndexAny(rest, "。\n"); e >= 0 {
			rest = rest[:e]
		}
		if i := strings.Index(rest, "また、"); i >= 0 {
			rest = rest[:i]
		}
		if hedgeRE.MatchString(rest) {
			continue
		}
		if strings.HasPrefix(rest, "事案を指") || strings.HasPrefix(rest, "場合") || strings.HasPrefix(rest, "事実は") {
			continue
		}
		before := s[max(0, m[0]-30):m[0]]
		if strings.Contains(before, "ないか") || strings.Contains(before, "防") {
			continue
		}
		return true
	}
	return false
}

var (
	itemCtxRE     = newLineAnchored(`対象|持ち出|流出|漏えい|漏洩|漏れ|閲覧|盗|紛失|誤送|掲載|アクセスでき|可能性|おそれ|以下|項目|含まれ|記載され|記録され|入力され|保存され|対象となる情報|情報は`)
	itemNegRE     = newLineAnchored(`含まれて(おりません|いません|いない)|ございません|保持しておりません|保持していない|確認されていません|流出は確認されて|対象外|を除く|は含まれ(ません|ない)|暗号化(され|して)|漏えいしていない|漏洩していない|流出していない`)
	listIntroRE   = newLineAnchored(`以下|次の|下記|項目|[::]\s*$|】\s*$|情報\s*$`)
	listLineRE    = regexp.MustCompile(`^\s*(?:[・•\-*■□◆◇●○◎※▼>]|\d{1,2}\s*[.)、.]?\s|\(\d{1,2}\)|[ア-ン][..)])`)
	itemLabelRE   = newLineAnchored(`^\s*【?(項目|漏えいした情報|流出した情報|対象(となる)?情報|漏えい項目|流出項目|個人情報の項目|情報の種類)】?`)
	managedOnlyRE = newLineAnchored(`管理する|保有する|取り扱う|取得し`)
	strongLeakRE  = newLineAnchored(`流出|漏えい|漏洩|漏れ|閲覧|盗|紛失|誤送|掲載`)
	eventLeakLine = newLineAnchored(`(?i)\bcc\b|bcc|流出|漏え|漏洩|把握できる状態|閲覧できる状態`)
)

// dataItems reads the data items from sentences about what leaked and from
// the lists those sentences introduce.
func dataItems(st *segText) []string {
	s := st.s[:st.zone]
	lines := splitLines(s)
	present := itemSet.in(s)
	var found []string
	listActive, afterIntro := false, false
	for _, l := range lines {
		if l.start < st.tline {
			continue
		}
		if l.text == "" {
			continue
		}
		isList := listLineRE.MatchString(l.text) || (len([]rune(l.text)) <= 30 && !strings.HasSuffix(l.text, "。"))
		var ctxOK bool
		if itemLabelRE.MatchString(l.text) {
			ctxOK = true
		} else if (isList && listActive) || afterIntro {
			ctxOK = true
		}
		afterIntro = false
		for _, sn := range sentences(s[l.start:l.end]) {
			txt := s[l.start+sn[0] : l.start+sn[1]]
			ok := ctxOK || (itemCtxRE.MatchString(txt) && !(managedOnlyRE.MatchString(txt) && !strongLeakRE.MatchString(txt)))
			if !ok || itemNegRE.MatchString(txt) || adviceR.MatchString(txt) {
				continue
			}
			for ci, c := range itemSet.cues {
				if !present.hasIn(ci, l.start+sn[0], l.start+sn[1]) {
					continue
				}
				for _, m := range c.re.FindAllStringIndex(txt, -1) {
					if c.neg != nil && c.neg.MatchString(txt[m[1]:]) {
						continue
					}
					found = append(found, c.code)
					st.evidence("data_items."+c.code, l.start+sn[0]+m[0], l.start+sn[0]+m[1])
					break
				}
			}
		}
		intro := false
		for _, sn := range sentences(l.text) {
			txt := l.text[sn[0]:sn[1]]
			if itemCtxRE.MatchString(txt) && listIntroRE.MatchString(txt) && !itemNegRE.MatchString(txt) {
				intro = true
			}
		}
		switch {
		case intro || itemLabelRE.MatchString(l.text):
			listActive = true
			afterIntro = isList && !strings.HasSuffix(l.text, "。")
		case !isList:
			listActive = false
		}
	}
	return orderBy(uniq(found), casebook.DataItems)
}

func orderBy(codes []string, vocab []casebook.Term) []string {
	idx := map[string]int{}
	for i, t := range vocab {
		idx[t.Code] = i
	}
	sort.SliceStable(codes, func(i, j int) bool { return idx[codes[i]] < idx[codes[j]] })
	return codes
}

var mailRE = newLineAnchored(`(?i)bcc|\bto\b|\bcc\b|宛先|誤送信|一斉送信`)

var reportNegRE = newLineAnchored(`ていなかった|しておらず|行わず|していない`)

var causeNegSentRE = newLineAnchored(`防止|対策を|ないよう|再発防止|ご注意|お願い|ていますか|ますか`)

// causes reads the causes; the main one first (by tier, then by where it
// is first written).
func causes(st *segText) []string {
	s := st.s[:st.zone]
	type hit struct {
		code  string
		first int
	}
	var hits []hit
	sents := sentences(s)
	found := causeSet.in(s)
	for ci, c := range causeSet.cues {
		first := -1
		for _, m := range found.find(ci) {
			sent := sentenceAt(sents, m[0])
			txt := s[sent[0]:sent[1]]
			if adviceR.MatchString(txt) {
				continue
			}
			_, ce := clauseAt(s, sent, m[1])
			if c.neg != nil && c.neg.MatchString(s[m[1]:ce]) {
				continue
			}
			if strings.Contains(s[m[1]:ce], "防止") && causeNegSentRE.MatchString(s[m[1]:ce]) {
				continue
			}
			if c.code == "publishing_error" && mailRE.MatchString(txt) {
				continue
			}
			first = m[0]
			st.evidence("causes."+c.code, m[0], m[1])
			break
		}
		if first >= 0 {
			hits = append(hits, hit{c.code, first})
		}
	}
	present := map[string]bool{}
	for _, h := range hits {
		present[h.code] = true
	}
	var out []hit
	for _, h := range hits {
		drop := false
		for k, vs := range subsumes {
			if present[k] {
				for _, v := range vs {
					if v == h.code {
						drop = true
					}
				}
			}
		}
		if !drop {
			out = append(out, h)
		}
	}
	if len(out) == 0 {
		return []string{"unknown"}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ti, tj := causeTier[out[i].code], causeTier[out[j].code]
		if ti != tj {
			return ti < tj
		}
		return out[i].first < out[j].first
	})
	codes := make([]string, len(out))
	for i, h := range out {
		codes[i] = h.code
	}
	return codes
}

// responses reads what the organization did, skipping regulators' findings
// of what was missing.
func responses(st *segText) []string {
	s := st.s[:st.zone]
	sents := sentences(s)
	var found []string
	ms := respSet.in(s)
	for ci, c := range respSet.cues {
		for _, m := range ms.find(ci) {
			if m[0] < st.tline {
				continue
			}
			sent := sentenceAt(sents, m[0])
			txt := s[sent[0]:sent[1]]
			cs, ce := clauseAt(s, sent, m[1])
			if c.code == "reported_ppc" || c.code == "reported_police" {
				if reportNegRE.MatchString(s[cs:ce]) {
					continue
				}
			} else if responseNegR.MatchString(txt) || strings.HasPrefix(s[m[1]:], ")") {
				continue
			}
			if c.neg != nil && c.neg.MatchString(s[m[1]:ce]) {
				continue
			}
			if c.code == "service_suspended" && strings.Contains(s[max(0, m[0]-30):m[1]], "アクセス権") {
				continue
			}
			found = append(found, c.code)
			st.evidence("responses."+c.code, m[0], m[1])
			break
		}
	}
	return orderBy(uniq(found), casebook.Responses)
}
