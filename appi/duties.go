package appi

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"casebook"
	"casebook/jtext"
)

// Every reporting duty a case carries, one per regime. The APPI's is the
// judgement's own fields restated; the others are judged here from the
// record and the law of the day (see ../shared/reference/other-regimes.md):
//
//   - 番号法 when 個人番号 leaked: 29条の4 and its rule's 2条 1–4号 from
//     2022-04-01 (100人超, 不正の目的, 不特定多数の閲覧; 確報 30 days, 60
//     for 2号), the 重大事態 rule of 2016–2022 before (確報 only, no day
//     count); reports go to the PPC, beside the APPI's.
//   - 電気通信事業法 28条 when 通信の秘密 leaked (速やかに, 詳報 within 30
//     days of knowing), and from 2023-06-16 特定利用者情報 of a designated
//     carrier.
//   - a bank's, securities firm's or insurer's 業法 report of any leak of
//     個人顧客 data from 2022-04-01, whatever the count.
//   - the 委託先's duty when the notice names one: its notice to the 委託元
//     (規則9条) or its own report.

var (
	myNumberInUse = jtext.Date{Year: 2016, Month: 1, Day: 1}
	// specifiedUserInfo: 電気通信事業法's 特定利用者情報 rules in force.
	specifiedUserInfo = jtext.Date{Year: 2023, Month: 6, Day: 16}
	// myNumberThreshold: 規則2条4号 (and the old rule's 101人以上).
	myNumberThreshold = int64(100)
)

// financialRE: the banks, securities firms and insurers whose 業法 asks a
// report of every leak of customers' data, with the rule that asks it
// where it has been read (others are named by their law alone).
var financialKinds = []struct {
	re   *regexp.Regexp
	kind string
	rule string
}{
	{regexp.MustCompile(`信託銀行|銀行(?:株式会社)?$|^株式会社.*銀行`), "銀行", "銀行法施行規則13条の6の5の2"},
	{regexp.MustCompile(`信用金庫$`), "信用金庫", "信用金庫法施行規則"},
	{regexp.MustCompile(`信用組合$`), "信用組合", "協同組合による金融事業に関する法律施行規則"},
	{regexp.MustCompile(`労働金庫$`), "労働金庫", "労働金庫法施行規則"},
	{regexp.MustCompile(`証券(?:株式会社)?$|^株式会社.*証券$`), "金融商品取引業者", "金融商品取引業等に関する内閣府令123条1項6号の2"},
	{regexp.MustCompile(`(?:生命|損害|火災|海上|少額短期)?保険(?:株式会社|会社|相互会社)?$|^株式会社.*保険$`), "保険会社", "保険業法施行規則"},
}

// carrierRE: telecom carriers by name (the large ones) or by what the
// name says they are.
var carrierRE = regexp.MustCompile(`NTTドコモ|ドコモ|KDDI|ソフトバンク|楽天モバイル|NTT東日本|NTT西日本|東日本電信電話|西日本電信電話|NTTコミュニケーションズ|ワイモバイル|UQコミュニケーションズ|ケーブルテレビ|通信株式会社$|テレコム`)

func financialKind(r *casebook.Record) (kind, rule string, ok bool) {
	name := strings.ReplaceAll(r.Organization, " ", "")
	if name == "" || classify(r).kind == BodyPublic {
		return "", "", false
	}
	for _, f := range financialKinds {
		if f.re.MatchString(name) {
			return f.kind, f.rule, true
		}
	}
	return "", "", false
}

func isCarrier(r *casebook.Record) bool {
	return r.CommunicationsSecrecy || carrierRE.MatchString(strings.ReplaceAll(r.Organization, " ", ""))
}

// duties lists the case's duties: the APPI's first, then the others in a
// fixed order.
func duties(r *casebook.Record, j *casebook.Judgement) []casebook.Duty {
	day, dated := ruleDay(j.Law)
	out := []casebook.Duty{appiDuty(r, j)}
	if r.Kind == casebook.KindRegulator && r.Findings != nil && r.Findings.Law != "" {
		out = append(out, regulatorDuty(r))
	}
	if r.MyNumber {
		out = append(out, myNumberDuty(r, j, day, dated))
	}
	if d, ok := telecomDuty(r, j, day); ok {
		out = append(out, d)
	}
	if d, ok := financialDuty(r, j, day); ok {
		out = append(out, d)
	}
	if r.Processor != "" {
		out = append(out, processorDuty(r, j, day))
	}
	return out
}

// ruleDay is the day the law was taken from, or a day far ahead (today's
// rules) when the case has none.
func ruleDay(law casebook.Law) (jtext.Date, bool) {
	if d, err := parse(law.On); err == nil {
		return d, true
	}
	return jtext.Date{Year: 9999, Month: 12, Day: 31}, false
}

// appiDuty restates the judgement's APPI fields as a duty.
func appiDuty(r *casebook.Record, j *casebook.Judgement) casebook.Duty {
	law := j.Law
	d := casebook.Duty{Regime: casebook.DutyAPPI, Law: "個人情報保護法", Authority: "個人情報保護委員会",
		Bearer: orgOrUnknown(r), Items: j.Reportable.Items, Deadlines: j.Deadlines, Reports: j.Reports,
		Notify: j.NotifyIndividuals.Required}
	rule := "規則7条"
	if j.PublicBody {
		rule = "規則43条"
	}
	switch law.Regime {
	case casebook.RegimeAPPI2022, casebook.RegimePublic2022:
		d.Basis = "法" + law.ReportArticle + "条1項、" + rule
		if len(j.Reportable.Items) > 0 {
			d.Basis += joinItems(j.Reportable.Items)
		}
	case casebook.RegimeGuideline2017:
		d.Basis = "旧法(報告は告示による努力義務)"
	default:
		d.Basis = "—"
	}
	switch {
	case outsideAPPI(r):
		d.Status = casebook.DutyNotJudged
		d.Explanation = r.Findings.Regulator + "は" + r.Findings.Law + "に基づき措置した。個人情報保護法上の推定は加えない"
		return d
	case law.Regime == casebook.RegimeGuideline2017:
		d.Status = casebook.DutyVoluntary
	case !law.Judged():
		d.Status = casebook.DutyNotJudged
	case len(j.Reportable.Items) > 0:
		d.Status = casebook.DutyRequired
	case skimmedBefore2024(r, law):
		d.Status = casebook.DutyVoluntary
	default:
		d.Status = casebook.DutyNotRequired
	}
	if a := appiAuthority(r, j); a != "" {
		d.Authority = a
	}
	why := []string{strings.TrimSuffix(law.Note, skimmedShort)}
	for _, n := range j.Reportable.Items {
		why = append(why, fmt.Sprintf("%s%d号: %s", rule, n, j.Reportable.Reasons[strconv.Itoa(n)]))
	}
	if skimmedBefore2024(r, law) {
		why = append(why, skimmingNote)
	}
	if d.Status == casebook.DutyNotRequired {
		why = append(why, rule+"のいずれにも該当が確認できない(任意の報告は可能)")
	}
	d.Explanation = strings.Join(why, "。")
	return d
}

// appiAuthority: the APPI report of a bank or a telecom carrier goes to
// the ministry the PPC delegated it to (法150条).
func appiAuthority(r *casebook.Record, j *casebook.Judgement) string {
	if j.PublicBody {
		return ""
	}
	if _, _, ok := financialKind(r); ok {
		return "金融庁(財務局)(個人情報保護委員会から権限の委任)"
	}
	if isCarrier(r) {
		return "総務省(総合通信局)(個人情報保護委員会から権限の委任)"
	}
	return ""
}

// outsideAPPI: a regulator other than the PPC acted under its own law;
// its finding is what the case is judged by.
func outsideAPPI(r *casebook.Record) bool {
	return r.Kind == casebook.KindRegulator && r.Findings != nil && r.Findings.Law != "" &&
		!strings.Contains(r.Findings.Regulator, "個人情報保護委員会")
}

// regulatorDuty: what a regulator found under its own law.
func regulatorDuty(r *casebook.Record) casebook.Duty {
	f := r.Findings
	who := f.Regulator
	if who == "" {
		who = "規制当局"
	}
	acts := casebook.Labels(casebook.Actions, f.Actions, "・")
	if acts == "" {
		acts = "措置"
	}
	return casebook.Duty{Regime: casebook.DutyRegulator, Law: f.Law, Basis: f.Law, Status: casebook.DutyRequired,
		Authority: who, Bearer: orgOrUnknown(r),
		Reports:     casebook.Reports{Prelim: notJudged(), Final: notJudged()},
		Explanation: fmt.Sprintf("%sが%sに基づき%sを行った(規制当局の認定が判断に優先する)", who, f.Law, acts)}
}

func notJudged() casebook.ReportStatus {
	return casebook.ReportStatus{Status: casebook.StatusNotJudged}
}

// myNumberDuty: 番号法's report of a leak of 特定個人情報.
func myNumberDuty(r *casebook.Record, j *casebook.Judgement, day jtext.Date, dated bool) casebook.Duty {
	d := casebook.Duty{Regime: casebook.DutyMyNumber, Law: "番号法(行政手続における特定の個人を識別するための番号の利用等に関する法律)",
		Authority: "個人情報保護委員会", Bearer: orgOrUnknown(r)}
	public := j.PublicBody
	count := int64(-1)
	if r.Affected != nil && r.Affected.Count != nil {
		count = *r.Affected.Count
	}
	wrongful := ""
	for _, c := range r.Causes {
		if why, ok := wrongfulCauses[c]; ok && c != "web_skimming" {
			wrongful = why
			break
		}
	}
	exposed := contains(r.Causes, "publishing_error") || contains(r.Causes, "misconfiguration")
	dates := casebook.Dates{}
	if r.Dates != nil {
		dates = *r.Dates
	}
	switch {
	case day.Before(myNumberInUse):
		d.Status, d.Basis = casebook.DutyNotJudged, "—"
		d.Explanation = "2016年1月より前: 個人番号の利用開始前"
		d.Reports = casebook.Reports{Prelim: notJudged(), Final: notJudged()}
		return d
	case day.Before(appiInForce):
		// the 重大事態 rule of 2016–2022: a legal 確報 for an actual 重大事態,
		// everything else an effort under the 告示; no day count, no notice
		// to individuals
		d.Basis = "番号法28条の4(当時)、特定個人情報の漏えいその他の特定個人情報の安全の確保に係る重大な事態の報告に関する規則2条"
		var why []string
		if count > myNumberThreshold {
			why = append(why, fmt.Sprintf("本人の数が101人以上(%s人)", comma(count)))
		}
		if exposed {
			why = append(why, "不特定多数の者が閲覧できる状態になった")
		}
		if wrongful != "" {
			why = append(why, "不正の目的による持出し・利用等: "+wrongful)
		}
		d.Reports = casebook.Reports{Prelim: voluntary(j.Reports.Prelim), Final: voluntary(j.Reports.Final)}
		if len(why) > 0 {
			d.Status = casebook.DutyRequired
			d.Explanation = "2022年4月1日前の重大事態(" + strings.Join(why, "、") + "): 重大事態が生じたときの報告(確報)が法定の義務、第一報は告示による努力義務。期限の日数の定めはない。本人への連絡は望ましいとされていた"
		} else {
			d.Status = casebook.DutyVoluntary
			d.Explanation = "2022年4月1日前: 重大事態(101人以上、不特定多数の閲覧、不正の目的等)に当たらない漏えいの報告は告示による努力義務"
		}
		return d
	}
	var items []int
	var why []string
	if public {
		why = append(why, "個人番号利用事務の情報システムで管理されていた特定個人情報であれば1号(人数を問わない)")
	}
	if wrongful != "" {
		items = append(items, 2)
		why = append(why, "2号: 不正の目的による漏えい等のおそれ("+wrongful+")")
	}
	if exposed {
		items = append(items, 3)
		why = append(why, "3号: 電磁的方法により不特定多数の者に閲覧されたおそれ")
	}
	if count > myNumberThreshold {
		items = append(items, 4)
		why = append(why, fmt.Sprintf("4号: 本人の数が100人を超える(%s人)", comma(count)))
	} else if count >= 0 {
		why = append(why, fmt.Sprintf("本人の数は%s人で100人以下", comma(count)))
	}
	d.Items = items
	d.Basis = "番号法29条の4第1項、特定個人情報の漏えい等に関する報告等に関する規則2条" + joinItems(items)
	if len(items) == 0 {
		d.Status = casebook.DutyVoluntary
		d.Reports = casebook.Reports{Prelim: voluntary(j.Reports.Prelim), Final: voluntary(j.Reports.Final)}
		effort := "事業者は委員会に報告するよう努める"
		if public {
			effort = "行政機関等は委員会に報告するものとされる(ガイドライン)"
		}
		d.Explanation = strings.Join(append(why, "規則2条の報告対象事態に当たらない: "+effort), "。")
		return d
	}
	d.Status = casebook.DutyRequired
	d.Notify = true
	days := 30
	if slices.Contains(items, 2) {
		days = 60
	}
	d.Deadlines, d.Reports = deadlines(dates, days)
	if !dated {
		why = append(why, "日付が読み取れないため現行の規律で判断")
	}
	why = append(why, fmt.Sprintf("速報は知った後速やかに(概ね3〜5日)、確報は%d日以内(規則3条)。個人情報保護法の報告と同じ様式で委員会へ。本人への通知も必要(法29条の4第2項)", days))
	if r.Processor != "" {
		why = append(why, "委託先("+r.Processor+")も原則として報告義務を負い、委託元へ通知すれば免除(規則4条)")
	}
	d.Explanation = strings.Join(why, "。")
	return d
}

// deadlines: the 速報's guide and the 確報's deadline counted as the PPC
// counts them (the day of learning is day 1, closed days roll forward),
// with the notice's reports to the PPC against them.
func deadlines(d casebook.Dates, days int) (casebook.Deadlines, casebook.Reports) {
	rep := casebook.Reports{Prelim: casebook.ReportStatus{Date: d.ReportedPPC, Status: casebook.StatusUnknown},
		Final: casebook.ReportStatus{Date: d.ReportedPPCFinal, Status: casebook.StatusUnknown}}
	learned, err := parse(d.Discovered)
	if err != nil {
		return casebook.Deadlines{FinalDays: days}, rep
	}
	pg := learned.AddDays(PrelimGuideDays - 1).String()
	fd := FinalDeadline(learned, days).String()
	return casebook.Deadlines{PrelimGuide: &pg, Final: &fd, FinalDays: days},
		casebook.Reports{Prelim: prelimStatus(learned, d.ReportedPPC), Final: finalStatus(learned, d.ReportedPPCFinal, fd)}
}

func voluntary(s casebook.ReportStatus) casebook.ReportStatus {
	return casebook.ReportStatus{Date: s.Date, Day: s.Day, Status: casebook.StatusVoluntary}
}

// telecomDuty: 電気通信事業法's report of a leak of 通信の秘密, and from
// 2023-06-16 of a designated carrier's 特定利用者情報.
func telecomDuty(r *casebook.Record, j *casebook.Judgement, day jtext.Date) (casebook.Duty, bool) {
	if j.PublicBody || !isCarrier(r) {
		return casebook.Duty{}, false
	}
	d := casebook.Duty{Regime: casebook.DutyTelecom, Law: "電気通信事業法", Bearer: orgOrUnknown(r),
		Authority: "総務大臣(本社所在地を管轄する総合通信局)",
		Reports:   casebook.Reports{Prelim: casebook.ReportStatus{Status: casebook.StatusUnknown}, Final: casebook.ReportStatus{Status: casebook.StatusUnknown}}}
	designated := !day.Before(specifiedUserInfo)
	switch {
	case r.CommunicationsSecrecy:
		d.Status = casebook.DutyRequired
		d.Basis = "電気通信事業法28条、施行規則57条(通信の秘密の漏えい)"
		d.Explanation = "通信の秘密の漏えいは人数を問わず報告: 第一報は発覚後速やかに、詳報は知った日から30日以内(様式第50の2)"
		if learned, err := parse(datesOf(r).Discovered); err == nil {
			// 30日以内 counted from the day after (民法140条), a closed day
			// moving it to the next open one (行政機関の休日に関する法律2条)
			fd := learned.AddDays(30)
			for IsClosed(fd) {
				fd = fd.AddDays(1)
			}
			s := fd.String()
			d.Deadlines = casebook.Deadlines{Final: &s, FinalDays: 30}
		}
		if designated {
			d.Explanation += "。総務大臣の指定を受けた事業者は特定利用者情報の漏えいも報告対象(2023年6月16日施行)"
		}
	case designated:
		d.Status = casebook.DutyConditional
		d.Basis = "電気通信事業法27条の5以下、施行規則(特定利用者情報)"
		d.Explanation = "総務大臣の指定を受けた電気通信事業者であれば、利用者の情報(特定利用者情報)の漏えいを総合通信局へ報告(2023年6月16日施行)。通信の秘密は公表文から確認できない"
	default:
		return casebook.Duty{}, false
	}
	return d, true
}

// financialDuty: a bank's, securities firm's or insurer's report of a leak
// of 個人顧客 data to its supervisor under its business law.
func financialDuty(r *casebook.Record, j *casebook.Judgement, day jtext.Date) (casebook.Duty, bool) {
	kind, rule, ok := financialKind(r)
	if !ok {
		return casebook.Duty{}, false
	}
	d := casebook.Duty{Regime: casebook.DutyFinancial, Law: lawOfRule(rule), Basis: rule,
		Authority: "金融庁(財務局等の監督当局)", Bearer: orgOrUnknown(r),
		Reports: casebook.Reports{Prelim: casebook.ReportStatus{Status: casebook.StatusUnknown}, Final: casebook.ReportStatus{Status: casebook.StatusUnknown}}}
	if day.Before(appiInForce) {
		d.Status = casebook.DutyVoluntary
		d.Reports = casebook.Reports{Prelim: voluntary(d.Reports.Prelim), Final: voluntary(d.Reports.Final)}
		d.Basis = "金融分野における個人情報保護に関するガイドライン(当時)"
		d.Explanation = kind + ": 2022年4月1日前は金融分野ガイドラインにより漏えい事案等を監督当局へ直ちに報告することとされていた(業法上の報告義務は2022年4月1日から)"
		return d, true
	}
	d.Status = casebook.DutyRequired
	if learned, err := parse(datesOf(r).Discovered); err == nil {
		pg := learned.AddDays(PrelimGuideDays - 1).String()
		d.Deadlines = casebook.Deadlines{PrelimGuide: &pg}
	}
	d.Explanation = kind + ": 個人顧客に関する個人データの漏えい等は人数や規則7条の該当を問わず、監督当局へ速やかに(原則として概ね3〜5日以内)報告し、その後も続報する(金融機関における個人情報保護に関するQ&A 問4-6等)。個人情報保護法の報告と一つの報告書で兼ねることができる"
	return d, true
}

func lawOfRule(rule string) string {
	switch {
	case strings.HasPrefix(rule, "銀行法"):
		return "銀行法"
	case strings.HasPrefix(rule, "金融商品取引業"):
		return "金融商品取引法"
	case strings.HasPrefix(rule, "保険業法"):
		return "保険業法"
	case strings.HasPrefix(rule, "信用金庫法"):
		return "信用金庫法"
	case strings.HasPrefix(rule, "労働金庫法"):
		return "労働金庫法"
	}
	return "協同組合による金融事業に関する法律"
}

// processorDuty: the 委託先's own duty. A business's 委託先 owes the report
// with its client unless it notifies the client (法26条1項ただし書、規則
// 9条); a public body's 委託先 is a business under 法26条 with 規則7条's
// thresholds, while the body reports under 法68条, which has no such
// proviso.
func processorDuty(r *casebook.Record, j *casebook.Judgement, day jtext.Date) casebook.Duty {
	p := r.Processor
	d := casebook.Duty{Regime: casebook.DutyProcessor, Law: "個人情報保護法", Bearer: p,
		Authority: orgOrUnknown(r) + "(委託元)への通知、又は個人情報保護委員会への報告",
		Reports:   casebook.Reports{Prelim: casebook.ReportStatus{Status: casebook.StatusUnknown}, Final: casebook.ReportStatus{Status: casebook.StatusUnknown}}}
	if day.Before(appiInForce) {
		d.Status, d.Basis = casebook.DutyVoluntary, "旧法(報告は告示による努力義務)"
		d.Reports = casebook.Reports{Prelim: voluntary(d.Reports.Prelim), Final: voluntary(d.Reports.Final)}
		d.Explanation = "2022年4月1日前: 委託先(" + p + ")から委託元への報告・委託元による報告は努力義務"
		return d
	}
	// the 委託先 is judged as a business, whatever its client is
	asBusiness := casebook.Law{Regime: casebook.RegimeAPPI2022, Body: BodyPrivate, On: j.Law.On}
	items, reasons := reportableItems(r, asBusiness)
	d.Items = items
	d.Basis = "法26条1項ただし書、規則9条"
	if len(items) == 0 {
		d.Status = casebook.DutyNotRequired
		d.Explanation = "委託先(" + p + ")について規則7条(1,000人超等)の該当が確認できない。委託元への速やかな報告は委託契約上求められるのが通例"
		return d
	}
	d.Status = casebook.DutyRequired
	var why []string
	for _, n := range items {
		why = append(why, fmt.Sprintf("規則7条%d号: %s", n, reasons[strconv.Itoa(n)]))
	}
	who := "委託元(" + orgOrUnknown(r) + ")と委託先(" + p + ")の双方が原則として報告義務を負う(連名も可)。委託先は委託元へ速やかに(概ね3〜5日以内)規則8条1項の事項を通知すれば、委員会への報告と本人への通知を免れる(法26条1項ただし書、規則9条)"
	if j.PublicBody {
		who = "委託元(" + orgOrUnknown(r) + ")は行政機関等として法68条により自ら報告する(法68条に委託の但書はない)。委託先(" + p + ")は個人情報取扱事業者として法26条の義務を負い、委託元へ規則9条の通知をすれば免除される"
	}
	d.Explanation = strings.Join(append(why, who), "。")
	return d
}

// skimmedShort is what the law's note adds for such a case.
const skimmedShort = "。Webスキミングは2024年4月1日前のため報告対象事態に当たらない(任意の報告)"

// skimmingNote explains why card data skimmed before 2024-04-01 made no
// report a duty.
const skimmingNote = "Webスキミング: 2024年4月1日より前は、決済画面で入力され攻撃者へ直接送られたカード情報等は事業者が取得した個人データではなく、規則7条のいずれの号にも当たらなかった(報告は任意。サーバーに保存された個人データも漏えいした場合を除く)。2024年4月1日からは3号(取得しようとしている個人情報を含む、確報60日)"

// skimmedBefore2024: card data skimmed as it was typed, learned of before
// the 2024-04-01 amendment, under a regime that judges reports.
func skimmedBefore2024(r *casebook.Record, law casebook.Law) bool {
	return contains(r.Causes, "web_skimming") && law.On != nil && *law.On < rule3Acquiring.String()
}

func joinItems(items []int) string {
	if len(items) == 0 {
		return ""
	}
	s := append([]int(nil), items...)
	sort.Ints(s)
	parts := make([]string, len(s))
	for i, n := range s {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, "号・") + "号"
}

func datesOf(r *casebook.Record) casebook.Dates {
	if r.Dates == nil {
		return casebook.Dates{}
	}
	return *r.Dates
}

func orgOrUnknown(r *casebook.Record) string {
	if r.Organization == "" {
		return "(組織名不明)"
	}
	return r.Organization
}
