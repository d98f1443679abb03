package jtext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// marked returns the marked pieces of a snippet.
func marked(s string, marks [][2]int) []string {
	rs := []rune(s)
	var out []string
	for _, m := range marks {
		out = append(out, string(rs[m[0]:m[1]]))
	}
	return out
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("前置きの文章です。", 20)
	for _, c := range []struct {
		name, text string
		terms      []string
		width      int
		want       string
		marks      []string
	}{
		{"match shown as written", "当社は、ＢＣＣで送るべきメールを誤ってTOで送信しました。", []string{"bcc"}, 100,
			"当社は、ＢＣＣで送るべきメールを誤ってTOで送信しました。", []string{"ＢＣＣ"}},
		{"old forms and variants", "株式會社の顧客情報が漏洩しました", []string{"会社", "漏洩", "漏えい"}, 100,
			"株式會社の顧客情報が漏洩しました", []string{"會社", "漏洩"}},
		{"cut around the match", long + "ランサムウェアに感染" + long, []string{"ランサムウェア"}, 30,
			"…前置きの文章です。ランサムウェアに感染前置きの文章です。前置…", []string{"ランサムウェア"}},
		{"starts at the line of the match", "件名\n\n本文です。誤送信が起きました。", []string{"誤送信"}, 40,
			"本文です。誤送信が起きました。", []string{"誤送信"}},
		{"no match: the start, on one line", "\n\n第一行\n第二行", []string{"存在しない"}, 100, "第一行 第二行", nil},
		{"every occurrence", "紛失と紛失", []string{"紛失"}, 100, "紛失と紛失", []string{"紛失", "紛失"}},
		{"overlapping terms merge", "不正アクセスを受け", []string{"不正アクセス", "アクセス"}, 100, "不正アクセスを受け", []string{"不正アクセス"}},
		{"expanded characters", "㈱あさひが公表", []string{"(株)"}, 100, "㈱あさひが公表", []string{"㈱"}},
		{"no match: past the site's navigation", "トップ｜政治｜経済｜社会\n文字サイズ 小 中 大\nホーム > ニュース > 社会\n市が個人情報を誤送付\n市は2日、…", nil, 100,
			"市が個人情報を誤送付 市は2日、…", nil},
		{"a title with its site's name stays", "不正アクセスに関するお詫び｜株式会社あさひ\n本文。", nil, 100, "不正アクセスに関するお詫び｜株式会社あさひ 本文。", nil},
		{"never cut inside a date", "前置きの文章です前置きの文章です前置きの文章2021年9月9日に誤送信が判明", []string{"誤送信"}, 24,
			"…2021年9月9日に誤送信が判明", []string{"誤送信"}},
		{"nor end inside a number", "誤送信の件数は12,345件でした", []string{"誤送信"}, 10, "誤送信の件数は12,345…", []string{"誤送信"}},
	} {
		got, marks := Snippet(c.text, c.terms, c.width)
		if got != c.want {
			t.Errorf("%s: snippet\n%q\nwant\n%q", c.name, got, c.want)
		}
		if m := marked(got, marks); strings.Join(m, "|") != strings.Join(c.marks, "|") {
			t.Errorf("%s: marks %q, want %q", c.name, m, c.marks)
		}
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("株式会社あさひ\n2024年5月1日、ＵＳＢメモリを紛失しました。", "usb")
	f.Add("㈱①②\u0301か\u3099", "か")
	f.Fuzz(func(t *testing.T, text, term string) {
		s, marks := Snippet(text, []string{Fold(term)}, 40)
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 %q", s)
		}
		n := utf8.RuneCountInString(s)
		last := 0
		for _, m := range marks {
			if m[0] < last || m[0] >= m[1] || m[1] > n {
				t.Fatalf("bad marks %v in %q (%d characters)", marks, s, n)
			}
			last = m[1]
		}
	})
}
