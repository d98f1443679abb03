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
