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

func TestSameIncident(t *testing.T) {
	tests := []struct {
		name string
		a, b *Record
		want bool
	}{
		{"same day and org", rec("株式会社A", "2024-01-10", "", 100), rec("株式会社 A", "2024-01-10", "", 0), true},
		{"other org", rec("株式会社A", "2024-01-10", "", 100), rec("株式会社B", "2024-01-10", "", 100), false},
		{"no shared fact", rec("株式会社A", "2024-01-10", "", 0), rec("株式会社A", "", "", 0), false},
		{"a year apart", rec("株式会社A", "2024-01-10", "", 100), rec("株式会社A", "2025-03-01", "", 100), false},
		{"count grew, two dates agree", rec("株式会社A", "2024-01-10", "2023-05-01", 100), rec("株式会社A", "2024-01-10", "2023-05-01", 5000), true},
		{"count differs, one date agrees", rec("株式会社A", "2024-01-10", "", 100), rec("株式会社A", "2024-01-10", "", 5000), false},
		{"different causes", rec("株式会社A", "2024-01-10", "", 0, "loss"), rec("株式会社A", "2024-01-10", "", 0, "ransomware"), false},
		{"follow-up says only 不正アクセス", rec("株式会社A", "2024-01-10", "2023-05-01", 0, "web_skimming"), rec("株式会社A", "2024-01-10", "2023-05-01", 0, "unauthorized_access"), true},
		{"no organization", rec("", "2024-01-10", "", 100), rec("", "2024-01-10", "", 100), false},
	}
	for _, tt := range tests {
		if got := SameIncident(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: %v", tt.name, got)
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
