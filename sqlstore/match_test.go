package sqlstore

import (
	"encoding/json"
	"reflect"
	"testing"

	"casebook"
)

func TestMatchColumn(t *testing.T) {
	day := func(s string) *string { return &s }
	n := int64(1234)
	full := &casebook.Record{Kind: casebook.KindBreach, Title: "不正アクセスに関するお詫び", Organization: "株式会社あさひ\x1f通販",
		Causes:   []string{"web_skimming", "unauthorized_access"},
		Dates:    &casebook.Dates{Discovered: day("2024-05-01"), Announced: day("2024-06-10"), ReportedPPCFinal: day("2024-06-28")},
		Affected: &casebook.Affected{Count: &n, Confirmed: true}}
	bare := &casebook.Record{Kind: casebook.KindBreach}
	for name, r := range map[string]*casebook.Record{"full": full, "bare": bare} {
		got := decodeMatch(encodeMatch(r))
		if got == nil {
			t.Fatalf("%s: not decoded", name)
		}
		want := *r
		want.Organization = "株式会社あさひ 通販" // the separator is blanked
		if name == "bare" {
			want.Organization = ""
			want.Dates = &casebook.Dates{}
		}
		want.Affected = nil
		if r.Affected != nil {
			want.Affected = &casebook.Affected{Count: r.Affected.Count}
		}
		if !reflect.DeepEqual(got, &want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, &want)
		}
	}
	// the forms of earlier versions still decode
	js, _ := json.Marshal(map[string]any{"k": "breach_notice", "t": "題", "d": map[string]string{"announced": "2023-01-02"}, "n": 5})
	if r := decodeMatch(string(js)); r == nil || r.Title != "題" || *r.Dates.Announced != "2023-01-02" || *r.Affected.Count != 5 {
		t.Errorf("earlier JSON: %+v", r)
	}
	whole, _ := json.Marshal(full)
	if r := decodeMatch(string(whole)); r == nil || r.Title != full.Title {
		t.Errorf("whole record: %+v", r)
	}
	if decodeMatch("{}") != nil || decodeMatch("\x01x") != nil {
		t.Error("garbage decoded")
	}
}
