// Package appi judges cases under Japan's Act on the Protection of
// Personal Information: which safeguards failed, whether and by when the
// case had to be reported to the PPC (規則7条・8条), whether that was met,
// the checklist questions it teaches and the JNSA damage estimate. It is
// pure: no I/O.
package appi

import (
	"casebook/jtext"
)

// Holiday returns the name of the Japanese national holiday on d, or "".
// It follows the 国民の祝日に関する法律 as amended, with 振替休日 (from
// 1973-04-12), 国民の休日 between two holidays (from 1988), the Happy
// Monday rules (2000, 2003), the equinoxes computed astronomically, and
// the one-off changes of 1959, 1989, 1990, 1993, 2019, 2020 and 2021.
func Holiday(d jtext.Date) string {
	if n := baseHoliday(d); n != "" {
		return n
	}
	t := d.Time()
	// 振替休日: a holiday falling on a Sunday moves to the next day that is
	// not a holiday (since 2007; the next day only from 1973-04-12).
	if !d.Before(jtext.Date{Year: 1973, Month: 4, Day: 12}) && t.Weekday() != 0 {
		prev := d.AddDays(-1)
		if d.Year >= 2007 {
			for baseHoliday(prev) != "" {
				if prev.Weekday() == 0 {
					return "振替休日"
				}
				prev = prev.AddDays(-1)
			}
		} else if prev.Weekday() == 0 && baseHoliday(prev) != "" {
			return "振替休日"
		}
	}
	// 国民の休日: a day between two holidays (from 1988-05-04).
	if d.Year >= 1988 && t.Weekday() != 0 && !d.Before(jtext.Date{Year: 1985, Month: 12, Day: 27}) {
		if baseHoliday(d.AddDays(-1)) != "" && baseHoliday(d.AddDays(1)) != "" {
			return "国民の休日"
		}
	}
	return ""
}

// IsClosed reports whether government offices are closed on d: a
// Saturday, Sunday, national holiday or 12/29–1/3 (行政機関の休日に関する法律).
func IsClosed(d jtext.Date) bool {
	wd := d.Weekday()
	if wd == 0 || wd == 6 || Holiday(d) != "" {
		return true
	}
	return (d.Month == 12 && d.Day >= 29) || (d.Month == 1 && d.Day <= 3)
}

func nthMonday(year, month, n int) int {
	first := jtext.Date{Year: year, Month: month, Day: 1}.Weekday()
	day := 1 + (8-int(first))%7
	return day + 7*(n-1)
}

// equinox days (春分日, 秋分日) by the usual approximation, valid 1900–2099:
// int(base + 0.242194·(y−1980) − int((y−leap)/4)), with leap 1983 before
// 1980 and 1980 after, where both int() truncate toward zero (a floor of
// the negative quotient gives the day after, as 73 days of 1956–1978
// showed against the Cabinet Office's list).
func equinox(y int, base1900, base1980 float64) int {
	base, leap := base1980, 1980
	if y <= 1979 {
		base, leap = base1900, 1983
	}
	return int(base + 0.242194*float64(y-1980) - float64((y-leap)/4))
}

func vernal(y int) int   { return equinox(y, 20.8357, 20.8431) }
func autumnal(y int) int { return equinox(y, 23.2588, 23.2488) }

// baseHoliday is the holiday named by the law for d, before substitutes.
func baseHoliday(d jtext.Date) string {
	y, m, day := d.Year, d.Month, d.Day
	if y < 1949 {
		return ""
	}
	switch m {
	case 1:
		if day == 1 {
			return "元日"
		}
		if y >= 2000 && day == nthMonday(y, 1, 2) || y < 2000 && day == 15 {
			return "成人の日"
		}
	case 2:
		if y >= 1967 && day == 11 {
			return "建国記念の日"
		}
		if y >= 2020 && day == 23 {
			return "天皇誕生日"
		}
		if y == 1989 && day == 24 {
			return "昭和天皇の大喪の礼"
		}
	case 3:
		if day == vernal(y) {
			return "春分の日"
		}
	case 4:
		if day == 29 {
			switch {
			case y >= 2007:
				return "昭和の日"
			case y >= 1989:
				return "みどりの日"
			default:
				return "天皇誕生日"
			}
		}
		if y == 1959 && day == 10 {
			return "皇太子明仁親王の結婚の儀"
		}
		if y == 2019 && day == 30 {
			return "国民の休日"
		}
	case 5:
		switch day {
		case 1:
			if y == 2019 {
				return "天皇の即位の日"
			}
		case 2:
			if y == 2019 {
				return "国民の休日"
			}
		case 3:
			return "憲法記念日"
		case 4:
			if y >= 2007 {
				return "みどりの日"
			}
		case 5:
			return "こどもの日"
		}
	case 6:
		if y == 1993 && day == 9 {
			return "皇太子徳仁親王の結婚の儀"
		}
	case 7:
		switch {
		case y == 2020:
			if day == 23 {
				return "海の日"
			}
			if day == 24 {
				return "スポーツの日"
			}
		case y == 2021:
			if day == 22 {
				return "海の日"
			}
			if day == 23 {
				return "スポーツの日"
			}
		case y >= 2003:
			if day == nthMonday(y, 7, 3) {
				return "海の日"
			}
		case y >= 1996:
			if day == 20 {
				return "海の日"
			}
		}
	case 8:
		switch {
		case y == 2020:
			if day == 10 {
				return "山の日"
			}
		case y == 2021:
			if day == 8 {
				return "山の日"
			}
		case y >= 2016:
			if day == 11 {
				return "山の日"
			}
		}
	case 9:
		if y >= 2003 && day == nthMonday(y, 9, 3) || y >= 1966 && y < 2003 && day == 15 {
			return "敬老の日"
		}
		if day == autumnal(y) {
			return "秋分の日"
		}
	case 10:
		if y == 2019 && day == 22 {
			return "即位礼正殿の儀の行われる日"
		}
		if y >= 2022 && day == nthMonday(y, 10, 2) {
			return "スポーツの日"
		}
		if y >= 2000 && y <= 2019 && day == nthMonday(y, 10, 2) {
			return "体育の日"
		}
		if y >= 1966 && y < 2000 && day == 10 {
			return "体育の日"
		}
	case 11:
		if day == 3 {
			return "文化の日"
		}
		if day == 23 {
			return "勤労感謝の日"
		}
		if y == 1990 && day == 12 {
			return "即位礼正殿の儀"
		}
	case 12:
		if y >= 1989 && y <= 2018 && day == 23 {
			return "天皇誕生日"
		}
	}
	return ""
}
