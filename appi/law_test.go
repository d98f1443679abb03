package appi

import (
	"slices"
	"strings"
	"testing"

	"casebook"
)

// The regime at each boundary, for each kind of body.
func TestLawFor(t *testing.T) {
	tests := []struct {
		org, learned string
		regime       string
		report, body string
	}{
		{"株式会社あさひ", "2022-03-31", casebook.RegimeGuideline2017, "22の2", BodyPrivate},
		{"株式会社あさひ", "2022-04-01", casebook.RegimeAPPI2022, "26", BodyPrivate},
		{"株式会社あさひ", "2016-04-01", casebook.RegimeGuideline2017, "22の2", BodyPrivate},
		{"みどり市", "2023-03-31", casebook.RegimeLocalOrdinance, "", BodyPublic},
		{"みどり市", "2023-04-01", casebook.RegimePublic2022, "68", BodyPublic},
		{"長野県教育委員会", "2021-06-01", casebook.RegimeLocalOrdinance, "", BodyPublic},
		{"長野県教育委員会", "2024-02-01", casebook.RegimePublic2022, "68", BodyPublic},
		{"ひなた市立あおば小学校", "2024-07-10", casebook.RegimePublic2022, "68", BodyPublic},
		{"厚生労働省", "2022-03-31", casebook.RegimePublic2003, "", BodyPublic},
		{"厚生労働省", "2022-04-01", casebook.RegimePublic2022, "68", BodyPublic},
		{"みずなみ労働局", "2024-10-03", casebook.RegimePublic2022, "68", BodyPublic},
		{"独立行政法人ことり機構", "2022-04-01", casebook.RegimePublic2022, "68", BodyPublic},
		// 法58条: the 規律移行法人 follow the business rules
		{"国立大学法人しらゆき大学", "2022-04-01", casebook.RegimeAPPI2022, "26", BodyTransferred},
		{"国立大学法人しらゆき大学", "2022-03-31", casebook.RegimePublic2003, "", BodyTransferred},
		{"新潟大学", "2022-04-17", casebook.RegimeAPPI2022, "26", BodyTransferred},
		{"宮崎大学医学部附属病院", "2023-05-01", casebook.RegimeAPPI2022, "26", BodyTransferred},
		{"国立研究開発法人ほしぞら研究所", "2023-01-10", casebook.RegimeAPPI2022, "26", BodyTransferred},
		{"独立行政法人国立病院機構みさき医療センター", "2023-01-10", casebook.RegimeAPPI2022, "26", BodyTransferred},
		{"公立大学法人あおば県立大学", "2023-03-31", casebook.RegimeLocalOrdinance, "", BodyTransferred},
		{"公立大学法人あおば県立大学", "2023-04-01", casebook.RegimeAPPI2022, "26", BodyTransferred},
		{"地方独立行政法人みさき市立総合病院", "2024-10-28", casebook.RegimeAPPI2022, "26", BodyTransferred},
		// private schools and hospitals are businesses
		{"学校法人さざなみ学園", "2025-01-08", casebook.RegimeAPPI2022, "26", BodyPrivate},
		{"医療法人社団しらかば会", "2021-10-12", casebook.RegimeGuideline2017, "22の2", BodyPrivate},
	}
	for _, tt := range tests {
		r := &casebook.Record{Organization: tt.org, Dates: &casebook.Dates{Discovered: ptr(tt.learned)}}
		law := LawFor(r)
		if law.Regime != tt.regime || law.ReportArticle != tt.report || law.Body != tt.body {
			t.Errorf("%s learned %s: %s (art %q, %s), want %s (art %q, %s)", tt.org, tt.learned, law.Regime, law.ReportArticle, law.Body, tt.regime, tt.report, tt.body)
		}
		if law.Note == "" || law.On == nil || *law.On != tt.learned || law.Basis != "discovered" {
			t.Errorf("%s: note %q on %v basis %q", tt.org, law.Note, law.On, law.Basis)
		}
	}
}

// Without a discovery date the case's earliest date decides; without any
// date, today's rules.
func TestLawDay(t *testing.T) {
	r := &casebook.Record{Organization: "株式会社あさひ", Dates: &casebook.Dates{Announced: ptr("2022-05-01"), OccurredFrom: ptr("2021-11-02")}}
	if law := LawFor(r); law.Regime != casebook.RegimeGuideline2017 || *law.On != "2021-11-02" || law.Basis != "earliest" {
		t.Errorf("earliest: %+v", law)
	}
	r = &casebook.Record{Organization: "株式会社あさひ"}
	if law := LawFor(r); law.Regime != casebook.RegimeAPPI2022 || law.On != nil || !strings.Contains(law.Note, "現行") {
		t.Errorf("no date: %+v", law)
	}
}

// A 2019 card leak: reporting was voluntary, nothing is late, no art26
// failure is inferred, and the articles are the old ones.
func TestJudgeBefore2022(t *testing.T) {
	r := &casebook.Record{Organization: "有限会社キャプテントム", Sector: "retail_ec",
		Dates:     &casebook.Dates{Discovered: ptr("2019-05-09"), ReportedPPC: ptr("2019-07-23")},
		Affected:  &casebook.Affected{Count: n64(83)},
		DataItems: []string{"card_holder", "card_number", "card_expiry", "card_cvv"}, Causes: []string{"web_skimming"}}
	j := Judge(r)
	if j.Law.Regime != casebook.RegimeGuideline2017 || j.Reports.Prelim.Status != casebook.StatusVoluntary || j.Reports.Final.Status != casebook.StatusVoluntary {
		t.Fatalf("law %+v reports %+v", j.Law, j.Reports)
	}
	if len(j.Reportable.Items) != 0 || j.Deadlines.Final != nil || j.NotifyIndividuals.Required {
		t.Errorf("items %v deadlines %+v notify %+v", j.Reportable.Items, j.Deadlines, j.NotifyIndividuals)
	}
	for _, s := range j.Safeguards {
		if s.ID == "art26" {
			t.Errorf("art26 inferred under the 努力義務: %+v", s)
		}
		if s.Article != "20" {
			t.Errorf("%s cited as 第%s条, want 旧第20条", s.ID, s.Article)
		}
	}
	if got := j.Reportable.Today; len(got) != 1 || got[0] != 3 {
		t.Errorf("today's items %v, want [3] (skimming: 3号 alone)", got)
	}
}

// The 速報 has only the guideline's 3–5 days; the 確報 a deadline.
func TestReportStatuses(t *testing.T) {
	tests := []struct {
		prelim, final    string
		pStatus, fStatus string
		pLateBy, fLateBy int
		causes           []string
	}{
		{"2024-06-05", "2024-06-28", casebook.StatusWithinGuide, casebook.StatusOnTime, 0, 0, []string{"misdelivery"}},
		{"2024-06-06", "2024-07-05", casebook.StatusBeyondGuide, casebook.StatusLate, 1, 4, []string{"misdelivery"}},
		// learned 6/1: day 30 is 6/30 (Sun) → 7/1
		{"2024-06-01", "2024-07-01", casebook.StatusWithinGuide, casebook.StatusOnTime, 0, 0, []string{"misdelivery"}},
		{"2024-06-01", "2024-07-02", casebook.StatusWithinGuide, casebook.StatusLate, 0, 1, []string{"misdelivery"}},
		// 3号: 60 days; day 60 is 7/30
		{"2024-06-01", "2024-07-30", casebook.StatusWithinGuide, casebook.StatusOnTime, 0, 0, []string{"unauthorized_access"}},
	}
	for _, tt := range tests {
		r := &casebook.Record{Organization: "株式会社あさひ", Affected: &casebook.Affected{Count: n64(1500)}, Causes: tt.causes,
			Dates: &casebook.Dates{Discovered: ptr("2024-06-01"), ReportedPPC: ptr(tt.prelim), ReportedPPCFinal: ptr(tt.final)}}
		j := Judge(r)
		p, f := j.Reports.Prelim, j.Reports.Final
		if p.Status != tt.pStatus || f.Status != tt.fStatus || p.LateBy != tt.pLateBy || f.LateBy != tt.fLateBy {
			t.Errorf("%s/%s %v: prelim %s+%d final %s+%d; want %s+%d %s+%d", tt.prelim, tt.final, tt.causes, p.Status, p.LateBy, f.Status, f.LateBy,
				tt.pStatus, tt.pLateBy, tt.fStatus, tt.fLateBy)
		}
	}
}

// A national university counts as a business (1,000), a city from 2023 as
// a public body (100); a city before that is not judged.
func TestThresholdsByBody(t *testing.T) {
	tests := []struct {
		org, learned string
		count        int64
		items        []int
		public       bool
		status       string
	}{
		{"国立大学法人しらゆき大学", "2024-05-01", 500, nil, false, casebook.StatusNotRequired},
		{"国立大学法人しらゆき大学", "2024-05-01", 1001, []int{4}, false, casebook.StatusUnknown},
		{"みどり市", "2024-05-01", 101, []int{4}, true, casebook.StatusUnknown},
		{"みどり市", "2021-05-01", 5000, nil, true, casebook.StatusNotJudged},
	}
	for _, tt := range tests {
		r := &casebook.Record{Organization: tt.org, Affected: &casebook.Affected{Count: n64(tt.count)}, Causes: []string{"misdelivery"},
			Dates: &casebook.Dates{Discovered: ptr(tt.learned)}}
		j := Judge(r)
		if len(j.Reportable.Items) != len(tt.items) || j.PublicBody != tt.public || j.Reports.Final.Status != tt.status {
			t.Errorf("%s %s %d: items %v public %v status %s; want %v %v %s", tt.org, tt.learned, tt.count, j.Reportable.Items, j.PublicBody,
				j.Reports.Final.Status, tt.items, tt.public, tt.status)
		}
	}
}

// 規則7条3号 covers card data skimmed as it was typed only from 2024-04-01.
// Card data skimmed as it was typed was no 個人データ before 2024-04-01:
// no 号 applied (a voluntary report, said why); from then 3号 alone, even
// for card numbers of more than 1,000 people.
func TestSkimmingRule3(t *testing.T) {
	for _, tt := range []struct {
		learned string
		count   int64
		items   []int
		days    int
		status  string
		duty    string
	}{
		{"2023-08-01", 1200, nil, 0, casebook.StatusVoluntary, casebook.DutyVoluntary},
		{"2024-03-31", 10, nil, 0, casebook.StatusVoluntary, casebook.DutyVoluntary},
		{"2024-04-01", 10, []int{3}, 60, casebook.StatusUnknown, casebook.DutyRequired},
		{"2024-08-01", 1200, []int{3}, 60, casebook.StatusUnknown, casebook.DutyRequired},
	} {
		r := &casebook.Record{Organization: "株式会社あさひ", DataItems: []string{"card_holder", "card_number", "card_cvv"}, Causes: []string{"web_skimming", "unauthorized_access"},
			Affected: &casebook.Affected{Count: n64(tt.count)}, Dates: &casebook.Dates{Discovered: ptr(tt.learned)}}
		j := Judge(r)
		if !slices.Equal(j.Reportable.Items, tt.items) || j.Deadlines.FinalDays != tt.days || j.Reports.Final.Status != tt.status {
			t.Errorf("%s: items %v days %d status %s, want %v %d %s", tt.learned, j.Reportable.Items, j.Deadlines.FinalDays, j.Reports.Final.Status, tt.items, tt.days, tt.status)
		}
		d := j.Duties[0]
		if d.Regime != casebook.DutyAPPI || d.Status != tt.duty {
			t.Errorf("%s: duty %+v", tt.learned, d)
		}
		if tt.items == nil && (!strings.Contains(d.Explanation, "2024年4月1日より前") || !strings.Contains(j.Law.Note, "Webスキミング")) {
			t.Errorf("%s: no reason given: %q / %q", tt.learned, d.Explanation, j.Law.Note)
		}
	}
}

// A regulator's findings come first, with its name, and casebook's
// inferences follow without repeating or splitting them.
func TestRegulatorFindingsFirst(t *testing.T) {
	r := &casebook.Record{Kind: casebook.KindRegulator, Organization: "株式会社四谷大塚",
		Dates:    &casebook.Dates{Discovered: ptr("2023-08-10"), ReportedPPC: ptr("2023-10-06"), ReportedPPCFinal: ptr("2023-10-13")},
		Affected: &casebook.Affected{Count: n64(6)}, Causes: []string{"insider_misuse"},
		Findings: &casebook.Findings{Regulator: "個人情報保護委員会", Actions: []string{"guidance", "report_request"},
			Safeguards: []string{"10-3(1)", "10-3(4)", "10-3(5)"}}}
	j := Judge(r)
	if len(j.Safeguards) < 3 {
		t.Fatalf("%+v", j.Safeguards)
	}
	for i, id := range []string{"10-3(1)", "10-3(4)", "10-3(5)"} {
		s := j.Safeguards[i]
		if s.ID != id || s.Source != casebook.SourceRegulator || !strings.HasPrefix(s.Reason, "個人情報保護委員会の指摘") || s.Article != "23" {
			t.Errorf("%d: %+v", i, s)
		}
	}
	seen := map[string]int{}
	for _, s := range j.Safeguards[3:] {
		seen[s.ID]++
		if s.Source != casebook.SourceCasebook {
			t.Errorf("%+v", s)
		}
	}
	if seen["10-3(4)"] > 0 {
		t.Error("an inference repeats a finding")
	}
	if j.Reports.Prelim.Status != casebook.StatusBeyondGuide || j.Reports.Final.Status != casebook.StatusLate || j.Reports.Final.LateBy != 3 || *j.Reports.Final.Day != 65 {
		t.Errorf("reports %+v", j.Reports)
	}
	// a section named whole covers its sub-items
	r.Findings.Safeguards = []string{"10-6"}
	r.Causes = []string{"account_compromise"}
	for _, s := range Judge(r).Safeguards {
		if strings.HasPrefix(s.ID, "10-6(") {
			t.Errorf("%s inferred under the regulator's 10-6", s.ID)
		}
	}
}

// Groups: reportability names the group that triggers it; the JNSA model
// values each group at its own data and the totals add up.
func TestGroups(t *testing.T) {
	r := &casebook.Record{Organization: "株式会社クレイツ", Dates: &casebook.Dates{Discovered: ptr("2023-06-01")},
		Affected: &casebook.Affected{Count: n64(65520), Groups: []casebook.Group{
			{Count: 4583, DataItems: []string{"card_holder", "card_number", "card_expiry", "card_cvv"}, Confirmed: true},
			{Count: 65520, DataItems: []string{"name", "address", "phone", "email", "birthdate", "gender", "password"}}}},
		DataItems: []string{"name", "address", "phone", "email", "birthdate", "gender", "password", "card_holder", "card_number", "card_expiry", "card_cvv"},
		Causes:    []string{"unauthorized_access"}}
	j := Judge(r)
	if !strings.Contains(j.Reportable.Reasons["2"], "4,583人") {
		t.Errorf("2号 reason %q", j.Reportable.Reasons["2"])
	}
	if len(j.JNSA.Groups) != 2 {
		t.Fatalf("%+v", j.JNSA)
	}
	// the card holders are taken to be among the customers: each person
	// counted once, at the price of everything that leaked about them
	var sum int64
	for _, g := range j.JNSA.Groups {
		sum += g.TotalYen
		if g.TotalYen != g.PerPersonYen*g.Counted {
			t.Errorf("group %+v", g)
		}
	}
	cards, customers := j.JNSA.Groups[0], j.JNSA.Groups[1]
	if cards.Within == nil || *cards.Within != 1 || cards.Counted != 4583 || cards.PerPersonYen != 78000 || !strings.Contains(cards.Assumption, "含まれると仮定") {
		t.Errorf("card holders %+v", cards)
	}
	if customers.Within != nil || customers.Counted != 65520-4583 || customers.PerPersonYen != 18000 {
		t.Errorf("customers %+v", customers)
	}
	if *j.JNSA.TotalYen != sum || sum != 4583*78000+(65520-4583)*18000 {
		t.Errorf("total %d sum %d groups %+v", *j.JNSA.TotalYen, sum, j.JNSA.Groups)
	}
	// groups of different people (staff and customers) are not nested
	r.Affected.Groups = []casebook.Group{{Count: 300, DataItems: []string{"name", "employer"}}, {Count: 5000, DataItems: []string{"name", "email"}}}
	for _, g := range Judge(r).JNSA.Groups {
		if g.Within != nil || g.Counted != g.Count {
			t.Errorf("nested without card data: %+v", g)
		}
	}
}
