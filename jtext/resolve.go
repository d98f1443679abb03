package jtext

// Resolver turns relative and year-less dates into absolute ones. A
// year-less date takes the year that puts it nearest to the context: the
// last full date read, or before any, the document's own date (a 11月27日
// in a text dated 2012-01-10 is 2011-11-27; a 7月27日 in one dated
// 2012-08-10 is 2012-07-27). A weekday, when written, picks among the
// neighbouring years.
type Resolver struct {
	Default Date // the document's date: the context until a full date is read
	Last    Date // the last full date read
}

// context is the date relative expressions are read against.
func (r *Resolver) context() Date {
	if r.Last.Full() {
		return r.Last
	}
	return r.Default
}

// Resolve returns the absolute date of m, or false when it cannot be known.
// A full date read updates the context.
func (r *Resolver) Resolve(m DateMatch) (Date, bool) {
	ctx := r.context()
	if m.Doc {
		ctx = r.Default
	}
	var d Date
	switch m.Kind {
	case Today:
		d = ctx
	case Absolute:
		if m.Date.Full() {
			r.Last = m.Date
		}
		return m.Date, true
	case SameDay:
		d = ctx
	case NextDay:
		if ctx.Full() {
			d = ctx.AddDays(1)
		}
	case PrevDay:
		if ctx.Full() {
			d = ctx.AddDays(-1)
		}
	case SameMonth:
		if ctx.Month > 0 {
			d = Date{ctx.Year, ctx.Month, m.Date.Day}
		}
	case SameYear, PrevYear, NextYear:
		if ctx.IsZero() {
			return Date{}, false
		}
		y := ctx.Year + map[DateKind]int{SameYear: 0, PrevYear: -1, NextYear: 1}[m.Kind]
		d = Date{y, m.Date.Month, m.Date.Day}
	case MonthDay:
		d = NearestYear(ctx, m.Date.Month, m.Date.Day, m.Weekday)
	case DayAfter:
		if ctx.Full() {
			d = Date{ctx.Year, ctx.Month, m.Date.Day}
			if m.Date.Day <= ctx.Day || !d.Valid() {
				d = Date{ctx.Year, ctx.Month + 1, m.Date.Day}
				if d.Month > 12 {
					d = Date{ctx.Year + 1, 1, m.Date.Day}
				}
			}
		}
	case LeadDay:
		d = nearestMonth(ctx, m.Date.Day)
	}
	if !d.Full() || !d.Valid() {
		return Date{}, false
	}
	r.Last = d
	return d, true
}

// NearestYear returns month/day in the year that puts it nearest to ctx
// (ctx may be a month or a year; a year alone gives that year). A weekday
// (0–6, or -1) picks among the neighbouring years when one matches.
func NearestYear(ctx Date, month, day, weekday int) Date {
	if ctx.IsZero() {
		return Date{}
	}
	if ctx.Month == 0 {
		return Date{ctx.Year, month, day}
	}
	ref := ctx
	if ref.Day == 0 {
		ref.Day = 15
	}
	pick := func(useWeekday bool) Date {
		best, bestDist := Date{}, 1<<30
		for y := ref.Year - 1; y <= ref.Year+1; y++ {
			c := Date{y, month, day}
			if !c.Valid() || useWeekday && int(c.Weekday()) != weekday {
				continue
			}
			if dist := abs(ref.DaysUntil(c)); dist < bestDist {
				best, bestDist = c, dist
			}
		}
		return best
	}
	if weekday >= 0 {
		if d := pick(true); !d.IsZero() {
			return d
		}
	}
	return pick(false)
}

// nearestMonth returns the given day in the month (of ctx's, the one
// before or after) that puts it nearest to ctx.
func nearestMonth(ctx Date, day int) Date {
	if !ctx.Full() {
		return Date{}
	}
	best, bestDist := Date{}, 1<<30
	for dm := -1; dm <= 1; dm++ {
		first := Date{ctx.Year, ctx.Month, 1}.Time().AddDate(0, dm, 0)
		c := Date{first.Year(), int(first.Month()), day}
		if !c.Valid() {
			continue
		}
		if dist := abs(ctx.DaysUntil(c)); dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
