package jtext

import "strings"

// SentenceAt is the sentence of text that holds code point pos (bounded
// by 。 or a line break), trimmed and cut at 160 characters; "" when pos
// is outside the text. Quotes of a notice (a PPC report draft, a field's
// evidence to review) are made of it.
func SentenceAt(text []rune, pos int) string {
	if pos < 0 || pos >= len(text) {
		return ""
	}
	a := pos
	for a > 0 && text[a-1] != '。' && text[a-1] != '\n' {
		a--
	}
	b := pos
	for b < len(text) && text[b] != '。' && text[b] != '\n' {
		b++
	}
	if b < len(text) && text[b] == '。' {
		b++
	}
	s := strings.TrimSpace(string(text[a:b]))
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "…"
	}
	return s
}
