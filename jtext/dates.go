package jtext

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date. Day is 0 when the text gives only a year and
// month; Month and Day are 0 when it gives only a year.
type Date struct{ Year, Month, Day int }

// String is the ISO form YYYY-MM-DD (YYYY-MM for a month, YYYY for a year).
func (d Date) String() string {
	switch {
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// IsZero reports whether d is the zero date.
func (d Date) IsZero() bool { return d.Year == 0 }

// Full reports whether d names a day.
func (d Date) Full() bool { return d.Year > 0 && d.Month > 0 && d.Day > 0 }

// Time is d at midnight UTC.
func (d Date) Time() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// FromTime converts t to a Date.
func FromTime(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return FromTime(d.Time().AddDate(0, 0, n)) }

// DaysUntil is the number of days from d to e (e − d).
func (d Date) DaysUntil(e Date) int { return int(e.Time().Sub(d.Time()).Hours() / 24) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool {
	if d.plain() && e.plain() { // (the common case, without building times)
		if d.Year != e.Year {
			return d.Year < e.Year
		}
		if d.Month != e.Month {
			return d.Month < e.Month
		}
		return d.Day < e.Day
	}
	return d.Time().Before(e.Time())
}

// Weekday of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// LastDay is the last day of d's month.
func (d Date) LastDay() int {
	return Date{d.Year, d.Month + 1, 1}.AddDays(-1).Day
}

// plain: d's fields are in their ranges (days past a month's end, which
// a time would carry into the next month, are not).
func (d Date) plain() bool {
	return d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= 28
}

// Valid reports whether d names a real day (or a real month when Day is 0,
// or a year when Month is 0 too).
func (d Date) Valid() bool {
	if d.Year < 1868 || d.Year > 2200 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return false
	}
	if d.Month == 0 {
		return d.Day == 0
	}
	if d.Day == 0 {
		return true
	}
	t := d.Time()
	return t.Day() == d.Day && int(t.Month()) == d.Month
}

// ParseISO parses YYYY-MM-DD.
func ParseISO(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, err
	}
	return FromTime(t), nil
}

// Era is a Japanese era (元号) with its first day.
type Era struct {
	Name  string
	Abbr  string
	Start Date
}

// Eras, newest first.
var Eras = []Era{
	{"令和", "R", Date{2019, 5, 1}},
	{"平成", "H", Date{1989, 1, 8}},
	{"昭和", "S", Date{1926, 12, 25}},
	{"大正", "T", Date{1912, 7, 30}},
	{"明治", "M", Date{1868, 10, 23}},
}

// DateKind says how much of a date the text gave.
type DateKind int

const (
	Absolute  DateKind = iota // a year, with month and day, a month, or alone
	MonthDay                  // 6月4日, 7/18: the year comes from context
	SameDay                   // 同日, 当日
	NextDay                   // 翌日
	PrevDay                   // 前日
	SameMonth                 // 同月13日, 今月4日
	SameYear                  // 同年10月6日, 本年/今年7月27日
	PrevYear                  // 昨年/去年/前年5月15日
	NextYear                  // 翌年1月7日
	DayAfter                  // 翌17日, 2日後の16日: the next such day after the last date
	LeadDay                   // 同社は22日、: a news lead's day, the nearest such day
	Today                     // 本日: the document's own day
)

// DateMatch is a date expression found in normalized text.
type DateMatch struct {
	Start, End int // byte offsets in the normalized text
	Kind       DateKind
	Date       Date // for Absolute; the Month/Day given for the other kinds
	Weekday    int  // 0=Sunday … 6=Saturday, or -1 when none was written
	Era        bool // written with an era year
	// Doc: relative to the document's own date (今年, 昨年, 今月, 本日),
	// not to the last date read (同年, 前年, 同月).
	Doc bool
}

// FindDates returns every date expression in normalized text s, in order.
// Invalid dates (2月30日, 令和0年) are dropped whole: no part of them is
// read as another date.
func FindDates(s string) []DateMatch {
	var out []DateMatch
	for i := 0; i < len(s); {
		if !dateCandidate(s, i) {
			i++
			continue
		}
		m, end, ok := parseDateAt(s, i)
		if ok {
			out = append(out, m)
			i = m.End
			continue
		}
		if end > i {
			i = end // a rejected expression: skip all of it
			continue
		}
		i++
	}
	return out
}

// dateStarts are the words a date expression can begin with, besides a
// digit or a kanji numeral.
var dateStarts = []string{"令和", "平成", "昭和", "大正", "明治", "西暦", "同年", "本年", "今年", "昨年", "去年", "前年", "翌年",
	"同月", "今月", "同日", "当日", "翌日", "前日", "翌", "本日"}

func dateCandidate(s string, i int) bool {
	b := s[i]
	if isDigit(b) {
		return i == 0 || !isDigit(s[i-1])
	}
	if b < 0x80 {
		return b == 'R' || b == 'H'
	}
	for _, p := range dateStarts {
		if b == p[0] && strings.HasPrefix(s[i:], p) {
			return true
		}
	}
	r := runeAt(s, i)
	if _, ok := kanjiDigit(r); ok || r == '十' {
		p := lastRune(s[:i])
		return !IsNumeralRune(p)
	}
	return false
}

// ParseDate parses one full date expression (the whole of s, after
// normalization): 2025-01-01, 2025/1/1, 令和7年1月1日, R7.1.1. Year-less and
// partial dates are errors.
func ParseDate(s string) (Date, error) {
	n := strings.TrimSpace(NormString(s))
	ms := FindDates(n)
	if len(ms) != 1 || ms[0].Kind != Absolute || !ms[0].Date.Full() || ms[0].Start != 0 || ms[0].End != len(n) {
		return Date{}, fmt.Errorf("not a date: %q", s)
	}
	return ms[0].Date, nil
}
