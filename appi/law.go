package appi

import (
	"regexp"
	"strings"

	"casebook"
	"casebook/jtext"
)

// The law as a function of time. Which rules a case falls under depends
// on what the organization is and on the day it learned of the leak:
//
//   - a business: before 2022-04-01 reporting was a 努力義務 under the
//     PPC's 告示 (平成29年個人情報保護委員会告示第1号); from then 法26条 and
//     規則7条 made it a duty with deadlines.
//   - a 規律移行法人 (法58条: 国立大学法人, 国立研究開発法人, 独立行政法人
//     国立病院機構 …) follows the business rules from 2022-04-01; a
//     地方独立行政法人 running a university, hospital or research institute
//     (公立大学法人 …) from 2023-04-01.
//   - a national body (行政機関, 独立行政法人等) falls under 法68条 and
//     規則43条 from 2022-04-01, a local government from 2023-04-01; before
//     that, national bodies had the 2003 public-sector laws and local
//     governments their own 条例, neither with a duty to report to the PPC.
//
// 規則7条3号 was extended on 2024-04-01 to information being acquired
// (card data skimmed as it was typed).

// Body kinds under the law.
const (
	BodyPrivate     = "private"
	BodyTransferred = "transferred" // 法58条: judged as private
	BodyPublic      = "public"
)

var (
	appiInForce      = jtext.Date{Year: 2022, Month: 4, Day: 1}
	localInForce     = jtext.Date{Year: 2023, Month: 4, Day: 1}
	rule3Acquiring   = jtext.Date{Year: 2024, Month: 4, Day: 1}
	guidelineInForce = jtext.Date{Year: 2017, Month: 5, Day: 30}
)

// body is what an organization is, for the law.
type body struct {
	kind  string // BodyPrivate, BodyTransferred, BodyPublic
	local bool   // a local government or a local independent agency
}

// transferredRE: the 規律移行法人 of 法58条 and 別表第二 (national).
var transferredRE = regexp.MustCompile(`^(?:国立大学法人|国立研究開発法人|大学共同利用機関法人)|独立行政法人国立病院機構|国立病院機構|独立行政法人地域医療機能推進機構|地域医療機能推進機構|放送大学学園|沖縄科学技術大学院大学`)

// localTransferredRE: 地方独立行政法人 doing research, a university or a
// hospital (法58条2項), public university corporations.
var localTransferredRE = regexp.MustCompile(`^公立大学法人|^地方独立行政法人.*(?:大学|病院|医療センター|医療機構|研究|試験)`)

var (
	nationalBodyRE = regexp.MustCompile(`(?:省|庁|労働局|財務局|運輸局|法務局|税務署|国税局|公共職業安定所|ハローワーク|入国管理局|検察庁|裁判所|委員会事務局|会計検査院|人事院|内閣府|国会)$`)
	localBodyRE    = regexp.MustCompile(`(?:都|道|府|県|市|区|町|村)(?:役所|役場|庁)?$|(?:都|道|府|県|市|区|町|村)(?:教育委員会|議会|選挙管理委員会|消防本部|消防局|水道局|交通局|病院局|企業局)|教育委員会$|(?:都|道|府|県|市|区|町|村)立|(?:県警|府警|道警|警視庁|警察本部|警察署)$|一部事務組合|広域連合`)
	agencyRE       = regexp.MustCompile(`^独立行政法人|^地方独立行政法人`)
)

// classify says what the organization is for the law, from its name
// (and the sector casebook read).
func classify(r *casebook.Record) body {
	name := strings.ReplaceAll(r.Organization, " ", "")
	switch {
	case transferredRE.MatchString(name) || nationalUniversity(name):
		return body{kind: BodyTransferred}
	case localTransferredRE.MatchString(name) || publicUniversityRE.MatchString(name):
		return body{kind: BodyTransferred, local: true}
	case strings.HasPrefix(name, "地方独立行政法人"):
		return body{kind: BodyPublic, local: true}
	case agencyRE.MatchString(name) || nationalBodyRE.MatchString(name):
		return body{kind: BodyPublic}
	case localBodyRE.MatchString(name):
		return body{kind: BodyPublic, local: true}
	case name == "" && r.Sector == "public":
		return body{kind: BodyPublic, local: true}
	}
	return body{kind: BodyPrivate}
}

// publicUniversityRE: a prefectural or municipal university named without
// its corporation (県立大学, 市立大学), run by a 公立大学法人.
var publicUniversityRE = regexp.MustCompile(`(?:都|道|府|県|市)立.*大学$`)

// nationalUniversities: the universities the 国立大学法人 run (facts), for
// notices that name the university without its corporation.
var nationalUniversities = strings.Fields(`北海道大学 北海道教育大学 室蘭工業大学 小樽商科大学 帯広畜産大学 旭川医科大学 北見工業大学
弘前大学 岩手大学 東北大学 宮城教育大学 秋田大学 山形大学 福島大学 茨城大学 筑波大学 筑波技術大学 宇都宮大学 群馬大学 埼玉大学
千葉大学 東京大学 東京医科歯科大学 東京外国語大学 東京学芸大学 東京農工大学 東京芸術大学 東京藝術大学 東京工業大学 東京科学大学
東京海洋大学 お茶の水女子大学 電気通信大学 一橋大学 政策研究大学院大学 横浜国立大学 新潟大学 長岡技術科学大学 上越教育大学
富山大学 金沢大学 北陸先端科学技術大学院大学 福井大学 山梨大学 信州大学 岐阜大学 静岡大学 浜松医科大学 名古屋大学 愛知教育大学
名古屋工業大学 豊橋技術科学大学 三重大学 滋賀大学 滋賀医科大学 京都大学 京都教育大学 京都工芸繊維大学 大阪大学 大阪教育大学
兵庫教育大学 神戸大学 奈良教育大学 奈良女子大学 奈良先端科学技術大学院大学 和歌山大学 鳥取大学 島根大学 岡山大学 広島大学 山口大学
徳島大学 鳴門教育大学 香川大学 愛媛大学 高知大学 福岡教育大学 九州大学 九州工業大学 佐賀大学 長崎大学 熊本大学 大分大学 宮崎大学
鹿児島大学 鹿屋体育大学 琉球大学 総合研究大学院大学`)

func nationalUniversity(name string) bool {
	for _, u := range nationalUniversities {
		// the university or its hospital, school or faculty
		if strings.HasPrefix(name, u) {
			return true
		}
	}
	return false
}

// judgeDay is the day the rules are taken from: the day the organization
// learned of it, else the case's earliest date.
func judgeDay(d *casebook.Dates) (jtext.Date, string, bool) {
	if d == nil {
		return jtext.Date{}, "", false
	}
	if x, err := parse(d.Discovered); err == nil {
		return x, "discovered", true
	}
	var best jtext.Date
	found := false
	for _, f := range casebook.DateFields {
		if x, err := parse(*d.Field(f)); err == nil && (!found || x.Before(best)) {
			best, found = x, true
		}
	}
	return best, "earliest", found
}

// LawFor returns the rules a case falls under.
func LawFor(r *casebook.Record) casebook.Law {
	b := classify(r)
	day, basis, ok := judgeDay(r.Dates)
	law := casebook.Law{Body: b.kind}
	if ok {
		s := day.String()
		law.On, law.Basis = &s, basis
	} else {
		day = jtext.Date{Year: 9999, Month: 12, Day: 31} // today's rules
	}
	switch b.kind {
	case BodyPrivate, BodyTransferred:
		start := appiInForce
		if b.local {
			start = localInForce
		}
		switch {
		case !day.Before(start):
			law.Regime, law.ReportArticle, law.SafetyArticle = casebook.RegimeAPPI2022, "26", "23"
			law.Note = "2022年4月1日施行の改正法: 報告は義務(法26条、規則7条・8条)"
			if b.kind == BodyTransferred {
				law.Note = "法58条の規律移行法人: 民間事業者と同じ規律(法26条、規則7条、1,000人超)"
				if b.local {
					law.Note = "法58条の規律移行法人(2023年4月1日から): 民間事業者と同じ規律(法26条、規則7条、1,000人超)"
				}
			}
		case b.kind == BodyTransferred && b.local:
			law.Regime, law.Note = casebook.RegimeLocalOrdinance, "2023年4月1日前: 地方公共団体の条例による(casebookは判定しない)"
		case b.kind == BodyTransferred:
			law.Regime, law.Note = casebook.RegimePublic2003, "2022年4月1日前: 独立行政法人等個人情報保護法による(報告義務なし、casebookは判定しない)"
		default:
			law.Regime, law.ReportArticle, law.SafetyArticle = casebook.RegimeGuideline2017, "22の2", "20"
			law.Note = "2022年4月1日施行前: 報告は努力義務(平成29年個人情報保護委員会告示第1号)、期限の定めなし"
			if day.Before(guidelineInForce) {
				law.Note = "2017年5月30日前: 各分野のガイドラインによる報告(努力義務)、期限の定めなし"
			}
		}
	case BodyPublic:
		start := appiInForce
		if b.local {
			start = localInForce
		}
		switch {
		case !day.Before(start):
			law.Regime, law.ReportArticle, law.SafetyArticle = casebook.RegimePublic2022, "68", "66"
			law.Note = "行政機関等: 法68条、規則43条(100人超、条例要配慮個人情報を含む)"
		case b.local:
			law.Regime, law.Note = casebook.RegimeLocalOrdinance, "2023年4月1日前: 地方公共団体の条例による(casebookは判定しない)"
		default:
			law.Regime, law.Note = casebook.RegimePublic2003, "2022年4月1日前: 行政機関個人情報保護法等による(報告義務なし、casebookは判定しない)"
		}
	}
	if !ok {
		law.Note = "日付が読み取れないため現行の規律で判断: " + law.Note
	}
	return law
}

// articleThen is the article a duty had under law: the safety and
// supervision articles before 2022-04-01 (旧20〜22条の2), 66/68 for
// 行政機関等, "" where the APPI did not apply.
func articleThen(law casebook.Law, now string) string {
	switch law.Regime {
	case casebook.RegimeAPPI2022:
		return now
	case casebook.RegimeGuideline2017:
		for old, n := range OldToNew {
			if n == now {
				return old
			}
		}
		return now
	case casebook.RegimePublic2022:
		switch now {
		case "26":
			return "68"
		default:
			return "66"
		}
	}
	return ""
}
