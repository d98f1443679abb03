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

// A source joined through a later one says so: its link is to the source
// it agrees with, wherever that stands in the case; one that agrees with
// none alone has no facts.
func TestLinks(t *testing.T) {
	rec := func(disc, police, announced string) *casebook.Record {
		r := &casebook.Record{Kind: casebook.KindBreach, Organization: "川辺町", Dates: &casebook.Dates{}}
		for p, v := range map[**string]string{&r.Dates.Discovered: disc, &r.Dates.ReportedPolice: police, &r.Dates.Announced: announced} {
			if v != "" {
				*p = casebook.Str(v)
			}
		}
		return r
	}
	srcs := []casebook.Source{
		{ID: "r1", DocID: 1, Record: rec("2024-01-10", "", "")},
		{ID: "r2", DocID: 2, Record: rec("", "2024-01-15", "2024-02-01")}, // joined through r3
		{ID: "r3", DocID: 3, Record: rec("2024-01-10", "2024-01-15", "2024-02-01")},
		{ID: "r4", DocID: 4, Record: &casebook.Record{Kind: casebook.KindBreach, Organization: "川辺町", Title: "別の件"}}, // put here by a person
	}
	got := links(srcs)
	if len(got) != 3 || got[0].Source != "r2" || got[0].With != "r3" || len(got[0].Facts) == 0 ||
		got[1].Source != "r3" || got[1].With != "r1" || got[2].Source != "r4" || len(got[2].Facts) != 0 {
		t.Errorf("links %+v", got)
	}
}
