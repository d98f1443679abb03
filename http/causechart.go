package http

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"sort"
	"strings"

	"casebook"
)

// The cases chart follows the width it has: on a wide screen vertical
// bars, one per year (or per month of the year chosen), on a phone the
// same figures as horizontal bars whose text stays readable; CSS shows
// one of the two. Colours are fixed per cause and drawn from a palette
// that colour-blind readers can tell apart (Okabe and Ito's, then
// shades that differ in lightness); the legend is HTML, says what it
// counts and adds up to the cases counted.

// causeColours: one colour per cause, the commonest on the most distinct.
var causeColours = map[string]string{
	"unauthorized_access": "#0072B2", "web_skimming": "#E69F00", "ransomware": "#D55E00", "malware": "#CC79A7",
	"account_compromise": "#56B4E9", "social_engineering": "#F0E442", "misconfiguration": "#009E73",
	"misdelivery": "#000000", "publishing_error": "#7f7f7f", "loss": "#8a6d3b", "theft": "#5e3c99",
	"insider_misuse": "#b2182b", "improper_disposal": "#a6d96a", "defacement": "#1b7837", "unknown": "#c8c8c8",
}

func causeColour(c string) string {
	if col, ok := causeColours[c]; ok {
		return col
	}
	return "#999999"
}

// casesChart is the chart of cases by main cause with its legend.
type casesChart struct {
	Wide, Narrow template.HTML
	Legend       []legendItem
	Total        int // the cases the legend counts (every case counted, once)
	Undated      int // of which without a date (not in the bars)
	Year         string
	Years        []string // the years there are, for the drill-down links
}

type legendItem struct {
	Label, Colour, URL string
	Count              int
}

// period is one bar: a year or a month, with its cases by main cause.
type period struct {
	key, label string
	counts     map[string]int
	total      int
	link       string // where clicking the period's label goes
}

// newCasesChart draws the cases by main cause: per year over every year,
// or per month of year.
func newCasesChart(st *casebook.Stats, year string) casesChart {
	ch := casesChart{Year: year}
	for y := range st.ByYearCause {
		if y != "不明" {
			ch.Years = append(ch.Years, y)
		}
	}
	sort.Strings(ch.Years)
	counts := map[string]int{}
	var periods []period
	if year == "" {
		for y, row := range st.ByYearCause {
			for c, n := range row {
				counts[c] += n
				ch.Total += n
				if y == "不明" {
					ch.Undated += n
				}
			}
		}
		if len(ch.Years) > 0 {
			first, last := atoi(ch.Years[0]), atoi(ch.Years[len(ch.Years)-1])
			for y := first; y <= last; y++ {
				ys := fmt.Sprint(y)
				periods = append(periods, period{key: ys, label: ys + "年", counts: st.ByYearCause[ys], link: "/dashboard?year=" + ys})
			}
		}
	} else {
		for m := 1; m <= 12; m++ {
			ms := fmt.Sprintf("%s-%02d", year, m)
			row := st.ByMonthCause[ms]
			for c, n := range row {
				counts[c] += n
				ch.Total += n
			}
			periods = append(periods, period{key: ms, label: fmt.Sprintf("%d月", m), counts: row})
		}
	}
	for i := range periods {
		for _, n := range periods[i].counts {
			periods[i].total += n
		}
	}
	var causes []string
	for _, t := range casebook.Causes {
		if counts[t.Code] > 0 {
			causes = append(causes, t.Code)
			q := url.Values{"cause": {t.Code}}
			if year != "" {
				q.Set("year", year)
			}
			ch.Legend = append(ch.Legend, legendItem{Label: casebook.Label(casebook.Causes, t.Code), Colour: causeColour(t.Code),
				Count: counts[t.Code], URL: "/?" + q.Encode()})
		}
	}
	if len(periods) == 0 || ch.Total == ch.Undated {
		ch.Wide, ch.Narrow = empty("monthly"), empty("monthly-narrow")
		return ch
	}
	ch.Wide = wideBars(periods, causes, year)
	ch.Narrow = narrowBars(periods, causes, year)
	return ch
}

func atoi(s string) int {
	n := 0
	fmt.Sscanf(s, "%d", &n)
	return n
}

// pieceSearch is the search that counts one piece of a bar.
func pieceSearch(p period, cause, year string) url.Values {
	if year == "" {
		return url.Values{"year": {p.key}, "cause": {cause}}
	}
	return url.Values{"since": {p.key + "-01"}, "until": {monthEnd(p.key)}, "cause": {cause}}
}

// wideBars: vertical stacked bars, a label and a total for each.
func wideBars(periods []period, causes []string, year string) template.HTML {
	maxTotal := 1
	for _, p := range periods {
		maxTotal = max(maxTotal, p.total)
	}
	step := (maxTotal + 3) / 4
	maxTotal = step * 4
	const w, h, left, top, bottom = 760, 280, 44, 18, 34
	plotH := h - top - bottom
	bw := float64(w-left-10) / float64(len(periods))
	var b strings.Builder
	svgOpen(&b, "monthly", "主な原因で数えた事案数", w, h)
	countAxis(&b, w, left, top, plotH, step, 12)
	for i, p := range periods {
		x := float64(left) + bw*float64(i)
		y := float64(top + plotH)
		for _, c := range causes {
			n := p.counts[c]
			if n == 0 {
				continue
			}
			bh := float64(plotH) * float64(n) / float64(maxTotal)
			y -= bh
			searchLink(&b, pieceSearch(p, c, year), fmt.Sprintf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#fff" stroke-width="0.5"><title>%s %s: %d件</title></rect>`,
				x+2, y, math.Max(bw-4, 1), bh, causeColour(c), esc(p.label), esc(casebook.Label(casebook.Causes, c)), n))
		}
		if p.total > 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="middle">%d</text>`, x+bw/2, y-4, p.total)
		}
		label := fmt.Sprintf(`<text x="%.1f" y="%d" font-size="12" text-anchor="middle">%s</text>`, x+bw/2, top+plotH+18, esc(shortPeriod(p, len(periods))))
		if p.link != "" {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, esc(p.link), label)
		} else {
			b.WriteString(label)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// shortPeriod: a year as '19 when many years share the axis.
func shortPeriod(p period, n int) string {
	if n > 14 && len(p.key) == 4 {
		return "'" + p.key[2:]
	}
	return p.label
}

// narrowBars: one row per period, horizontal stacked bars, text at the
// size it is read at on a phone.
func narrowBars(periods []period, causes []string, year string) template.HTML {
	maxTotal := 1
	for _, p := range periods {
		maxTotal = max(maxTotal, p.total)
	}
	const w, left, right, rowH = 340, 62, 40, 26
	h := rowH*len(periods) + 8
	var b strings.Builder
	svgOpen(&b, "monthly-narrow", "主な原因で数えた事案数", w, h)
	for i, p := range periods {
		y := 4 + i*rowH
		label := fmt.Sprintf(`<text x="%d" y="%d" font-size="14" text-anchor="end">%s</text>`, left-6, y+18, esc(p.label))
		if p.link != "" {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, esc(p.link), label)
		} else {
			b.WriteString(label)
		}
		x := float64(left)
		for _, c := range causes {
			n := p.counts[c]
			if n == 0 {
				continue
			}
			bw := float64(w-left-right) * float64(n) / float64(maxTotal)
			searchLink(&b, pieceSearch(p, c, year), fmt.Sprintf(`<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#fff" stroke-width="0.5"><title>%s %s: %d件</title></rect>`,
				x, y+4, math.Max(bw, 1), rowH-8, causeColour(c), esc(p.label), esc(casebook.Label(casebook.Causes, c)), n))
			x += bw
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="14">%d</text>`, x+4, y+18, p.total)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
