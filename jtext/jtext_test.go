package jtext

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = rejected
	}{
		{"2019年5月9日", "2019-05-09"},
		{"2019/05/9", "2019-05-09"},
		{"2024-02-29", "2024-02-29"},
		{"2023-02-29", ""},
		{"２０２４年２月２９日", "2024-02-29"},
		{"2023 年 9 月 29 日", "2023-09-29"},
		{"令和6年2月 29 日", "2024-02-29"},
		{"令和６年２月２９日", "2024-02-29"},
		{"令和元年5月1日", "2019-05-01"},
		// like the peer libraries, an era year is read as written even on
		// the days before the era began (平成元年元日 is 1989-01-01)
		{"令和元年4月30日", "2019-04-30"},
		{"平成31年4月30日", "2019-04-30"},
		{"平成元年1月8日", "1989-01-08"},
		{"平成元年1月7日", "1989-01-07"},
		{"令和0年1月7日", ""},
		{"2025/1/1", "2025-01-01"},
		{"令和7年1月1日", "2025-01-01"},
		{"2025年\n7月22日", "2025-07-22"}, // a PDF line broke it
		{"2025年\n\n7月22日", ""},         // a paragraph did not
		{"令和7年\n 3月26日", "2025-03-26"},
		{"2025-01-01x", ""}, // not read to the end
		{"2025-01", ""},     // a month, not a day
		{"昭和64年1月7日", "1989-01-07"},
		{"令和5年(2023年)12月9日", "2023-12-09"},
		{"令和5年（2023年）12月29日", "2023-12-29"},
		{"R6.2.29", "2024-02-29"},
		{"H31.4.30", "2019-04-30"},
		{"令和5年2月30日", ""},
		{"2024年13月1日", ""},
		{"6月4日", ""}, // needs a year from context
		{"平成三十一年四月十九日", "2019-04-19"},
		{"R3年7月18日", "2021-07-18"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		got := ""
		if err == nil {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestResolveYearless(t *testing.T) {
	tests := []struct {
		text string
		ctx  Date
		want []string
	}{
		{"2021/6/4 … 6月5日(土)、6月10日(木)", Date{}, []string{"2021-06-04", "2021-06-05", "2021-06-10"}},
		// 12月→1月 rollover
		{"2024年12月27日(金)に紛失。1月6日(月)に気付いた", Date{}, []string{"2024-12-27", "2025-01-06"}},
		{"12月27日に紛失し、1月6日に気付いた", Date{2024, 12, 1}, []string{"2024-12-27", "2025-01-06"}},
		// a weekday decides the year when the context is a year off
		{"６月４日（金）午前11時", Date{2022, 1, 10}, []string{"2021-06-04"}},
		{"2月8日、攻撃を受けた", Date{2024, 2, 13}, []string{"2024-02-08"}},
		{"令和5年 10 月6日付けで速報、同月 13 日付けで確報", Date{}, []string{"2023-10-06", "2023-10-13"}},
		{"2024年2月8日17時頃に報告を受け、同月9日に報告した", Date{}, []string{"2024-02-08", "2024-02-09"}},
		{"令和5年8月 10 日に情報提供を受け、同日、警察に通報した。翌日に公表", Date{}, []string{"2023-08-10", "2023-08-10", "2023-08-11"}},
		{"2025年2月10日から同年3月28日まで", Date{}, []string{"2025-02-10", "2025-03-28"}},
		// a month-only range just before must not hide the era date after it
		{"令和4年4月~令和5年8月まで勤務していたXが。四谷大塚は、令和5年8月 10 日、情報提供を受けた", Date{2024, 2, 29}, []string{"2023-08-10"}},
	}
	for _, tt := range tests {
		n := NormString(tt.text)
		r := Resolver{Default: tt.ctx}
		var got []string
		for _, m := range FindDates(n) {
			if d, ok := r.Resolve(m); ok && d.Full() {
				got = append(got, d.String())
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestRanges(t *testing.T) {
	n := NormString("2 月 12 日(月)午後 7 時~14 日(水)午前 8 時半の 間")
	ms := FindDates(n)
	if len(ms) != 1 {
		t.Fatalf("dates: %v", ms)
	}
	day, _ := DayAfterRange(n, ms[0].End)
	if day != 14 {
		t.Errorf("range end day = %d, want 14", day)
	}
	n = NormString("2021年4月21日～2023年4月3日の期間")
	ms = FindDates(n)
	if len(ms) != 2 || !IsRangeSep(n[ms[0].End:ms[1].Start]) {
		t.Errorf("range not found in %q: %v", n, ms)
	}
	n = NormString("2020年10月〜2024年2月2日までの間")
	ms = FindDates(n)
	if len(ms) != 2 || ms[0].Date.Full() || !ms[1].Date.Full() || !IsRangeSep(n[ms[0].End:ms[1].Start]) {
		t.Errorf("month-day range: %v", ms)
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"4342", 4342, true}, {"4,342", 4342, true}, {"１万５，３７０", 15370, true},
		{"1万5,370", 15370, true}, {"596万", 5960000, true}, {"約596万", 0, false},
		{"1.2万", 12000, true}, {"2億3000万", 230000000, true}, {"3万2千", 32000, true},
		{"14,231", 14231, true}, {"万", 0, false}, {"", 0, false}, {"abc", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseNumber(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFindCounts(t *testing.T) {
	tests := []struct {
		in     string
		value  int64
		unit   string
		approx bool
	}{
		{"会員様4342名の会員情報", 4342, "名", false},
		{"合計約 596 万人分の個人データ", 5960000, "人分", true},
		{"本人数は 14,231 人である", 14231, "人", false},
		{"約 14,000 件", 14000, "件", true},
		{"１万５，３７０件", 15370, "件", false},
		{"1,000名以上", 1000, "名", true},
		{"約３万２千人分", 32000, "人分", true},
	}
	for _, tt := range tests {
		cs := FindCounts(NormString(tt.in))
		if len(cs) != 1 || cs[0].Value != tt.value || cs[0].Unit != tt.unit || cs[0].Approximate != tt.approx {
			t.Errorf("FindCounts(%q) = %+v", tt.in, cs)
		}
	}
}

func TestNormalizeOffsets(t *testing.T) {
	orig := "漏えい人数　４，３４２名　㈱テスト ｶﾞｲﾌﾞ"
	tx := Normalize(orig)
	if !strings.Contains(tx.Norm, "4,342名") || !strings.Contains(tx.Norm, "(株)") || !strings.Contains(tx.Norm, "ガイブ") {
		t.Fatalf("norm = %q", tx.Norm)
	}
	i := strings.Index(tx.Norm, "4,342")
	s, e := tx.OrigSpan(i, i+len("4,342"))
	if got := string([]rune(orig)[s:e]); got != "４，３４２" {
		t.Errorf("span maps to %q", got)
	}
	i = strings.Index(tx.Norm, "(株)")
	s, e = tx.OrigSpan(i, i+len("(株)"))
	if got := string([]rune(orig)[s:e]); got != "㈱" {
		t.Errorf("span maps to %q", got)
	}
	i = strings.Index(tx.Norm, "ガイブ")
	s, e = tx.OrigSpan(i, i+len("ガイブ"))
	if got := string([]rune(orig)[s:e]); got != "ｶﾞｲﾌﾞ" {
		t.Errorf("span maps to %q", got)
	}
	if tx.RuneLen() != utf8.RuneCountInString(orig) {
		t.Errorf("rune len %d", tx.RuneLen())
	}
	if got := tx.OrigString(s, e); got != "ｶﾞｲﾌﾞ" {
		t.Errorf("OrigString = %q", got)
	}
	if tx.OrigString(0, tx.RuneLen()) != orig || tx.OrigString(5, 2) != "" || tx.OrigString(-3, 1000) != orig {
		t.Error("OrigString bounds")
	}
}

func FuzzFindDates(f *testing.F) {
	for _, s := range []string{"令和元年5月1日", "2024/2/29", "6月4日(金)", "同月13日", "2 月 12 日(月)午後 7 時~14 日(水)", "R6.2.29", "\xff\xfe年月日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormString(s)
		r := Resolver{Default: Date{2024, 1, 1}}
		for _, m := range FindDates(n) {
			if m.Start < 0 || m.End > len(n) || m.Start > m.End {
				t.Fatalf("bad match %+v in %q", m, n)
			}
			if d, ok := r.Resolve(m); ok && d.Full() && !d.Valid() {
				t.Fatalf("invalid date %v from %q", d, s)
			}
			DayAfterRange(n, m.End)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"4,342", "1万5,370", "596万", "3万2千", "1.5億", "万万", ",,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := ParseNumber(s); err == nil && v < 0 {
			t.Fatalf("negative %d from %q", v, s)
		}
		for _, c := range FindCounts(NormString(s)) {
			if c.Value <= 0 {
				t.Fatalf("count %+v from %q", c, s)
			}
		}
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"㈱テスト", "ｶﾞｲﾌﾞ", "\xff\xfe", "令和６年", "a\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tx := Normalize(s)
		for i := 0; i <= len(tx.Norm); i++ {
			a, b := tx.OrigSpan(0, i)
			if a < 0 || b > tx.RuneLen() || a > b {
				t.Fatalf("span (%d,%d) of %d runes", a, b, tx.RuneLen())
			}
		}
		if tx.OrigString(0, tx.RuneLen()) != tx.Orig {
			t.Fatalf("OrigString does not give back the text")
		}
	})
}

func TestFindCountsInNotices(t *testing.T) {
	tests := []struct {
		in   string
		want []int64 // values found, in order
	}{
		{"約三千件の個人情報が流出した可能性", []int64{3000}},
		{"最大3千万件の会員情報", []int64{30000000}},
		{"約1億2千万人分のデータ", []int64{120000000}},
		{"一万五千人分の氏名と住所", []int64{15000}},
		{"三十二名の生徒", []int64{32}},
		{"1,2,3件の記録", nil},  // bad grouping: no count at all
		{"1000,1001件", nil}, // idem
		{"4,342名、延べ5,127件", []int64{4342, 5127}},
		{"1千1000件", nil},         // malformed: no part is read
		{"名簿の名義人2名", []int64{2}}, // 名義 after a count is no counter
		{"3件目の報告", nil},          // an ordinal
		{"一部のお客様", nil},
		{"7,002回線分（4,609人分）", []int64{7002, 4609}},
		{"46先に関する情報", []int64{46}},
		{"1万5000人あまり", []int64{15000}},
	}
	for _, tt := range tests {
		var got []int64
		for _, c := range FindCounts(NormString(tt.in)) {
			got = append(got, c.Value)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("FindCounts(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	cs := FindCounts(NormString("約三千件"))
	if len(cs) != 1 || !cs[0].Approximate || cs[0].Prefix != "約" || cs[0].Unit != "件" {
		t.Errorf("約三千件: %+v", cs)
	}
	cs = FindCounts(NormString("1万5000人あまり"))
	if len(cs) != 1 || !cs[0].Approximate || !cs[0].People() {
		t.Errorf("1万5000人あまり: %+v", cs)
	}
}

func TestNearestYear(t *testing.T) {
	tests := []struct {
		text string
		ctx  Date
		want []string
	}{
		// the nearest such day, back or forward
		{"11月27日", Date{2012, 1, 10}, []string{"2011-11-27"}},
		{"7月27日", Date{2012, 8, 10}, []string{"2012-07-27"}},
		{"12月27日に紛失", Date{2025, 1, 10}, []string{"2024-12-27"}},
		// a narrative keeps the year of the last full date read
		{"令和4年4月20日(水)、報告があった。最後に確認したのは4月14日(木)で、4月17日(日)に気付いた", Date{2023, 3, 9}, []string{"2022-04-20", "2022-04-14", "2022-04-17"}},
		// news leads and the days after a date
		{"同社は22日、発表した", Date{2024, 10, 28}, []string{"2024-10-22"}},
		{"千葉県四街道市は9日、", Date{2026, 1, 10}, []string{"2026-01-09"}},
		{"2024年10月16日に検知。翌17日には確認した", Date{}, []string{"2024-10-16", "2024-10-17"}},
		{"2025年3月14日に判明し、2日後の16日に削除した", Date{}, []string{"2025-03-14", "2025-03-16"}},
		{"今月4日、職員が気付いた", Date{2017, 7, 22}, []string{"2017-07-04"}},
		{"昨年5月15日まで", Date{2022, 4, 22}, []string{"2021-05-15"}},
		// 去年 and 今月 speak from the document's date, not the last date read
		{"2021年1月27日から去年5月15日にかけて", Date{}, []string{"2021-01-27"}},
		{"2021年1月27日から去年5月15日にかけて", Date{2022, 4, 22}, []string{"2021-01-27", "2021-05-15"}},
		{"同委員会は、本日、指導を行った", Date{2024, 3, 25}, []string{"2024-03-25"}},
		// durations and deadlines are no dates
		{"同社は30日以内に報告する", Date{2024, 1, 5}, nil},
		{"期間は30日間", Date{2024, 1, 5}, nil},
	}
	for _, tt := range tests {
		got := readAll(tt.text, tt.ctx)
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%q (context %v): got %v, want %v", tt.text, tt.ctx, got, tt.want)
		}
	}
}

func TestRangeDash(t *testing.T) {
	n := NormString("２０１３年１２月２６日ー2014年1月7日")
	ms := FindDates(n)
	if len(ms) != 2 || !IsRangeSep(n[ms[0].End:ms[1].Start]) {
		t.Fatalf("ー as a range dash: %v", ms)
	}
	n = NormString("2024年6月20日（木）正午～6月21日（金）午前10時40分")
	ms = FindDates(n)
	if len(ms) != 2 || !IsRangeSep(n[ms[0].End:ms[1].Start]) {
		t.Fatalf("正午 before a range mark: %v", ms)
	}
}

// kanjiOf writes v in kanji numerals with 十百千 and 万億兆, as notices do.
func kanjiOf(v int64) string {
	if v == 0 {
		return "〇"
	}
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	small := func(n int64) string {
		var b strings.Builder
		for _, u := range []struct {
			mul  int64
			mark string
		}{{1000, "千"}, {100, "百"}, {10, "十"}} {
			if d := n / u.mul; d > 0 {
				if d > 1 {
					b.WriteString(digits[d])
				}
				b.WriteString(u.mark)
				n %= u.mul
			}
		}
		b.WriteString(digits[n])
		return b.String()
	}
	var b strings.Builder
	for _, u := range []struct {
		mul  int64
		mark string
	}{{1e12, "兆"}, {1e8, "億"}, {1e4, "万"}, {1, ""}} {
		if s := v / u.mul; s > 0 {
			b.WriteString(small(s % 10000))
			b.WriteString(u.mark)
			v %= u.mul
		}
	}
	return b.String()
}

func FuzzNumeralRoundTrip(f *testing.F) {
	for _, v := range []int64{1, 10, 11, 101, 1708, 15370, 30000000, 120000000, 999999999999999} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v int64) {
		if v < 0 || v >= 1e16 {
			return
		}
		k := kanjiOf(v)
		if got, err := ParseNumber(k); err != nil || got != v {
			t.Fatalf("ParseNumber(%q) = %d, %v; want %d", k, got, err, v)
		}
		a := strconv.FormatInt(v, 10)
		if got, err := ParseNumber(a); err != nil || got != v {
			t.Fatalf("ParseNumber(%q) = %d, %v", a, got, err)
		}
		// grouped by thousands
		var g []string
		for len(a) > 3 {
			g = append([]string{a[len(a)-3:]}, g...)
			a = a[:len(a)-3]
		}
		g = append([]string{a}, g...)
		if got, err := ParseNumber(strings.Join(g, ",")); err != nil || got != v {
			t.Fatalf("ParseNumber(%q) = %d, %v", strings.Join(g, ","), got, err)
		}
	})
}

// FuzzParsersReadWholly: a parser that accepts an input read all of it.
func FuzzParsersReadWholly(f *testing.F) {
	for _, s := range []string{"2024-02-29", "令和6年2月29日", "1万5,370", "三十二", "1,2,3", "1千1000", "nan", "1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := ParseNumber(s); err == nil {
			n := strings.TrimSpace(NormString(s))
			if _, end, ok := scanNumeral(n, 0, true); !ok || end != len(n) || v < 0 {
				t.Fatalf("ParseNumber(%q) = %d without reading it all", s, v)
			}
		}
		if d, err := ParseDate(s); err == nil && (!d.Full() || !d.Valid()) {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}

func TestLetterSpacing(t *testing.T) {
	orig := "平 成 2 8 年 2 月 9 日\n会 社 名 株 式 会 社 ア ー ク ン\n普通の 文 です\n給 食 シ ス テ ム に つ い て  ( ご 報 告 )"
	tx := Normalize(orig)
	want := "平成28年2月9日\n会社名株式会社アークン\n普通の 文 です\n給食システムについて (ご報告)"
	if tx.Norm != want {
		t.Fatalf("norm = %q", tx.Norm)
	}
	i := strings.Index(tx.Norm, "アークン")
	s, e := tx.OrigSpan(i, i+len("アークン"))
	if got := tx.OrigString(s, e); got != "ア ー ク ン" {
		t.Errorf("span maps to %q", got)
	}
	if tx.OrigString(0, tx.RuneLen()) != orig {
		t.Error("original text lost")
	}
}

func TestCircledNumbers(t *testing.T) {
	tx := Normalize("①2021年10月6日\n②10月7日")
	if tx.Norm != "(1)2021年10月6日\n(2)10月7日" {
		t.Fatalf("norm = %q", tx.Norm)
	}
	if got := readAll(tx.Orig, Date{}); strings.Join(got, ",") != "2021-10-06,2021-10-07" {
		t.Errorf("dates = %v", got)
	}
	i := strings.Index(tx.Norm, "(2)")
	if s, e := tx.OrigSpan(i, i+3); tx.OrigString(s, e) != "②" {
		t.Errorf("span of (2) = %q", tx.OrigString(s, e))
	}
}

// rows: a table of incidents flattened to lines, a web page's.
const rows = "アルファモバイルの情報漏洩事例業務用パソコン1台をなくしたことで、1,321名分の個人情報が漏洩\n" +
	"ベータキャリアの情報漏洩事例メールの送信ミスにより、約3万7,000件の個人情報が漏洩\n" +
	"ガンマ商会の情報漏洩事例アプリの設定の誤りで、最大5万4,180件の個人情報が流出した可能性"

// pdf: a notice copied from a PDF, its lines broken at the page's width.
const pdf = "当社は、本日までにお客様情報の一部が外部に流出した可能性があることを確認\n" +
	"いたしました。調査の結果、当社が運用するサーバーに対する第三者の不正ア\n" +
	"クセスが判明し、直ちにネットワークからの遮断などの対応を行いました。影\n" +
	"響の範囲については外部の専門機関と連携して調査を進めておりますが、現時\n" +
	"点で判明している対象はオンラインストアの会員のうち一部の方のメールアド\n" +
	"レスです。お客様には順次ご連絡を差し上げ、対象となるお客様のログイン\n" +
	"に必要なパスワードを初期化いたしました。"

func TestWrappedLinesAreJoined(t *testing.T) {
	long := "　個人情報保護委員会には2025年7月16日に報告済みであり、また、所轄警察署にも"
	for _, c := range []struct {
		in, want string
	}{
		{long + "2025年\n7月22日に被害申告しております。", " " + long[len("　"):] + "2025年7月22日に被害申告しております。"},
		{"（１）同期間に本サイトでカード決済をされたお客様1,842\n名のカード名義人名、カード番号", "(1)同期間に本サイトでカード決済をされたお客様1,842名のカード名義人名、カード番号"},
		{"第三者調査機関による調査の結果、本サイトのシステムの一部の脆弱性をつ\nいた第三者の不正アクセスにより", "第三者調査機関による調査の結果、本サイトのシステムの一部の脆弱性をついた第三者の不正アクセスにより"},
		// entries of a dated list keep their lines
		{"2025年7月14日　カード会社から連絡を受け、カード決済を停止\n2025年9月29日　調査結果の報告を受けた", "2025年7月14日 カード会社から連絡を受け、カード決済を停止\n2025年9月29日 調査結果の報告を受けた"},
		// a short line is a heading or a name, not a wrap
		{"株式会社ひなたフーズ\n代表取締役", "株式会社ひなたフーズ\n代表取締役"},
		// rows of a table flattened to lines each end where they end
		{rows, rows},
		// a PDF's lines that run to the page's width go on
		{pdf, strings.ReplaceAll(pdf, "\n", "")},
	} {
		if got := Normalize(c.in).Norm; got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestNormOffsetInvertsOrigOffset(t *testing.T) {
	for _, s := range []string{"令和６年２月２９日　約１２，３４５件", "㈱テスト\n①2021年", "abc", "", "ｶﾞｲﾌﾞ\nｱｸｾｽ"} {
		tx := Normalize(s)
		for i := 0; i <= len(tx.Norm); i++ {
			cp := tx.OrigOffset(i)
			if j := tx.NormOffset(cp); tx.OrigOffset(j) != cp && j != len(tx.Norm) {
				t.Errorf("%q: byte %d → cp %d → byte %d → cp %d", s, i, cp, j, tx.OrigOffset(j))
			}
		}
		if tx.NormOffset(tx.RuneLen()) != len(tx.Norm) {
			t.Errorf("%q: end", s)
		}
	}
}
