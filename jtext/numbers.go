package jtext

import (
	"strings"
	"unicode/utf8"
)

// Count is a number of people or records found in normalized text.
type Count struct {
	Start, End  int // byte offsets of the whole expression in the normalized text
	Value       int64
	Unit        string // 人, 名, 件, 世帯, アカウント, 通, 先 … with 分 when written (人分)
	Approximate bool   // 約, およそ, 以上, 程度 …
	Prefix      string // 約, 計, 延べ, 最大 … as written
}

// People reports whether the unit counts people rather than records.
func (c Count) People() bool {
	switch strings.TrimSuffix(c.Unit, "分") {
	case "人", "名", "名様", "世帯", "アカウント":
		return true
	}
	return false
}

// countUnits are the counters a count of people or records is written
// with, longest first so that 名様 wins over 名.
var countUnits = []string{"アカウント", "名様", "世帯", "回線", "口座", "団体", "人", "名", "件", "通", "先", "社", "枚"}

var countPrefixes = []string{"おおよそ", "およそ", "最大で", "最大", "合計", "総計", "総数", "延べ", "約", "概ね", "計"}

// approxSuffixes follow a count and make it approximate.
var approxSuffixes = []string{"以上", "程度", "余り", "あまり", "前後", "ほど", "超", "強", "弱", "余"}

// notCountAfter are words after a counter that make it something else:
// 名義 is a name, 件名 a subject line, 先日 a past day.
var notCountAfter = []string{"義", "簿", "目", "前", "日", "月", "生"}

// FindCounts returns every count of people or records in normalized text:
// a numeral (4,342 / 1万5,370 / 3千万 / 約三千 / 一万五千) followed by a
// counter (人, 名, 件, 世帯, アカウント …). Malformed numerals (1,2,3)
// give no count.
func FindCounts(s string) []Count {
	var out []Count
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !numeralStart(s, i, r) {
			i += w
			continue
		}
		v, end, ok := scanNumeral(s, i, true)
		if !ok {
			i = skipNumeralRun(s, i)
			continue
		}
		c, ok := countAt(s, i, end, v)
		if ok {
			out = append(out, c)
			i = c.End
			continue
		}
		i = max(end, i+w)
	}
	return out
}

// numeralStart reports whether a numeral may start at s[i] (rune r): a
// digit or kanji numeral not preceded by one, nor by a decimal point or
// a thousands comma.
func numeralStart(s string, i int, r rune) bool {
	kanji := false
	if r >= '0' && r <= '9' {
	} else if _, ok := kanjiDigit(r); ok {
		kanji = true
	} else if _, _, ok := smallUnit(r); ok {
		kanji = true
	} else {
		return false
	}
	if i == 0 {
		return true
	}
	p, _ := utf8.DecodeLastRuneInString(s[:i])
	if p >= '0' && p <= '9' || p == '.' || p == ',' {
		return false
	}
	if kanji && IsNumeralRune(p) {
		return false
	}
	return true
}

// skipNumeralRun moves past a run of numeral characters that did not read
// as a number, so that no part of it is read on its own.
func skipNumeralRun(s string, i int) int {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !(r >= '0' && r <= '9' || r == ',' || r == '.' || IsNumeralRune(r)) {
			break
		}
		i += w
	}
	return i
}

func countAt(s string, start, end int, v int64) (Count, bool) {
	j := skipBlanks(s, end, true)
	unit := ""
	for _, u := range countUnits {
		if strings.HasPrefix(s[j:], u) {
			unit = u
			break
		}
	}
	if unit == "" || v <= 0 {
		return Count{}, false
	}
	j += len(unit)
	if strings.HasPrefix(s[j:], "ひとり") || strings.HasPrefix(s[j:], "一人") || strings.HasPrefix(s[j:], "おひとり") {
		return Count{}, false // 一人ひとり: each one, no count
	}
	for _, na := range notCountAfter {
		if strings.HasPrefix(s[j:], na) {
			return Count{}, false
		}
	}
	if strings.HasPrefix(s[j:], "分") {
		unit += "分"
		j += len("分")
	}
	c := Count{Start: start, End: j, Value: v, Unit: unit}
	k := skipBlanks(s, j, true)
	for _, a := range approxSuffixes {
		if strings.HasPrefix(s[k:], a) {
			c.Approximate = true
			c.End = k + len(a)
			break
		}
	}
	// a prefix word written before the number
	before := strings.TrimRight(s[max(0, start-16):start], " \t")
	for _, p := range countPrefixes {
		if strings.HasSuffix(before, p) {
			c.Prefix = p
			c.Start = max(0, start-16) + len(before) - len(p)
			switch p {
			case "約", "およそ", "おおよそ", "概ね":
				c.Approximate = true
			}
			break
		}
	}
	return c, true
}
