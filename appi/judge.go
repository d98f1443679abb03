package appi

import (
	"fmt"
	"strconv"
	"strings"

	"casebook"
	"casebook/jtext"
)

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

var (
	sensitiveItems = []string{"health"}
	propertyItems  = []string{"card_number", "card_cvv", "bank_account"}
)

// Judge judges a case under the rules in force when its organization
// learned of it. Only the record's facts are used; a regulator's findings
// come first and are never contradicted.
func Judge(r *casebook.Record) *casebook.Judgement {
	law := LawFor(r)
	j := &casebook.Judgement{Law: law, PublicBody: law.Body == BodyPublic,
		Reportable: casebook.Reportable{Items: []int{}, Reasons: map[string]string{}}}
	if law.Judged() {
		j.Reportable.Items, j.Reportable.Reasons = reportableItems(r, law)
	} else {
		// what today's rules would say, for learning
		today := law
		today.On = nil
		if law.Body == BodyPublic {
			today.Regime = casebook.RegimePublic2022
		}
		j.Reportable.Today, _ = reportableItems(r, today)
	}
	if outsideAPPI(r) {
		// another regulator acted under its own law: its finding is the
		// judgement, and casebook adds no APPI inference
		j.Reportable = casebook.Reportable{Items: []int{}, Reasons: map[string]string{}}
		j.Learned = nil
		if r.Dates != nil {
			j.Learned = r.Dates.Discovered
		}
		j.Reports.Prelim, j.Reports.Final = notJudged(), notJudged()
		for _, s := range safeguards(r, j) {
			if s.Source == casebook.SourceRegulator {
				j.Safeguards = append(j.Safeguards, s)
			}
		}
		j.JNSA = JNSAEstimate(r, j.PublicBody)
		j.Duties = duties(r, j)
		return j
	}
	skimmed := law.Judged() && skimmedBefore2024(r, law)
	if skimmed {
		j.Law.Note += skimmedShort
		today := law
		today.On = nil
		j.Reportable.Today, _ = reportableItems(r, today)
	}
	reportable := len(j.Reportable.Items) > 0
	wrongful := j.Reportable.Reasons["3"] != ""

	var d casebook.Dates
	if r.Dates != nil {
		d = *r.Dates
	}
	j.Learned = d.Discovered
	j.NotifyIndividuals = casebook.NotifyIndividuals{Required: reportable, Stated: contains(r.Responses, "notified_individuals")}
	j.Reports.Prelim = casebook.ReportStatus{Date: d.ReportedPPC, Status: casebook.StatusUnknown}
	j.Reports.Final = casebook.ReportStatus{Date: d.ReportedPPCFinal, Status: casebook.StatusUnknown}
	learned, err := parse(d.Discovered)
	switch {
	case law.Regime == casebook.RegimeGuideline2017:
		j.Reports.Prelim.Status, j.Reports.Final.Status = casebook.StatusVoluntary, casebook.StatusVoluntary
		j.Reports.Prelim.Day, j.Reports.Final.Day = dayOf(learned, err, d.ReportedPPC), dayOf(learned, err, d.ReportedPPCFinal)
	case !law.Judged():
		j.Reports.Prelim.Status, j.Reports.Final.Status = casebook.StatusNotJudged, casebook.StatusNotJudged
	case !reportable:
		st := casebook.StatusNotRequired
		if skimmed {
			st = casebook.StatusVoluntary
		}
		j.Reports.Prelim.Status, j.Reports.Final.Status = st, st
		j.Reports.Prelim.Day, j.Reports.Final.Day = dayOf(learned, err, d.ReportedPPC), dayOf(learned, err, d.ReportedPPCFinal)
	case err == nil:
		j.Deadlines.FinalDays = 30
		if wrongful {
			j.Deadlines.FinalDays = 60
		}
		pg := learned.AddDays(4).String()
		j.Deadlines.PrelimGuide = &pg
		fd := FinalDeadline(learned, j.Deadlines.FinalDays).String()
		j.Deadlines.Final = &fd
		j.Reports.Prelim = prelimStatus(learned, d.ReportedPPC)
		j.Reports.Final = finalStatus(learned, d.ReportedPPCFinal, fd)
	}
	j.Safeguards = safeguards(r, j)
	j.JNSA = JNSAEstimate(r, j.PublicBody)
	j.Duties = duties(r, j)
	return j
}

// reportableItems: the numbers of 規則7条 (規則43条 for 行政機関等) the
// case meets, each with why. Items 1 and 2 name the group of people whose
// data triggers them; 3号 covers data being acquired (skimmed as typed)
// only from 2024-04-01; 4号's threshold is 1,000 people (100 for
// 行政機関等).
func reportableItems(r *casebook.Record, law casebook.Law) ([]int, map[string]string) {
	items := []int{}
	reasons := map[string]string{}
	add := func(n int, reason string) {
		items = append(items, n)
		reasons[strconv.Itoa(n)] = reason
	}
	if contains(r.Causes, "web_skimming") {
		// data skimmed as it was typed is not the business's 個人データ:
		// before 2024-04-01 no 号 applied to it; from then 3号 alone covers
		// information being acquired (skimmingNote)
		if law.On == nil || *law.On >= rule3Acquiring.String() {
			add(3, wrongfulCauses["web_skimming"])
		}
		return items, reasons
	}
	if g, ok := triggering(r, sensitiveItems); ok {
		add(1, "要配慮個人情報(病歴・診療情報等)が含まれる"+g)
	}
	if g, ok := triggering(r, propertyItems); ok {
		add(2, "クレジットカード番号・口座情報等、不正に利用されると財産的被害が生じるおそれがある"+g)
	}
	for _, c := range r.Causes {
		if why, ok := wrongfulCauses[c]; ok {
			add(3, why)
			break
		}
	}
	threshold := int64(1000)
	if law.Body == BodyPublic {
		threshold = 100
	}
	if r.Affected != nil && r.Affected.Count != nil && *r.Affected.Count > threshold {
		add(4, fmt.Sprintf("本人の数が%s人を超える(%s人)", comma(threshold), comma(*r.Affected.Count)))
	}
	return items, reasons
}

// triggering reports whether the case's data includes one of items, and
// names the group whose data it is when the record has groups
// ("(うちカード情報等 4,583人)").
func triggering(r *casebook.Record, items []string) (string, bool) {
	if r.Affected != nil && len(r.Affected.Groups) > 0 {
		var parts []string
		for _, g := range r.Affected.Groups {
			if anyOf(g.DataItems, items) {
				parts = append(parts, fmt.Sprintf("%s %s人", GroupLabel(g.DataItems), comma(g.Count)))
			}
		}
		if len(parts) > 0 {
			return "(うち" + strings.Join(parts, "、") + ")", true
		}
	}
	return "", anyOf(r.DataItems, items)
}

// GroupLabel names a group of people by its weightiest data (カード情報等).
func GroupLabel(items []string) string {
	switch {
	case anyOf(items, sensitiveItems):
		return "要配慮個人情報等"
	case anyOf(items, []string{"card_number", "card_cvv", "card_expiry", "card_holder"}):
		return "カード情報等"
	case anyOf(items, []string{"bank_account"}):
		return "口座情報等"
	case len(items) > 0:
		return casebook.Label(casebook.DataItems, items[0]) + "等"
	}
	return "その他"
}

func anyOf(have, want []string) bool {
	for _, w := range want {
		if contains(have, w) {
			return true
		}
	}
	return false
}

func dayOf(learned jtext.Date, err error, date *string) *int {
	if err != nil {
		return nil
	}
	rd, e := parse(date)
	if e != nil {
		return nil
	}
	n := DayNumber(learned, rd)
	return &n
}

func parse(p *string) (jtext.Date, error) {
	if p == nil {
		return jtext.Date{}, fmt.Errorf("no date")
	}
	return jtext.ParseISO(*p)
}

// PrelimGuideDays is the guideline's rule of thumb for the 速報: within
// about 3–5 days of learning of it (day 5 at the latest). It is no legal
// deadline.
const PrelimGuideDays = 5

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

// prelimStatus: the 速報 against the guideline's 3–5 days.
func prelimStatus(learned jtext.Date, date *string) casebook.ReportStatus {
	st := casebook.ReportStatus{Date: date, Status: casebook.StatusUnknown}
	rd, err := parse(date)
	if err != nil {
		return st
	}
	n := DayNumber(learned, rd)
	st.Day = &n
	if n > PrelimGuideDays {
		st.Status, st.LateBy = casebook.StatusBeyondGuide, n-PrelimGuideDays
	} else {
		st.Status = casebook.StatusWithinGuide
	}
	return st
}

// finalStatus: the 確報 against its legal deadline.
func finalStatus(learned jtext.Date, date *string, deadline string) casebook.ReportStatus {
	st := casebook.ReportStatus{Date: date, Status: casebook.StatusUnknown}
	rd, err := parse(date)
	if err != nil {
		return st
	}
	n := DayNumber(learned, rd)
	st.Day = &n
	dl, err := jtext.ParseISO(deadline)
	if err != nil {
		return st
	}
	if late := dl.DaysUntil(rd); late > 0 {
		st.Status, st.LateBy = casebook.StatusLate, late
	} else {
		st.Status = casebook.StatusOnTime
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

// Flags are what a record's judgement finds, as the search filters on
// them (casebook.Flags): reportable to the PPC; a report late (the 速報
// beyond the 3–5 day guide, or the 確報 after its deadline).
func Flags(r *casebook.Record) []string {
	if !r.IsIncident() {
		return nil
	}
	j := Judge(r)
	var out []string
	if len(j.Reportable.Items) > 0 {
		out = append(out, casebook.FlagReportable)
	}
	if j.Reports.Prelim.Status == casebook.StatusBeyondGuide || j.Reports.Final.Status == casebook.StatusLate {
		out = append(out, casebook.FlagLate)
	}
	return out
}
