package jtext

import (
	"strings"
	"unicode"
)

// Spelling variants. People write the same word several ways: 漏えい and
// 漏洩, 改ざん and 改竄, ウェア and ウエア, マイナンバー and 個人番号, and old
// forms of kanji (國, 會). Single-character variants are folded away
// (FoldVariants, used on indexed text and queries alike); words written
// with a different number of characters are searched as alternatives
// (Variants), so that a substring search still finds every substring.

// oldFormPairs map old or variant kanji to the forms notices use today.
var oldFormPairs = [][2]string{
	{"國", "国"}, {"學", "学"}, {"會", "会"}, {"體", "体"}, {"區", "区"}, {"廣", "広"}, {"澤", "沢"}, {"濱", "浜"},
	{"邊", "辺"}, {"邉", "辺"}, {"齋", "斎"}, {"齊", "斉"}, {"髙", "高"}, {"﨑", "崎"}, {"櫻", "桜"}, {"縣", "県"},
	{"與", "与"}, {"發", "発"}, {"當", "当"}, {"變", "変"}, {"號", "号"}, {"團", "団"}, {"關", "関"}, {"險", "険"},
	{"歷", "歴"}, {"舊", "旧"}, {"證", "証"}, {"樣", "様"}, {"眞", "真"}, {"惠", "恵"}, {"德", "徳"}, {"黑", "黒"},
}

var oldForms = func() *strings.Replacer {
	var args []string
	for _, p := range oldFormPairs {
		args = append(args, p[0], p[1])
	}
	return strings.NewReplacer(args...)
}()

// FoldVariants replaces old and variant forms of kanji by today's forms.
// It keeps the length of the text in characters.
func FoldVariants(s string) string { return oldForms.Replace(s) }

// Fold is the form search compares: NFKC with casebook's folds, today's
// kanji forms, lower case. Indexed text and queries are folded alike.
func Fold(s string) string { return strings.ToLower(FoldVariants(NormString(s))) }

// foldRune folds one character of normalized text as Fold does.
func foldRune(r rune) string {
	if f, ok := oldFormOf[r]; ok {
		return f
	}
	return string(unicode.ToLower(r))
}

var oldFormOf = func() map[rune]string {
	m := map[rune]string{}
	for _, pair := range oldFormPairs {
		m[[]rune(pair[0])[0]] = pair[1]
	}
	return m
}()

// variantPairs are words written in two ways with different lengths.
var variantPairs = [][2]string{
	{"漏えい", "漏洩"}, {"改ざん", "改竄"}, {"ウェア", "ウエア"}, {"マイナンバー", "個人番号"},
	{"ぜい弱", "脆弱"}, {"き損", "毀損"}, {"ねつ造", "捏造"}, {"サーバー", "サーバ"}, {"ユーザー", "ユーザ"},
}

// Variants returns a folded term and its spelling variants, the term
// first; a text contains the word when it contains any of them.
func Variants(term string) []string {
	out := []string{term}
	seen := map[string]bool{term: true}
	for _, p := range variantPairs {
		for _, v := range out {
			for _, dir := range [][2]string{{p[0], p[1]}, {p[1], p[0]}} {
				if !strings.Contains(v, dir[0]) {
					continue
				}
				// サーバ is inside サーバー: only a whole サーバ becomes サーバー
				if strings.Contains(dir[1], dir[0]) && strings.Contains(v, dir[1]) {
					continue
				}
				w := strings.ReplaceAll(v, dir[0], dir[1])
				if !seen[w] && len(out) < 8 {
					seen[w] = true
					out = append(out, w)
				}
			}
		}
	}
	return out
}
