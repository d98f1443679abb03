package resolve

import (
	"slices"
	"testing"

	"casebook"
)

// notice is a breach record for the tables: fields by name.
type notice struct {
	org, title, disc, from, ann, ppc string
	count                            int64
	approx                           bool
	causes, items, names             []string
	kind                             casebook.Kind
}

func (n notice) record() *casebook.Record {
	r := &casebook.Record{Kind: casebook.KindBreach, Organization: n.org, Title: n.title, Dates: &casebook.Dates{},
		Causes: n.causes, DataItems: n.items, Names: n.names}
	if n.kind != "" {
		r.Kind = n.kind
	}
	set := func(p **string, v string) {
		if v != "" {
			*p = casebook.Str(v)
		}
	}
	set(&r.Dates.Discovered, n.disc)
	set(&r.Dates.OccurredFrom, n.from)
	set(&r.Dates.Announced, n.ann)
	set(&r.Dates.ReportedPPC, n.ppc)
	if n.count > 0 {
		c := n.count
		r.Affected = &casebook.Affected{Count: &c, Approximate: n.approx}
	}
	return r
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name string
		a, b notice
		want bool
	}{
		{"same day and org", notice{org: "株式会社A", disc: "2024-01-10", count: 100}, notice{org: "株式会社 A", disc: "2024-01-10"}, true},
		{"other org", notice{org: "株式会社A", disc: "2024-01-10"}, notice{org: "株式会社B", disc: "2024-01-10"}, false},
		{"no organization", notice{disc: "2024-01-10", count: 100}, notice{disc: "2024-01-10", count: 100}, false},
		{"other legal form", notice{org: "学校法人東海学園", disc: "2024-01-10"}, notice{org: "国立大学法人東海学園", disc: "2024-01-10"}, false},
		{"abbreviated legal form", notice{org: "(株)A", disc: "2024-01-10"}, notice{org: "株式会社A", disc: "2024-01-10"}, true},
		{"no shared fact", notice{org: "株式会社A", disc: "2024-01-10"}, notice{org: "株式会社A"}, false},
		{"a count alone", notice{org: "川辺町", count: 57, ann: "2021-09-04"}, notice{org: "川辺町", count: 57, ann: "2024-07-27"}, false},
		{"a count alone, no dates", notice{org: "川辺町", count: 57}, notice{org: "川辺町", count: 57}, false},
		{"count and announced the same day (a news copy)", notice{org: "A社", count: 570, ann: "2024-07-27"}, notice{org: "A社", count: 570, ann: "2024-07-27"}, true},
		{"the same title years apart", notice{org: "川辺町", title: "メール誤送信について", ann: "2021-09-04"}, notice{org: "川辺町", title: "メール誤送信について", ann: "2024-07-27"}, false},
		{"the same title, other days found", notice{org: "川辺町", title: "メール誤送信について", disc: "2021-09-01", ann: "2021-09-04"},
			notice{org: "川辺町", title: "メール誤送信について", disc: "2021-09-20", ann: "2021-09-24"}, false},
		{"a digest's copy with the same title", notice{org: "A社", title: "不正アクセスに関するお詫び", disc: "2024-01-10"}, notice{org: "A社", title: "A社、不正アクセスに関するお詫び"}, true},
		{"discovered a year apart", notice{org: "株式会社A", disc: "2024-01-10", count: 100}, notice{org: "株式会社A", disc: "2025-03-01", count: 100}, false},
		{"count grew, two dates agree", notice{org: "株式会社A", disc: "2024-01-10", from: "2023-05-01", count: 100}, notice{org: "株式会社A", disc: "2024-01-10", from: "2023-05-01", count: 5000}, false},
		{"count grew in the 第2報", notice{org: "株式会社A", title: "不正アクセスに関するお知らせ", disc: "2024-01-10", count: 100},
			notice{org: "株式会社A", title: "【第2報】不正アクセスに関するお知らせ", disc: "2024-01-10", count: 300}, true},
		{"an approximate count", notice{org: "A社", disc: "2024-01-10", count: 10000, approx: true}, notice{org: "A社", disc: "2024-01-10", count: 12345}, true},
		{"another count, no later report", notice{org: "A社", disc: "2024-01-10", count: 1090}, notice{org: "A社", disc: "2024-01-10", count: 4519}, false},
		{"different causes", notice{org: "株式会社A", disc: "2024-01-10", causes: []string{"loss"}}, notice{org: "株式会社A", disc: "2024-01-10", causes: []string{"ransomware"}}, false},
		{"follow-up says only 不正アクセス", notice{org: "株式会社A", disc: "2024-01-10", from: "2023-05-01", causes: []string{"web_skimming"}},
			notice{org: "株式会社A", disc: "2024-01-10", from: "2023-05-01", causes: []string{"unauthorized_access"}}, true},
		{"different causes, the same title and day", notice{org: "A社", title: "個人情報の漏えいについて", disc: "2024-01-10", causes: []string{"loss"}},
			notice{org: "A社", title: "個人情報の漏えいについて", disc: "2024-01-10", causes: []string{"misdelivery"}}, false},
		{"two kinds of intrusion", notice{org: "A社", disc: "2024-01-10", causes: []string{"ransomware"}}, notice{org: "A社", disc: "2024-01-10", causes: []string{"account_compromise"}}, false},
		{"different data", notice{org: "A社", disc: "2024-01-10", items: []string{"card_number"}, count: 10}, notice{org: "A社", disc: "2024-01-10", items: []string{"health"}, count: 10}, true},
		{"different data, nothing else", notice{org: "A社", disc: "2024-01-10", items: []string{"card_number"}}, notice{org: "A社", disc: "2024-01-10", items: []string{"health"}}, false},
		{"a 続報 naming another matter", notice{org: "川辺村", title: "ホームページへの個人情報の誤掲載について", disc: "2023-01-22"},
			notice{org: "川辺村", title: "申込者名簿の紛失に関するお詫び(第2報)", disc: "2023-01-22"}, false},
		{"a report of results", notice{org: "A社", title: "元従業員による顧客情報の持ち出しについて", disc: "2026-07-05", ann: "2026-08-09"},
			notice{org: "A社", title: "ルドムネットショップに関する調査結果のご報告", disc: "2026-07-05", ann: "2026-11-05"}, true},
		{"announced months apart, no later report", notice{org: "A社", from: "2024-01-10", ann: "2024-02-01"}, notice{org: "A社", from: "2024-01-10", ann: "2024-06-01"}, false},
		{"the regulator's action months later", notice{org: "A社", from: "2024-01-10", ann: "2024-02-01"},
			notice{org: "A社", from: "2024-01-10", ann: "2024-09-01", kind: casebook.KindRegulator}, true},
		{"not an incident", notice{org: "A社", disc: "2024-01-10", kind: casebook.KindNotIncident}, notice{org: "A社", disc: "2024-01-10"}, false},
		{"a ward office and its ward", notice{org: "阿倍野区役所", disc: "2020-04-27"}, notice{org: "阿倍野区", disc: "2020-04-27"}, true},
		{"an abbreviation and one fact", notice{org: "日航", disc: "2024-01-10"}, notice{org: "日本航空株式会社", disc: "2024-01-10"}, false},
		{"an abbreviation and two facts", notice{org: "日航", disc: "2024-01-10", count: 2417}, notice{org: "日本航空株式会社", disc: "2024-01-10", count: 2417}, true},
		{"a name and its end", notice{org: "ヤフー", disc: "2024-01-10", count: 2417}, notice{org: "LINEヤフー株式会社", disc: "2024-01-10", count: 2417}, true},
		{"a prefecture and its school, one day", notice{org: "三重県", disc: "2025-07-01"}, notice{org: "三重県立神戸高等学校", disc: "2025-07-01"}, false},
		{"a release naming its company in its text", notice{names: []string{"アリコジャパン"}, disc: "2009-07-14", count: 32359},
			notice{org: "アリコジャパン", disc: "2009-07-14", count: 32359}, true},
		{"a release naming its company, one fact", notice{names: []string{"アリコジャパン"}, disc: "2009-07-14"}, notice{org: "アリコジャパン", disc: "2009-07-14"}, false},
		{"a text naming a word of the name", notice{names: []string{"ビジネス"}, disc: "2024-01-10", count: 2417},
			notice{org: "有限会社ビジネスプランニング", disc: "2024-01-10", count: 2417}, false},
		{"a title naming the company", notice{title: "アリコジャパン、顧客情報流出の調査結果", disc: "2009-07-14", count: 32359},
			notice{org: "アリコジャパン", disc: "2009-07-14", count: 32359}, true},
		{"a count of its own", notice{org: "A社", count: 37000}, notice{org: "A社", count: 37000}, true},
		{"a round count", notice{org: "A社", count: 3000}, notice{org: "A社", count: 3000}, false},
		{"a count in round thousands", notice{org: "A社", disc: "2009-07-14", count: 32000}, notice{org: "A社", disc: "2009-07-14", count: 32359}, true},
		{"titles sharing their terms", notice{org: "淀川区役所", title: "自立支援医療（精神通院医療）診断書の所在不明"},
			notice{org: "淀川区役所", title: "淀川区役所では、「自立支援医療（精神通院医療）診断書」が見当たらない"}, true},
	}
	for _, tt := range tests {
		a, b := tt.a.record(), tt.b.record()
		v := Compare(a, b)
		if v.Same != tt.want {
			t.Errorf("%s: same = %v, want %v (%+v)", tt.name, v.Same, tt.want, v)
		}
		if w := Compare(b, a); w.Same != v.Same || w.Score != v.Score {
			t.Errorf("%s: not symmetric: %+v and %+v", tt.name, v, w)
		}
		if v.Same && len(v.Agreed) == 0 || v.Veto != "" && v.Same {
			t.Errorf("%s: a verdict without its reasons: %+v", tt.name, v)
		}
	}
}

func TestTitleStem(t *testing.T) {
	for title, want := range map[string]string{
		"【第2報】不正アクセスによるお客様情報流出について":     "不正アクセスによるお客様情報流出",
		"A社、メール誤送信による個人情報の漏えいについて(お詫び)": "メール誤送信による個人情報の漏えい",
		"書類の紛失に関するお詫び(続報)":              "書類の紛失",
		"サイバー攻撃によるシステム障害について(第3報)":      "サイバー攻撃によるシステム障害",
	} {
		if got := titleStem(&casebook.Record{Title: title, Organization: "A社"}); got != want {
			t.Errorf("titleStem(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	text := "弊社が運営する「e-ca公式サイト」において、メチヌテフ管理システムのサーバーへの不正アクセスがあり、メールアドレスとクレジットカード情報が流出しました。"
	got := Names(text)
	if !slices.Equal(got, []string{"e-ca公式サイト", "メチヌテフ"}) {
		t.Errorf("Names = %q", got)
	}
	if n := sharedName([]string{"e-ca公式サイト"}, []string{"サイト"}); n != "" {
		t.Errorf("a name of 4 characters or more inside another is shared, shorter not: %q", n)
	}
	if n := sharedName([]string{"e-ca公式サイト"}, []string{"e-ca公式"}); n == "" {
		t.Error("e-ca公式 inside e-ca公式サイト is shared")
	}
}

// A report of results names the service of its first notice: a notice
// of another service found the same day is another incident.
func TestLaterReportNamesItsService(t *testing.T) {
	first := notice{org: "みなみ野市", title: "メール誤送信による個人情報の漏えいについて(お詫び)", from: "2017-12-20", ann: "2018-01-14", count: 1546}.record()
	first.Names = []string{"メチヌテフ"}
	other := notice{org: "みなみ野市", title: "一斉送信メールにおける誤送信について", from: "2017-12-20", ann: "2018-01-07", count: 3069}.record()
	other.Names = []string{"ヤシモロヤ"}
	report := notice{org: "みなみ野市", title: "メチヌテフ管理システムに関する調査結果のご報告", from: "2017-12-20", ann: "2018-02-04", count: 3092}.record()
	report.Names = []string{"メチヌテフ"}
	if v := Compare(first, report); !v.Same {
		t.Errorf("the report and its first notice: %+v", v)
	}
	if v := Compare(other, report); v.Same {
		t.Errorf("the report and a notice of another service: %+v", v)
	}
}

// Two notices naming the same service agree on it; the organization's
// own name, which every notice of it gives, does not count.
func TestSharedNames(t *testing.T) {
	a := notice{org: "株式会社エムケイシステム", causes: []string{"ransomware"}, ppc: "2023-06-08"}.record()
	b := notice{org: "株式会社エムケイシステム", causes: []string{"ransomware"}}.record()
	a.Names, b.Names = []string{"エムケイシステム", "社労夢"}, []string{"エムケイシステム"}
	if v := Compare(a, b); v.Same {
		t.Errorf("the organization's name is no shared fact: %+v", v)
	}
	b.Names = append(b.Names, "社労夢")
	if v := Compare(a, b); !v.Same || !slices.Contains(v.Agreed, "名称「社労夢」") {
		t.Errorf("the same service named: %+v", v)
	}
}

// Whatever the order two related records arrive in, the later one finds
// the earlier by its keys.
func TestKeysFindRelatedRecords(t *testing.T) {
	tests := []struct{ a, b notice }{
		{notice{org: "阿倍野区役所"}, notice{org: "阿倍野区"}},
		{notice{org: "日航"}, notice{org: "日本航空株式会社"}},
		{notice{org: "関電"}, notice{org: "関西電力株式会社"}},
		{notice{org: "ヤフー"}, notice{org: "LINEヤフー株式会社"}},
		{notice{org: "ソニー"}, notice{org: "ソニー・コンピュータエンタテインメント"}},
		{notice{names: []string{"アリコジャパン"}}, notice{org: "アリコジャパン株式会社"}},
	}
	for _, tt := range tests {
		a, b := tt.a.record(), tt.b.record()
		if rel, _ := relateOrgs(a, b); rel == orgNone {
			t.Errorf("%q and %q (%v): not related", a.Organization, b.Organization, a.Names)
		}
		if !finds(b, a) || !finds(a, b) {
			t.Errorf("%q and %q (%v): a later record does not find the earlier (%+v, %+v)", a.Organization, b.Organization, a.Names, KeysOf(a), KeysOf(b))
		}
	}
	if k := KeysOf(notice{org: "三重県"}.record()); slices.Contains(k.OrgKeys, "三重県") {
		t.Errorf("a record's keys hold its own key: %+v", k)
	}
}

// finds: a store holding old finds it for new, by its organization key
// or by the keys.
func finds(new, old *casebook.Record) bool {
	key := casebook.OrgKey(old.Organization)
	if key != "" && key == casebook.OrgKey(new.Organization) {
		return true
	}
	kn, ko := KeysOf(new), KeysOf(old)
	if key != "" && slices.Contains(kn.OrgKeys, key) {
		return true
	}
	for _, k := range kn.Lookup {
		if slices.Contains(ko.Stored, k) {
			return true
		}
	}
	return false
}
