package http_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	cbhttp "casebook/http"
	"casebook/ingest"
	"casebook/sqlite"
)

// sampleServer serves a casebook holding only the bundled samples.
func sampleServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if sum, err := ingest.Samples(ctx, st, nil); err != nil || sum.Incidents < 10 {
		t.Fatalf("samples: %+v %v", sum, err)
	}
	s, err := cbhttp.New(st, "tok", nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

// In a browser at a desktop's and a phone's width: the banner is in view
// at the top, every row carries its badge, and so does the case page.
func TestBrowserSamplesBanner(t *testing.T) {
	ctx := browser(t)
	ts := sampleServer(t)
	for _, width := range []int64{1280, 390} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`#samples-banner`))); err != nil {
			t.Fatal(err)
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const b = document.querySelector('#samples-banner').getBoundingClientRect();
			const rows = document.querySelectorAll('ol.cases li.case').length;
			const badged = document.querySelectorAll('ol.cases li.case .tag.sample').length;
			return (b.top < 300) + ' ' + (rows > 0 && rows === badged); })()`))
		if err != nil || state != "true true" {
			t.Errorf("%d px: banner at the top, every row badged: %q %v", width, state, err)
		}
		shot(t, ctx, "samples-banner-"+strconv.FormatInt(width, 10))
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`ol.cases li.case a.title`)), chromedp.WaitVisible(chromedp.CSS(`h1 .tag.sample`))); err != nil {
		t.Errorf("case page without its 見本 badge: %v", err)
	}
}

// The invented samples are visibly samples: a banner on every page while
// any are present, a 見本 badge on rows and case pages, left out of the
// dashboard's figures and of exports, removed by a signed-in user in one
// step.
func TestSamplesAreMarkedAndRemovable(t *testing.T) {
	ts := sampleServer(t)
	_, page := get(t, ts.URL+"/")
	if !strings.Contains(page, `id="samples-banner"`) || !strings.Contains(page, "casebook samples remove") {
		t.Error("no samples banner on the search page")
	}
	if n := strings.Count(page, `<span class="tag sample"`); n < 10 {
		t.Errorf("%d rows marked 見本", n)
	}
	_, dash := get(t, ts.URL+"/dashboard")
	if !strings.Contains(dash, `id="samples-left-out"`) || !strings.Contains(dash, `<span class="n">0</span>事例`) {
		t.Error("the dashboard counts the samples")
	}
	resp, csv := get(t, ts.URL+"/api/export?format=csv")
	if n := len(strings.Split(strings.TrimSpace(csv), "\n")); n != 1 {
		t.Errorf("export holds %d lines, want the header alone", n)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''casebook-") {
		t.Errorf("Content-Disposition %q", cd)
	}
	resp, _ = get(t, ts.URL+"/api/export?format=csv&cause="+url.QueryEscape("誤送信")+"&samples=1")
	if cd, _ := url.PathUnescape(resp.Header.Get("Content-Disposition")); !strings.Contains(cd, "casebook-誤送付・誤送信-") {
		t.Errorf("named export %q", cd)
	}

	a := signIn(t, ts.URL, "tok", "佐藤")
	page = a.page(t, ts.URL+"/")
	if !strings.Contains(page, `action="/samples/remove"`) {
		t.Fatal("no remove button for a signed-in user")
	}
	if r, _ := a.post(t, ts.URL+"/samples/remove", url.Values{"csrf": {a.csrf}}); r.StatusCode != 400 {
		t.Errorf("removed without the box ticked: %d", r.StatusCode)
	}
	if r, body := a.post(t, ts.URL+"/samples/remove", url.Values{"csrf": {a.csrf}, "confirm": {"yes"}}); r.StatusCode != 200 || !strings.Contains(body, "見本を削除しました") {
		t.Fatalf("remove: %d", r.StatusCode)
	}
	_, page = get(t, ts.URL+"/")
	if strings.Contains(page, `id="samples-banner"`) || strings.Contains(page, `class="tag sample"`) {
		t.Error("samples still shown after removal")
	}
}

// Filters typed in Japanese are normalised to codes on the way in, so the
// page and its links speak one language; the page shows them as chips.
func TestSearchNormalisesLabels(t *testing.T) {
	ts, _ := newServer(t, "")
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(ts.URL + "/?sector=" + url.QueryEscape("教育") + "&cause=" + url.QueryEscape("誤送信") + "&year=2024年&since=2024/1/1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.Contains(loc, "sector=education") || !strings.Contains(loc, "cause=misdelivery") ||
		!strings.HasSuffix(loc, "year=2024") || !strings.Contains(loc, "since=2024-01-01") {
		t.Fatalf("%d %q", resp.StatusCode, loc)
	}
	_, page := get(t, ts.URL+loc)
	if !strings.Contains(page, `class="chips"`) || !strings.Contains(page, "業種: 教育") || !strings.Contains(page, "原因: 誤送付・誤送信") {
		t.Error("no chips for the active filters")
	}
	// codes already: no redirect
	resp, _ = c.Get(ts.URL + loc)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("canonical URL answered %d", resp.StatusCode)
	}
}
