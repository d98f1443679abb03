package jtext

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The date scanner. At each candidate position it reads one expression:
//
//	[西暦|翌] YYYY 年 [/] M 月 [/] [D 日 | 晦日 | 朔日]   2021年7月18日, 2021年7月
//	YYYY sep M sep D   (sep: / . - ・ ,)               2021/7/18, 2021・7・18
//	YYYY/M                                              2021/7
//	元号 (N|元) 年 … | 元号 N sep M [sep D]             令和3年7月18日, 令和3.7.18
//	R|H N (年 … | . M . D)                              R3年7月18日, R6.2.29
//	M 月 D 日, M/D                                       7月18日, 7/18 (year from context)
//	同日 当日 翌日 前日, 同月D日, 同年/本年/今年/昨年/翌年 M月D日, 翌D日
//	…は D 日、                                          a news lead's day
//
// Numbers may be Arabic or kanji (平成三十一年四月十九日), with blanks
// between the parts. An expression that starts like a date but does not
// hold one (令和0年, 平成12年30月3日, 昭和2月3日) is rejected whole, so that
// no part of it is read as another date.

func runeAt(s string, i int) rune {
	if i >= len(s) {
		return utf8.RuneError
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func lastRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func hasAt(s string, i int, p string) bool { return i <= len(s) && strings.HasPrefix(s[i:], p) }

func blanks(s string, i int) int { return skipBlanks(s, i, true) }

func digitsAt(s string, i int) int {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	return j - i
}

// dateNum reads the number of a date field: up to maxDigits Arabic digits,
// or a kanji numeral below 100 (三十一, 十二, 〇九).
func dateNum(s string, i, maxDigits int) (v, end int, ok bool) {
	if i >= len(s) {
		return 0, i, false
	}
	if n := digitsAt(s, i); n > 0 {
		if n > maxDigits {
			return 0, i + n, false
		}
		return atoi(s[i : i+n]), i + n, true
	}
	r := runeAt(s, i)
	if _, isD := kanjiDigit(r); !isD && r != '十' {
		return 0, i, false
	}
	val, e, ok := scanNumeral(s, i, false)
	if !ok || val >= 100 {
		return 0, e, false
	}
	return int(val), e, true
}

// westernYear reads a four-digit year: 2021, 1 9 2 8 (blanks between the
// digits, only before 年), 二〇二一 (kanji, only before 年).
func westernYear(s string, i int) (year, end int, ok bool) {
	if n := digitsAt(s, i); n == 4 {
		return atoi(s[i : i+4]), i + 4, true
	} else if n == 1 {
		y, j := 0, i
		for k := 0; k < 4; k++ {
			if k > 0 {
				if j >= len(s) || s[j] != ' ' {
					return 0, i, false
				}
				j++
			}
			if j >= len(s) || !isDigit(s[j]) || (j+1 < len(s) && isDigit(s[j+1])) {
				return 0, i, false
			}
			y = y*10 + int(s[j]-'0')
			j++
		}
		if !hasAt(s, blanks(s, j), "年") {
			return 0, i, false
		}
		return y, j, true
	} else if n == 0 {
		a, e, ok := scanKanjiDigits(s, i)
		if ok && a.digits == 4 && hasAt(s, blanks(s, e), "年") {
			return int(a.mant), e, true
		}
	}
	return 0, i, false
}

func eraAt(s string, i int) (Era, int) {
	for _, e := range Eras {
		if hasAt(s, i, e.Name) {
			return e, len(e.Name)
		}
	}
	return Era{}, 0
}

// latinEraAt reads R3 / H31 as an era letter (令和, 平成) before a year.
func latinEraAt(s string, i int) (Era, int) {
	if i >= len(s) || (s[i] != 'R' && s[i] != 'H') {
		return Era{}, 0
	}
	if i > 0 {
		p := s[i-1]
		if p < 0x80 && (isDigit(p) || p >= 'A' && p <= 'Z' || p >= 'a' && p <= 'z' || p == '-' || p == '_' || p == '/' || p == '.') {
			return Era{}, 0
		}
	}
	if n := digitsAt(s, i+1); n < 1 || n > 2 {
		return Era{}, 0
	}
	if s[i] == 'R' {
		return Eras[0], 1
	}
	return Eras[1], 1
}

var dateSeps = []string{"/", ".", "-", "・", ","}

func sepAt(s string, i int) string {
	for _, p := range dateSeps {
		if hasAt(s, i, p) {
			return p
		}
	}
	return ""
}

// parseDateAt reads a date expression at s[i]. When it rejects an
// expression that started like a date, end says how far to skip.
func parseDateAt(s string, i int) (m DateMatch, end int, ok bool) {
	m = DateMatch{Start: i, Weekday: -1}
	switch {
	case hasAt(s, i, "同日") || hasAt(s, i, "当日"):
		m.Kind = SameDay
		return finish(s, m, i+len("同日"))
	case hasAt(s, i, "翌日"):
		m.Kind = NextDay
		return finish(s, m, i+len("翌日"))
	case hasAt(s, i, "前日"):
		m.Kind = PrevDay
		return finish(s, m, i+len("前日"))
	case hasAt(s, i, "本日"):
		m.Kind, m.Doc = Today, true
		return finish(s, m, i+len("本日"))
	case hasAt(s, i, "同月") || hasAt(s, i, "今月"):
		d, e, ok := dayNum(s, blanks(s, i+len("同月")))
		if !ok {
			return m, 0, false
		}
		m.Kind, m.Date, m.Doc = SameMonth, Date{Day: d}, hasAt(s, i, "今月")
		return finish(s, m, e)
	}
	for _, w := range []struct {
		word string
		kind DateKind
		doc  bool
	}{{"同年", SameYear, false}, {"本年", SameYear, true}, {"今年", SameYear, true}, {"昨年", PrevYear, true},
		{"去年", PrevYear, true}, {"前年", PrevYear, false}, {"翌年", NextYear, false}} {
		if hasAt(s, i, w.word) {
			mo, d, e, ok := monthDay(s, blanks(s, i+len(w.word)), true)
			if !ok {
				return m, e, false
			}
			m.Kind, m.Date, m.Doc = w.kind, Date{Month: mo, Day: d}, w.doc
			return finish(s, m, e)
		}
	}
	j := i
	if hasAt(s, j, "西暦") {
		j = blanks(s, j+len("西暦"))
	} else if hasAt(s, j, "翌") {
		k := j + len("翌")
		if d, e, ok := dayNum(s, k); ok && digitsAt(s, k) <= 2 {
			m.Kind, m.Date = DayAfter, Date{Day: d} // 翌17日
			return finish(s, m, e)
		}
		if digitsAt(s, k) != 4 {
			return m, 0, false
		}
		j = k // 翌2006年7月
	}
	if era, n := eraAt(s, j); n > 0 {
		return eraDate(s, m, blanks(s, j+n), era, false)
	}
	if era, n := latinEraAt(s, j); n > 0 {
		return eraDate(s, m, j+n, era, true)
	}
	if y, e, ok := westernYear(s, j); ok {
		k := blanks(s, e)
		if hasAt(s, k, "年") {
			return afterYear(s, m, y, k+len("年"), false)
		}
		if sep := sepAt(s, e); sep != "" {
			return sepDate(s, m, y, e, sep, sep == "/")
		}
		return m, e, false
	}
	if j != i {
		return m, 0, false
	}
	return yearless(s, m, i)
}

// finish reads a weekday after a date and closes the match at end.
func finish(s string, m DateMatch, end int) (DateMatch, int, bool) {
	m.End = end
	if wd, e := weekdayAt(s, end); wd >= 0 {
		m.Weekday, m.End = wd, e
	}
	return m, m.End, true
}

// dayNum reads D日 (1–31).
func dayNum(s string, i int) (d, end int, ok bool) {
	v, e, ok := dateNum(s, i, 2)
	if !ok {
		return 0, e, false
	}
	e = blanks(s, e)
	if !hasAt(s, e, "日") || v < 1 || v > 31 {
		return 0, e, false
	}
	return v, e + len("日"), true
}

// monthDay reads M月[D日] (or M月 晦日/朔日). needDay requires the day.
// A month or day out of range rejects it (ok false, end past it).
func monthDay(s string, i int, needDay bool) (mo, d, end int, ok bool) {
	mo, e, ok := dateNum(s, i, 2)
	if !ok {
		return 0, 0, e, false
	}
	e = blanks(s, e)
	if !hasAt(s, e, "月") {
		return 0, 0, i, false
	}
	e += len("月")
	if mo < 1 || mo > 12 {
		return 0, 0, e, false
	}
	k := blanks(s, e)
	switch {
	case hasAt(s, k, "晦日"):
		return mo, Date{2001, mo, 1}.LastDay(), k + len("晦日"), true
	case hasAt(s, k, "朔日"):
		return mo, 1, k + len("朔日"), true
	}
	v, e2, okD := dateNum(s, k, 2)
	if okD {
		e3 := blanks(s, e2)
		if hasAt(s, e3, "日") {
			if v < 1 || v > 31 {
				return 0, 0, e3 + len("日"), false
			}
			return mo, v, e3 + len("日"), true
		}
	}
	if needDay {
		return 0, 0, e, false
	}
	return mo, 0, e, true
}

// eraDate reads what follows an era name: the year, then 年 and the rest,
// or a separator form (令和3.7.18). latin is an era letter (R3), which
// needs a month.
func eraDate(s string, m DateMatch, i int, era Era, latin bool) (DateMatch, int, bool) {
	m.Era = true
	y, e := 0, i
	if hasAt(s, i, "元") {
		y, e = 1, i+len("元")
	} else {
		var ok bool
		if y, e, ok = dateNum(s, i, 2); !ok {
			return m, max(e, i), false // 令和-3年, 歯姫…
		}
	}
	k := blanks(s, e)
	year := era.Start.Year + y - 1
	if y < 1 {
		return m, skipDateRest(s, k), false // 令和0年
	}
	if hasAt(s, k, "年") {
		dm, end, ok := afterYear(s, m, year, k+len("年"), true)
		if ok && latin && dm.Date.Month == 0 {
			return m, end, false
		}
		return dm, end, ok
	}
	if sep := sepAt(s, e); sep != "" && digitsAt(s, e+len(sep)) > 0 && digitsAt(s, i) > 0 {
		return sepDate(s, m, year, e, sep, !latin)
	}
	// an era without 年 (昭和2月3日) is no date; skip what follows
	return m, skipDateRest(s, e), false
}

// skipDateRest returns the end of a month/day that follows a rejected
// year, so that it is not read as a year-less date.
func skipDateRest(s string, i int) int {
	k := blanks(s, i)
	if hasAt(s, k, "年") {
		k = blanks(s, k+len("年"))
	}
	if _, _, e, _ := monthDay(s, k, false); e > k {
		return e
	}
	return k
}

// afterYear reads what follows YYYY年: [/] M月 [/] [D日 | 晦日 | 朔日 | 元日].
func afterYear(s string, m DateMatch, year, i int, era bool) (DateMatch, int, bool) {
	yearEnd := i
	if hasAt(s, i, "度") {
		return m, i + len("度"), false // 令和7年度: a fiscal year, no date
	}
	k := blanks(s, i)
	if era && hasAt(s, k, "(") { // 令和5年(2023年)
		p := blanks(s, k+1)
		if digitsAt(s, p) == 4 {
			p = blanks(s, p+4)
			if hasAt(s, p, "年") {
				p = blanks(s, p+len("年"))
				if hasAt(s, p, ")") {
					k = blanks(s, p+1)
				}
			}
		}
	}
	if hasAt(s, k, "\n") {
		// a PDF's line broke the date after its year (2025年⏎7月22日): one
		// break, and only before a month
		if w := blanks(s, k+1); digitsAt(s, w) > 0 {
			if _, _, _, ok := monthDay(s, w, false); ok {
				k = w
			}
		}
	}
	if !(Date{Year: year}).Valid() {
		return m, skipDateRest(s, k), false
	}
	if hasAt(s, k, "元日") {
		m.Date = Date{year, 1, 1}
		return finish(s, m, k+len("元日"))
	}
	slash := false
	if hasAt(s, k, "/") {
		slash, k = true, blanks(s, k+1)
	}
	mo, e, ok := dateNum(s, k, 2)
	if !ok {
		m.Date = Date{Year: year}
		m.End = yearEnd
		return m, yearEnd, true // a year alone
	}
	e1 := blanks(s, e)
	hasMonthMark := hasAt(s, e1, "月")
	if !hasMonthMark && !slash {
		m.Date = Date{Year: year}
		m.End = yearEnd
		return m, yearEnd, true // 2021年 5件: the number is something else
	}
	end := e
	if hasMonthMark {
		end = e1 + len("月")
	}
	if mo < 1 || mo > 12 {
		return m, end, false
	}
	m.Date = Date{year, mo, 0}
	k = blanks(s, end)
	if hasAt(s, k, "/") {
		k = blanks(s, k+1)
	}
	switch {
	case hasAt(s, k, "晦日"):
		m.Date.Day = m.Date.LastDay()
		return finish(s, m, k+len("晦日"))
	case hasAt(s, k, "朔日"):
		m.Date.Day = 1
		return finish(s, m, k+len("朔日"))
	}
	if d, e2, ok := dateNum(s, k, 2); ok {
		e3 := blanks(s, e2)
		if hasAt(s, e3, "日") {
			m.Date.Day = d
			if !m.Date.Valid() {
				return m, e3 + len("日"), false
			}
			return finish(s, m, e3+len("日"))
		}
	}
	return finish(s, m, end)
}

// sepDate reads Y sep M [sep D] from the separator at i. yearMonth allows
// a year and month alone (2021/7, 令和3.7).
func sepDate(s string, m DateMatch, year, i int, sep string, yearMonth bool) (DateMatch, int, bool) {
	k := i + len(sep)
	n := digitsAt(s, k)
	if n < 1 || n > 2 {
		return m, k + n, false
	}
	mo := atoi(s[k : k+n])
	e := k + n
	if hasAt(s, e, sep) && digitsAt(s, e+len(sep)) > 0 {
		d0 := e + len(sep)
		dn := digitsAt(s, d0)
		de := d0 + dn
		if dn > 2 || (hasAt(s, de, sep) && digitsAt(s, de+len(sep)) > 0) {
			return m, de, false
		}
		if de < len(s) && (s[de] == '.' && de+1 < len(s) && isDigit(s[de+1])) {
			return m, de, false
		}
		m.Date = Date{year, mo, atoi(s[d0:de])}
		if !m.Date.Valid() {
			return m, de, false
		}
		if hasAt(s, blanks(s, de), "日") && sep == "/" {
			de = blanks(s, de) + len("日")
		}
		return finish(s, m, de)
	}
	if !yearMonth {
		return m, e, false
	}
	if hasAt(s, blanks(s, e), "月") {
		e = blanks(s, e) + len("月")
	} else if e < len(s) && (isDigit(s[e]) || s[e] == '.' || s[e] == ',' || s[e] == '/') {
		return m, e, false
	}
	m.Date = Date{year, mo, 0}
	if !m.Date.Valid() {
		return m, e, false
	}
	return finish(s, m, e)
}

// yearlessRejectBefore: a month and day right after these is a date whose
// year could not be read, not a year-less date.
func yearlessRejected(s string, i int) bool {
	before := strings.TrimRight(s[:i], " \t")
	if strings.HasSuffix(before, "年") {
		return true
	}
	for _, e := range Eras {
		if strings.HasSuffix(before, e.Name) {
			return true
		}
	}
	p := lastRune(before)
	return p >= '0' && p <= '9' && len(before) == i
}

// leadNotAfter: words after D日 that make it a duration or an ordinal,
// not a news lead's day (30日間, 5日以内, 3日後).
var leadNotAfter = []string{"間", "以", "後", "前", "目", "分", "程", "経", "超", "未", "余", "弱", "強", "ぶ", "連", "続", "ほど", "まで", "から"}

func yearless(s string, m DateMatch, i int) (DateMatch, int, bool) {
	if mo, d, e, ok := monthDay(s, i, true); ok || e > i {
		if !ok {
			return m, e, false
		}
		if yearlessRejected(s, i) || !(Date{2000, mo, d}).Valid() {
			return m, e, false
		}
		m.Kind, m.Date = MonthDay, Date{Month: mo, Day: d}
		return finish(s, m, e)
	}
	n := digitsAt(s, i)
	if n < 1 || n > 2 {
		return m, 0, false
	}
	e := i + n
	if hasAt(s, e, "/") {
		return slashMonthDay(s, m, i, e)
	}
	// 2日後の16日: the day after a count of days
	if k := blanks(s, e); hasAt(s, k, "日後の") {
		if d, e2, ok := dayNum(s, k+len("日後の")); ok {
			m.Kind, m.Date = DayAfter, Date{Day: d}
			return finish(s, m, e2)
		}
	}
	// a news lead: 同社は22日、
	d, e2, ok := dayNum(s, i)
	if !ok {
		return m, 0, false
	}
	before := strings.TrimRight(s[:i], " \t")
	if !strings.HasSuffix(before, "は") && !strings.HasSuffix(before, "が") {
		return m, 0, false
	}
	for _, w := range leadNotAfter {
		if hasAt(s, e2, w) {
			return m, 0, false
		}
	}
	m.Kind, m.Date = LeadDay, Date{Day: d}
	return finish(s, m, e2)
}

// slashMonthDay reads M/D: both in range, not part of a fraction, path,
// URL or longer number.
func slashMonthDay(s string, m DateMatch, i, slash int) (DateMatch, int, bool) {
	if i > 0 {
		p := lastRune(s[:i])
		if p < 0x80 && (p >= 'A' && p <= 'Z' || p >= 'a' && p <= 'z' || strings.ContainsRune("/.:-_#?=&%+,", p)) {
			return m, 0, false
		}
	}
	k := slash + 1
	dn := digitsAt(s, k)
	if dn < 1 || dn > 2 {
		return m, 0, false
	}
	e := k + dn
	if e < len(s) {
		c := s[e]
		if c == '/' || c == '%' || c == '.' && e+1 < len(s) && isDigit(s[e+1]) || c < 0x80 && (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return m, 0, false
		}
	}
	mo, d := atoi(s[i:slash]), atoi(s[k:e])
	if !(Date{2000, mo, d}).Valid() || mo == 0 || d == 0 {
		return m, 0, false
	}
	m.Kind, m.Date = MonthDay, Date{Month: mo, Day: d}
	return finish(s, m, e)
}

var weekdayNames = map[rune]int{'日': 0, '月': 1, '火': 2, '水': 3, '木': 4, '金': 5, '土': 6}

// weekdayAt reads (金), (金曜日), 木曜日 after a date.
func weekdayAt(s string, i int) (wd, end int) {
	k := blanks(s, i)
	paren := hasAt(s, k, "(")
	if paren {
		k = blanks(s, k+1)
	}
	r := runeAt(s, k)
	d, ok := weekdayNames[r]
	if !ok {
		return -1, i
	}
	k += utf8.RuneLen(r)
	switch {
	case hasAt(s, k, "曜日"):
		k += len("曜日")
	case hasAt(s, k, "曜"):
		k += len("曜")
	case !paren:
		return -1, i
	}
	if paren {
		k = blanks(s, k)
		if !hasAt(s, k, ")") {
			return -1, i
		}
		k++
	}
	return d, k
}

const sp = `[ \t]*`

const timeOfDay = `(?:(?:午前|午後)?` + sp + `\d{1,2}` + sp + `(?:時|:)` + sp + `(?:\d{1,2}` + sp + `分?|半)?(?:頃|ごろ)?|正午|未明|早朝|深夜|夕方|夜)?`

var rangeDayRE = regexp.MustCompile(`^` + sp + `(?:の)?` + sp + timeOfDay + sp + `(?:~|から|-|ー)` + sp + `(\d{1,2})` + sp + `日`)

// DayAfterRange finds a day-only range end right after a date ("12日(月)午後7時~14日"):
// it returns the day and the byte offset where the match ends, or 0, 0.
func DayAfterRange(s string, at int) (day, end int) {
	m := rangeDayRE.FindStringSubmatchIndex(window(s, at, 96))
	if m == nil {
		return 0, 0
	}
	end = at + m[1]
	if wd, e := weekdayAt(s, end); wd >= 0 {
		end = e
	}
	return atoi(s[at+m[2] : at+m[3]]), end
}

var rangeSepRE = regexp.MustCompile(`^` + sp + `(?:の)?` + sp + timeOfDay + sp + `(?:~|から|-|ー|より)` + sp + `(?:翌)?$`)

// IsRangeSep reports whether s (the text between two dates) marks a range.
func IsRangeSep(s string) bool { return len(s) <= 40 && rangeSepRE.MatchString(s) }

func window(s string, i, n int) string {
	if i+n > len(s) {
		return s[i:]
	}
	for n > 0 && i+n < len(s) && !utf8.RuneStart(s[i+n]) {
		n--
	}
	return s[i : i+n]
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
