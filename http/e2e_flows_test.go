package http_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"casebook"
	"casebook/extract"
)

// TestBrowserFlows drives what people do beyond reading: spelling
// variants, snippets, several values of a facet, exporting what is on
// screen, correcting and deleting, printing a case sheet, a phone, and
// following a dashboard bar to its search. It saves a screenshot of every
// page at 1280 and 390 pixels.
func TestBrowserFlows(t *testing.T) {
	ctx := browser(t)
	ts, srv := newServer(t, "e2e-token")
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	total := func() int {
		t.Helper()
		n, _ := strconv.Atoi(strings.ReplaceAll(eval(`document.querySelector('.total strong').textContent`), ",", ""))
		return n
	}
	search := func(params string) {
		t.Helper()
		do(chromedp.Navigate(ts.URL+"/?"+params), chromedp.WaitVisible(chromedp.CSS(`.total`)))
	}

	// spelling variants find the same cases; hits show a marked snippet
	search("q=" + url.QueryEscape("漏えい"))
	a := total()
	search("q=" + url.QueryEscape("漏洩"))
	if b := total(); a == 0 || a != b {
		t.Errorf("漏えい %d cases, 漏洩 %d", a, b)
	}
	if m := eval(`(document.querySelector('li.case .snippet mark')||{}).textContent||''`); m == "" {
		t.Error("no highlighted snippet in the results")
	}
	if d := eval(`(document.querySelector('li.case .meta .date .dl')||{}).textContent||''`); d != "公表" && d != "発覚" && d != "行政上の対応" {
		t.Errorf("row date label %q", d)
	}

	// two values of one facet: either (OR); the export link carries them
	search("")
	all := total()
	do(chromedp.Click(chromedp.CSS(`a.facet[data-facet=cause]`)), chromedp.WaitVisible(chromedp.CSS(`a.facet.active`)))
	one := total()
	do(chromedp.Click(chromedp.CSS(`a.facet[data-facet=cause]:not(.active)`)), chromedp.WaitVisible(chromedp.CSS(`a.facet.active`)))
	two := total()
	if !(one < two && two <= all) {
		t.Errorf("one cause %d, two causes %d, all %d: values of a facet must widen the result", one, two, all)
	}
	if href := eval(`document.querySelector('a[data-export=csv]').getAttribute('href')`); strings.Count(href, "cause=") != 2 {
		t.Errorf("export link %q does not carry the two causes", href)
	}
	// the date and flag filters
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`details.filters`)),
		chromedp.Click(chromedp.CSS(`details.filters summary`)),
		chromedp.SetValue(chromedp.CSS(`input[name=since]`), "2024-01-01"),
		chromedp.Click(chromedp.CSS(`input[name=reportable]`)),
		chromedp.Click(chromedp.CSS(`.filterrow button`)), chromedp.WaitVisible(chromedp.CSS(`a.clear`)))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "since=2024-01-01") || !strings.Contains(loc, "reportable=1") {
		t.Errorf("filters not in the URL: %s", loc)
	}
	if n := total(); n == 0 || n >= all {
		t.Errorf("since 2024 and reportable: %d of %d", n, all)
	}

	// dashboard: a bar leads to the search it counts
	do(chromedp.Navigate(ts.URL+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(`svg[data-chart=monthly]`)))
	first := eval(`document.querySelector('svg[data-chart="漏えい項目(上位)"] a').getAttribute('href')`)
	want := eval(`document.querySelector('svg[data-chart="漏えい項目(上位)"] a text:last-of-type').textContent`)
	do(chromedp.Navigate(ts.URL+first), chromedp.WaitVisible(chromedp.CSS(`.total`)))
	if got := strconv.Itoa(total()) + "件"; got != want {
		t.Errorf("bar %s says %s, its search finds %s", first, want, got)
	}
	years := eval(`Array.from(document.querySelectorAll('a.facet[data-facet=year]')).map(a=>a.firstChild.textContent.trim()).join(' ')`)
	do(chromedp.Navigate(ts.URL+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(`svg[data-chart=monthly]`)))
	chart := eval(`document.querySelector('svg[data-chart=monthly]').textContent`)
	for _, y := range strings.Fields(years) {
		if y = strings.TrimSuffix(y, "年"); !strings.Contains(chart, y+"年") {
			t.Errorf("the monthly chart leaves out %s", y)
		}
	}

	// correct a case and delete one, signed in
	id := firstCaseID(t, ts.URL, "USB")
	do(chromedp.Navigate(ts.URL+"/cases/"+id), chromedp.WaitVisible(chromedp.CSS(`#correct input[name=token]`)),
		chromedp.SendKeys(chromedp.CSS(`#correct input[name=token]`), "e2e-token"),
		chromedp.SendKeys(chromedp.CSS(`#correct input[name=name]`), "ブラウザ 太郎"),
		chromedp.Submit(chromedp.CSS(`#correct`)), chromedp.WaitVisible(chromedp.CSS(`#save-correction`)),
		chromedp.SetValue(chromedp.CSS(`input[name="f:organization"]`), "株式会社ブラウザ訂正"),
		chromedp.Click(chromedp.CSS(`#save-correction`)), chromedp.WaitVisible(chromedp.CSS(`table.history`)))
	if h := eval(`document.querySelector('table.history').textContent`); !strings.Contains(h, "ブラウザ 太郎") || !strings.Contains(h, "株式会社ブラウザ訂正") {
		t.Errorf("history %q", h)
	}
	if o := eval(`document.querySelector('section.fields dl').textContent`); !strings.Contains(o, "株式会社ブラウザ訂正") {
		t.Errorf("fields %q", o)
	}
	shot(t, ctx, "case-corrected")
	// the rules re-run over every document (casebook reextract): the person's correction stays
	err := srv.Store.EachDocument(context.Background(), func(d *casebook.Document) error {
		recs, err := extract.Extract(d.Text, extract.Options{Headings: d.Headings, PageTitle: d.PageTitle})
		if err != nil {
			return err
		}
		return srv.Store.ReplaceRecords(context.Background(), d.ID, recs)
	})
	if err != nil {
		t.Fatal(err)
	}
	do(chromedp.Navigate(ts.URL+"/cases/"+id), chromedp.WaitVisible(chromedp.CSS(`section.fields`)))
	if o := eval(`document.querySelector('section.fields dl').textContent`); !strings.Contains(o, "株式会社ブラウザ訂正") {
		t.Errorf("after re-extraction the correction is gone: %q", o)
	}

	// print: the case sheet keeps the whole notice
	print := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	screen := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		return err
	})
	do(print)
	if s := eval(`(function(){var e=document.querySelector('.doc .text');var c=getComputedStyle(e);return c.maxHeight+' '+c.overflowY+' '+(e.scrollHeight<=e.clientHeight+1)})()`); s != "none visible true" {
		t.Errorf("printed notice text: %s", s)
	}
	if f := eval(`getComputedStyle(document.querySelector('form.correct')).display`); f != "none" {
		t.Errorf("the correction form prints (%s)", f)
	}
	do(screen)

	do(chromedp.Navigate(ts.URL+"/cases/"+id), chromedp.WaitVisible(chromedp.CSS(`form.danger input[name=confirm]`)),
		chromedp.Click(chromedp.CSS(`section.changes form.danger input[name=confirm]`)),
		chromedp.Click(chromedp.CSS(`section.changes form.danger button`)), chromedp.WaitVisible(chromedp.CSS(`p.ok`)))
	do(chromedp.Navigate(ts.URL+"/cases/"+id), chromedp.WaitVisible(chromedp.CSS(`p.error`)))
	if h := eval(`document.querySelector('h1').textContent`); !strings.Contains(h, "404") {
		t.Errorf("deleted case page: %q", h)
	}

	// every page at a desktop's and a phone's width
	pages := []struct{ name, path, ready string }{
		{"search", "/?q=" + url.QueryEscape("個人情報"), `.total`},
		{"case", "/cases/" + firstCaseID(t, ts.URL, "カード"), `section.judgement`},
		{"dashboard", "/dashboard", `#cases-chart`},
		{"checklist", "/checklist", `#assess`},
		{"ingest", "/ingest", `form.ingest`},
		{"notfound", "/no/such/page", `p.error`},
	}
	for _, width := range []int64{1280, 390} {
		do(chromedp.EmulateViewport(width, 900))
		for _, p := range pages {
			do(chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready)))
			if width == 390 {
				if w := eval(`String(document.documentElement.scrollWidth)`); w != "390" {
					wide := eval(`Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 391).slice(0, 4).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')`)
					t.Errorf("%s at 390px is %spx wide: %s", p.name, w, wide)
				}
				if h, _ := strconv.ParseFloat(eval(`String(Math.max(...Array.from(document.querySelectorAll('header nav a')).map(a=>a.getBoundingClientRect().height)))`), 64); h > 40 {
					t.Errorf("%s: a menu item is %.0fpx tall (wrapped per character)", p.name, h)
				}
			}
			shot(t, ctx, p.name+"-"+strconv.FormatInt(width, 10))
		}
	}
	// the dashboard on a phone: the narrow charts, no text under 11 px,
	// the legend adding up to the cases it says it counts
	do(chromedp.EmulateViewport(390, 900))
	for _, path := range []string{"/dashboard", "/dashboard?year=2025"} {
		do(chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.CSS(`#cases-chart`)))
		small := eval(`(() => { const out = [];
			for (const svg of document.querySelectorAll('svg.chart')) {
				const r = svg.getBoundingClientRect(); if (r.width === 0) continue;
				const scale = r.width / svg.viewBox.baseVal.width;
				for (const t of svg.querySelectorAll('text')) {
					const px = parseFloat(t.getAttribute('font-size') || '16') * scale;
					if (px < 11) out.push(svg.dataset.chart + ':' + t.textContent + ':' + px.toFixed(1));
				}
			}
			for (const el of document.querySelectorAll('main *')) {
				if (el.closest('svg') || !el.childNodes.length) continue;
				const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim() !== '');
				if (own && el.getBoundingClientRect().width > 0 && parseFloat(getComputedStyle(el).fontSize) < 11) out.push(el.tagName + ':' + el.textContent.trim().slice(0, 20));
			}
			return out.slice(0, 5).join(' | '); })()`)
		if small != "" {
			t.Errorf("%s at 390px: text under 11px: %s", path, small)
		}
		if n := eval(`String(document.querySelector('svg[data-chart=monthly-narrow]').getBoundingClientRect().width > 0 && document.querySelector('svg[data-chart=monthly]').getBoundingClientRect().width === 0)`); n != "true" {
			t.Errorf("%s at 390px: the wide chart is shown", path)
		}
		if sums := eval(`(() => { let s = 0; for (const n of document.querySelectorAll('#cases-legend .legend-n')) s += Number(n.textContent);
			return s + ' ' + document.querySelector('#cases-legend .legend-total').textContent; })()`); len(strings.Fields(sums)) != 2 || strings.Fields(sums)[0] != strings.Fields(sums)[1] {
			t.Errorf("%s: legend items and total disagree: %s", path, sums)
		}
		shot(t, ctx, "dashboard-drill-390")
	}
	do(chromedp.Navigate(ts.URL+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#cases-chart`)))
	legendTotal := eval(`document.querySelector('#cases-legend .legend-total').textContent`)
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`.total`)))
	if all := strconv.Itoa(total()); all != legendTotal {
		t.Errorf("the legend counts %s cases, the search finds %s", legendTotal, all)
	}

	// on a phone the 絞り込み control comes before the results, folded to
	// one line, so the first results are in view
	do(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`.total`)))
	if s := eval(`(document.querySelector('.facets').getBoundingClientRect().top < document.querySelector('.results').getBoundingClientRect().top) + ' ' + document.querySelector('details.facetfold').open + ' ' + (document.querySelector('ol.cases li').getBoundingClientRect().top < 900)`); s != "true false true" {
		t.Errorf("phone: filters first and folded, a result in view: %s", s)
	}
	// filters typed in Japanese: normalised to codes on the way in, shown
	// as removable chips above the results, the facet selected, and
	// choosing it again removes it rather than adding a duplicate
	for _, width := range []int64{390, 1280} {
		do(chromedp.EmulateViewport(width, 900))
		do(chromedp.Navigate(ts.URL+"/?sector="+url.QueryEscape("官公庁・自治体")+"&cause="+url.QueryEscape("誤送信")), chromedp.WaitVisible(chromedp.CSS(`.total`)))
		if u := eval(`location.search`); !strings.Contains(u, "sector=public") || !strings.Contains(u, "cause=misdelivery") {
			t.Errorf("%d: not normalised: %s", width, u)
		}
		chipsText := eval(`Array.from(document.querySelectorAll('ul.chips a.chip')).map(a => a.textContent.trim()).join('|')`)
		if !strings.Contains(chipsText, "業種: 官公庁・自治体") || !strings.Contains(chipsText, "原因: 誤送付・誤送信") {
			t.Errorf("%d: chips %q", width, chipsText)
		}
		if top := eval(`String(document.querySelector('ul.chips').getBoundingClientRect().top < document.querySelector('ol.cases').getBoundingClientRect().top)`); top != "true" {
			t.Errorf("%d: chips below the results", width)
		}
		if sel := eval(`String(document.querySelector('a.facet[data-facet=sector][aria-pressed=true]') !== null && document.querySelector('a.facet[data-facet=sector][aria-pressed=true]').getAttribute('href').indexOf('sector=') < 0)`); sel != "true" {
			t.Errorf("%d: the sector facet is not shown selected, or choosing it again adds a duplicate", width)
		}
		shot(t, ctx, "search-filters-"+strconv.FormatInt(width, 10))
	}
	// a chip removes its filter (the cause chip: its link keeps the sector)
	do(chromedp.Click(chromedp.CSS(`ul.chips a.chip:not([href*="misdelivery"])`)), chromedp.WaitVisible(chromedp.CSS(`.total`)))
	if u := eval(`location.search`); strings.Contains(u, "cause=") || !strings.Contains(u, "sector=public") {
		t.Errorf("chip removed the wrong filter: %s", u)
	}
}
