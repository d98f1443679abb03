package appi

import (
	"slices"
	"strings"
	"testing"

	"casebook"
)

// dutyOf returns the case's duty under one regime.
func dutyOf(j *casebook.Judgement, regime string) (casebook.Duty, bool) {
	for _, d := range j.Duties {
		if d.Regime == regime {
			return d, true
		}
	}
	return casebook.Duty{}, false
}

// 番号法 at its boundaries: not in use before 2016; the 重大事態 rule
// (101人以上, no day count) until 2022-03-31; 規則2条 from 2022-04-01
// (100 is not reportable, 101 is; 60 days only for 2号).
func TestMyNumberDuty(t *testing.T) {
	tests := []struct {
		name, org, learned string
		count              int64
		cause              string
		status             string
		items              []int
		finalDays          int
		final              string
	}{
		{"before My Number was in use", "株式会社あさひ", "2015-12-31", 500, "loss", casebook.DutyNotJudged, nil, 0, ""},
		{"old rule: 101 is a 重大事態", "株式会社あさひ", "2021-06-01", 101, "loss", casebook.DutyRequired, nil, 0, ""},
		{"old rule: 100 is not", "株式会社あさひ", "2022-03-31", 100, "loss", casebook.DutyVoluntary, nil, 0, ""},
		{"old rule: theft of a few", "株式会社あさひ", "2019-10-01", 3, "theft", casebook.DutyRequired, nil, 0, ""},
		{"100 is not reportable", "株式会社あさひ", "2022-04-01", 100, "loss", casebook.DutyVoluntary, nil, 0, ""},
		{"101 is 4号, 30 days", "株式会社あさひ", "2022-04-01", 101, "loss", casebook.DutyRequired, []int{4}, 30, "2022-05-02"},
		{"150 lost in 2023", "株式会社あさひ", "2023-09-04", 150, "loss", casebook.DutyRequired, []int{4}, 30, "2023-10-03"},
		{"theft of 3 is 2号, 60 days", "株式会社あさひ", "2023-09-04", 3, "theft", casebook.DutyRequired, []int{2}, 60, "2023-11-02"},
		{"published on the web: 3号", "株式会社あさひ", "2024-02-01", 2, "publishing_error", casebook.DutyRequired, []int{3}, 30, "2024-03-01"},
		// 番号法 binds a municipality before the APPI did (2023-04-01)
		{"a city in 2022", "みどり市", "2022-10-03", 150, "misdelivery", casebook.DutyRequired, []int{4}, 30, "2022-11-01"},
	}
	for _, tt := range tests {
		r := &casebook.Record{Organization: tt.org, MyNumber: true, DataItems: []string{"name", "government_id"}, Causes: []string{tt.cause},
			Affected: &casebook.Affected{Count: n64(tt.count)}, Dates: &casebook.Dates{Discovered: ptr(tt.learned)}}
		j := Judge(r)
		d, ok := dutyOf(j, casebook.DutyMyNumber)
		if !ok {
			t.Errorf("%s: no 番号法 duty in %+v", tt.name, j.Duties)
			continue
		}
		if d.Status != tt.status || !slices.Equal(d.Items, tt.items) || d.Deadlines.FinalDays != tt.finalDays || d.Authority != "個人情報保護委員会" {
			t.Errorf("%s: %s items %v days %d authority %s, want %s %v %d", tt.name, d.Status, d.Items, d.Deadlines.FinalDays, d.Authority, tt.status, tt.items, tt.finalDays)
		}
		if tt.final != "" && (d.Deadlines.Final == nil || *d.Deadlines.Final != tt.final) {
			t.Errorf("%s: final %v, want %s", tt.name, d.Deadlines.Final, tt.final)
		}
		if d.Explanation == "" || d.Basis == "" {
			t.Errorf("%s: unexplained %+v", tt.name, d)
		}
		if tt.name == "a city in 2022" && j.Duties[0].Status != casebook.DutyNotJudged {
			t.Errorf("a city's APPI duty before 2023-04-01: %+v", j.Duties[0])
		}
	}
	// no 個人番号, no 番号法 duty
	r := &casebook.Record{Organization: "株式会社あさひ", DataItems: []string{"government_id"}, Dates: &casebook.Dates{Discovered: ptr("2023-01-05")}}
	if _, ok := dutyOf(Judge(r), casebook.DutyMyNumber); ok {
		t.Error("番号法 without 個人番号")
	}
}

// 電気通信事業法: 通信の秘密 whatever the count, 詳報 within 30 days of
// knowing (counted from the next day, a closed last day moving on); a
// carrier's user information only for designated carriers from
// 2023-06-16; the APPI report of a carrier goes to 総務省.
func TestTelecomDuty(t *testing.T) {
	r := &casebook.Record{Organization: "株式会社さくらネット通信", CommunicationsSecrecy: true, Causes: []string{"misconfiguration"},
		Affected: &casebook.Affected{Count: n64(3)}, Dates: &casebook.Dates{Discovered: ptr("2024-12-04")}}
	j := Judge(r)
	d, ok := dutyOf(j, casebook.DutyTelecom)
	if !ok || d.Status != casebook.DutyRequired || !strings.Contains(d.Basis, "28条") || !strings.Contains(d.Authority, "総合通信局") {
		t.Fatalf("%+v", j.Duties)
	}
	// 2024-12-04 + 30 = 2025-01-03, closed; 4th and 5th a weekend
	if d.Deadlines.Final == nil || *d.Deadlines.Final != "2025-01-06" {
		t.Errorf("詳報 deadline %v", d.Deadlines.Final)
	}
	if !strings.Contains(j.Duties[0].Authority, "総務省") {
		t.Errorf("APPI authority %q", j.Duties[0].Authority)
	}
	for _, tt := range []struct {
		learned string
		want    string
	}{{"2023-06-15", ""}, {"2023-06-16", casebook.DutyConditional}} {
		r := &casebook.Record{Organization: "楽天モバイル株式会社", DataItems: []string{"name", "phone"}, Causes: []string{"unauthorized_access"},
			Affected: &casebook.Affected{Count: n64(20)}, Dates: &casebook.Dates{Discovered: ptr(tt.learned)}}
		d, ok := dutyOf(Judge(r), casebook.DutyTelecom)
		if ok != (tt.want != "") || ok && d.Status != tt.want {
			t.Errorf("%s: %v %+v, want %q", tt.learned, ok, d, tt.want)
		}
	}
	// not a carrier, nothing about 通信の秘密
	r = &casebook.Record{Organization: "株式会社あさひ", Dates: &casebook.Dates{Discovered: ptr("2024-01-05")}}
	if _, ok := dutyOf(Judge(r), casebook.DutyTelecom); ok {
		t.Error("telecom duty for a shop")
	}
}

// A bank's 業法 report: every leak of customers' data from 2022-04-01,
// whatever the count; before, the sector guideline's request.
func TestFinancialDuty(t *testing.T) {
	for _, tt := range []struct {
		org, learned, status, law string
	}{
		{"株式会社こもれび銀行", "2022-03-31", casebook.DutyVoluntary, "銀行法"},
		{"株式会社こもれび銀行", "2022-04-01", casebook.DutyRequired, "銀行法"},
		{"みなと証券株式会社", "2024-05-13", casebook.DutyRequired, "金融商品取引法"},
		{"ひかり生命保険株式会社", "2024-05-13", casebook.DutyRequired, "保険業法"},
		{"さくら信用金庫", "2024-05-13", casebook.DutyRequired, "信用金庫法"},
		{"株式会社あさひ", "2024-05-13", "", ""},
	} {
		r := &casebook.Record{Organization: tt.org, DataItems: []string{"name", "address"}, Causes: []string{"misdelivery"},
			Affected: &casebook.Affected{Count: n64(3)}, Dates: &casebook.Dates{Discovered: ptr(tt.learned)}}
		j := Judge(r)
		d, ok := dutyOf(j, casebook.DutyFinancial)
		if ok != (tt.status != "") || ok && (d.Status != tt.status || d.Law != tt.law || !strings.Contains(d.Authority, "金融庁")) {
			t.Errorf("%s %s: %v %+v", tt.org, tt.learned, ok, d)
		}
		if ok && tt.status == casebook.DutyRequired && (d.Deadlines.PrelimGuide == nil || j.Duties[0].Status != casebook.DutyNotRequired || !strings.Contains(j.Duties[0].Authority, "金融庁")) {
			t.Errorf("%s: guide %v, APPI %+v", tt.org, d.Deadlines.PrelimGuide, j.Duties[0])
		}
	}
}

// A 委託先 named in the notice: a business's 委託先 reports with its client
// unless it notifies the client; a public body reports under 法68条 alone
// while its 委託先 is judged as a business (1,000人超, not 100).
func TestProcessorDuty(t *testing.T) {
	for _, tt := range []struct {
		org          string
		count        int64
		cause        string
		appiItems    []int
		processor    string
		processorHas []int
	}{
		{"みどり野市", 500, "loss", []int{4}, casebook.DutyNotRequired, nil},
		{"みどり野市", 500, "ransomware", []int{3, 4}, casebook.DutyRequired, []int{3}},
		{"みどり野市", 2000, "ransomware", []int{3, 4}, casebook.DutyRequired, []int{3, 4}},
		{"株式会社あさひ", 1001, "misdelivery", []int{4}, casebook.DutyRequired, []int{4}},
	} {
		r := &casebook.Record{Organization: tt.org, Processor: "株式会社ひかり印刷", Contractor: true, Causes: []string{tt.cause},
			DataItems: []string{"name", "address"}, Affected: &casebook.Affected{Count: n64(tt.count)}, Dates: &casebook.Dates{Discovered: ptr("2024-06-03")}}
		j := Judge(r)
		if !slices.Equal(j.Reportable.Items, tt.appiItems) || j.Duties[0].Status != casebook.DutyRequired {
			t.Errorf("%s %d %s: APPI %v %s", tt.org, tt.count, tt.cause, j.Reportable.Items, j.Duties[0].Status)
		}
		d, ok := dutyOf(j, casebook.DutyProcessor)
		if !ok || d.Status != tt.processor || !slices.Equal(d.Items, tt.processorHas) || d.Bearer != "株式会社ひかり印刷" {
			t.Errorf("%s %d %s: processor %+v", tt.org, tt.count, tt.cause, d)
		}
		if j.PublicBody && ok && d.Status == casebook.DutyRequired && !strings.Contains(d.Explanation, "法68条") {
			t.Errorf("public client unexplained: %q", d.Explanation)
		}
	}
}

// A ministry's action under its own law is judged by that law and finding:
// no APPI inference, the regulator's finding as a duty.
func TestRegulatorOwnLaw(t *testing.T) {
	r := &casebook.Record{Kind: casebook.KindRegulator, Organization: "株式会社つばさ通信", CommunicationsSecrecy: true,
		Dates:    &casebook.Dates{Discovered: ptr("2023-01-10"), RegulatorAction: ptr("2023-06-01")},
		Affected: &casebook.Affected{Count: n64(5000)}, Causes: []string{"unauthorized_access"},
		Findings: &casebook.Findings{Regulator: "総務省", Law: "電気通信事業法", Actions: []string{"administrative_guidance"}}}
	j := Judge(r)
	if len(j.Reportable.Items) != 0 || j.Reports.Final.Status != casebook.StatusNotJudged || j.Duties[0].Status != casebook.DutyNotJudged {
		t.Errorf("APPI inferred: %v %+v %+v", j.Reportable.Items, j.Reports, j.Duties[0])
	}
	for _, s := range j.Safeguards {
		if s.Source != casebook.SourceRegulator {
			t.Errorf("casebook's inference %+v", s)
		}
	}
	d, ok := dutyOf(j, casebook.DutyRegulator)
	if !ok || d.Law != "電気通信事業法" || !strings.Contains(d.Explanation, "行政指導") {
		t.Errorf("%+v", j.Duties)
	}
	// the PPC's action keeps the APPI inferences
	r.Findings = &casebook.Findings{Regulator: "個人情報保護委員会", Actions: []string{"guidance"}}
	if j := Judge(r); len(j.Reportable.Items) == 0 {
		t.Error("PPC action lost its APPI judgement")
	}
}

// Every judged case lists its APPI duty first, explained.
func TestDutiesAlwaysStartWithAPPI(t *testing.T) {
	for _, r := range []*casebook.Record{
		{Organization: "株式会社あさひ"},
		{Organization: "みどり市", Dates: &casebook.Dates{Discovered: ptr("2021-01-01")}},
		{Organization: "株式会社あさひ", Causes: []string{"misdelivery"}, Affected: &casebook.Affected{Count: n64(1001)}, Dates: &casebook.Dates{Discovered: ptr("2023-01-05")}},
	} {
		j := Judge(r)
		if len(j.Duties) == 0 || j.Duties[0].Regime != casebook.DutyAPPI || j.Duties[0].Explanation == "" || j.Duties[0].Status == "" {
			t.Errorf("%s: %+v", r.Organization, j.Duties)
		}
	}
}
