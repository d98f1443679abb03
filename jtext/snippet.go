package jtext

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Snippet returns the piece of text, about width characters on one line,
// around the first place where one of terms occurs, with the places of
// every term in the piece ([start, end) in characters). Terms are compared
// folded (Fold): a term 漏えい or bcc finds 漏えい and ＢＣＣ in the text,
// and the piece shows the text as written. Without a match the piece is
// the start of the text. A piece cut from inside the text begins or ends
// with "…".
func Snippet(text string, terms []string, width int) (string, [][2]int) {
	if width <= 0 {
		width = 100
	}
	t := Normalize(text)
	// fold the normalized text character by character, keeping where each
	// folded byte came from
	var folded strings.Builder
	from := make([]int32, 0, len(t.Norm)+1)
	for i, r := range t.Norm {
		f := foldRune(r)
		folded.WriteString(f)
		for range len(f) {
			from = append(from, int32(i))
		}
	}
	from = append(from, int32(len(t.Norm)))
	fs := folded.String()
	var marks [][2]int // in characters of the original
	for _, term := range terms {
		if term == "" {
			continue
		}
		for at := 0; at <= len(fs); {
			i := strings.Index(fs[at:], term)
			if i < 0 {
				break
			}
			i += at
			s, e := t.OrigSpan(int(from[i]), int(from[i+len(term)]))
			marks = append(marks, [2]int{s, e})
			at = i + len(term)
		}
	}
	n := t.RuneLen()
	start := 0
	if len(marks) > 0 {
		first := marks[0][0]
		for _, m := range marks {
			first = min(first, m[0])
		}
		start = max(0, first-width/3)
		// begin on the match's line, at the start of a sentence when
		// the window holds one
		lineAt, sentenceAt := -1, -1
		for k := start; k < first; k++ {
			switch t.OrigString(k, k+1) {
			case "\n":
				lineAt = k + 1
			case "。":
				if sentenceAt < 0 {
					sentenceAt = k + 1
				}
			}
		}
		if lineAt >= 0 {
			start = lineAt
		} else if sentenceAt >= 0 {
			start = sentenceAt
		}
	} else {
		// skip blank lines and the site's navigation at the top
		start = firstContentLine(t, n)
	}
	// never begin or end inside a number or a date (……021年9月9日)
	for k := 0; k < 20 && start > 0 && numberish(t.OrigString(start-1, start)) && numberish(t.OrigString(start, start+1)); k++ {
		start--
	}
	end := min(n, start+width)
	for k := 0; k < 20 && end < n && end > 0 && numberish(t.OrigString(end-1, end)) && numberish(t.OrigString(end, end+1)); k++ {
		end++
	}
	var b strings.Builder
	shift := 0
	if start > 0 && !IsSpace(firstRune(t.OrigString(start-1, start))) {
		b.WriteString("…") // cut inside a line
		shift = 1
	}
	for _, r := range t.OrigString(start, end) {
		if IsSpace(r) || r < ' ' {
			r = ' ' // one line; one character for one, so the marks hold
		}
		b.WriteRune(r)
	}
	if end < n {
		b.WriteString("…")
	}
	var out [][2]int
	for _, m := range marks {
		s, e := max(m[0], start), min(m[1], end)
		if s < e {
			out = append(out, [2]int{s - start + shift, e - start + shift})
		}
	}
	return b.String(), sortMarks(out)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// sortMarks orders marks by start and drops those inside an earlier one.
func sortMarks(ms [][2]int) [][2]int {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j][0] < ms[j-1][0]; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	var out [][2]int
	for _, m := range ms {
		if len(out) > 0 && m[0] < out[len(out)-1][1] {
			if m[1] > out[len(out)-1][1] {
				out[len(out)-1][1] = m[1]
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// numberish: a character a number or a date is written with.
func numberish(s string) bool {
	r := firstRune(s)
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune(",，.．/／:：年月日", r)
}

// navRE: what a line of a site's navigation says or is made of.
var (
	navRE    = regexp.MustCompile(`文字サイズ|文字の大きさ|メニュー|サイトマップ|本文へ|ページの先頭|ナビゲーション|ログイン|English|Foreign language|トップページ`)
	navSepRE = regexp.MustCompile(`[｜|›»＞>]`)
)

// firstContentLine is where the text proper begins: past blank lines and
// the short lines of a site's navigation (トップ｜政治｜経済, 文字サイズ 小 中
// 大), unless that is all there is.
func firstContentLine(t *Text, n int) int {
	pos := 0
	for lines := 0; pos < n && lines < 30; lines++ {
		end := pos
		for end < n && t.OrigString(end, end+1) != "\n" {
			end++
		}
		line := strings.TrimSpace(t.OrigString(pos, end))
		nav := line == "" || !strings.Contains(line, "。") &&
			(navRE.MatchString(line) || len(navSepRE.FindAllStringIndex(line, 3)) >= 2 || utf8.RuneCountInString(line) <= 3)
		if !nav {
			return pos
		}
		pos = end + 1
	}
	// all navigation (or nothing): the top, past blanks
	pos = 0
	for pos < n && IsSpace(firstRune(t.OrigString(pos, pos+1))) {
		pos++
	}
	return pos
}
