// Package jtext is casebook's one place for Japanese text handling:
// normalization (NFKC with an offset map back to the original), dates
// (Western and era years, year-less dates, ranges) and numbers
// (4,342 / 1万5,370 / 約596万人). It does no I/O.
package jtext

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text is a normalized copy of an original text with a map from every byte
// of the normalized form to the code-point offset in the original, so that
// matches found in the normalized text can be reported as spans of the
// original.
type Text struct {
	Orig  string
	Norm  string
	runes int     // code points in Orig
	pos   []int32 // pos[i] = code-point offset in Orig of Norm byte i; len(Norm)+1 entries
	bytes []int32 // bytes[r] = byte offset in Orig of code point r; runes+1 entries
}

// extra maps characters NFKC leaves alone to the form casebook's rules
// expect: wave dashes and similar range marks become "~".
var extra = map[rune]string{
	'〜': "~", '～': "~", '−': "-", '‐': "-", '–': "-", '—': "-", '―': "-",
	'\u00a0': " ", '\u200b': "", '\ufeff': "",
}

// circled returns the number of a circled digit (① … ㊿).
func circled(orig string) (int, bool) {
	r, n := utf8.DecodeRuneInString(orig)
	if n != len(orig) {
		return 0, false
	}
	switch {
	case r >= '①' && r <= '⑳':
		return int(r-'①') + 1, true
	case r >= '㉑' && r <= '㉟':
		return int(r-'㉑') + 21, true
	case r >= '㊱' && r <= '㊿':
		return int(r-'㊱') + 36, true
	}
	return 0, false
}

// Normalize returns the NFKC form of s (plus casebook's extra folds) with
// its offset map. Invalid UTF-8 is replaced by U+FFFD.
func Normalize(s string) *Text {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	t := &Text{Orig: s}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	pos := make([]int32, 0, len(s)+1)
	byteAt := make([]int32, 0, len(s)/2+1)
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	runeAt := 0 // code-point offset of byte offset bytePos in s
	bytePos := 0
	for !it.Done() {
		start := it.Pos()
		// advance runeAt from bytePos to start
		for bytePos < start {
			_, n := utf8.DecodeRuneInString(s[bytePos:])
			byteAt = append(byteAt, int32(bytePos))
			bytePos += n
			runeAt++
		}
		seg := it.Next()
		origRune := int32(runeAt)
		if n, ok := circled(s[start:it.Pos()]); ok {
			// NFKC makes ① a bare 1, which runs into the number after it
			// ("①2021年" would read as 12021年): keep it apart as (1)
			seg = []byte("(" + strconv.Itoa(n) + ")")
		} else if len(seg) > 0 {
			if r, n := utf8.DecodeRune(seg); n == len(seg) {
				if rep, ok := extra[r]; ok {
					seg = []byte(rep)
				}
			}
		}
		b.Write(seg)
		for range seg {
			pos = append(pos, origRune)
		}
	}
	for bytePos < len(s) {
		_, n := utf8.DecodeRuneInString(s[bytePos:])
		byteAt = append(byteAt, int32(bytePos))
		bytePos += n
		runeAt++
	}
	t.runes = runeAt
	t.bytes = append(byteAt, int32(len(s)))
	pos = append(pos, int32(runeAt))
	t.Norm, t.pos = foldLetterSpacing(b.String(), pos)
	t.Norm, t.pos = foldWraps(t.Norm, t.pos)
	return t
}

// foldWraps joins lines that only wrap, as text copied from a PDF breaks
// a sentence (even a word: "誤っ" / "て廃棄") at the page's width: a line
// of some length that ends in a Japanese character or 、 (no sentence
// end), followed by a line no longer than it that goes on with a Japanese
// character. Headings, menus, list items and table rows keep their lines.
func foldWraps(s string, pos []int32) (string, []int32) {
	var drop []int // byte offsets of the newlines to remove
	width := pageWidth(s)
	prevStart := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '\n' {
			continue
		}
		prev := strings.TrimSpace(s[prevStart:i])
		next := s[i+1:]
		if j := strings.IndexByte(next, '\n'); j >= 0 {
			next = next[:j]
		}
		if wrapped(prev, next, width) {
			drop = append(drop, i)
		}
		prevStart = i + 1
	}
	if len(drop) == 0 {
		return s, pos
	}
	var b strings.Builder
	b.Grow(len(s))
	np := make([]int32, 0, len(pos))
	last := 0
	for _, i := range drop {
		b.WriteString(s[last:i])
		np = append(np, pos[last:i]...)
		last = i + 1
	}
	b.WriteString(s[last:])
	np = append(np, pos[last:]...)
	return b.String(), np
}

// pageWidth is the width in characters the layout wrapped the text at:
// the length most of its long lines share that end without a sentence's
// end (a PDF's lines run to the width of its page), or 0 when no length
// is shared by minWrapped lines (a web page's rows and headlines each
// end where they end).
func pageWidth(s string) int {
	lengths := map[int]int{}
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		n := utf8.RuneCountInString(l)
		if n >= 25 && !strings.HasSuffix(l, "。") {
			lengths[n]++
		}
	}
	best, most := 0, 0
	for n := range lengths {
		// lengths within one of each other: a wrap may leave a character over
		if k := lengths[n-1] + lengths[n] + lengths[n+1]; k > most || k == most && n > best {
			best, most = n, k
		}
	}
	if most < minWrapped {
		return 0
	}
	return best
}

// minWrapped: fewer lines of one length are no page's width.
const minWrapped = 5

func wrapped(prev, next string, width int) bool {
	n := utf8.RuneCountInString(prev)
	if n < 25 || strings.ContainsAny(prev, "|\t") {
		return false
	}
	if f, _ := utf8.DecodeRuneInString(prev); strings.ContainsRune("・•*■□◆◇●○◎※▼▽▶►→【", f) {
		return false // a list item keeps its line
	}
	if len(strings.Fields(prev)) >= 3 && IsCJK(lastRuneOf(prev)) {
		return false // cells a blank apart: a row of a table ("兵庫県 2023年2月3日 市立小学校 …")
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	if utf8.RuneCountInString(strings.TrimSpace(next)) > n+2 {
		return false
	}
	switch {
	case isDigitRune(last):
		// a number broken from its counter ("お客様1,842" / "名の…")
		return strings.ContainsRune("名人件万千百億円日月年歳個通枚社", first)
	case isDigitRune(first):
		// a date broken after its year or month ("…にも2025年" / "7月22日に…");
		// a line that begins with a whole date is an entry of its own
		return last == '年' || last == '月'
	}
	switch {
	case !isKanaKanji(first):
		return false
	case last == '、' || isHiragana(last) && isHiragana(first):
		// a clause or a word goes on ("…をつ" / "いた…")
		return true
	}
	// a line ending in a noun may be a row or a headline of its own: it
	// wrapped only where it runs to the page's width
	return isKanaKanji(last) && width > 0 && n >= width-2
}

func isHiragana(r rune) bool { return r >= 'ぁ' && r <= 'ゖ' }

func lastRuneOf(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

// isKanaKanji reports whether r is a kanji or kana (not a mark or symbol).
func isKanaKanji(r rune) bool {
	return r >= 'ぁ' && r <= 'ゖ' || r >= 'ァ' && r <= 'ヺ' || r == 'ー' || r >= 0x4e00 && r <= 0x9fff || r == '々'
}

// foldLetterSpacing removes the blanks of letter-spaced lines, as PDFs
// make of headings and letterheads ("給 食 シ ス テ ム", "株 式 会 社 ア ー ク
// ン"): on a line where most characters stand alone between single blanks,
// single blanks go and longer gaps become one. pos is kept in step.
func foldLetterSpacing(s string, pos []int32) (string, []int32) {
	var b strings.Builder
	var np []int32
	changed := false
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		if letterSpaced(s[start:end]) {
			if !changed {
				b.Grow(len(s))
				b.WriteString(s[:start])
				np = make([]int32, 0, len(pos))
				np = append(np, pos[:start]...)
				changed = true
			}
			line := s[start:end]
			for i := 0; i < len(line); i++ {
				if line[i] == ' ' {
					j := i
					for j < len(line) && line[j] == ' ' {
						j++
					}
					if j-i >= 2 && i > 0 && j < len(line) {
						b.WriteByte(' ')
						np = append(np, pos[start+i])
					}
					i = j - 1
					continue
				}
				b.WriteByte(line[i])
				np = append(np, pos[start+i])
			}
		} else if changed {
			b.WriteString(s[start:end])
			np = append(np, pos[start:end]...)
		}
		if end < len(s) && changed {
			b.WriteByte('\n')
			np = append(np, pos[end])
		}
		start = end + 1
	}
	if !changed {
		return s, pos
	}
	np = append(np, pos[len(s)])
	return b.String(), np
}

// letterSpaced reports whether most characters of a line stand alone
// between single blanks (at least six of them).
func letterSpaced(line string) bool {
	if strings.Count(line, " ") < 5 {
		return false
	}
	single, words := 0, 0
	for _, w := range strings.Fields(line) {
		words++
		if utf8.RuneCountInString(w) == 1 {
			single++
		}
	}
	return words >= 6 && single*10 >= words*7
}

// OrigOffset returns the code-point offset in the original text of byte offset
// i of the normalized text.
func (t *Text) OrigOffset(i int) int {
	if i <= 0 {
		return 0
	}
	if i >= len(t.pos) {
		return t.runes
	}
	return int(t.pos[i])
}

// NormOffset returns the byte offset in the normalized text of code point
// cp of the original: the first normalized byte that comes from cp or
// later (the inverse of OrigOffset).
func (t *Text) NormOffset(cp int) int {
	return sort.Search(len(t.Norm), func(i int) bool { return int(t.pos[i]) >= cp })
}

// OrigSpan converts a byte range of the normalized text to a code-point
// range of the original. The end is mapped so that a match ending inside a
// segment that expanded (㈱ → (株)) still covers the whole original rune.
func (t *Text) OrigSpan(start, end int) (int, int) {
	s := t.OrigOffset(start)
	if end <= start {
		return s, s
	}
	e := t.OrigOffset(end)
	// A match may end inside a segment that expanded (㈱ → (株)); it still
	// covers that whole original rune.
	if last := t.OrigOffset(end - 1); e <= last {
		e = last + 1
	}
	return s, e
}

// OrigString returns the original text of the code points [from, to).
func (t *Text) OrigString(from, to int) string {
	from, to = max(0, min(from, t.runes)), max(0, min(to, t.runes))
	if from >= to {
		return ""
	}
	return t.Orig[t.bytes[from]:t.bytes[to]]
}

// RuneLen is the number of code points in the original text.
func (t *Text) RuneLen() int { return t.runes }

// NormString returns NFKC plus casebook's folds of s, without offsets.
func NormString(s string) string { return Normalize(s).Norm }

// IsSpace reports whether r is white space, ideographic space included.
func IsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\v', '\f':
		return true
	}
	return false
}

// IsCJK reports whether r is a kanji, hiragana, katakana or CJK punctuation.
func IsCJK(r rune) bool {
	return (r >= 0x3000 && r <= 0x30ff) || (r >= 0x3400 && r <= 0x4dbf) ||
		(r >= 0x4e00 && r <= 0x9fff) || (r >= 0xf900 && r <= 0xfaff) || (r >= 0xff00 && r <= 0xffef)
}

// StripSpaces removes all white space from s (ASCII and ideographic), as
// PDF-made text puts spaces inside names: "株式会社 NTT ドコモ".
func StripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// IsBidiControl reports whether r is an explicit bidirectional formatting
// character (U+202A–U+202E, U+2066–U+2069). Japanese text never needs
// them; in a title they can make a file name or a URL read backwards.
func IsBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// StripBidi removes the bidirectional formatting characters from s.
func StripBidi(s string) string {
	if !strings.ContainsFunc(s, IsBidiControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if IsBidiControl(r) {
			return -1
		}
		return r
	}, s)
}
