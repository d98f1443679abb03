package appi

import (
	"strings"
	"testing"

	"casebook"
	"casebook/jtext"
)

func d(s string) jtext.Date {
	x, err := jtext.ParseISO(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestHolidays(t *testing.T) {
	holidays := map[string]string{
		"2019-04-30": "国民の休日", "2019-05-01": "天皇の即位の日", "2019-05-02": "国民の休日",
		"2019-05-06": "振替休日", "2019-10-22": "即位礼正殿の儀の行われる日",
		"2020-07-23": "海の日", "2020-07-24": "スポーツの日", "2020-08-10": "山の日", "2020-02-24": "振替休日",
		"2021-07-22": "海の日", "2021-07-23": "スポーツの日", "2021-08-08": "山の日", "2021-08-09": "振替休日",
		"2023-10-09": "スポーツの日", "2024-02-12": "振替休日", "2015-09-22": "国民の休日",
		"2026-09-22": "国民の休日", "2024-03-20": "春分の日", "2024-09-22": "秋分の日", "2024-09-23": "振替休日",
		"2025-09-23": "秋分の日", "2023-01-02": "振替休日", "2000-01-10": "成人の日", "1999-01-15": "成人の日",
		"1989-02-24": "昭和天皇の大喪の礼", "1990-11-12": "即位礼正殿の儀", "1993-06-09": "皇太子徳仁親王の結婚の儀",
		"2018-12-23": "天皇誕生日", "2020-02-23": "天皇誕生日", "2007-05-04": "みどりの日", "2006-05-04": "国民の休日",
		"2008-05-06": "振替休日", "2016-08-11": "山の日", "2019-10-14": "体育の日", "2022-10-10": "スポーツの日",
		"2003-07-21": "海の日", "1996-07-20": "海の日", "2009-09-22": "国民の休日",
	}
	for day, want := range holidays {
		if got := Holiday(d(day)); got != want {
			t.Errorf("%s: %q, want %q", day, got, want)
		}
	}
	for _, day := range []string{"2019-12-23", "2020-10-12", "2021-10-11", "2020-07-20", "2021-08-11", "2015-09-24", "2024-02-13", "2019-05-07"} {
		if got := Holiday(d(day)); got != "" {
			t.Errorf("%s: %q, want no holiday", day, got)
		}
	}
	// every year has 15–18 holidays: no rule silently dropped
	for y := 1990; y <= 2030; y++ {
		n := 0
		for x := d(itoa(y) + "-01-01"); x.Year == y; x = x.AddDays(1) {
			if Holiday(x) != "" {
				n++
			}
		}
		if n < 14 || n > 22 {
			t.Errorf("%d: %d holidays", y, n)
		}
	}
}

func itoa(y int) string {
	return string(rune('0'+y/1000)) + string(rune('0'+y/100%10)) + string(rune('0'+y/10%10)) + string(rune('0'+y%10))
}

func TestFinalDeadline(t *testing.T) {
	tests := []struct {
		learned string
		days    int
		want    string
	}{
		{"2023-08-10", 60, "2023-10-10"}, // day 60 = 10/8 (Sun) → 10/9 スポーツの日 → 10/10
		{"2024-01-15", 30, "2024-02-13"}, // 2/13 (Tue) is day 30
		{"2023-12-01", 30, "2024-01-04"}, // 12/30 → past 12/29–1/3
		{"2024-03-01", 30, "2024-04-01"}, // 3/30 (Sat) → 4/1 (Mon)
		{"2024-09-23", 30, "2024-10-22"},
	}
	for _, tt := range tests {
		if got := FinalDeadline(d(tt.learned), tt.days).String(); got != tt.want {
			t.Errorf("FinalDeadline(%s, %d) = %s, want %s", tt.learned, tt.days, got, tt.want)
		}
	}
}

func ptr(s string) *string { return &s }
func n64(n int64) *int64   { return &n }

// The PPC's action on 四谷大塚 states a 速報 on day 58 and a 確報 on day 65.
func TestYotsuyaOtsuka(t *testing.T) {
	r := &casebook.Record{Kind: casebook.KindRegulator, Organization: "株式会社四谷大塚", Sector: "education",
		Dates:     &casebook.Dates{Discovered: ptr("2023-08-10"), ReportedPPC: ptr("2023-10-06"), ReportedPPCFinal: ptr("2023-10-13")},
		Affected:  &casebook.Affected{Count: n64(6), Confirmed: true},
		DataItems: []string{"name", "age", "birthdate", "address", "school", "phone", "photo"},
		Causes:    []string{"insider_misuse"}, Responses: []string{"access_revoked", "reported_police", "reported_ppc"}}
	j := Judge(r)
	if len(j.Reportable.Items) != 1 || j.Reportable.Items[0] != 3 {
		t.Errorf("items %v", j.Reportable.Items)
	}
	if *j.Deadlines.PrelimGuide != "2023-08-14" || *j.Deadlines.Final != "2023-10-10" || j.Deadlines.FinalDays != 60 {
		t.Errorf("deadlines %+v", j.Deadlines)
	}
	p, f := j.Reports.Prelim, j.Reports.Final
	if *p.Day != 58 || p.Status != "beyond_guide" || p.LateBy != 53 {
		t.Errorf("prelim %+v day %d", p, *p.Day)
	}
	if *f.Day != 65 || f.Status != "late" || f.LateBy != 3 {
		t.Errorf("final %+v day %d", f, *f.Day)
	}
	if j.JNSA.PerPersonYen != 6000 || *j.JNSA.TotalYen != 36000 {
		t.Errorf("jnsa %+v", j.JNSA)
	}
	found := false
	for _, s := range j.Safeguards {
		if s.ID == "10-3(4)" && s.Reason != "" {
			found = true
		}
	}
	if !found || !j.NotifyIndividuals.Required || j.NotifyIndividuals.Stated {
		t.Errorf("safeguards %+v notify %+v", j.Safeguards, j.NotifyIndividuals)
	}
}

func TestReportable(t *testing.T) {
	tests := []struct {
		name  string
		r     casebook.Record
		items []int
	}{
		{"exactly 1,000 is not 4号", casebook.Record{Affected: &casebook.Affected{Count: n64(1000)}, Causes: []string{"misdelivery"}}, nil},
		{"1,001 is 4号", casebook.Record{Affected: &casebook.Affected{Count: n64(1001)}, Causes: []string{"misdelivery"}}, []int{4}},
		{"public body: over 100", casebook.Record{Organization: "みどり市", Affected: &casebook.Affected{Count: n64(101)}, Causes: []string{"loss"}}, []int{4}},
		{"loss alone is not 3号", casebook.Record{Affected: &casebook.Affected{Count: n64(5)}, Causes: []string{"loss"}}, nil},
		{"one card number from a server", casebook.Record{Affected: &casebook.Affected{Count: n64(1)}, DataItems: []string{"card_number"}, Causes: []string{"unauthorized_access"}}, []int{2, 3}},
		{"skimmed card numbers: 3号 alone (today's rules)", casebook.Record{Affected: &casebook.Affected{Count: n64(5000)}, DataItems: []string{"card_number"}, Causes: []string{"web_skimming"}}, []int{3}},
		{"health record", casebook.Record{DataItems: []string{"health"}, Causes: []string{"misdelivery"}}, []int{1}},
	}
	for _, tt := range tests {
		j := Judge(&tt.r)
		if len(j.Reportable.Items) != len(tt.items) {
			t.Errorf("%s: %v, want %v", tt.name, j.Reportable.Items, tt.items)
			continue
		}
		for i := range tt.items {
			if j.Reportable.Items[i] != tt.items[i] {
				t.Errorf("%s: %v, want %v", tt.name, j.Reportable.Items, tt.items)
			}
		}
	}
}

func TestJNSAWorkedValues(t *testing.T) {
	tests := []struct {
		items []string
		want  int64
	}{
		{[]string{"name", "address"}, 6000},
		{[]string{"name", "address", "card_number"}, 78000},
		{[]string{"name"}, 3000},
		{[]string{"address", "phone"}, 3000},
		{[]string{"email"}, 1000},
		{[]string{"name", "address", "health"}, 500 * 11 * 6},
	}
	for _, tt := range tests {
		j := JNSAEstimate(&casebook.Record{DataItems: tt.items}, false)
		if j.PerPersonYen != tt.want {
			t.Errorf("%v: %d, want %d", tt.items, j.PerPersonYen, tt.want)
		}
	}
	if j := JNSAEstimate(&casebook.Record{DataItems: []string{"name", "address"}}, true); j.PerPersonYen != 12000 {
		t.Errorf("public body: %d", j.PerPersonYen)
	}
}

func TestAssess(t *testing.T) {
	y, n := true, false
	a := Assess(Answers{"10-3(4)": {&n, &y, &y, &y}, "10-4": {&y, &y, &y}, "art25": {&n}, "bogus": {&y}},
		map[string][]string{"c1": {"10-3(4)", "art25"}, "c2": {"10-3(4)"}})
	if len(a.Gaps) != 2 || a.Gaps[0].Safeguard.ID != "10-3(4)" || a.Gaps[0].Cases != 2 || a.Gaps[1].Cases != 1 {
		t.Errorf("gaps %+v", a.Gaps)
	}
	if a.Answered != 8 || a.Yes != 6 || len(a.Unknown) != 1 {
		t.Errorf("%+v", a)
	}
}

// Unanswered questions are not counted, wherever they stand.
func TestAssessUnanswered(t *testing.T) {
	y, n := true, false
	tests := []struct {
		name            string
		answers         Answers
		answered, yesN  int
		score, gapCount int
	}{
		{"earlier questions unanswered", Answers{"10-3(4)": {nil, nil, nil, &y}, "10-6(3)": {nil, &n, &n, nil}, "10-4": {&n, &n, &n}},
			6, 1, 16, 2},
		{"nothing answered", Answers{"10-4": {nil, nil, nil}}, 0, 0, 0, 0},
		{"all no", Answers{"10-1": {&n, &n}}, 2, 0, 0, 1},
	}
	for _, tt := range tests {
		a := Assess(tt.answers, nil)
		if a.Answered != tt.answered || a.Yes != tt.yesN || a.Score != tt.score || len(a.Gaps) != tt.gapCount {
			t.Errorf("%s: answered %d yes %d score %d gaps %d; want %d %d %d %d", tt.name, a.Answered, a.Yes, a.Score, len(a.Gaps), tt.answered, tt.yesN, tt.score, tt.gapCount)
		}
	}
}

func TestCatalogueComplete(t *testing.T) {
	for _, s := range Catalogue {
		if len(s.Questions) < 2 || len(s.Questions) > 5 || len(s.Measures) == 0 || s.Article == "" || s.OldArticle == "" {
			t.Errorf("%s incomplete", s.ID)
		}
	}
	if OldToNew["20"] != "23" || OldToNew["22の2"] != "26" {
		t.Error("renumbering")
	}
}

// The report draft names the rules it applied, breaks the count down by
// group, and joins whole sentences as sentences.
func TestPPCReportDraft(t *testing.T) {
	c := &casebook.Case{Record: casebook.Record{Organization: "株式会社はなさき化粧品", Title: "お詫び",
		Dates:     &casebook.Dates{Discovered: ptr("2025-06-30")},
		Affected:  &casebook.Affected{Count: n64(31905), Groups: []casebook.Group{{Count: 2377, DataItems: []string{"card_number"}}, {Count: 31905, DataItems: []string{"name"}}}},
		DataItems: []string{"name", "card_number"}, Causes: []string{"web_skimming", "misdelivery"}}}
	j := Judge(&c.Record)
	items := PPCReport(c, j, nil)
	if !strings.Contains(items[0].Text, "適用した規律: 2022年4月1日施行") {
		t.Errorf("item 1 %q", items[0].Text)
	}
	if !strings.Contains(items[2].Text, "うちカード情報等 2,377人") {
		t.Errorf("item 3 %q", items[2].Text)
	}
	if strings.Contains(items[7].Text, "。、") {
		t.Errorf("item 8 joins sentences with 、: %q", items[7].Text)
	}
}

// With the notice's text the draft quotes how the leak came to light and
// who found it, the cause and what the notice says of secondary harm.
func TestPPCReportQuotes(t *testing.T) {
	text := "お詫び\n\n2024年8月1日、クレジットカード会社から、カード情報の漏えい懸念について連絡を受けました。調査の結果、決済画面の改ざんが行われたことが判明しました。一部のカードが不正利用された可能性があります。"
	rs := []rune(text)
	at := func(s string) casebook.Span {
		i := len([]rune(text[:strings.Index(text, s)]))
		return casebook.Span{Start: i, End: i + len([]rune(s))}
	}
	rec := casebook.Record{Organization: "株式会社あさひ", Title: "お詫び", Causes: []string{"web_skimming"},
		Dates:    &casebook.Dates{Discovered: ptr("2024-08-01")},
		Evidence: map[string]casebook.Span{"dates.discovered": at("2024年8月1日"), "causes.web_skimming": at("改ざん")}}
	c := &casebook.Case{Record: rec, Sources: []casebook.Source{{DocID: 7, Span: casebook.Span{Start: 0, End: len(rs)}, Record: &rec}}}
	items := PPCReport(c, Judge(&c.Record), Texts{7: text})
	if !strings.Contains(items[0].Text, "発見者(公表文の記載から): クレジットカード会社") || !strings.Contains(items[0].Text, "「2024年8月1日、クレジットカード会社から") {
		t.Errorf("item 1 %q", items[0].Text)
	}
	if !strings.Contains(items[3].Text, "「調査の結果、決済画面の改ざんが行われたことが判明しました。」") {
		t.Errorf("item 4 %q", items[3].Text)
	}
	if !strings.Contains(items[4].Text, "不正利用された可能性") || len(items[4].Missing) != 0 {
		t.Errorf("item 5 %q %v", items[4].Text, items[4].Missing)
	}
	// without texts: nothing quoted, the gaps said
	items = PPCReport(c, Judge(&c.Record), nil)
	if strings.Contains(items[0].Text, "「") || len(items[4].Missing) == 0 {
		t.Errorf("quoted without texts: %q %v", items[0].Text, items[4].Missing)
	}
}
