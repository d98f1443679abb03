package extract

import (
	"strings"
	"testing"
)

func TestSentenceCuts(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int // segments, 0: not cut
	}{
		{"a city's list retold", "事務処理ミス5件を公表 - 架空市\n\n架空市は、1か月間に報告を受けた事務処理ミス5件を公表した。\n\n" +
			"北区役所では5月8日、窓口で預かった通知カードの行方がわからなくなった。また同区役所では、決定通知書を別人に送っていたことが5月13日にわかった。\n\n" +
			"南区役所では4月27日、調剤券を別の薬局に届けてしまった。東区役所では、診断書が見当たらないことが4月16日に判明した。西区役所でも、別人あての書類を誤って同封する事故が起きている。\n", 5},
		{"one office named twice", "北区役所で誤送付\n\n北区役所では5月8日、通知書を別人に送った。北区役所では再発防止策を講じる。\n", 0},
		{"two offices", "誤送付が続く\n\n北区役所では5月8日、通知書を別人に送った。南区役所でも同じ日に誤って送付した。\n", 0},
	}
	for _, tt := range tests {
		d := analyse(tt.text, Options{})
		d.related = relatedLines(d.lines) // (as newPage reads them first)
		got := len(sentenceCuts(d))
		if got != tt.want {
			t.Errorf("%s: %d segments, want %d", tt.name, got, tt.want)
		}
	}
}

// An entry that refers back to the office named before (また同区役所では)
// is that office's.
func TestSentenceCutsReferBack(t *testing.T) {
	text := "事務処理ミス5件を公表 - 架空市\n\n架空市は、1か月間に報告を受けた事務処理ミス5件を公表した。\n\n" +
		"北区役所では5月8日、窓口で預かった通知カードの行方がわからなくなった。また同区役所では、決定通知書を別人に送っていたことが5月13日にわかった。\n\n" +
		"南区役所では4月27日、調剤券を別の薬局に届けてしまった。東区役所では、診断書が見当たらないことが4月16日に判明した。西区役所でも、別人あての書類を誤って同封する事故が起きている。\n"
	recs, err := Extract(text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs {
		if strings.HasPrefix(r.Title, "また同区役所では") {
			found = true
			if r.Organization != "北区役所" {
				t.Errorf("the entry of 同区役所: organization %q, want 北区役所", r.Organization)
			}
		}
	}
	if !found {
		t.Errorf("no entry starts at また同区役所では: %d records", len(recs))
	}
}
