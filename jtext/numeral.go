package jtext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Japanese numerals as notices and documents write them: Arabic digits
// with thousands separators and decimals (4,342 / 1.5), kanji digits read
// positionally (二〇二〇) or with the units 十百千 (三十二) and 万億兆
// (一万五千), 大字 (壱萬, 阡, 拾), the compact 廿 卅 卌 皕, and mixtures
// (1億2千万, 4千8百21). The scanner reads one numeral and says where it
// ends; it refuses what a reader would not take for one number (1,2,3 /
// 1千1000 / 万1千), so a finder never reads garbage as a count.

// kanjiDigit returns the value of a kanji or 大字 digit.
func kanjiDigit(r rune) (int64, bool) {
	switch r {
	case '〇', '零':
		return 0, true
	case '一', '壱', '壹':
		return 1, true
	case '二', '弐', '弍', '貳':
		return 2, true
	case '三', '参', '參':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陸':
		return 6, true
	case '七', '漆':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// smallUnit returns the multiplier of 十 百 千 (and their 大字), and for
// the compact forms (廿 = 二十, 皕 = 二百) the coefficient they carry.
func smallUnit(r rune) (mul, coef int64, ok bool) {
	switch r {
	case '十', '拾':
		return 10, 0, true
	case '百', '佰', '陌':
		return 100, 0, true
	case '千', '阡', '仟':
		return 1000, 0, true
	case '廿', '卄':
		return 10, 2, true
	case '卅':
		return 10, 3, true
	case '卌':
		return 10, 4, true
	case '皕':
		return 100, 2, true
	}
	return 0, 0, false
}

func bigUnit(r rune) (int64, bool) {
	switch r {
	case '万', '萬':
		return 1e4, true
	case '億':
		return 1e8, true
	case '兆':
		return 1e12, true
	}
	return 0, false
}

// IsNumeralRune reports whether r can be part of a kanji numeral.
func IsNumeralRune(r rune) bool {
	if _, ok := kanjiDigit(r); ok {
		return true
	}
	if _, _, ok := smallUnit(r); ok {
		return true
	}
	_, ok := bigUnit(r)
	return ok
}

// atom is a run of digits: Arabic (maybe grouped, maybe decimal) or kanji.
type atom struct {
	mant   int64 // the digits as an integer
	scale  int   // decimal places: the value is mant / 10^scale
	kanji  bool
	digits int // how many digits (for kanji: a multi-digit run is positional)
}

var pow10 = [...]int64{1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// mulExact returns a*b/10^scale when it is an integer that fits.
func mulExact(a int64, scale int, b int64) (int64, bool) {
	if a < 0 || b < 0 || scale >= len(pow10) {
		return 0, false
	}
	if a != 0 && b > (1<<63-1)/a {
		return 0, false
	}
	p := a * b
	d := pow10[scale]
	if p%d != 0 {
		return 0, false
	}
	return p / d, true
}

func addExact(a, b int64) (int64, bool) {
	if a > 1<<63-1-b {
		return 0, false
	}
	return a + b, true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// scanArabic reads Arabic digits at s[i:]: 4342, 4,342, 1.5. Thousands
// separators must group by three from the first comma on; a comma that
// does not (1,2,3 / 1000,1001) makes the whole run no number (ok false,
// bad true). A trailing comma or point is not part of the number.
func scanArabic(s string, i int) (a atom, end int, ok, bad bool) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i {
		return atom{}, i, false, false
	}
	lead := j - i
	for j < len(s) && s[j] == ',' {
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k == j+1 {
			break // a comma as punctuation
		}
		if k-j-1 != 3 || lead > 3 {
			return atom{}, i, false, true
		}
		j = k
	}
	scale := 0
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		scale = k - j - 1
		j = k
	}
	var v int64
	for k := i; k < j; k++ {
		c := s[k]
		if c == ',' || c == '.' {
			continue
		}
		if v > (1<<63-1-9)/10 {
			return atom{}, i, false, true
		}
		v = v*10 + int64(c-'0')
	}
	if scale >= len(pow10) {
		return atom{}, i, false, true
	}
	return atom{mant: v, scale: scale, digits: j - i}, j, true, false
}

// scanKanjiDigits reads a run of kanji digits (positional: 二〇二〇).
func scanKanjiDigits(s string, i int) (a atom, end int, ok bool) {
	j := i
	var v int64
	n := 0
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		d, isD := kanjiDigit(r)
		if !isD {
			break
		}
		if v > (1<<63-1-9)/10 {
			return atom{}, i, false
		}
		v = v*10 + d
		n++
		j += w
	}
	if n == 0 {
		return atom{}, i, false
	}
	return atom{mant: v, kanji: true, digits: n}, j, true
}

func skipBlanks(s string, i int, allow bool) int {
	if !allow {
		return i
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// scanNumeral reads one numeral starting at s[i] and returns its value and
// end. spaces allows blanks between parts ("1 万 5,370", as PDFs break
// them). ok is false when s[i:] does not start with a numeral or when what
// starts there is malformed (then no prefix of it is taken either).
func scanNumeral(s string, i int, spaces bool) (value int64, end int, ok bool) {
	var (
		total     int64
		section   int64
		lastSmall int64 = 0 // the last small unit used in this section (0: none)
		lastBig   int64 = 0 // the last big unit used (0: none)
		pos             = i
		any       bool
	)
	// finishSection adds the pending tail to the section and checks it.
	finishSection := func(tail *atom) bool {
		if tail != nil {
			t, ok := mulExact(tail.mant, tail.scale, 1)
			if !ok {
				return false
			}
			if lastSmall > 0 && t >= lastSmall {
				return false // 1千1000
			}
			var ok2 bool
			if section, ok2 = addExact(section, t); !ok2 {
				return false
			}
		}
		return true
	}
	for {
		start := pos
		// an atom of digits, maybe
		var a atom
		have := false
		if pos < len(s) && isDigit(s[pos]) {
			var bad bool
			var e int
			a, e, have, bad = scanArabic(s, pos)
			if bad {
				return 0, i, false
			}
			pos = e
		} else if at, e, ok := scanKanjiDigits(s, pos); ok {
			a, have, pos = at, true, e
		}
		after := skipBlanks(s, pos, spaces && have)
		r, w := utf8.DecodeRuneInString(s[min(after, len(s)):])
		if after >= len(s) {
			r, w = utf8.RuneError, 0
		}
		if mul, coef, isSmall := smallUnit(r); isSmall {
			c := int64(1)
			scale := 0
			switch {
			case coef > 0 && have:
				return 0, i, false // 三廿
			case coef > 0:
				c = coef
			case have && a.kanji && a.digits > 1:
				return 0, i, false // 三五十: a positional run does not take a unit
			case have:
				c, scale = a.mant, a.scale
			}
			if lastSmall > 0 && mul >= lastSmall {
				return 0, i, false // 百千, 十十
			}
			v, ok := mulExact(c, scale, mul)
			if !ok {
				return 0, i, false
			}
			if section, ok = addExact(section, v); !ok {
				return 0, i, false
			}
			lastSmall = mul
			pos = after + w
			any = true
			pos = skipBlanks(s, pos, spaces)
			continue
		}
		if big, isBig := bigUnit(r); isBig {
			if have && a.scale > 0 && section == 0 && lastSmall == 0 {
				// 1.5億: a decimal coefficient of a big unit
				v, ok := mulExact(a.mant, a.scale, big)
				if !ok || (lastBig > 0 && big >= lastBig) {
					return 0, i, false
				}
				if total, ok = addExact(total, v); !ok {
					return 0, i, false
				}
				lastBig = big
				pos = skipBlanks(s, after+w, spaces)
				any = true
				continue
			}
			if have && !finishSection(&a) {
				return 0, i, false
			}
			if section == 0 {
				return 0, i, false // 万1千 / 1万0万
			}
			if lastBig > 0 && (big >= lastBig || section >= lastBig/big) {
				return 0, i, false // 1万10千万, 億 after 万
			}
			v, ok := mulExact(section, 0, big)
			if !ok {
				return 0, i, false
			}
			if total, ok = addExact(total, v); !ok {
				return 0, i, false
			}
			lastBig, section, lastSmall = big, 0, 0
			pos = after + w
			any = true
			pos = skipBlanks(s, pos, spaces)
			continue
		}
		// no unit follows: the atom (if any) is the tail of the numeral
		if have {
			if !finishSection(&a) {
				return 0, i, false
			}
			any = true
			end = pos
		} else {
			end = start
			// blanks skipped after a unit are not part of the numeral
			for end > i && (s[end-1] == ' ' || s[end-1] == '\t') {
				end--
			}
		}
		break
	}
	if !any {
		return 0, i, false
	}
	if lastBig > 0 && section >= lastBig {
		return 0, i, false // 1万10千
	}
	total, ok = addExact(total, section)
	if !ok {
		return 0, i, false
	}
	return total, end, true
}

// ParseNumber parses a whole string as one Japanese numeral: 4342, 4,342,
// 1万5,370, 596万, 1.2万, 3千万, 一万五千, 三十二, 二〇二〇, 壱萬, with
// full-width digits and blanks. Anything it cannot read to the end is an
// error, and so is a value that is not a whole number.
func ParseNumber(s string) (int64, error) {
	n := strings.TrimSpace(NormString(s))
	if n == "" {
		return 0, fmt.Errorf("empty number")
	}
	v, end, ok := scanNumeral(n, 0, true)
	if !ok || end != len(n) {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	return v, nil
}
