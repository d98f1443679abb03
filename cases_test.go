package casebook

import "testing"

func rec(org, disc, from string, count int64, causes ...string) *Record {
	r := &Record{Kind: KindBreach, Organization: org, Dates: &Dates{}, Affected: &Affected{}, Causes: causes}
	if disc != "" {
		r.Dates.Discovered = Str(disc)
	}
	if from != "" {
		r.Dates.OccurredFrom = Str(from)
	}
	if count > 0 {
		r.Affected.Count = &count
	}
	return r
}

func TestLegalForm(t *testing.T) {
	for org, want := range map[string]string{
		"(株)ＮＴＴドコモ": "株式会社", "株式会社A": "株式会社", "医療法人社団さくら会": "医療法人社団",
		"医療法人さくら会": "医療法人", "国立大学法人東海学園": "国立大学法人", "学校法人東海学園": "学校法人", "川辺町": "",
	} {
		if got := LegalForm(org); got != want {
			t.Errorf("LegalForm(%q) = %q, want %q", org, got, want)
		}
	}
}

func TestOrgKey(t *testing.T) {
	if OrgKey("株式会社 NTT ドコモ") != OrgKey("(株)ＮＴＴドコモ") {
		t.Errorf("%q vs %q", OrgKey("株式会社 NTT ドコモ"), OrgKey("(株)ＮＴＴドコモ"))
	}
}

func TestMergeView(t *testing.T) {
	first := rec("株式会社A", "2024-01-10", "", 100, "web_skimming")
	first.Title = "不正アクセスに関するお詫び"
	reg := rec("株式会社A", "2024-01-10", "", 5000, "unauthorized_access")
	reg.Kind = KindRegulator
	reg.Dates.RegulatorAction = Str("2024-09-01")
	m := Merge([]*Record{reg, first})
	if m.Kind != KindBreach || m.Title != first.Title || *m.Affected.Count != 5000 || m.Causes[0] != "web_skimming" || *m.Dates.RegulatorAction != "2024-09-01" {
		t.Errorf("%+v", m)
	}
}

// A case's merged value carries the confidence of the surest record that
// gives it; a value no record gives with a confidence has none.
func TestMergeKeepsConfidence(t *testing.T) {
	a := &Record{Kind: KindBreach, Organization: "A社", Causes: []string{"loss"},
		Confidence: map[string]float64{"organization": 0.6, "causes.loss": 0.7}}
	b := &Record{Kind: KindBreach, Organization: "A社", Sector: "retail_ec", Causes: []string{"loss", "theft"},
		Confidence: map[string]float64{"organization": 0.9, "causes.theft": 0.4}}
	c := &Record{Kind: KindBreach, Organization: "B社", Confidence: map[string]float64{"organization": 0.99}}
	m := Merge([]*Record{a, b, c})
	want := map[string]float64{"organization": 0.9, "causes.loss": 0.7, "causes.theft": 0.4}
	if len(m.Confidence) != len(want) {
		t.Fatalf("confidence %v", m.Confidence)
	}
	for k, v := range want {
		if m.Confidence[k] != v {
			t.Errorf("%s: %v, want %v", k, m.Confidence[k], v)
		}
	}
}

// What a person corrects is certain.
func TestCorrectionIsCertain(t *testing.T) {
	r := &Record{Kind: KindBreach, Organization: "A社", Causes: []string{"loss"},
		Confidence: map[string]float64{"organization": 0.6, "causes.loss": 0.7}}
	for _, c := range []Correction{{Field: "organization", Value: "B社"}, {Field: "causes", Value: "theft"}} {
		if err := c.Apply(r); err != nil {
			t.Fatal(err)
		}
	}
	if r.Confidence["organization"] != 1 || r.Confidence["causes.theft"] != 1 || r.Confidence["causes.loss"] != 0 {
		t.Errorf("confidence %v", r.Confidence)
	}
}

func TestDaysApart(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
		ok   bool
	}{{"2024-02-28", "2024-03-01", 2, true}, {"2023-03-01", "2023-02-28", 1, true}, {"2021-09-04", "2024-07-27", 1057, true}, {"2024-13-01", "2024-01-01", 0, false}, {"", "2024-01-01", 0, false}} {
		if got, ok := DaysApart(tt.a, tt.b); got != tt.want || ok != tt.ok {
			t.Errorf("DaysApart(%s, %s) = %d %v, want %d %v", tt.a, tt.b, got, ok, tt.want, tt.ok)
		}
	}
}
