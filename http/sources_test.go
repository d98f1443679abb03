package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	cbhttp "casebook/http"
	"casebook/source"
	"casebook/sqlite"
	"casebook/watch"
)

// The 情報源 page: a signed-in user adds a feed; a check brings in its
// notice, shown under 新着 and naming its source on the case page; the
// source is removed and what it brought stays.
func TestSourcesPage(t *testing.T) {
	ctx := context.Background()
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><item><title>お詫び</title><link>http://%s/n1.html</link></item></channel></rss>`, r.Host)
		case "/n1.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><body><h1>USBメモリ紛失に関するお詫び</h1><p>株式会社ふぃーど商事</p><p>2025年5月1日、当社社員が顧客120名分の氏名と住所を保存したUSBメモリを紛失しました。</p></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer feed.Close()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := cbhttp.New(st, "tok", nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	_, page := get(t, ts.URL+"/sources")
	if !strings.Contains(page, "情報源はまだありません") || strings.Contains(page, `action="/sources"`) {
		t.Error("an anonymous reader sees a form, or no empty state")
	}
	if resp, _ := http.PostForm(ts.URL+"/sources", url.Values{"url": {feed.URL + "/rss.xml"}, "every": {"6h"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous add: %d", resp.StatusCode)
	}
	a := signIn(t, ts.URL, "tok", "佐藤")
	if r, _ := a.post(t, ts.URL+"/sources", url.Values{"csrf": {a.csrf}, "url": {"ftp://x"}, "every": {"6h"}}); r.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad URL: %d", r.StatusCode)
	}
	if r, _ := a.post(t, ts.URL+"/sources", url.Values{"csrf": {a.csrf}, "url": {feed.URL + "/rss.xml"}, "every": {"6h"}, "name": {"ふぃーど"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", r.StatusCode)
	}
	w := &watch.Watcher{Store: st, Delay: -1, Client: source.GuardedClientAllowing(5*time.Second, strings.TrimPrefix(feed.URL, "http://"))}
	res, err := w.CheckAll(ctx, true, "")
	if err != nil || len(res) != 1 || res[0].New != 1 {
		t.Fatalf("check: %+v %v", res, err)
	}
	page = a.page(t, ts.URL+"/sources")
	if !strings.Contains(page, "ふぃーど") || !strings.Contains(page, "フィード") || !strings.Contains(page, "1件") || !strings.Contains(page, "USBメモリ紛失に関するお詫び") {
		t.Errorf("sources page after a check:\n%s", page)
	}
	i := strings.Index(page, `href="/cases/`)
	if i < 0 {
		t.Fatal("no case under 新着")
	}
	id := page[i+len(`href="/cases/`):]
	id = id[:strings.IndexByte(id, '"')]
	if _, cp := get(t, ts.URL+"/cases/"+id); !strings.Contains(cp, "情報源: ふぃーど") {
		t.Error("the case page does not name its source")
	}
	if r, _ := a.post(t, ts.URL+"/sources/remove", url.Values{"csrf": {a.csrf}, "name": {"ふぃーど"}, "confirm": {"yes"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", r.StatusCode)
	}
	if _, docs, _ := st.Counts(ctx); docs != 1 {
		t.Errorf("removing the source removed its documents: %d left", docs)
	}
}

// In a browser: a signed-in user adds two sources with the form, a check
// runs, the page shows the documents one brought in and the other's
// error; at 1280 and 390 px.
func TestBrowserSources(t *testing.T) {
	ctx := browser(t)
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><item><title>お詫び</title><link>http://%s/n1.html</link></item></channel></rss>`, r.Host)
		case "/n1.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><body><h1>誤送信に関するお詫び</h1><p>株式会社ぶらうざ商事</p><p>2025年6月2日、当社社員がお客様45名のメールアドレスをBCCではなくTO欄に入れて一斉送信しました。</p></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer feed.Close()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "cb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, _ := cbhttp.New(st, "tok", nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	do(chromedp.Navigate(ts.URL+"/ingest"), chromedp.WaitVisible(chromedp.CSS(`input[name=token]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=token]`), "tok"), chromedp.Submit(chromedp.CSS(`form.login`)),
		chromedp.WaitVisible(chromedp.CSS(`form.ingest`)))
	for _, src := range []struct{ url, name string }{{feed.URL + "/rss.xml", "ぶらうざ"}, {feed.URL + "/gone.xml", "なくなった"}} {
		do(chromedp.Navigate(ts.URL+"/sources"), chromedp.WaitVisible(chromedp.CSS(`form.add-source`)),
			chromedp.SendKeys(chromedp.CSS(`form.add-source input[name=url]`), src.url),
			chromedp.SendKeys(chromedp.CSS(`form.add-source input[name=name]`), src.name),
			chromedp.Submit(chromedp.CSS(`form.add-source`)), chromedp.WaitVisible(chromedp.CSS(`p.ok`)))
	}
	w := &watch.Watcher{Store: st, Delay: -1, Client: source.GuardedClientAllowing(5*time.Second, strings.TrimPrefix(feed.URL, "http://"))}
	if _, err := w.CheckAll(context.Background(), true, ""); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{1280, 390} {
		do(chromedp.EmulateViewport(width, 900), chromedp.Navigate(ts.URL+"/sources"), chromedp.WaitVisible(chromedp.CSS(`#new`)))
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const rows = Array.from(document.querySelectorAll('tr.source')).map(r => r.textContent);
			const newCases = document.querySelectorAll('#new li.case a.title').length;
			return rows.length + ' ' + newCases + ' ' + rows.some(r => r.includes('なくなった') && r.includes('失敗') && r.includes('404')) + ' ' + document.documentElement.scrollWidth; })()`))
		if err != nil || state != fmt.Sprintf("2 1 true %d", width) {
			t.Errorf("%d px: sources, new cases, the error shown, page width: %q %v", width, state, err)
		}
		shot(t, ctx, "sources-"+fmt.Sprint(width))
	}
}
