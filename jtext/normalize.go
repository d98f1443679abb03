// Package jtext is casebook's one place for Japanese text handling:
// normalization (NFKC with an offset map back to the original), dates
// (Western and era years, year-less dates, ranges) and numbers
// (4,342 / 1万5,370 / 約596万人). It does no I/O.
package jtext

import (
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
		if len(seg) > 0 {
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
	t.Norm = b.String()
	t.pos = pos
	return t
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
