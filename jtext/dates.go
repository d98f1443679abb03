package jtext

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Date is a calendar date. Month or Day is 0 when the text gives only a
// year and month.
type Date struct{ Year, Month, Day int }

// String is the ISO form YYYY-MM-DD (or YYYY-MM for a month).
func (d Date) String() string {
	if d.Day == 0 {
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
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// Weekday of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Valid reports whether d names a real day (or a real month when Day is 0).
func (d Date) Valid() bool {
	if d.Year < 1868 || d.Year > 2200 || d.Month < 1 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return false
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

func eraByName(s string) (Era, bool) {
	for _, e := range Eras {
		if e.Name == s || e.Abbr == s {
			return e, true
		}
	}
	return Era{}, false
}

// DateKind says how much of a date the text gave.
type DateKind int

const (
	Absolute  DateKind = iota // year, month and day (or year and month)
	MonthDay                  // 6月4日: the year comes from context
	SameDay                   // 同日
	NextDay                   // 翌日
	PrevDay                   // 前日
	SameMonth                 // 同月13日
	SameYear                  // 同年10月6日
	DayOnly                   // 14日 after a range mark: month from the range start
)

// DateMatch is a date expression found in normalized text.
type DateMatch struct {
	Start, End int // byte offsets in the normalized text
	Kind       DateKind
	Date       Date // for Absolute; Month/Day for the relative kinds
	Weekday    int  // 0=Sunday … 6=Saturday, or -1 when none was written
	Era        bool // written with an era year
}

const sp = `[ \t]*`

var dateRE = regexp.MustCompile(`^(?:` +
	`(?:(令和|平成|昭和|大正|明治)` + sp + `(元|\d{1,2})` + sp + `年(?:` + sp + `\(` + sp + `\d{4}` + sp + `年` + sp + `\))?` + sp + `(\d{1,2})` + sp + `月(?:` + sp + `(\d{1,2})` + sp + `日)?)` +
	`|(?:\b([RH])(\d{1,2})\.(\d{1,2})\.(\d{1,2})\b)` +
	`|(?:(\d{4})` + sp + `年` + sp + `(\d{1,2})` + sp + `月(?:` + sp + `(\d{1,2})` + sp + `日)?)` +
	`|(?:(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2}))` +
	`|(?:同年` + sp + `(\d{1,2})` + sp + `月` + sp + `(\d{1,2})` + sp + `日)` +
	`|(?:同月` + sp + `(\d{1,2})` + sp + `日)` +
	`|(同日|翌日|前日)` +
	`|(?:(\d{1,2})` + sp + `月` + sp + `(\d{1,2})` + sp + `日))`)

var weekdayRE = regexp.MustCompile(`^` + sp + `\(` + sp + `([日月火水木金土])(?:曜日?)?` + sp + `\)`)

var weekdays = map[string]int{"日": 0, "月": 1, "火": 2, "水": 3, "木": 4, "金": 5, "土": 6}

// dateStarts are the texts a date expression can begin with, besides a digit.
var dateStarts = []string{"令和", "平成", "昭和", "大正", "明治", "同年", "同月", "同日", "翌日", "前日", "R", "H"}

// candidates calls fn at each byte offset where a date or number may
// begin: the regexps then run anchored on a short window, which is far
// faster than scanning the whole text with them.
func candidates(s string, starts []string, fn func(i int) int) {
	for i := 0; i < len(s); {
		b := s[i]
		ok := false
		if isDigitByte(b) {
			ok = i == 0 || !isDigitByte(s[i-1])
		} else {
			for _, p := range starts {
				if b == p[0] && strings.HasPrefix(s[i:], p) {
					ok = true
					break
				}
			}
		}
		if ok {
			if next := fn(i); next > i {
				i = next
				continue
			}
		}
		i++
	}
}

func window(s string, i, n int) string {
	if i+n > len(s) {
		return s[i:]
	}
	// do not cut a rune in half
	for n > 0 && i+n < len(s) && !utf8.RuneStart(s[i+n]) {
		n--
	}
	return s[i : i+n]
}

// FindDates returns every date expression in normalized text s, in order.
// Invalid dates (2月30日, 平成元年1月7日) are dropped.
func FindDates(s string) []DateMatch {
	var out []DateMatch
	candidates(s, dateStarts, func(at int) int {
		w := window(s, at, 96)
		m := dateRE.FindStringSubmatchIndex(w)
		if m == nil {
			return 0
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += at
			}
		}
		if dm, ok := dateMatch(s, m); ok {
			out = append(out, dm)
			return dm.End
		}
		return 0
	})
	return out
}

func dateMatch(s string, m []int) (DateMatch, bool) {
	{
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		dm := DateMatch{Start: m[0], End: m[1], Weekday: -1}
		if m[0] > 0 && isDigitByte(s[m[0]-1]) {
			return dm, false
		}
		switch {
		case g(1) != "":
			era, _ := eraByName(g(1))
			y := 1
			if g(2) != "元" {
				y = atoi(g(2))
			}
			dm.Date = Date{era.Start.Year + y - 1, atoi(g(3)), atoi(g(4))}
			dm.Era = true
			if !dm.Date.Valid() || (dm.Date.Day > 0 && dm.Date.Before(era.Start)) ||
				(dm.Date.Day == 0 && Date{dm.Date.Year, dm.Date.Month, 28}.AddDays(3).Before(era.Start)) {
				return dm, false
			}
		case g(5) != "":
			era, _ := eraByName(g(5))
			dm.Date = Date{era.Start.Year + atoi(g(6)) - 1, atoi(g(7)), atoi(g(8))}
			dm.Era = true
			if !dm.Date.Valid() || dm.Date.Before(era.Start) {
				return dm, false
			}
		case g(9) != "":
			dm.Date = Date{atoi(g(9)), atoi(g(10)), atoi(g(11))}
		case g(12) != "":
			if m[1] < len(s) && isDigitByte(s[m[1]]) {
				return dm, false
			}
			dm.Date = Date{atoi(g(12)), atoi(g(13)), atoi(g(14))}
		case g(15) != "":
			dm.Kind = SameYear
			dm.Date = Date{0, atoi(g(15)), atoi(g(16))}
		case g(17) != "":
			dm.Kind = SameMonth
			dm.Date = Date{0, 0, atoi(g(17))}
		case g(18) != "":
			dm.Kind = map[string]DateKind{"同日": SameDay, "翌日": NextDay, "前日": PrevDay}[g(18)]
		default:
			dm.Kind = MonthDay
			dm.Date = Date{0, atoi(g(19)), atoi(g(20))}
		}
		if dm.Kind == Absolute && !dm.Date.Valid() {
			return dm, false
		}
		if dm.Kind == MonthDay || dm.Kind == SameYear {
			if dm.Date.Month < 1 || dm.Date.Month > 12 || dm.Date.Day < 1 || dm.Date.Day > 31 {
				return dm, false
			}
		}
		if dm.Kind == SameMonth && (dm.Date.Day < 1 || dm.Date.Day > 31) {
			return dm, false
		}
		if w := weekdayRE.FindStringSubmatchIndex(window(s, dm.End, 32)); w != nil {
			dm.Weekday = weekdays[s[dm.End+w[2]:dm.End+w[3]]]
			dm.End += w[1]
		}
		return dm, true
	}
}

var rangeDayRE = regexp.MustCompile(`^` + sp + `(?:(?:午前|午後)?` + sp + `\d{1,2}` + sp + `(?:時|:)` + sp + `(?:\d{1,2}` + sp + `分?|半)?(?:頃)?)?` + sp + `(?:~|から|-)` + sp + `(\d{1,2})` + sp + `日`)

// DayAfterRange finds a day-only range end right after a date ("12日(月)午後7時~14日"):
// it returns the day and the byte offset where the match ends, or 0, 0.
func DayAfterRange(s string, at int) (day, end int) {
	m := rangeDayRE.FindStringSubmatchIndex(window(s, at, 96))
	if m == nil {
		return 0, 0
	}
	end = at + m[1]
	if w := weekdayRE.FindStringIndex(window(s, end, 32)); w != nil {
		end += w[1]
	}
	return atoi(s[at+m[2] : at+m[3]]), end
}

var rangeSepRE = regexp.MustCompile(`^` + sp + `(?:(?:午前|午後)?` + sp + `\d{1,2}` + sp + `(?:時|:)` + sp + `(?:\d{1,2}` + sp + `分?|半)?(?:頃)?)?` + sp + `(?:~|から|-|より)` + sp + `$`)

// IsRangeSep reports whether s (the text between two dates) marks a range.
func IsRangeSep(s string) bool { return len(s) <= 40 && rangeSepRE.MatchString(s) }

// Resolver turns relative and year-less dates into absolute ones, using
// the dates read before them as context.
type Resolver struct {
	Last    Date // the last full date read
	Default Date // used when nothing has been read yet (a header date, say)
}

// Resolve returns the absolute date of m, or false when it cannot be known.
// It updates the context.
func (r *Resolver) Resolve(m DateMatch) (Date, bool) {
	ctx := r.Last
	if ctx.IsZero() {
		ctx = r.Default
	}
	var d Date
	switch m.Kind {
	case Absolute:
		d = m.Date
		if d.Day > 0 {
			r.Last = d
		}
		return d, true
	case SameDay:
		d = ctx
	case NextDay:
		if ctx.Day > 0 {
			d = ctx.AddDays(1)
		}
	case PrevDay:
		if ctx.Day > 0 {
			d = ctx.AddDays(-1)
		}
	case SameMonth:
		d = Date{ctx.Year, ctx.Month, m.Date.Day}
	case SameYear:
		d = Date{ctx.Year, m.Date.Month, m.Date.Day}
	case MonthDay:
		d = yearFor(ctx, m.Date.Month, m.Date.Day, m.Weekday)
	}
	if d.IsZero() || d.Day == 0 || !d.Valid() {
		return Date{}, false
	}
	r.Last = d
	return d, true
}

// yearFor picks the year of a year-less month/day read after context date
// ctx: the weekday, when written, decides between neighbouring years;
// otherwise a date more than half a year before the context rolls over
// into the next year (a December narrative continuing into January).
func yearFor(ctx Date, month, day, weekday int) Date {
	if ctx.IsZero() {
		return Date{}
	}
	cand := Date{ctx.Year, month, day}
	if weekday >= 0 {
		for _, y := range []int{ctx.Year, ctx.Year + 1, ctx.Year - 1} {
			c := Date{y, month, day}
			if c.Valid() && int(c.Weekday()) == weekday {
				return c
			}
		}
	}
	if !cand.Valid() {
		if c := (Date{ctx.Year + 1, month, day}); c.Valid() {
			return c
		}
		return Date{}
	}
	if ctx.Day > 0 && cand.DaysUntil(ctx) > 183 {
		return Date{ctx.Year + 1, month, day}
	}
	return cand
}

// ParseDate parses one date expression (the whole of s, after
// normalization). Year-less dates need a context and are rejected.
func ParseDate(s string) (Date, error) {
	n := NormString(s)
	ms := FindDates(n)
	if len(ms) != 1 || ms[0].Kind != Absolute {
		return Date{}, fmt.Errorf("not a date: %q", s)
	}
	return ms[0].Date, nil
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
