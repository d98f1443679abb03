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

// palette: Okabe and Ito's colours, distinct to colour-blind readers.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"}

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

// affectedByYear: the years with people affected, in order, their totals
// and the largest.
func affectedByYear(st *casebook.Stats) ([]string, map[string]int64, int64) {
	totals := map[string]int64{}
	var years []string
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
	sort.Strings(years)
	var maxV int64
	for _, y := range years {
		maxV = max(maxV, totals[y])
	}
	return years, totals, maxV
}

// affectedChart: people affected per year, on a log scale.
func affectedChart(st *casebook.Stats) template.HTML {
	years, totals, maxV := affectedByYear(st)
	if len(years) == 0 {
		return empty("affected")
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
	const w, left, rowH = 360, 130, 24 // the count axis is the bar length, each labelled with its value
	h := rowH*len(xs) + 10
	var b strings.Builder
	svgOpen(&b, name, name, w, h)
	for i, x := range xs {
		y := 5 + i*rowH
		bw := float64(w-left-40) * float64(x.v) / float64(max(maxV, 1))
		label := casebook.Label(vocab, x.k)
		bar := fmt.Sprintf(`<text x="%d" y="%d" font-size="13" text-anchor="end">%s</text><rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %d件</title></rect><text x="%.1f" y="%d" font-size="13">%d件</text>`,
			left-6, y+16, esc(label), left, y+3, bw, rowH-6, palette[1], esc(label), x.v, float64(left)+bw+4, y+16, x.v)
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
// dayBins are the spans of days the days charts count in.
var dayBins = []struct {
	label  string
	lo, hi int
}{{"0〜5日", 0, 5}, {"6〜30日", 6, 30}, {"31〜60日", 31, 60}, {"61〜90日", 61, 90}, {"91〜180日", 91, 180}, {"181日〜", 181, 1 << 30}}

// daySeries are the two delays the days charts show.
func daySeries(st *casebook.Stats) []struct {
	label string
	days  []int
} {
	return []struct {
		label string
		days  []int
	}{{"発覚→公表", st.DaysDiscoveredToAnnounced}, {"発覚→委員会報告", st.DaysDiscoveredToPPC}}
}

// dayCounts counts each series by span of days, with the largest count
// (at least 1).
func dayCounts(st *casebook.Stats) ([][]int, int) {
	series := daySeries(st)
	counts := make([][]int, len(series))
	maxV := 1
	for si, s := range series {
		counts[si] = make([]int, len(dayBins))
		for _, d := range s.days {
			for bi, bn := range dayBins {
				if d >= bn.lo && d <= bn.hi {
					counts[si][bi]++
				}
			}
		}
		for _, c := range counts[si] {
			maxV = max(maxV, c)
		}
	}
	return counts, maxV
}

func daysChart(st *casebook.Stats) template.HTML {
	bins, series := dayBins, daySeries(st)
	if len(series[0].days)+len(series[1].days) == 0 {
		return empty("days")
	}
	counts, maxV := dayCounts(st)
	step := (maxV + 3) / 4 // whole-number ticks
	maxV = step * 4
	const w, h, left, top, bottom = 760, 250, 40, 20, 50
	plotH := h - top - bottom
	gw := float64(w-left-10) / float64(len(bins))
	var b strings.Builder
	svgOpen(&b, "days", "発覚から公表・委員会報告までの日数", w, h)
	countAxis(&b, w, left, top, plotH, step, 11)
	for bi, bn := range bins {
		x := float64(left) + gw*float64(bi)
		for si := range series {
			v := counts[si][bi]
			bh := float64(plotH) * float64(v) / float64(maxV)
			bx := x + 4 + float64(si)*(gw-8)/2
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %d件</title></rect><text x="%.1f" y="%.1f" font-size="10" text-anchor="middle">%d</text>`,
				bx, float64(top+plotH)-bh, (gw-8)/2-2, bh, palette[si*3], esc(series[si].label), esc(bn.label), v, bx+((gw-8)/2-2)/2, float64(top+plotH)-bh-3, v)
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle">%s</text>`, x+gw/2, top+plotH+16, esc(bn.label))
	}
	for si, s := range series {
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12">%s</text>`,
			left+si*200, h-16, palette[si*3], left+si*200+16, h-5, esc(s.label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// countAxis draws the count axis of a vertical bar chart: the label and
// five whole-number ticks of step, with their grid lines.
func countAxis(b *strings.Builder, w, left, top, plotH, step, fontSize int) {
	fmt.Fprintf(b, `<text x="4" y="12" font-size="%d">件数</text>`, fontSize)
	for i := 0; i <= 4; i++ {
		y := float64(top+plotH) - float64(plotH)*float64(i)/4
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#e4e4e4"/><text x="%d" y="%.1f" font-size="%d" text-anchor="end">%d</text>`,
			left, y, w-10, y, left-4, y+4, fontSize, step*i)
	}
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

// affectedNarrow: people affected per year as horizontal bars on a log
// scale, for a phone.
func affectedNarrow(st *casebook.Stats) template.HTML {
	years, totals, maxV := affectedByYear(st)
	if len(years) == 0 {
		return empty("affected-narrow")
	}
	top := math.Log10(float64(maxV) + 1)
	const w, left, right, rowH = 340, 62, 60, 26
	var b strings.Builder
	svgOpen(&b, "affected-narrow", "年別の影響人数(対数目盛)", w, rowH*len(years)+8)
	for i, y := range years {
		v := totals[y]
		bw := float64(w-left-right) * math.Log10(float64(v)+1) / math.Max(top, 1)
		ry := 4 + i*rowH
		searchLink(&b, url.Values{"year": {y}, "sort": {"affected"}},
			fmt.Sprintf(`<text x="%d" y="%d" font-size="14" text-anchor="end">%s年</text><rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s年: %s人</title></rect><text x="%.1f" y="%d" font-size="14">%s人</text>`,
				left-6, ry+18, esc(y), left, ry+4, math.Max(bw, 1), rowH-8, palette[0], esc(y), comma(v), float64(left)+bw+4, ry+18, shortCount(v)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// daysNarrow: the days from discovery to announcement and to the PPC,
// as two horizontal bars per span of days, for a phone.
func daysNarrow(st *casebook.Stats) template.HTML {
	bins, series := dayBins, daySeries(st)
	if len(series[0].days)+len(series[1].days) == 0 {
		return empty("days-narrow")
	}
	counts, maxV := dayCounts(st)
	const w, left, right, rowH = 340, 86, 40, 36
	var b strings.Builder
	svgOpen(&b, "days-narrow", "発覚から公表・委員会報告までの日数", w, rowH*len(bins)+30)
	for bi, bn := range bins {
		y := 4 + bi*rowH
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="14" text-anchor="end">%s</text>`, left-6, y+20, esc(bn.label))
		for si := range series {
			v := counts[si][bi]
			bw := float64(w-left-right) * float64(v) / float64(maxV)
			by := y + 2 + si*15
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="13" fill="%s"/><text x="%.1f" y="%d" font-size="12">%d</text>`,
				left, by, math.Max(bw, 1), palette[si*3], float64(left)+bw+4, by+11, v)
		}
	}
	ly := rowH*len(bins) + 14
	fmt.Fprintf(&b, `<rect x="4" y="%d" width="12" height="12" fill="%s"/><text x="20" y="%d" font-size="13">発覚→公表</text><rect x="150" y="%d" width="12" height="12" fill="%s"/><text x="166" y="%d" font-size="13">発覚→委員会報告</text>`,
		ly, palette[0], ly+11, ly, palette[3], ly+11)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
