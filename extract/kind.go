package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"casebook"
)

// Kind: a regulator's action on an organization, an incident notice or
// article, or no incident at all. An incident text tells of one event
// that happened (dated, counted, apologized for); pages that only speak
// of incidents in general (policies, products, seminars, templates with
// ○○, statistics, warnings and how-tos) are no incident.

var (
	regTitleRE         = regexp.MustCompile(`に対する.{0,80}(行政上の対応|勧告|指導|命令|措置|行政処分)|行政上の対応について|(個人情報保護委員会|委員会|総務省|金融庁|経済産業省|厚生労働省|国土交通省|文部科学省|消費者庁|国税庁|財務局|省|庁)(が|から)(勧告|指導|命令|行政指導|業務改善命令)|に(勧告|行政指導|業務改善命令|是正命令|業務停止命令)|に関する(?:指導|勧告|命令|行政指導)$`)
	regActRE           = newPhrase(`(個人情報保護委員会|当委員会|委員会|総務省|金融庁|経済産業省|厚生労働省|国土交通省|文部科学省|消費者庁|国税庁|財務局)(は|が)[^。]{0,200}(指導|勧告|命令|行政指導|措置|行政処分)(等)?(を行|を実施|を発出|を出|を決定|を求め|をし)`)
	placeholder        = regexp.MustCompile(`○○|××|＊＊|\*\*|●●|20××|〇〇`)
	notIncidentTitleRE = regexp.MustCompile(`方針|ポリシー|セミナー|募集|開催のご案内|開催します|仕様|価格|製品情報|レビュー|使ってみた|文例|テンプレート|調べ$|調査結果$|調査結果[(（]|調査結果(?:まとめ|一覧|を公表|を発表)|まとめ$|手口|解説$|講座|講習会|注意喚起|ご注意ください|キャンペーン|休業|営業日|機能を追加|追加しました|採用情報|求人|ダウンロード|体験版|よくあるご質問$|の基本|基礎知識|入門|できる\d+つのこと|\d+つの(?:こと|ポイント|対策|方法)|とは[?？]?$|コラム`)
	noticeTitleRE      = newPhrase(`お詫び|おわび|流出|漏えい|漏洩|紛失|盗難|誤送|不正アクセス|感染|被害`)
	leakEventRE        = newPhrase(`流出し|漏えいし|漏洩し|漏えいさせ|漏洩させ|流出させ|紛失し|紛失した|盗まれ|誤って|判明し|発覚し|可能性があ|おそれがあ|恐れがあ|閲覧できる状態|見える状態|見ることができる状態|送信してしまい|感染し|不正アクセスを受け|侵入され|暗号化され|漏えいが|流出が|被害に遭|確認されました|遠隔操作|持ち出され|公開されてい|読み取れる状態`)
	statsRE            = newPhrase(`構成比|前年比|調査結果|集計|調べ`)
	apologyRE          = newPhrase(`お詫び|おわび|Apology`)
	thirdStrongRE      = newPhrase(`同(?:社|大|大学|学|市|町|村|県|法人|組合|院|病院|協会|センター|校|機構|局|省|庁|会)(?:は|が|によると|によれば|の)|と発表した|と公表した|を明らかにした|と明らかにした|を発表した|を公表した|と発表し|を出していました|を出しました|と説明している|と述べ|と話して`)
	thirdWeakRE        = newPhrase(`とのこと|[^」]という。|としている|そうです|したという`)
	infoWordRE         = newPhrase(`情報|データ|名簿|通知|証明書|文書|郵便|封筒|答案|記録|帳票|台帳|用紙|氏名|住所|ファイル|アカウント|ID|パスワード|メール|サーバ|システム|パソコン|PC|USB|端末|書類|資料|伝票|申込書|カルテ|サイト|ホームページ|ウェブ|Web|WEB|ネットワーク|クラウド`)
	reportedSpeechRE   = newPhrase(`と発表|と公表|を発表|を公表|明らかにし|によると|によれば|という。|としている|と説明|と述べ|と話|そうです|とのこと`)
	plainEndRE         = newPhrase(`(?:た|だ|である|という|ている|ていた|ない)。`)
	politeEndRE        = newPhrase(`(?:ます|です|ました|ません|ございます|ください)。`)
	firstPersonRE      = newPhrase(`いたしました|申し上げ|ございます|おります|弊社|当社は|本学|当院|当協会|当法人`)
)

func (v *view) readKind() casebook.Kind {
	if v.sg.notIncident {
		return casebook.KindNotIncident
	}
	d := v.d
	ks := v.kindSigns()
	if ks.template {
		return casebook.KindNotIncident // a template: 株式会社○○○○
	}
	title := ""
	if v.title >= 0 {
		title = d.s[d.lines[v.title].start:d.lines[v.titleLast].end]
	}
	if v.isRegulatorAction(title) {
		v.regulator = true
		return casebook.KindRegulator
	}
	if ks.statistics || ks.event || ks.product || ks.warning {
		return casebook.KindNotIncident
	}
	ks.evidence, ks.told = v.evidenceScore(title), v.eventTold()
	ev, neg := ks.evidence, 0
	if !ks.told {
		return casebook.KindNotIncident // incident words, but nothing happened
	}
	if ks.noInfo {
		return casebook.KindNotIncident // a misprinted price: an error, but no information
	}
	if notIncidentTitleRE.MatchString(strings.TrimSpace(title)) {
		neg += 3
		if !noticeTitleRE.In(title) {
			neg += 4 // not a notice of its own incident at all
		}
	}
	if ev-neg < 2 {
		return casebook.KindNotIncident
	}
	return casebook.KindBreach
}

// isRegulatorAction: the title names an action on a subject, or the
// opening sentences have a regulator act.
func (v *view) isRegulatorAction(title string) bool {
	if regTitleRE.MatchString(title) {
		return true
	}
	n := 0
	for i := v.sentA; i < v.sentB && n < 4; i++ {
		if v.d.sents[i].start < v.body {
			continue
		}
		n++
		if regActRE.In(v.d.sentText(i)) {
			return true
		}
	}
	return false
}

// eventTold: some sentence tells of a cause or a leak as a fact, or the
// title names a cause (メール誤送信について) and the body tells what
// happened in the past tense (職員が…送信しました).
func (v *view) eventTold() bool {
	d := v.d
	titleCause := false
	for _, h := range v.hits {
		if cues.pats[h.pat].table != tabCauses || h.start < v.sg.start {
			continue
		}
		si := d.sentAt(h.start)
		if si < 0 || d.sents[si].advice || d.sents[si].hypo {
			continue
		}
		if h.start >= v.body {
			return true
		}
		titleCause = titleCause || v.title >= 0 && h.start >= d.lines[v.title].start && h.end <= d.lines[v.titleLast].end
	}
	if titleCause {
		for i := v.sentA; i < v.sentB; i++ {
			sn := d.sents[i]
			if sn.start >= v.body && !sn.advice && !sn.hypo && pastNarrativeRE.MatchString(d.s[sn.start:sn.end]) {
				return true
			}
		}
	}
	for i := v.sentA; i < v.sentB; i++ {
		sn := d.sents[i]
		if sn.start >= v.body && !sn.advice && !sn.hypo && leakEventRE.In(d.s[sn.start:sn.end]) {
			return true
		}
	}
	return false
}

// statistics: an article of figures over many organizations (社 counts,
// shares, surveys), not one incident.
func (v *view) statistics(title string) bool {
	companies := 0
	for _, c := range v.counts {
		if c.Unit == "社" {
			companies++
		}
	}
	score := companies
	text := v.d.s[v.sg.start:v.sg.end]
	if statsRE.In(title) {
		score += 3
	}
	if strings.Contains(text, "構成比") {
		score += 2
	}
	// an organization apologizing for its own incident is no statistics
	// article, however many companies its table lists (お取引先43社)
	if apologyRE.In(title) && firstPersonRE.In(text) {
		return false
	}
	return score >= 4 && companies >= 2
}

// evidenceScore weighs what shows one incident happened: cause words and
// events told as facts (not advice, not hypotheses), incident words in
// the title.
func (v *view) evidenceScore(title string) int {
	d := v.d
	ev := 0
	causes := 0
	for _, h := range v.hits {
		if cues.pats[h.pat].table != tabCauses {
			continue
		}
		si := d.sentAt(h.start)
		if si >= 0 && (d.sents[si].advice || d.sents[si].hypo) {
			continue
		}
		causes++
	}
	ev += 2 * min(causes, 3)
	if incidentWords.In(title) {
		ev += 2
	}
	events := 0
	for i := v.sentA; i < v.sentB; i++ {
		sn := d.sents[i]
		if sn.advice || sn.hypo {
			continue
		}
		if leakEventRE.In(d.s[sn.start:sn.end]) {
			events++
		}
	}
	ev += min(events, 4)
	return ev
}

var pastNarrativeRE = regexp.MustCompile(`(?:ました|した|ていた|でした)。?\s*$`)

var commentaryRE = regexp.MustCompile(`(?m)^\s*(引用元|出典[::]?|参考URL|参考文献|【参考文献】|■\s*事故原因|■\s*推奨対策|この記事を書いた人|関連記事|同じテーマの記事|執筆者|著者プロフィール|監修者|■\s*解説|【解説】|筆者|プロフィール$|関連する文例|このトピックの記事)`)

// commentaryStart finds where a case page's commentary (sources, "■ 事故
// 原因", author bios, related articles) begins after the notice: causes,
// data items and responses are read only before it.
func (v *view) commentaryStart() int {
	s := v.d.s[v.sg.start:v.sg.end]
	for _, m := range commentaryRE.FindAllStringIndex(s, -1) {
		if v.sg.start+m[0] > v.body+200 {
			return v.sg.start + m[0]
		}
	}
	return max(v.sg.end, v.body)
}

// thirdPerson: an article about the incident (同社は…と発表した), not the
// organization's own notice.
func (v *view) thirdPerson() bool {
	// a press release is the organization's own, in the plain style
	if pressReleaseRE.In(v.d.s[v.sg.start:min(v.sg.end, v.body+200)]) {
		return false
	}
	t := v.d.s[v.body:v.zone]
	strong, weak := len(thirdStrongRE.FindAll(t)), len(thirdWeakRE.FindAll(t))
	if strong == 0 && weak < 2 {
		return false // "…とのことです" in a notice reports what someone said
	}
	// a notice speaks politely of itself (…いたしました, 申し上げます); an
	// article or a digest's summary does not, and ends its sentences
	// plainly (…と発表した。)
	if firstPersonRE.In(t) {
		// a body's own report in the plain style (…を行った。) reports no
		// one's words; an article does (…と発表した, 同社によると)
		if !reportedSpeechRE.In(t) {
			return false
		}
		return len(plainEndRE.FindAll(t)) > len(politeEndRE.FindAll(t))
	}
	return true
}

var pressReleaseRE = newPhrase(`報道関係者各位|報道関係者 各位|報道機関各位|Press Release|PRESS RELEASE|報道発表資料|記者発表資料|報道資料`)

// eventLabelRE finds the labelled lines of an event announcement (a
// seminar, a training, a briefing): 定員：, 参加費：, 申込方法：, 会場：.
var eventLabelRE = regexp.MustCompile(`(?m)^[\s■□●・◆【\[]*(定員|参加費|受講料|参加料|申込(?:方法|期限|締切)?|申し込み(?:方法)?|お申し?込み(?:方法)?|講師|会場|対象者|受講対象)(?:[】\]]\s*[:：]?|\s*[:：])`)

// eventAnnouncement reports whether text announces an event: two kinds
// of its labels (a notice of a leak has a 日時 at most, never a 定員 or a
// 参加費).
func eventAnnouncement(text string) bool {
	if !eventWordRE.In(text) {
		return false
	}
	seen := map[string]bool{}
	for _, m := range eventLabelRE.FindAllStringSubmatch(text, -1) {
		seen[strings.TrimPrefix(strings.TrimPrefix(m[1], "お"), "申し込み")] = true
	}
	return len(seen) >= 2
}

// eventWordRE: the words every event label holds (a cheap test first).
var eventWordRE = newPhrase(`定員|参加|受講|申込|申し込み|講師|会場|対象者`)

// productLabelRE finds what a product or service page offers: its price,
// a free trial, where it is used, its features.
var productLabelRE = newPhrase(`価格\s*[:：]|月額\s*[\d,]+円|年額\s*[\d,]+円|無料トライアル|無料体験|導入実績|主な機能|資料請求|お見積り|ライセンス(?:費用|料金)`)

// productPage reports whether text sells something: three kinds of its
// labels (a notice of a leak names no price and offers no trial).
func productPage(text string) bool {
	seen := map[string]bool{}
	for _, m := range productLabelRE.FindAll(text) {
		seen[strings.Trim(text[m[0]:m[1]], " :：0123456789,円")] = true
	}
	return len(seen) >= 3
}

// kindSigns are what a segment's whole text says of its kind, read once.
type kindSigns struct {
	template, statistics, event, product, noInfo bool
	warning                                      bool // a warning to readers, no incident of its own told in its title
	evidence                                     int  // evidenceScore; -1 until read
	told                                         bool
}

func (v *view) kindSigns() *kindSigns {
	if v.ks != nil {
		return v.ks
	}
	d := v.d
	text := d.s[v.sg.start:v.sg.end]
	title := ""
	if v.title >= 0 {
		title = d.s[d.lines[v.title].start:d.lines[v.titleLast].end]
	}
	v.ks = &kindSigns{template: len(placeholder.FindAllStringIndex(text, 3)) >= 2, statistics: v.statistics(title), warning: v.warns(title),
		event: eventAnnouncement(text), product: productPage(text), noInfo: !infoWordRE.In(text), evidence: -1}
	return v.ks
}

// kindIsCertain: the rules' kind rests on what a text is by definition,
// however rare such texts are among the labelled ones: a post cut off a
// page for having no incident words, a template with ○○ for its names, a
// statistics article, an event's or a product's page are no incidents; a
// title naming a regulator's action on a subject is one.
func (v *view) kindIsCertain() bool {
	if v.sg.notIncident {
		return true
	}
	d := v.d
	title := ""
	if v.title >= 0 {
		title = d.s[d.lines[v.title].start:d.lines[v.titleLast].end]
	}
	ks := v.kindSigns()
	return ks.template || regTitleRE.MatchString(title) || ks.statistics || ks.event || ks.product || ks.warning
}

// warns: the page is an explainer or a periodic filing (its title says
// so), or a warning to
// its readers (a scam using the
// organization's name, a product's flaw its users must patch): its title,
// or a heading over it, warns, and the title neither apologizes nor tells
// of an incident of its own (弊社社員を装った不審なメールに関するお詫び is
// one; 牧之原市をかたった不審なメールについて is not).
func (v *view) warns(title string) bool {
	if !v.sg.multi && (explainerTitleRE.MatchString(strings.TrimSpace(title)) || filingTitleRE.MatchString(v.headText())) {
		return true // メール誤送信の防止方法｜起きてしまったときのお詫びと対応まで解説
	}
	if ownEventTitleRE.In(title) {
		return false
	}
	if !v.sg.multi && primerTitleRE.MatchString(title) {
		return true
	}
	warning := warningTitleRE.MatchString(title)
	limit := v.bodyLine()
	for i := v.lineA; i < limit && !warning; i++ {
		if l := v.d.lines[i]; l.kind == lineText && l.runes <= 40 && warningTitleRE.MatchString(l.text) && !ownEventTitleRE.In(l.text) {
			warning = true
		}
	}
	// (弊社従業員を装った不審なメールについて, after its own PC was infected:
	// a notice)
	return warning && !v.ownEventTold()
}

// ownEventTold: a sentence of the body tells, undenied and not as advice,
// of an event of the leak (…に感染し, …が流出し).
func (v *view) ownEventTold() bool {
	d := v.d
	for i := v.sentA; i < v.sentB; i++ {
		sn := d.sents[i]
		if sn.start < v.body || sn.advice || sn.hypo {
			continue
		}
		// (what a scam's screen says, 「ウイルスに感染しました」, is quoted)
		if t := quotedRE.ReplaceAllString(d.s[sn.start:sn.end], ""); ownEventRE.In(t) && !causeNegRE.In(t) {
			return true
		}
	}
	return false
}

// explainerTitleRE: a page's title that says it explains or advises,
// whatever incident it takes as its topic.
var explainerTitleRE = regexp.MustCompile(`(?:解説|ポイント|まとめ|コツ|豆知識)$|防止方法|防ぐ方法|対処法$|対策方法`)

// primerTitleRE: a primer's title (…対策の基本, 今すぐできる5つのこと); an
// explainer only where the title tells of no incident of its own (not
// 「高校生活入門講座」申込者の個人情報の漏洩について).
var primerTitleRE = regexp.MustCompile(`対策の基本|基礎知識|入門|できる\d+つのこと|\d+つの(?:こと|ポイント|対策|方法)$`)

// filingTitleRE: a company's periodic filing (決算短信, 有価証券報告書),
// which may mention an incident but is no notice of one.
var filingTitleRE = regexp.MustCompile(`決算短信|有価証券報告書|四半期報告書|半期報告書|決算説明資料|統合報告書|株主総会招集ご通知`)

// ownEventRE: a sentence telling of an event that happened (not of one
// that may: 感染するおそれがあります).
var ownEventRE = newPhrase(`感染し(?:た|まし|てい)|窃取され|流出し(?:た|まし)|漏えいし(?:た|まし)|漏洩し(?:た|まし)|不正アクセスを受け|侵入され|暗号化され|盗まれ|紛失し`)

// quotedRE: words in Japanese quotes.
var quotedRE = regexp.MustCompile(`「[^「」]*」`)

// ownEventTitleRE: a title's words of an incident of the organization's
// own, or of its apology.
var ownEventTitleRE = newPhrase(`お詫び|おわび|流出|漏えい|漏洩|感染|不正アクセス|不正取引|不正ログイン|被害|判明|発生|紛失|盗難|誤送|誤配|誤表示|誤掲載`)

// warningTitleRE: the title of a warning to readers (a scam that uses
// the organization's name, a product's flaw its users must patch), which
// tells of someone else's doing or of a risk, not of a leak of its own.
var warningTitleRE = regexp.MustCompile(`ご注意|注意喚起|をかたる|をかたった|を騙る|を装った|を装う|ご利用の(?:皆様|皆さま|お客様)へ|不審な(?:メール|電話|SMS)`)

// kinds a segment may be, in the order the kind model scores them.
var kinds = []casebook.Kind{casebook.KindBreach, casebook.KindRegulator, casebook.KindNotIncident}

// kindFeatures describes a segment for the kind model; rule is what the
// rules above make of it.
func (v *view) kindFeatures(rule casebook.Kind) []string {
	d := v.d
	text := d.s[v.sg.start:v.sg.end]
	title := ""
	if v.title >= 0 {
		title = d.s[d.lines[v.title].start:d.lines[v.titleLast].end]
	}
	fs := []string{"bias", "rule=" + string(rule)}
	add := func(ok bool, f string) {
		if ok {
			fs = append(fs, f)
		}
	}
	add(v.sg.notIncident, "rule:post")
	add(v.sg.multi, "multi")
	add(v.sg.multi && v.sg.start == 0, "pageHead")
	add(title == "", "notitle")
	add(incidentWords.In(title), "title:inc")
	add(noticeTitleRE.In(title), "title:notice")
	add(notIncidentTitleRE.MatchString(strings.TrimSpace(title)), "title:notIncident")
	add(regTitleRE.MatchString(title), "title:regulator")
	add(warningTitleRE.MatchString(title), "title:warning")
	ks := v.kindSigns()
	add(ks.template, "placeholder")
	add(ks.statistics, "statistics")
	add(ks.event, "event")
	add(ks.product, "product")
	add(ks.noInfo, "noinfo")
	if ks.evidence < 0 { // (the rules stopped before reading them)
		ks.evidence, ks.told = v.evidenceScore(title), v.eventTold()
	}
	add(ks.told, "eventTold")
	n := 0
	for i := v.sentA; i < v.sentB && n < 4; i++ {
		if d.sents[i].start < v.body {
			continue
		}
		n++
		if regActRE.In(d.sentText(i)) {
			fs = append(fs, "regAct")
			break
		}
	}
	fs = append(fs, "evidence="+bucket(ks.evidence, 1, 2, 4, 7, 11))
	causes, advice := 0, 0
	for _, h := range v.hits {
		if cues.pats[h.pat].table != tabCauses {
			continue
		}
		if si := d.sentAt(h.start); si >= 0 && (d.sents[si].advice || d.sents[si].hypo) {
			advice++
		} else {
			causes++
		}
	}
	fs = append(fs, "causes="+bucket(causes, 1, 2, 4, 8), "advice="+bucket(advice, 1, 3, 6))
	fs = append(fs, "len="+bucket(utf8.RuneCountInString(text), 60, 150, 400, 1000, 3000))
	sents := 0
	for i := v.sentA; i < v.sentB; i++ {
		if d.sents[i].end-d.sents[i].start >= 60 {
			sents++
		}
	}
	fs = append(fs, "sents="+bucket(sents, 1, 2, 4, 8, 16))
	add(strings.Contains(text, "?") || strings.Contains(text, "Q"), "question")
	return fs
}

// decideKind chooses the segment's kind: the kind model over the rules'
// view, or the rules alone without a model.
func (v *view) decideKind() casebook.Kind {
	rule := v.readKind()
	m := v.m.get(decKind)
	if m == nil || v.kindIsCertain() {
		return rule
	}
	fs := v.kindFeatures(rule)
	p := probs(m, kindCandidates(fs))
	best := argmax(p)
	v.regulator = kinds[best] == casebook.KindRegulator
	v.kindProb = p[best]
	return kinds[best]
}

func kindCandidates(fs []string) []fvec {
	out := make([]fvec, len(kinds))
	for i, k := range kinds {
		out[i] = fvec{prefix: "kind:" + string(k) + "&", names: fs}
	}
	return out
}
