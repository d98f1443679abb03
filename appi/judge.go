package appi

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"casebook"
	"casebook/jtext"
)

var publicOrgRE = regexp.MustCompile(`(都|道|府|県|市|区|町|村)(役所|役場|庁)?$|教育委員会|(都|道|府|県|市|区|町|村)立|省$|庁$|^(国|地方)?独立行政法人|国立大学法人|公立大学法人|議会$|警察`)

// IsPublicBody reports whether the organization is a 行政機関等 (public
// body), for which 規則43条 applies (a threshold of 100 people, and 5号).
func IsPublicBody(r *casebook.Record) bool {
	return r.Sector == "public" || publicOrgRE.MatchString(r.Organization)
}

// wrongfulCauses are the causes that make a leak one "possibly caused
// with wrongful intent" (3号), with why.
var wrongfulCauses = map[string]string{
	"unauthorized_access": "不正アクセス(不正の目的をもって行われたおそれ)",
	"web_skimming":        "決済画面等の改ざんによる窃取(取得しようとしている個人情報を含む。2024年4月1日施行)",
	"ransomware":          "ランサムウェア(不正の目的をもって行われたおそれ)",
	"malware":             "マルウェア感染(不正の目的をもって行われたおそれ)",
	"account_compromise":  "アカウントへの不正ログイン(不正の目的をもって行われたおそれ)",
	"social_engineering":  "詐欺・なりすましによる攻撃(不正の目的をもって行われたおそれ)",
	"insider_misuse":      "従業者等による持ち出し(不正の目的のおそれ)",
	"theft":               "盗難(不正の目的をもって行われたおそれ)",
	"defacement":          "Webサイトの改ざん(不正の目的をもって行われたおそれ)",
}

// Judge judges a case. Only the record's facts are used.
func Judge(r *casebook.Record) *casebook.Judgement {
	j := &casebook.Judgement{PublicBody: IsPublicBody(r), Reportable: casebook.Reportable{Items: []int{}, Reasons: map[string]string{}}}
	has := func(items ...string) bool {
		for _, it := range items {
			for _, x := range r.DataItems {
				if x == it {
					return true
				}
			}
		}
		return false
	}
	add := func(n int, reason string) {
		j.Reportable.Items = append(j.Reportable.Items, n)
		j.Reportable.Reasons[strconv.Itoa(n)] = reason
	}
	if has("health") {
		add(1, "要配慮個人情報(病歴・診療情報等)が含まれる")
	}
	if has("card_number", "card_cvv", "bank_account") {
		add(2, "クレジットカード番号・口座情報等、不正に利用されると財産的被害が生じるおそれがある")
	}
	for _, c := range r.Causes {
		if why, ok := wrongfulCauses[c]; ok {
			add(3, why)
			break
		}
	}
	threshold := int64(1000)
	if j.PublicBody {
		threshold = 100
	}
	if r.Affected != nil && r.Affected.Count != nil && *r.Affected.Count > threshold {
		add(4, fmt.Sprintf("本人の数が%s人を超える(%s人)", comma(threshold), comma(*r.Affected.Count)))
	}
	reportable := len(j.Reportable.Items) > 0
	wrongful := j.Reportable.Reasons["3"] != ""

	var d casebook.Dates
	if r.Dates != nil {
		d = *r.Dates
	}
	j.Learned = d.Discovered
	j.NotifyIndividuals = casebook.NotifyIndividuals{Required: reportable, Stated: contains(r.Responses, "notified_individuals")}
	j.Reports.Prelim = casebook.ReportStatus{Date: d.ReportedPPC, Status: "unknown"}
	j.Reports.Final = casebook.ReportStatus{Date: d.ReportedPPCFinal, Status: "unknown"}
	if !reportable {
		j.Reports.Prelim.Status, j.Reports.Final.Status = "not_required", "not_required"
	}
	learned, err := parse(d.Discovered)
	if err == nil {
		j.Deadlines.FinalDays = 30
		if wrongful {
			j.Deadlines.FinalDays = 60
		}
		if reportable {
			pg := learned.AddDays(4).String()
			j.Deadlines.PrelimGuide = &pg
			fd := FinalDeadline(learned, j.Deadlines.FinalDays).String()
			j.Deadlines.Final = &fd
		}
		j.Reports.Prelim = status(learned, d.ReportedPPC, j.Deadlines.PrelimGuide, reportable)
		j.Reports.Final = status(learned, d.ReportedPPCFinal, j.Deadlines.Final, reportable)
	}
	j.Safeguards = safeguards(r, j)
	j.JNSA = JNSAEstimate(r, j.PublicBody)
	return j
}

func parse(p *string) (jtext.Date, error) {
	if p == nil {
		return jtext.Date{}, fmt.Errorf("no date")
	}
	return jtext.ParseISO(*p)
}

// FinalDeadline is the 確報 deadline: the day of learning is day 1, so the
// deadline is learned + days − 1, moved forward past Saturdays, Sundays,
// national holidays and 12/29–1/3.
func FinalDeadline(learned jtext.Date, days int) jtext.Date {
	d := learned.AddDays(days - 1)
	for IsClosed(d) {
		d = d.AddDays(1)
	}
	return d
}

// DayNumber counts a report's day with the learning day as day 1, as the PPC writes it.
func DayNumber(learned, report jtext.Date) int { return learned.DaysUntil(report) + 1 }

func status(learned jtext.Date, date, deadline *string, required bool) casebook.ReportStatus {
	st := casebook.ReportStatus{Date: date, Status: "unknown"}
	if !required {
		st.Status = "not_required"
	}
	rd, err := parse(date)
	if err != nil {
		return st
	}
	n := DayNumber(learned, rd)
	st.Day = &n
	dl, err := parse(deadline)
	if err != nil {
		return st
	}
	if late := dl.DaysUntil(rd); late > 0 {
		st.Status, st.LateBy = "late", late
	} else {
		st.Status = "on_time"
	}
	return st
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func comma(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// causeSafeguards maps causes to the safeguards they implicate.
var causeSafeguards = map[string][]struct{ id, why string }{
	"unauthorized_access": {{"10-6(3)", "外部からの不正アクセスを防げなかった"}},
	"web_skimming":        {{"10-6(3)", "ECサイトの脆弱性を突かれ決済画面が改ざんされた"}, {"10-6(4)", "改ざんに長期間気づかなかった(改ざん検知・設計時の安全性)"}},
	"ransomware":          {{"10-6(3)", "ランサムウェアの侵入を許した(脆弱性・VPN機器等の管理)"}, {"10-3(4)", "暗号化被害からの復旧と事実調査の体制が問われる"}},
	"malware":             {{"10-6(3)", "マルウェアの侵入・実行を防げなかった"}, {"10-4", "不審なメール・ソフトへの注意を徹底できていない"}},
	"account_compromise":  {{"10-6(2)", "アカウントに不正ログインされた(認証の強度)"}},
	"social_engineering":  {{"10-4", "詐欺・なりすましに従業者が応じた"}, {"10-6(3)", "遠隔操作ソフト等の導入を技術的に止められなかった"}},
	"misconfiguration":    {{"10-6(1)", "設定・アクセスキーの管理不備でデータに到達できた"}, {"10-3(5)", "設定の点検・見直しが行われていなかった"}},
	"misdelivery":         {{"10-6(4)", "誤送信・誤送付を防ぐ仕組み(送信前確認・一斉配信システム)がなかった"}, {"10-4", "宛先の扱い(BCC等)についての教育が不足"}},
	"publishing_error":    {{"10-6(4)", "システムや掲載の誤りで他人の情報が見える状態になった(設計・試験の不備)"}, {"10-3(2)", "公開・移行作業の手順どおりの運用が確認されていない"}},
	"loss":                {{"10-5(3)", "個人データを記録した媒体・書類の持ち運び中に紛失した"}, {"10-5(2)", "媒体の所在管理が不十分"}},
	"theft":               {{"10-5(2)", "機器・書類の盗難を防げなかった"}, {"10-5(3)", "持ち運ぶ媒体の暗号化等の備えが問われる"}},
	"insider_misuse":      {{"art24", "従業者による持ち出しを防げなかった(従業者の監督)"}, {"10-3(2)", "規律に従った運用をログ等で確認できていない"}, {"10-6(4)", "私用クラウド・SNS等への持ち出し経路を制限していない"}},
	"improper_disposal":   {{"10-5(4)", "個人データを含む書類・機器を誤って廃棄した"}},
	"defacement":          {{"10-6(3)", "Webサイトの改ざんを許した"}},
}

func safeguards(r *casebook.Record, j *casebook.Judgement) []casebook.SafeguardHit {
	var out []casebook.SafeguardHit
	seen := map[string]bool{}
	addHit := func(id, reason string) {
		if seen[id] {
			return
		}
		seen[id] = true
		sg, _ := SafeguardByID(id)
		art := sg.Article
		if j.PublicBody && art == "23" {
			art = "66"
		}
		out = append(out, casebook.SafeguardHit{ID: id, Article: art, Title: sg.Title, Reason: reason})
	}
	for _, c := range r.Causes {
		for _, m := range causeSafeguards[c] {
			addHit(m.id, casebook.Label(casebook.Causes, c)+": "+m.why)
		}
	}
	if r.Contractor {
		addHit("art25", "委託先が関与している: 委託先における取扱状況の把握・監督が問われる")
	}
	if j.Reports.Prelim.Day != nil && j.Reports.Prelim.Status == "late" {
		addHit("10-3(4)", fmt.Sprintf("発覚から速報まで%d日: 漏えい等事案に対応する体制が機能していない", *j.Reports.Prelim.Day))
	} else if j.Reports.Final.Day != nil && j.Reports.Final.Status == "late" {
		addHit("10-3(4)", fmt.Sprintf("発覚から確報まで%d日(期限超過%d日): 漏えい等事案に対応する体制が機能していない", *j.Reports.Final.Day, j.Reports.Final.LateBy))
	}
	if j.Reports.Prelim.Status == "late" || j.Reports.Final.Status == "late" {
		art := "26"
		if j.PublicBody {
			art = "68"
		}
		reason := "委員会への報告が期限(速報は概ね3〜5日、確報は30日/60日)を過ぎた"
		out = append(out, casebook.SafeguardHit{ID: "art26", Article: art, Title: "漏えい等の報告・本人通知", Reason: reason})
		seen["art26"] = true
	}
	if len(j.Reportable.Items) > 0 && !j.NotifyIndividuals.Stated && !seen["art26"] {
		art := "26"
		if j.PublicBody {
			art = "68"
		}
		out = append(out, casebook.SafeguardHit{ID: "art26", Article: art, Title: "漏えい等の報告・本人通知",
			Reason: "報告対象事態に当たるが、公表文から本人への通知が確認できない"})
	}
	sort.SliceStable(out, func(a, b int) bool { return catalogueIndex(out[a].ID) < catalogueIndex(out[b].ID) })
	return out
}

func catalogueIndex(id string) int {
	for i, s := range Catalogue {
		if s.ID == id {
			return i
		}
	}
	return len(Catalogue)
}

// epLevels places data items on JNSA's EP map: x = mental distress,
// y = economic loss.
var epLevels = map[string][2]int{
	"name": {1, 1}, "address": {1, 1}, "phone": {1, 1}, "fax": {1, 1}, "email": {1, 1}, "birthdate": {1, 1},
	"age": {1, 1}, "gender": {1, 1}, "school": {1, 1}, "employer": {1, 1}, "photo": {1, 1}, "customer_id": {1, 1},
	"government_id": {1, 1}, "order_history": {1, 2}, "password": {1, 2}, "bank_account": {1, 2},
	"card_holder": {1, 1}, "card_number": {1, 3}, "card_expiry": {1, 3}, "card_cvv": {1, 3},
	"grades": {2, 1}, "health": {2, 1},
}

// JNSAEstimate applies the JNSA damage operation model:
// 500 × (10^(x−1) + 5^(y−1)) × 本人特定容易度 × 社会的責任度 × 事後対応評価 per person.
func JNSAEstimate(r *casebook.Record, public bool) casebook.JNSA {
	x, y := 1, 1
	has := map[string]bool{}
	for _, it := range r.DataItems {
		has[it] = true
		if l, ok := epLevels[it]; ok {
			x, y = max(x, l[0]), max(y, l[1])
		}
	}
	j := casebook.JNSA{X: x, Y: y, Identifiability: 1, Social: 1, Response: 1}
	switch {
	case has["name"] && has["address"]:
		j.Identifiability = 6
	case has["name"] || has["address"] && has["phone"]:
		j.Identifiability = 3
	}
	if len(r.DataItems) == 0 {
		j.Assumed = append(j.Assumed, "items")
	}
	if public {
		j.Social = 2
	} else {
		j.Assumed = append(j.Assumed, "social")
	}
	j.Assumed = append(j.Assumed, "response")
	base := 500 * (math.Pow(10, float64(x-1)) + math.Pow(5, float64(y-1)))
	j.PerPersonYen = int64(base) * int64(j.Identifiability*j.Social*j.Response)
	if r.Affected != nil && r.Affected.Count != nil {
		t := j.PerPersonYen * *r.Affected.Count
		j.TotalYen = &t
	} else {
		j.Assumed = append(j.Assumed, "count")
	}
	return j
}
