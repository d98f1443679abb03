package http

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"casebook"
)

// Charts are drawn on the server as SVG: they need no script, no network
// and render the browser's Japanese fonts. Every label is escaped here,
// since the result is trusted markup.

var palette = []string{"#3b6ea8", "#d9822b", "#4f9a5d", "#c0504d", "#8064a2", "#4bacc6", "#9b8b3a", "#e377c2",
	"#7f7f7f", "#17becf", "#bcbd22", "#8c564b", "#2ca02c", "#ff7f0e", "#1f77b4"}

func esc(s string) string { return html.EscapeString(s) }

func svgOpen(b *strings.Builder, name, label string, w, h int) {
	fmt.Fprintf(b, `<svg class="chart" data-chart="%s" role="img" aria-label="%s" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`,
		esc(name), esc(label), w, h)
}

func empty(name string) template.HTML {
	return template.HTML(`<p class="empty" data-chart="` + esc(name) + `">データがありません</p>`)
}

// searchLink wraps a chart's mark in a link to the search that counts it.
func searchLink(b *strings.Builder, params url.Values, mark string) {
	fmt.Fprintf(b, `<a href="/?%s">%s</a>`, esc(params.Encode()), mark)
}

// monthEnd is the last day of month m ("2024-02" → "2024-02-29").
func monthEnd(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m + "-28"
	}
	return t.AddDate(0, 1, -1).Format("2006-01-02")
}

// monthlyChart: incidents per month over the whole range of the cases,
// stacked by main cause; every piece links to its search, the years'
// totals are written under the axis.
func monthlyChart(st *casebook.Stats) template.HTML {
	months := make([]string, 0, len(st.ByMonthCause))
	for m := range st.ByMonthCause {
		months = append(months, m)
	}
	if len(months) == 0 {
		return empty("monthly")
	}
	sort.Strings(months)
	months = fillMonths(months[0], months[len(months)-1])
	if len(months) > 24 {
		months = fillMonths(months[0][:4]+"-01", months[len(months)-1]) // whole years, each labelled under its January
	}
	causeTotals := map[string]int{}
	yearTotals := map[string]int{}
	maxTotal := 0
	for _, m := range months {
		t := 0
		for c, n := range st.ByMonthCause[m] {
			causeTotals[c] += n
			t += n
		}
		yearTotals[m[:4]] += t
		maxTotal = max(maxTotal, t)
	}
	var causes []string
	for _, t := range casebook.Causes {
		if causeTotals[t.Code] > 0 {
			causes = append(causes, t.Code)
		}
	}
	const w, h, left, top, bottom = 760, 300, 44, 16, 62
	plotH := h - top - bottom
	bw := float64(w-left-10) / float64(len(months))
	step := (maxTotal + 3) / 4 // whole-number ticks
	maxTotal = step * 4
	var b strings.Builder
	svgOpen(&b, "monthly", "月別・原因別の事案数", w, h+20*((len(causes)+2)/3))
	fmt.Fprintf(&b, `<text x="4" y="10" font-size="11">件数</text>`)
	for i := 0; i <= 4; i++ {
		y := float64(top+plotH) - float64(plotH)*float64(i)/4
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/><text x="%d" y="%.1f" font-size="11" text-anchor="end">%d</text>`,
			left, y, w-10, y, left-4, y+4, step*i)
	}
	for i, m := range months {
		x := float64(left) + bw*float64(i)
		y := float64(top + plotH)
		total := 0
		for ci, c := range causes {
			n := st.ByMonthCause[m][c]
			if n == 0 {
				continue
			}
			total += n
			bh := float64(plotH) * float64(n) / float64(max(maxTotal, 1))
			y -= bh
			searchLink(&b, url.Values{"since": {m + "-01"}, "until": {monthEnd(m)}, "cause": {c}},
				fmt.Sprintf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %d件</title></rect>`,
					x+1, y, math.Max(bw-2, 1), bh, palette[ci%len(palette)], esc(m), esc(casebook.Label(casebook.Causes, c)), n))
		}
		if total > 0 && bw >= 14 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="middle">%d</text>`, x+bw/2, y-3, total)
		}
		// month labels when there is room, else each January with the year's total
		switch {
		case len(months) <= 24:
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="10" transform="rotate(45 %.1f %d)">%s</text>`, x+bw/2, top+plotH+14, x+bw/2, top+plotH+14, esc(m))
		case strings.HasSuffix(m, "-01"):
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#999"/><text x="%.1f" y="%d" font-size="11">%s年</text><text x="%.1f" y="%d" font-size="10">計%d件</text>`,
				x, top+plotH, x, top+plotH+6, x+2, top+plotH+18, esc(m[:4]), x+2, top+plotH+32, yearTotals[m[:4]])
		}
	}
	for ci, c := range causes {
		lx := 10 + (ci%3)*250
		ly := h + 4 + (ci/3)*20
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12">%s(%d件)</text>`,
			lx, ly, palette[ci%len(palette)], lx+16, ly+11, esc(casebook.Label(casebook.Causes, c)), causeTotals[c])
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// fillMonths lists every month from first to last ("2024-01" …).
func fillMonths(first, last string) []string {
	var y, m, ly, lm int
	fmt.Sscanf(first, "%d-%d", &y, &m)
	fmt.Sscanf(last, "%d-%d", &ly, &lm)
	var out []string
	for (y < ly || y == ly && m <= lm) && len(out) < 1200 {
		out = append(out, fmt.Sprintf("%04d-%02d", y, m))
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

// affectedChart: people affected per year, on a log scale.
func affectedChart(st *casebook.Stats) template.HTML {
	years := make([]string, 0)
	totals := map[string]int64{}
	for y, row := range st.AffectedByYearCause {
		var t int64
		for _, n := range row {
			t += n
		}
		if t > 0 && y != "不明" {
			years = append(years, y)
			totals[y] = t
		}
	}
	if len(years) == 0 {
		return empty("affected")
	}
	sort.Strings(years)
	var maxV int64
	for _, y := range years {
		maxV = max(maxV, totals[y])
	}
	decades := int(math.Ceil(math.Log10(float64(maxV) + 1)))
	const w, h, left, top, bottom = 760, 270, 70, 22, 30
	plotH := h - top - bottom
	bw := float64(w-left-10) / float64(len(years))
	var b strings.Builder
	svgOpen(&b, "affected", "年別の影響人数(対数目盛)", w, h)
	fmt.Fprintf(&b, `<text x="4" y="10" font-size="11">人(対数)</text>`)
	for d := 0; d <= decades; d++ {
		y := float64(top+plotH) - float64(plotH)*float64(d)/float64(max(decades, 1))
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/><text x="%d" y="%.1f" font-size="11" text-anchor="end">%s</text>`,
			left, y, w-10, y, left-4, y+4, comma(int64(math.Pow10(d))))
	}
	for i, yv := range years {
		v := totals[yv]
		bh := float64(plotH) * math.Log10(float64(v)+1) / float64(max(decades, 1))
		x := float64(left) + bw*float64(i)
		searchLink(&b, url.Values{"year": {yv}, "sort": {"affected"}},
			fmt.Sprintf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s年: %s人</title></rect>`,
				x+4, float64(top+plotH)-bh, math.Max(bw-8, 1), bh, palette[0], esc(yv), comma(v)))
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="middle">%s</text>`, x+bw/2, float64(top+plotH)-bh-3, shortCount(v))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle">%s</text>`, x+bw/2, top+plotH+16, esc(yv))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// hbarChart: a horizontal bar chart of counts, largest first.
// Each bar links to the search for its value (param=code).
func hbarChart(name, param string, m map[string]int, vocab []casebook.Term, n int) template.HTML {
	type kv struct {
		k string
		v int
	}
	var xs []kv
	for k, v := range m {
		xs = append(xs, kv{k, v})
	}
	if len(xs) == 0 {
		return empty(name)
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].v > xs[j].v || xs[i].v == xs[j].v && xs[i].k < xs[j].k })
	if len(xs) > n {
		xs = xs[:n]
	}
	maxV := xs[0].v
	const w, left, rowH = 380, 130, 22 // the count axis is the bar length, each labelled with its value
	h := rowH*len(xs) + 10
	var b strings.Builder
	svgOpen(&b, name, name, w, h)
	for i, x := range xs {
		y := 5 + i*rowH
		bw := float64(w-left-40) * float64(x.v) / float64(max(maxV, 1))
		label := casebook.Label(vocab, x.k)
		bar := fmt.Sprintf(`<text x="%d" y="%d" font-size="12" text-anchor="end">%s</text><rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %d件</title></rect><text x="%.1f" y="%d" font-size="11">%d件</text>`,
			left-6, y+15, esc(label), left, y+3, bw, rowH-6, palette[1], esc(label), x.v, float64(left)+bw+4, y+15, x.v)
		if x.k == "" {
			b.WriteString(bar) // no value to search for
			continue
		}
		searchLink(&b, url.Values{param: {x.k}}, bar)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// daysChart: how many days from discovery to announcement and to the PPC report.
func daysChart(st *casebook.Stats) template.HTML {
	bins := []struct {
		label  string
		lo, hi int
	}{{"0〜5日", 0, 5}, {"6〜30日", 6, 30}, {"31〜60日", 31, 60}, {"61〜90日", 61, 90}, {"91〜180日", 91, 180}, {"181日〜", 181, 1 << 30}}
	series := []struct {
		label string
		days  []int
	}{{"発覚→公表", st.DaysDiscoveredToAnnounced}, {"発覚→委員会報告", st.DaysDiscoveredToPPC}}
	if len(series[0].days)+len(series[1].days) == 0 {
		return empty("days")
	}
	counts := make([][]int, len(series))
	maxV := 1
	for si, s := range series {
		counts[si] = make([]int, len(bins))
		for _, d := range s.days {
			for bi, bn := range bins {
				if d >= bn.lo && d <= bn.hi {
					counts[si][bi]++
				}
			}
		}
		for _, c := range counts[si] {
			maxV = max(maxV, c)
		}
	}
	const w, h, left, top, bottom = 760, 250, 40, 20, 50
	plotH := h - top - bottom
	gw := float64(w-left-10) / float64(len(bins))
	var b strings.Builder
	svgOpen(&b, "days", "発覚から公表・委員会報告までの日数", w, h)
	fmt.Fprintf(&b, `<text x="4" y="10" font-size="11">件数</text>`)
	for i := 0; i <= 4; i++ {
		y := float64(top+plotH) - float64(plotH)*float64(i)/4
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/><text x="%d" y="%.1f" font-size="11" text-anchor="end">%.0f</text>`,
			left, y, w-10, y, left-4, y+4, float64(maxV)*float64(i)/4)
	}
	for bi, bn := range bins {
		x := float64(left) + gw*float64(bi)
		for si := range series {
			v := counts[si][bi]
			bh := float64(plotH) * float64(v) / float64(maxV)
			bx := x + 4 + float64(si)*(gw-8)/2
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %d件</title></rect><text x="%.1f" y="%.1f" font-size="10" text-anchor="middle">%d</text>`,
				bx, float64(top+plotH)-bh, (gw-8)/2-2, bh, palette[si*2], esc(series[si].label), esc(bn.label), v, bx+((gw-8)/2-2)/2, float64(top+plotH)-bh-3, v)
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle">%s</text>`, x+gw/2, top+plotH+16, esc(bn.label))
	}
	for si, s := range series {
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12">%s</text>`,
			left+si*200, h-16, palette[si*2], left+si*200+16, h-5, esc(s.label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// shortCount writes a count of people briefly: 1.2万, 3,400.
func shortCount(n int64) string {
	switch {
	case n >= 100_000_000:
		return strconv.FormatFloat(float64(n)/1e8, 'f', 1, 64) + "億"
	case n >= 10_000:
		return strconv.FormatFloat(float64(n)/1e4, 'f', 1, 64) + "万"
	}
	return comma(n)
}
