package extract

import (
	"regexp"
	"sort"
	"strings"

	"casebook"
	"casebook/jtext"
)

// The people affected: a count written with a label (漏えい件数:, 対象と
// なるご登録者様の人数:) or in a sentence or section about the leak,
// never the recipients of a mail, the mails sent, page views, reports
// received, the staff who did it or the users of a service. Of those, the
// people over the records, the largest figure (a total over its parts),
// and the exact figure over a rounded one of the same size. With no count
// in a leak's context the count stays empty.

var (
	countLabelRE   = regexp.MustCompile(`(?:件数|人数|者数|アカウント数|名数|本人の数|対象者|対象となる[^、。]{0,20}|実人数|対象件数|漏えい件数|流出件数|被害件数|該当件数|規模)\s*(?:は|が)?\s*[、,::]?\s*(?:最大で?|約|計|合計|延べ|少なくとも)*\s*$`)
	leakWordRE     = newPhrase(`流出|漏えい|漏洩|漏れ|閲覧|不正利用|可能性|おそれ|恐れ|被害|対象|影響|抜き取|窃取|盗|紛失|誤送|誤って|アップロード|含まれ|記され|記載され|印字され|記録され|保存され|外部に出|渡った|見える|見ること|公開され|読み取れ|送ってしま|入れてしま|ログインされ|不正にログイン|失われ|持ち出|不正に入手|入手し`)
	countNegRE     = newPhrase(`在籍|在校|全校|会員数|従業員数|職員数|生徒数|利用者数|ユーザー数|が使う|が利用する|を利用する|ご利用の|導入され|導入して|事業所数|報告者|報告が|の報告|件の報告|逮捕|書類送検|容疑|被疑者|脆弱|リスク区分|閲覧は|閲覧数|アクセス数|閲覧件数|迷惑メール|スパム|ページビュー|回線を|増設|応募|参加者数|問い合わせ`)
	staffRE        = regexp.MustCompile(`(?:職員|社員|教員|従業員|教諭|担当者)\s*$`)
	agentsRE       = regexp.MustCompile(`^\s*(?:以上)?(?:の)?(?:職員|社員|担当者)?\s*(?:による|体制|で(?:の)?(?:確認|照合|点検|チェック|読み合わせ|ダブルチェック|行う|行い|実施))`) // "2名による読み合わせ": who checks
	dataOfRE       = regexp.MustCompile(`^\s*(?:分)?\s*の\s*(?:個人情報|情報|データ|氏名|お名前|名前|名簿|メールアドレス|住所|電話番号|カード情報|クレジットカード)`)
	misdeliveredRE = newPhrase(`宛名|封入|誤送付|誤って発送|一致しない|誤配送|別の方`)
	crimeRE        = newPhrase(`逮捕|書類送検|容疑|被疑者`)
	recipientRE    = regexp.MustCompile(`^\s*(?:の[^、。]{0,20})?(?:に|へ|あてに|宛てに|に対し)[^。、]{0,20}(?:送信|配信|発信|送付|誤配信|誤送信|届|送り|送っ|お送り|メール|連絡|電話)`)
	reportersRE    = regexp.MustCompile(`^[^、。]{0,20}から(?:の)?(?:ご)?(?:指摘|連絡|問い合わせ|お問い合わせ|申し出|通報)`)
	partsRE        = regexp.MustCompile(`(?:うち|内訳)[^。]{0,6}$`)
	factRE         = newPhrase(`(?:流出|漏えい|漏洩)(?:さ)?せ|(?:流出|漏えい|漏洩)し(?:た|まし|て|、)|漏れ(?:た|まし)|抜き取られ|窃取され|持ち出され|見える状態とな|見える形とな|見ることができる状態とな|見ることのできる状態|公開されていた|に提供した|に提供して(?:いた|おり)|不正に持ち出し(?:、|て|た)|漏えいがあった|漏えいにあたる|漏えいに当たる|実際に漏えい|流出が確認|漏えいが確認|漏洩が確認|取得していたことが|取得されていた|漏らし(?:ていた|た|まし)`)
	elsewhereRE    = regexp.MustCompile(`(?:他社|他の|別の|外部の)[^、。]{0,16}(?:から|で|において)\s*$`)
	hedgedLeakRE   = newPhrase(`(?:流出|漏えい|漏洩|漏れ)[^。]{0,20}(?:可能性|おそれ|恐れ)`)
	nominalRE      = regexp.MustCompile(`^た?(?:事案|事件|件[でにのが]|問題|場合|事実は|可能性)`)
	assertedRE     = regexp.MustCompile(`^た?(?:事案|事件)(?:である|であった|です|でした)`) // "漏えいさせた事案である": said, not presupposed
	hedgeRE        = newPhrase(`可能性|おそれ|恐れ|懸念|疑い|かもしれ|否定でき|か。|見込み|かどうか|か否か|有無`)
	leakStemRE     = regexp.MustCompile(`流出|漏えい|漏洩|漏れ`)
	negatedRE      = newPhrase(`確認されて(?:い|お)りません|確認されていない|確認されておらず|ございません|ありません|なかった|事実はない|ていない|ておりません|いません|ことはない`)
)

type countCand struct {
	c    jtext.Count
	tier int
}

func (v *view) readAffected() *casebook.Affected {
	cs, best := v.countCandidates()
	a := &casebook.Affected{}
	if best >= 0 {
		v.setCount(a, cs[best].c)
	}
	a.Confirmed = v.confirmed() || misdelivered(v.rec.Causes)
	if a.Count != nil {
		a.Groups = v.readGroups()
	}
	return a
}

func (v *view) setCount(a *casebook.Affected, c jtext.Count) {
	n := c.Value
	a.Count = &n
	a.Approximate = c.Approximate
	v.evidence("affected.count", c.Start, c.End)
}

// countCandidates returns the segment's counts with the tier the rules
// give them (counts of something else left out), and the rules' pick
// (-1: none).
func (v *view) countCandidates() ([]countCand, int) {
	d := v.d
	var cs []countCand
	from := v.sg.start
	if v.title >= 0 && v.sg.multi {
		from = d.lines[v.title].start
	}
	var low []countCand
	if c, ok := v.tableCount(); ok {
		cs = append(cs, countCand{c, 3})
	}
	for _, c := range v.counts {
		if c.End > v.zone || c.Start < from {
			continue
		}
		t := v.countTier(c)
		switch {
		case t >= 2:
			cs = append(cs, countCand{c, t})
		case v.recipients(c):
			// the people a mail went to, where the notice counts nothing
			// else ("契約者約3,400人に送った証明書に、別の契約者の氏名…")
			low = append(low, countCand{c, 1})
		case t == 1:
			low = append(low, countCand{c, 0})
		}
	}
	if len(cs) == 0 {
		for _, c := range low {
			if c.tier == 1 {
				cs = append(cs, c)
			}
		}
	}
	if len(cs) == 0 {
		return low, -1
	}
	sort.SliceStable(cs, func(i, j int) bool {
		ci, cj := cs[i], cs[j]
		if ci.tier != cj.tier {
			return ci.tier > cj.tier
		}
		if ci.c.People() != cj.c.People() {
			return ci.c.People()
		}
		if (ci.c.Prefix == "延べ") != (cj.c.Prefix == "延べ") {
			return cj.c.Prefix == "延べ"
		}
		if close := ci.c.Value*10 >= cj.c.Value*9 && cj.c.Value*10 >= ci.c.Value*9; close && ci.c.Approximate != cj.c.Approximate {
			return !ci.c.Approximate // the exact figure of the two
		}
		return ci.c.Value > cj.c.Value
	})
	// the counts the rules passed over stay candidates for the model
	for _, c := range low {
		if c.tier == 0 {
			cs = append(cs, c)
		}
	}
	return cs, 0
}

// tableCount is the count of a table row entry: the cell under the
// header's 件数 or 人数 column (a bare figure: "株式会社X | 162 |").
func (v *view) tableCount() (jtext.Count, bool) {
	d := v.d
	if v.title < 0 || rowCells(d, v.title) == 0 || !strings.Contains(d.lines[v.title].text, "|") {
		return jtext.Count{}, false
	}
	for k := v.title - 1; k >= 0 && k >= v.title-40; k-- {
		h := d.lines[k]
		if h.kind == lineBlank || strings.Count(h.text, "|") < 2 || hasDate(d, h) {
			continue
		}
		col := -1
		for i, cell := range strings.Split(strings.Trim(h.text, "| "), "|") {
			if countHeadRE.MatchString(cell) {
				col = i
			}
		}
		if col < 0 {
			return jtext.Count{}, false
		}
		l := d.lines[v.title]
		off := l.start + strings.Index(d.s[l.start:l.end], l.text)
		row := strings.TrimLeft(l.text, "| ")
		off += len(l.text) - len(row)
		for i, cell := range strings.Split(row, "|") {
			if i == col {
				t := strings.TrimSpace(cell)
				n, err := jtext.ParseNumber(t)
				if err != nil || n <= 0 {
					return jtext.Count{}, false
				}
				a := off + strings.Index(cell, t)
				return jtext.Count{Start: a, End: a + len(t), Value: n, Unit: "件"}, true
			}
			off += len(cell) + len("|")
		}
		return jtext.Count{}, false
	}
	return jtext.Count{}, false
}

var countHeadRE = regexp.MustCompile(`件数|人数|名数|規模`)

// countTier: 3 for a labelled count, 2 for a count in a leak's context
// (its sentence, or the section heading above it), 1 otherwise, 0 for a
// count of something else.
func (v *view) countTier(c jtext.Count) int {
	d := v.d
	si := d.sentAt(c.Start)
	if strings.TrimSuffix(c.Unit, "分") == "通" && !(si >= 0 && misdeliveredRE.In(d.sentText(si))) {
		return 0 // mails in an account, mails sent; not the letters sent to the wrong people
	}
	if si >= 0 && (d.sents[si].advice || d.sents[si].hypo) {
		return 0
	}
	if v.regulator && strings.TrimSuffix(c.Unit, "分") == "社" {
		return 0 // the companies a regulator acted on (関電など5社)
	}
	li := d.lineAt(c.Start)
	l := d.lines[li]
	if l.kind == lineChrome {
		return 0
	}
	lineBefore := d.s[l.start:c.Start]
	cs, ce := c.Start, c.End
	if si >= 0 {
		cs, ce = d.clauseOf(si, c.Start, c.End)
	}
	clause := d.s[cs:max(ce, c.End)]
	before := d.s[max(cs, c.Start-40):c.Start]
	if countNegRE.In(clause) && !leakWordRE.In(d.s[c.End:ce]) || staffRE.MatchString(before) && !strings.HasSuffix(c.Unit, "分") && !dataOfRE.MatchString(d.s[c.End:min(len(d.s), c.End+90)]) && !leakWordRE.In(d.s[cs:c.Start]) || agentsRE.MatchString(d.s[c.End:min(len(d.s), c.End+40)]) || recipientRE.MatchString(d.s[c.End:min(len(d.s), c.End+240)]) || v.recipientsOfData(c, si) ||
		si >= 0 && crimeRE.In(d.sentText(si)) {
		return 0
	}
	if reportersRE.MatchString(d.s[c.End:min(len(d.s), c.End+60)]) {
		return 0 // the people who told it ("16名の会員様からのご指摘により")
	}
	if partsRE.MatchString(before) {
		return 1
	}
	if c.Unit == "枚" && !v.itemsIn(si) {
		return 1 // sheets count people only where they say what they held
	}
	if countLabelRE.MatchString(strings.TrimRight(lineBefore, " ")) {
		return 3
	}
	// a label on the line above: "(1)件数" / "496,119件"
	if strings.TrimSpace(lineBefore) == "" && li > 0 {
		for k := li - 1; k >= max(0, li-2); k-- {
			p := d.lines[k]
			if p.kind == lineBlank {
				continue
			}
			if p.runes <= 30 && countLabelRE.MatchString(strings.TrimRight(listMarkerRE.ReplaceAllString(p.text, ""), " ")) {
				return 3
			}
			break
		}
	}
	sent := ""
	if si >= 0 {
		sent = d.sentText(si)
	}
	if leakWordRE.In(sent) || dataOfRE.MatchString(d.s[c.End:min(len(d.s), c.End+90)]) || strings.HasSuffix(c.Unit, "分") && v.causeIn(si) && !accountsRE.MatchString(d.s[c.End:min(len(d.s), c.End+30)]) {
		return 2 // "1,128名分の氏名", "238名の個人情報": the people whose data it is
	}
	if v.leakSection(li) {
		return 2
	}
	return 1
}

var toRE = regexp.MustCompile(`^\s*(?:に|へ|あてに|宛てに|に対し)`)

// recipients: c counts the people a mail or letter about the leak went to.
func (v *view) recipients(c jtext.Count) bool {
	d := v.d
	si := d.sentAt(c.Start)
	if si < 0 || d.sents[si].advice || d.sents[si].hypo || !c.People() || strings.HasSuffix(c.Unit, "分") || !toRE.MatchString(d.s[c.End:]) {
		return false
	}
	if !recipientRE.MatchString(d.s[c.End:min(len(d.s), c.End+240)]) && !v.recipientsOfData(c, si) {
		return false
	}
	return v.causeIn(si) || leakWordRE.In(d.sentText(si))
}

// leakSection: the nearest heading above line li (a short line, maybe
// numbered) speaks of what leaked.
func (v *view) leakSection(li int) bool {
	d := v.d
	for k := li - 1; k >= max(v.lineA, li-12); k-- {
		l := d.lines[k]
		if l.kind != lineText || strings.Contains(l.text, "。") || l.runes > 60 {
			continue
		}
		heading := strings.HasPrefix(l.text, "■") || strings.HasPrefix(l.text, "【") || sectionNumRE.MatchString(l.text) || l.heading ||
			!l.list && l.runes <= 30 && k > 0 && d.lines[k-1].kind == lineBlank

		if heading && (leakWordRE.In(l.text) || strings.Contains(l.text, "個人情報") || strings.Contains(l.text, "項目")) {
			return true
		}
	}
	return false
}

var sectionNumRE = regexp.MustCompile(`^(?:\d{1,2}\s*[.)、．]|\d{1,2}[ \t]+[^\d\s]|\(\d{1,2}\)|[一二三四五六七八九十]+[、.．]|[一二三四五六七八九十]{1,2}[ \t]+\S)`)

// confirmed: the notice states a leak as fact somewhere, not only as a
// possibility: a fact phrase whose clause chain holds no hedge or denial
// (up to "また、", which starts another statement). A leak presupposed by a
// noun (…が持ち出された事件) counts when the notice nowhere calls the leak
// only possible.
func (v *view) confirmed() bool {
	d := v.d
	nominal, hedged := -1, false
	for si := v.sentA; si < v.sentB; si++ {
		sn := d.sents[si]
		if sn.start < v.body && v.title >= 0 || sn.start >= v.zone || sn.hypo || sn.advice {
			continue
		}
		txt := d.s[sn.start:sn.end]
		for _, m := range factRE.FindAll(txt) {
			switch v.factKind(txt, m) {
			case factNominal:
				if nominal < 0 {
					nominal = sn.start + m[0]
				}
			case factPlain:
				v.evidence("affected.confirmed", sn.start+m[0], sn.start+m[1])
				return true
			}
		}
		if hedgedLeakRE.In(txt) {
			hedged = true
		}
		// a headline's noun ending: "…約2,900万件の個人情報が流出"
		if m := nounLeakRE.FindStringIndex(strings.TrimSpace(txt)); m != nil && !hedgeRE.In(txt) && !negatedRE.In(txt) {
			off := strings.Index(d.s[sn.start:sn.end], strings.TrimSpace(txt))
			v.evidence("affected.confirmed", sn.start+off+m[0], sn.start+off+m[1])
			return true
		}
	}
	if v.tableSaysLeaked() {
		return true
	}
	return nominal >= 0 && !hedged
}

// nounLeakRE: a sentence or headline that ends on the leak as a noun.
var nounLeakRE = regexp.MustCompile(`(?:が|を)(?:流出|漏えい|漏洩)$`)

// leakCountHeadRE: a table's heading of the number leaked (流出件数).
var leakCountHeadRE = regexp.MustCompile(`(?:流出|漏えい|漏洩)(?:件数|人数|数)`)

// tableSaysLeaked: the segment is a row of a table (cells between bars)
// whose header counts what leaked: its count is of a leak.
func (v *view) tableSaysLeaked() bool {
	d := v.d
	if v.sg.title < 0 || strings.Count(d.lines[v.sg.title].text, "|") < 2 {
		return false
	}
	for i := v.sg.title - 1; i >= 0; i-- {
		l := d.lines[i]
		if l.kind == lineBlank || bareCells(l) {
			continue
		}
		if strings.Count(l.text, "|") < 2 {
			return false
		}
		if leakCountHeadRE.MatchString(l.text) {
			return true
		}
	}
	return false
}

var (
	toThemRE   = regexp.MustCompile(`^\s*(?:に|へ|に対し(?:て)?)、`)
	sendVerbRE = newPhrase(`送信|配信|送付|発送|誤送信|誤配信|誤送付|送って|送り`)
)

// recipientsOfData: "保護者215人に、1学級27人分の氏名…を誤って配信": the
// people a mail went to, when the sentence counts the people whose data
// it held apart.
func (v *view) recipientsOfData(c jtext.Count, si int) bool {
	d := v.d
	if si < 0 || !toThemRE.MatchString(d.s[c.End:min(len(d.s), c.End+12)]) || !sendVerbRE.In(d.sentText(si)) {
		return false
	}
	for _, o := range v.counts {
		if o.Start > c.End && o.Start < d.sents[si].end && strings.HasSuffix(o.Unit, "分") {
			return true
		}
	}
	return false
}

// misdelivered: mail, letters or faxes reached the wrong people; the data
// is out as a fact, however the notice words it.
func misdelivered(causes []string) bool {
	return len(causes) > 0 && causes[0] == "misdelivery"
}

var accountsRE = regexp.MustCompile(`^\s*の\s*(?:アカウント|ID)`)

// causeIn: sentence si tells a cause ("住民2人分の通知書を取り違え").
func (v *view) causeIn(si int) bool { return v.tableIn(si, tabCauses) }

// itemsIn: sentence si names data items ("伝票47枚…氏名、住所が記載").
func (v *view) itemsIn(si int) bool { return v.tableIn(si, tabItems) }

func (v *view) tableIn(si, table int) bool {
	if si < 0 {
		return false
	}
	sn := v.d.sents[si]
	for _, h := range v.hits {
		if h.start >= sn.start && h.start < sn.end && cues.pats[h.pat].table == table {
			return true
		}
	}
	return false
}

const (
	factNone    = iota // hedged, denied, or another's leak
	factPlain          // a leak stated as fact
	factNominal        // a leak presupposed by a noun (…が持ち出された事件)
)

// factKind says what the fact phrase m of sentence txt states.
func (v *view) factKind(txt string, m []int) int {
	rest := txt[m[1]:]
	if i := strings.Index(rest, "また、"); i >= 0 {
		rest = rest[:i]
	}
	if strings.HasPrefix(rest, "、") || strings.HasSuffix(txt[m[0]:m[1]], "、") {
		// "カード情報が流出し、個人情報が流出した可能性": a hedge
		// after the next leak verb with a subject of its own is
		// that verb's (not "流出させ、漏えいのおそれが発生した")
		if k := leakStemRE.FindStringIndex(rest); k != nil && strings.ContainsAny(rest[:k[0]], "がは") {
			rest = rest[:k[0]]
		}
	}
	before := txt[max(0, m[0]-90):m[0]]
	if strings.Contains(before, "ないか") || strings.Contains(before, "防") || elsewhereRE.MatchString(before) {
		return factNone // a leak of another service's ("他社サービス等で流出したID")
	}
	if nominalRE.MatchString(rest) && !assertedRE.MatchString(rest) && !negatedRE.In(rest) {
		return factNominal
	}
	if hedgeRE.In(rest) || negatedRE.In(txt[m[0]:m[1]]+rest) {
		return factNone
	}
	return factPlain
}
