package extract

import (
	"regexp"
	"sort"

	"casebook"
	"casebook/jtext"
	"casebook/linear"
)

// The dates decision: for each of the eight roles, one of the segment's
// dates or none. A date is described by the words of its clause (an
// event, a discovery, an announcement, a report to whom), its place (a
// date line, a labelled line, the title, a news lead, a range), its order
// among the segment's dates, and what the rules made of it.

// learnedDateRoles are the roles the model decides; the rules decide the
// others, where cross-validation found the model no better (the groups
// of the labelled sets disagree on when an exposure ends, and reports to
// the PPC or the police are too rare to learn from).
var learnedDateRoles = map[string]bool{"announced": true}

var (
	labelWordRE = newPhrase(`発生|発覚|判明|公表|発表|掲載|更新|報告|届出|期間|日時|送付日|送信日|紛失日|盗難`)
	sokuhouRE   = newPhrase(sokuhouPat)
)

// The patterns of the words around dates: the readers' phrases and the
// cue table the analysis finds them with.
const (
	discoverPat    = `明らかになっ|明らかとなっ|発覚|判明|連絡を受け|連絡があ|ご連絡をいただ|通報があ|報告を受け|報告があ|指摘を受け|ご指摘|指摘があ|情報提供を受け|通報を受け|検知|気づ|気付|確認(?:しました|いたしました|した|され|し、|致しました|を進め)|把握|認知|覚知|(?:連絡|通報|報告|知らせ|通知|警告|アラート|指摘|問い?合わせ|情報|苦情|申し出)[^。、]{0,8}?届(?:き|いた)|問い合わせ(?:を受け|があ)|お問い合わせを受け|発見|申し出があ|相談を受け|知らせを受け|情報が寄せられ|知った|分かった|わかった|見つか`
	eventPat       = `発生し|発生いたし|起きまし|起きた|発送し|発送いたし|送付し|送付いたし|お送りし|お送りいたし|送信し|送信いたし|発信し|発信いたし|郵送し|郵送いたし|混入|送ってしま|一斉送信|一斉に|配信し|誤配信|誤送信|誤送付|取り違え|流出させ|漏えいさせ|漏洩させ|紛失し|盗難に遭|盗まれ|置き忘れ|散らば|散乱|誤廃棄|廃棄し|感染し|感染した|不正にアクセスされ|(?:攻撃|不正アクセス|サイバー攻撃)を受け|不正(?:に)?ログインされ|乗っ取られ|暗号化され|遠隔操作|侵入され|始まった|始まり|公開し|公開した|登録し|アップロードし|持ち出し|誤って|書き換え|改ざんされ|届けられ|掲載し|交付し|入力し(?:た|まし|てい|てしま)|落とし(?:た|まし|てしま)|(?:手)?渡し(?:た|まし|てしま)|渡してしま`
	announcePat    = `(?:を|と|に)(?:発表|公表)|発表(?:し|いた|しました)|公表(?:し|いた|しました)|明らかにし|お知らせを出|第.報を(?:出|公表|発表)|会見し|会見を開|開示(?:し|いた)|掲載(?:し|いた)(?:ました|た)`
	announceNotPat = `の発表について|ご報告(?:いたしました|しました)とおり|前回|既報|にお知らせいたしました|第1報として|としてお知らせ`
	ppcWordPat     = `個人情報保護委員会|当委員会|保護委員会|個情委|監督官庁|(?:^|[^育選理査])委員会(?:に対し|へ|に)`
	policeWordPat  = `警察|県警|府警|道警|警視庁|サイバー犯罪`
	reportVerbPat  = `報告|届出|届け出|相談|通報|被害申告|被害届|提出|申告|情報提供|連絡`
	finalPat       = `確報`
	sokuhouPat     = `速報`
	regActDatePat  = `(?:指導|勧告|命令|行政指導|措置|立入検査)(?:等)?(?:を行|を実施|を発出|を出|を決定|を求め|をし|した|しました|を実施)`
	fixPat         = `削除し|削除した|解除し|非公開に|停止し|設定を(?:直|やり直|修正|変更)|修正し|閉鎖し|遮断し|回収し`
	exposurePat    = `状態|閲覧でき|閲覧可能|見える|見ること|公開され|読み取れ|送信されて|届いて|以降`
	actionPat      = `停止|休止|閉鎖|実施|対応|受付|再開|調査|開始し|お知らせ|掲載|お詫び|削除|確認を行|お電話`
	periodPat      = `期間|の\s*間|間に|にかけて|まで|から|以降|の間`
	rangeCtxPat    = `ログイン|侵入|攻撃|アップロード|持ち出|保存|紛失|流出|漏えい|漏洩|漏れ|閲覧|アクセス|購入|決済|利用|登録|入力|送信|遠隔操作|状態|可能性|おそれ|対象|感染|改ざん|書き換え|公開|掲載|申込|配信|発生|取り扱|個人情報|個人データ|被害`
	reportNotPat   = `報告を受け|よう求め|求める|報告の求め|報告等の求め`
)

// dateCueWords are the cue classes a date's clause and sentence are read
// for.
var dateCueWords = []struct{ name, pat string }{{"discover", discoverPat}, {"event", eventPat}, {"announce", announcePat},
	{"announceNot", announceNotPat}, {"ppc", ppcWordPat}, {"police", policeWordPat}, {"report", reportVerbPat}, {"final", finalPat},
	{"sokuhou", sokuhouPat}, {"regAct", regActDatePat}, {"fix", fixPat}, {"exposure", exposurePat}, {"action", actionPat},
	{"period", periodPat}, {"rangeCtx", rangeCtxPat}, {"reportNot", reportNotPat}}

// dateCues names the cue classes of a date's clause, and those of its
// sentence outside it, from the cue words the analysis found.
func (v *view) dateCues(ds []dateAt, x dateAt) []string {
	d := v.d
	a, cl := v.dateClause(ds, x)
	b := a + len(cl)
	if x.sent < 0 {
		return nil
	}
	sn := d.sents[x.sent]
	inSent := make([]int8, len(dateCueWords)) // 1: in the sentence, 2: in the clause
	i := sort.Search(len(d.dateWords), func(i int) bool { return d.dateWords[i].start >= sn.start })
	for ; i < len(d.dateWords) && d.dateWords[i].start < sn.end; i++ {
		h := d.dateWords[i]
		k := dateCueIndex[cues.pats[h.pat].code]
		if h.start >= a && h.end <= b {
			inSent[k] = 2
		} else if inSent[k] == 0 {
			inSent[k] = 1
		}
	}
	var fs []string
	for k, c := range dateCueWords {
		switch inSent[k] {
		case 2:
			fs = append(fs, "cl:"+c.name)
		case 1:
			fs = append(fs, "sent:"+c.name)
		}
	}
	return fs
}

var dateCueIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range dateCueWords {
		m[c.name] = i
	}
	return m
}()

type dateCand struct {
	x  dateAt
	fs []string
}

// dateCandidates lists the segment's full dates with what describes them.
func (v *view) dateCandidates(ds []dateAt) []dateCand {
	d := v.d
	var out []dateCand
	var full []int
	for i, x := range ds {
		if x.d.Full() {
			full = append(full, i)
		}
	}
	var lo, hi jtext.Date
	for k, i := range full {
		if k == 0 || ds[i].d.Before(lo) {
			lo = ds[i].d
		}
		if k == 0 || hi.Before(ds[i].d) {
			hi = ds[i].d
		}
	}
	for k, i := range full {
		x := ds[i]
		fs := append([]string{"cand"}, v.dateCues(ds, x)...)
		add := func(ok bool, f string) {
			if ok {
				fs = append(fs, f)
			}
		}
		li := d.lineAt(x.start)
		l := d.lines[li]
		add(x.inRange, "rangeEnd")
		add(x.to != nil, "rangeStart")
		add(x.sameDayTo, "sameDay")
		add(x.lead, "lead")
		add(l.kind == lineDate, "dateLine")
		add(l.dateLabel != "", "labelled")
		add(v.title >= 0 && li >= v.title && li <= v.titleLast, "inTitle")
		add(x.start < v.body, "beforeBody")
		add(x.start >= v.zone, "afterZone")
		add(li == v.sg.date, "entryDate")
		if lab := labelWordRE.FindAll(d.s[l.start:x.start]); len(lab) > 0 {
			m := lab[len(lab)-1]
			fs = append(fs, "label="+d.s[l.start+m[0]:l.start+m[1]])
		} else if li > 0 && d.lines[li-1].kind == lineText && d.lines[li-1].runes <= 20 {
			if lab := labelWordRE.FindAll(d.lines[li-1].text); len(lab) > 0 {
				m := lab[len(lab)-1]
				fs = append(fs, "labelAbove="+d.lines[li-1].text[m[0]:m[1]])
			}
		}
		if x.sent >= 0 {
			add(d.sents[x.sent].advice, "advice")
			add(d.sents[x.sent].hypo, "hypo")
		}
		add(fromOnlyRE.MatchString(ahead(d.s, x.end, 60)), "from")
		add(untilRE.MatchString(ahead(d.s, x.end, 20)), "until")
		// the moment something was done is told with its hour (5月5日午後3時頃)
		add(hourAfterRE.MatchString(ahead(d.s, x.end, 30)), "clock")
		add(v.discoveryMain(x), "discoveryMain")
		add(v.announcementDay(x), "announcementDay")
		switch {
		case v.ownDate.Full() && x.d == v.ownDate:
			fs = append(fs, "own")
		case v.ownDate.Full() && x.d.Before(v.ownDate):
			fs = append(fs, "beforeOwn")
		case v.ownDate.Full():
			fs = append(fs, "afterOwn")
		}
		add(k == 0, "first")
		add(k == len(full)-1, "last")
		add(!lo.Before(x.d), "earliest")
		add(!x.d.Before(hi), "latest")
		add(v.third, "article")
		add(v.regulator, "regulator")
		out = append(out, dateCand{x: x, fs: fs})
	}
	return out
}

// hourAfterRE: a time of day right after a date (its weekday, の between).
var hourAfterRE = regexp.MustCompile(`^\s*(?:[(（][^)）]{1,5}[)）])?\s*の?\s*(?:午前|午後|未明|深夜|早朝|夕方|夜|朝|昼|[0-9０-９]{1,2}\s*(?:時|:[0-9]{2}))`)

// dateOptions are the choices of one role: every date, then none.
func dateOptions(role string, cs []dateCand, rule *casebook.Dates, ev map[string]casebook.Span, orig func(int) int) []fvec {
	p := "dates:" + role + "&"
	out := make([]fvec, 0, len(cs)+1)
	var ruleVal string
	if f := rule.Field(role); f != nil && *f != nil {
		ruleVal = **f
	}
	evStart, hasEv := ev["dates."+role]
	for _, c := range cs {
		var own []string
		if c.x.d.String() == ruleVal {
			own = append(own, p+"ruleval", "dates:ruleval")
			if hasEv && evStart.Start == orig(c.x.start) {
				own = append(own, p+"rule", "dates:rule")
			}
		}
		out = append(out, fvec{prefix: p, names: c.fs, own: own})
	}
	none := fvec{prefix: p, names: []string{"none", "none&n=" + bucket(len(cs), 1, 2, 4, 8)}}
	if ruleVal == "" {
		none.names = append(none.names, "none&rulenone")
		none.own = []string{"dates:none&rulenone"}
	}
	return append(out, none)
}

// decideDates chooses the eight dates among the segment's.
func (v *view) decideDates() *casebook.Dates {
	rule := v.readDates()
	m := v.m.get(decDates)
	if m == nil {
		return rule
	}
	cs := v.dateCandidates(v.resolved)
	ev := v.rec.Evidence
	orig := func(b int) int { return v.d.t.OrigOffset(b) }
	out := &casebook.Dates{}
	for _, role := range casebook.DateFields {
		if role == "regulator_action" && !v.regulator {
			continue
		}
		p := probs(m, dateOptions(role, cs, rule, ev, orig))
		if !learnedDateRoles[role] {
			// the rules' date, with the model's probability of it
			r := *rule.Field(role)
			*out.Field(role) = r
			if r != nil {
				sum := 0.0
				for i, c := range cs {
					if c.x.d.String() == *r {
						sum += p[i]
					}
				}
				v.confidence("dates."+role, sum)
				v.otherDates(role, cs, p, *r)
			}
			continue
		}
		k := argmax(p)
		if k == len(cs) {
			delete(v.rec.Evidence, "dates."+role)
			continue
		}
		s := cs[k].x.d.String()
		*out.Field(role) = &s
		if v.rec.Evidence == nil {
			v.rec.Evidence = map[string]casebook.Span{}
		}
		a, b := v.d.span(cs[k].x.start, cs[k].x.end)
		v.rec.Evidence["dates."+role] = casebook.Span{Start: a, End: b}
		v.confidence("dates."+role, p[k])
		v.otherDates(role, cs, p, s)
	}
	return out
}

// otherDates records the other days the model found likely for a role
// (each day's mentions summed), for a person reviewing it.
func (v *view) otherDates(role string, cs []dateCand, p []float64, chosen string) {
	sum := map[string]float64{}
	var days []string
	for i, c := range cs {
		d := c.x.d.String()
		if d == chosen {
			continue
		}
		if _, ok := sum[d]; !ok {
			days = append(days, d)
		}
		sum[d] += p[i]
	}
	sort.SliceStable(days, func(a, b int) bool { return sum[days[a]] > sum[days[b]] })
	var others []string
	for _, d := range days {
		if sum[d] >= minCandidate && len(others) < 3 {
			others = append(others, d)
		}
	}
	v.candidates("dates."+role, others)
}

func (v *view) dateExamples(gold *casebook.Dates) []linear.Choice {
	rule := v.readDates()
	cs := v.dateCandidates(v.resolved)
	orig := func(b int) int { return v.d.t.OrigOffset(b) }
	var out []linear.Choice
	if gold == nil {
		gold = &casebook.Dates{}
	}
	for _, role := range casebook.DateFields {
		if role == "regulator_action" && !v.regulator {
			continue
		}
		want := ""
		if f := gold.Field(role); f != nil && *f != nil {
			want = **f
		}
		right := make([]bool, len(cs)+1)
		any := false
		for i, c := range cs {
			right[i] = want != "" && c.x.d.String() == want
			any = any || right[i]
		}
		if want == "" {
			right[len(cs)] = true
		} else if !any {
			continue // the gold date is none of the text's: nothing to learn
		}
		out = append(out, linear.Choice{Cands: vectors(dateOptions(role, cs, rule, v.rec.Evidence, orig)), Right: right})
	}
	return out
}
