package watch

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"casebook"
	"casebook/internal/teststore"
	"casebook/source"
)

// notice is a small breach notice; n makes each one its own.
func notice(org string, n int, extra string) string {
	return fmt.Sprintf(`<html><head><title>%[1]s</title></head><body><h1>個人情報の漏えいに関するお詫び</h1>
<p>2025年3月%[2]d日</p><p>%[1]s</p>
<p>このたび、当社の従業員が、お客様%[2]d00名分の氏名と住所を記載した書類を紛失いたしました。2025年3月%[2]d日に判明しました。%[3]s</p>
<p>関係するお客様には個別にご連絡しております。</p></body></html>`, org, n, extra)
}

const holidays = `<html><head><title>年末年始休業のお知らせ</title></head><body><h1>年末年始休業のお知らせ</h1>
<p>誠に勝手ながら、2025年12月29日から2026年1月3日まで休業いたします。ご不便をおかけしますが、ご了承ください。</p></body></html>`

// site is a real local HTTP server with the pages a watcher meets: feeds
// in the three formats, a list page, robots.txt forbidding a path, a
// redirect to a private address, a 429 with Retry-After, a slow and an
// oversized response, a copy of a notice under another URL, and a page
// that changes.
type site struct {
	*httptest.Server
	mu          sync.Mutex
	version     int // of /notice/2.html and the feed
	notModified atomic.Int32
	requests    map[string]int
}

func newSite(t *testing.T) *site {
	s := &site{requests: map[string]int{}}
	mux := http.NewServeMux()
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests[r.URL.Path]++
		s.mu.Unlock()
		if !strings.HasPrefix(r.UserAgent(), "casebook/") {
			http.Error(w, "who are you", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	page := func(path, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		})
	}
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/feed.rss", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		v := s.version
		s.mu.Unlock()
		etag := fmt.Sprintf(`"v%d"`, v)
		if r.Header.Get("If-None-Match") == etag {
			s.notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>お知らせ</title>
<item><title>お詫び1</title><link>%[1]s/notice/1.html</link></item>
<item><title>お詫び2</title><link>/notice/2.html</link></item>
<item><title>社内</title><link>%[1]s/private/3.html</link></item>
<item><title>転送</title><link>%[1]s/redirect</link></item>
<item><title>遅い</title><link>%[1]s/slow</link></item>
<item><title>大きい</title><link>%[1]s/big</link></item>
<item><title>写し</title><link>%[1]s/copy.html</link></item>
</channel></rss>`, s.URL)
	})
	mux.HandleFunc("/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>報道発表</title>
<entry><title>お詫び4</title><link rel="alternate" href="%s/notice/4.html"/><id>tag:x,2025:4</id></entry></feed>`, s.URL)
	})
	mux.HandleFunc("/rdf.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="%[1]s/rdf.xml"><title>新着</title></channel>
<item rdf:about="%[1]s/notice/5.html"><title>お詫び5</title><link>%[1]s/notice/5.html</link></item></rdf:RDF>`, s.URL)
	})
	page("/list.html", `<html><body><nav><a href="/">ホーム</a> <a href="/about.html">会社概要</a> <a href="/notice/1.html">お詫び(メニュー)</a></nav>
<ul><li><a href="/notice/6.html">個人情報の漏えいに関するお詫び</a></li>
<li><a href="/holidays.html">年末年始休業のお知らせ</a></li>
<li><a href="https://elsewhere.example/news/1.html">他サイトのお知らせ</a></li>
<li><a href="mailto:info@example.jp">お問い合わせ</a></li></ul></body></html>`)
	mux.HandleFunc("/limited.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/notice/2.html", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		v := s.version
		s.mu.Unlock()
		extra := ""
		if v > 0 {
			extra = "なお、2025年3月20日に警察へ遺失届を提出しました。"
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, notice("株式会社みなとテスト2", 2, extra))
	})
	for _, n := range []int{1, 4, 5, 6} {
		page(fmt.Sprintf("/notice/%d.html", n), notice(fmt.Sprintf("株式会社みなとテスト%d", n), n, ""))
	}
	page("/copy.html", notice("株式会社みなとテスト1", 1, ""))
	page("/private/3.html", notice("株式会社ひみつ", 3, ""))
	page("/holidays.html", holidays)
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
		fmt.Fprint(w, notice("株式会社おそい", 7, ""))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, notice("株式会社おおきい", 8, strings.Repeat("あ", 300_000)))
	})
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

func TestWatch(t *testing.T) {
	for name, st := range teststore.Stores(t) {
		t.Run(name, func(t *testing.T) { testWatch(t, st) })
	}
}

func testWatch(t *testing.T, st casebook.WatchStore) {
	ctx := context.Background()
	s := newSite(t)
	var logs bytes.Buffer
	var logMu sync.Mutex
	w := &Watcher{Store: st, Delay: -1, MaxBytes: 200_000,
		Client: source.GuardedClientAllowing(time.Second, strings.TrimPrefix(s.URL, "http://")),
		Log:    slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &logMu}, nil))}
	for _, p := range []string{"/feed.rss", "/atom.xml", "/rdf.xml", "/list.html", "/limited.rss"} {
		if _, err := st.AddWatch(ctx, casebook.Watch{Name: strings.Trim(p, "/"), URL: s.URL + p, Every: time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.AddWatch(ctx, casebook.Watch{Name: "feed.rss", URL: s.URL + "/other"}); err == nil {
		t.Error("a second source of the same name")
	}
	res, err := w.CheckAll(ctx, true, "")
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Result{}
	for _, r := range res {
		by[r.Watch] = r
	}
	feed := by["feed.rss"]
	if feed.Kind != casebook.WatchFeed || feed.Items != 7 || feed.New != 2 || feed.Unchanged != 1 || feed.Skipped != 1 || len(feed.Errors) != 3 || feed.Err != "" {
		t.Errorf("feed: %+v", feed)
	}
	joined := strings.Join(feed.Errors, "\n")
	for _, want := range []string{"/redirect: refused", "/slow: timed out", "/big: response"} {
		if !strings.Contains(joined, want) {
			t.Errorf("feed errors lack %q:\n%s", want, joined)
		}
	}
	if s.count("/private/3.html") != 0 {
		t.Error("fetched a path robots.txt forbids")
	}
	if r := by["atom.xml"]; r.New != 1 || r.Kind != casebook.WatchFeed {
		t.Errorf("atom: %+v", r)
	}
	if r := by["rdf.xml"]; r.New != 1 {
		t.Errorf("rss 1.0: %+v", r)
	}
	if r := by["list.html"]; r.Kind != casebook.WatchPage || r.New != 1 || r.Skipped != 1 || r.Items != 2 {
		t.Errorf("list page: %+v", r)
	}
	if s.count("/about.html") != 0 || s.count("/holidays.html") != 1 {
		t.Errorf("list page links: about %d, holidays %d", s.count("/about.html"), s.count("/holidays.html"))
	}
	limited := by["limited.rss"]
	if limited.Err == "" || !strings.Contains(limited.Err, "429") {
		t.Errorf("429: %+v", limited)
	}
	watches, _ := st.Watches(ctx)
	for _, wt := range watches {
		switch wt.Name {
		case "limited.rss":
			if wt.Failures != 1 || wt.LastError == "" || time.Until(wt.NextCheck) < 14*time.Minute {
				t.Errorf("back-off: %+v", wt)
			}
		case "feed.rss":
			if wt.NewDocuments != 2 || wt.LastSuccess == nil || wt.ETag != `"v0"` {
				t.Errorf("feed state: %+v", wt)
			}
		}
	}
	logMu.Lock()
	if !strings.Contains(logs.String(), "source failed") || !strings.Contains(logs.String(), "limited.rss") {
		t.Errorf("failure not logged:\n%s", logs.String())
	}
	logMu.Unlock()
	_, docs, _ := st.Counts(ctx)
	if docs != 5 {
		t.Errorf("%d documents stored, want 5", docs)
	}

	// again: the feed answers 304, nothing is stored twice; the limited
	// source is not due yet
	res, _ = w.CheckAll(ctx, false, "")
	for _, r := range res {
		if r.Watch == "limited.rss" {
			t.Error("checked a source before its back-off ended")
		}
	}
	requests := func() int {
		s.mu.Lock()
		defer s.mu.Unlock()
		n := 0
		for _, c := range s.requests {
			n += c
		}
		return n
	}
	n0 := requests()
	if _, err := w.CheckAll(ctx, true, "feed.rss"); err != nil {
		t.Fatal(err)
	}
	if s.notModified.Load() == 0 {
		t.Error("no conditional GET")
	}
	// a feed that has not changed costs one request (robots.txt is kept
	// for an hour)
	if n := requests() - n0; n != 1 {
		t.Errorf("an unchanged feed took %d requests, want 1", n)
	}
	if _, d, _ := st.Counts(ctx); d != docs {
		t.Errorf("documents %d → %d on a second check", docs, d)
	}

	// a person corrects the case of notice 2; the page changes; the new
	// version replaces the old under the same case, the correction kept
	newDocs, _ := st.Watched(ctx, time.Now().Add(-time.Hour), 50)
	var caseID string
	for _, d := range newDocs {
		if strings.HasSuffix(d.URL, "/notice/2.html") && len(d.CaseIDs) == 1 {
			caseID = d.CaseIDs[0]
		}
	}
	if caseID == "" || len(newDocs) != 5 || newDocs[0].Watch == "" {
		t.Fatalf("new documents: %+v", newDocs)
	}
	if _, err := st.Correct(ctx, caseID, []casebook.Correction{{Field: "organization", Value: "株式会社みなと(訂正)"}}, "tester"); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	s.version = 1
	s.mu.Unlock()
	res, err = w.CheckAll(ctx, true, "feed.rss")
	if err != nil || len(res) != 1 || res[0].Updated != 1 || res[0].New != 0 {
		t.Fatalf("changed page: %+v %v", res, err)
	}
	c, err := st.Case(ctx, caseID)
	if err != nil {
		t.Fatalf("the case of the changed page: %v", err)
	}
	if c.Organization != "株式会社みなと(訂正)" || c.Dates == nil || c.Dates.ReportedPolice == nil {
		t.Errorf("after the new version: organization %q, police %v", c.Organization, c.Dates)
	}
	if _, d, _ := st.Counts(ctx); d != docs {
		t.Errorf("a new version stored as a new document: %d → %d", docs, d)
	}

	// removed: the source goes, what it brought stays
	if err := st.RemoveWatch(ctx, "atom.xml"); err != nil {
		t.Fatal(err)
	}
	if err := st.RemoveWatch(ctx, "atom.xml"); err == nil {
		t.Error("removed twice")
	}
	if _, d, _ := st.Counts(ctx); d != docs {
		t.Error("removing a source removed documents")
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// On PostgreSQL one watcher holds the lock; a second does not get it
// until the first lets go.
func TestWatchLock(t *testing.T) {
	for name, st := range teststore.Stores(t) {
		release, ok, err := st.WatchLock(context.Background())
		if err != nil || !ok {
			t.Fatalf("%s: first lock: %v %v", name, ok, err)
		}
		if name == "postgres" {
			if _, ok2, _ := st.WatchLock(context.Background()); ok2 {
				t.Errorf("%s: two watchers hold the lock", name)
			}
		}
		release()
		r2, ok, err := st.WatchLock(context.Background())
		if err != nil || !ok {
			t.Errorf("%s: lock after release: %v %v", name, ok, err)
		} else {
			r2()
		}
	}
}

func TestItems(t *testing.T) {
	base, _ := url.Parse("https://www.example.go.jp/press/index.html")
	sjis := []byte("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss version=\"2.0\"><channel><item><title>\x82\xa8\x98l\x82\xd1</title><link>/press/1.html</link></item></channel></rss>")
	items, err := feedItems(sjis, base)
	if err != nil || len(items) != 1 || items[0].URL != "https://www.example.go.jp/press/1.html" || items[0].Title != "お詫び" {
		t.Errorf("Shift_JIS feed: %+v %v", items, err)
	}
	if !isFeed("text/xml", sjis) || isFeed("text/html", []byte("<html><body>rss</body></html>")) {
		t.Error("isFeed")
	}
	got := pageItems([]byte(`<a href="2025/0301.html">不正アクセスによる個人情報流出のお知らせ</a><a href="#top">ページの先頭へ</a><a href="javascript:void(0)">印刷</a><a href="/press/index.html">報道発表</a><a href="/press/2025/0302.pdf">令和7年3月2日 行政指導について</a>`), "text/html", base)
	if len(got) != 2 || got[0].URL != "https://www.example.go.jp/press/2025/0301.html" || !strings.HasSuffix(got[1].URL, ".pdf") {
		t.Errorf("page items: %+v", got)
	}
	if d := retryAfter("120", time.Now()); d != 2*time.Minute {
		t.Errorf("Retry-After 120: %s", d)
	}
	if d := retryAfter(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), time.Now()); d < 59*time.Minute || d > time.Hour {
		t.Errorf("Retry-After date: %s", d)
	}
}

// BenchmarkCheck100Sources: one check of 100 unchanged feeds of 50 items
// each (a 304 each), and the memory a watcher holds for them.
func BenchmarkCheck100Sources(b *testing.B) {
	ctx := context.Background()
	st := teststore.Stores(b)["sqlite"]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == `"same"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"same"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		var items strings.Builder
		for i := 0; i < 50; i++ {
			fmt.Fprintf(&items, `<item><title>告知%d</title><link>http://%s/nothing/%d</link></item>`, i, r.Host, i)
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel>%s</channel></rss>`, items.String())
	}))
	defer srv.Close()
	for i := 0; i < 100; i++ {
		if _, err := st.AddWatch(ctx, casebook.Watch{Name: fmt.Sprint("feed", i), URL: fmt.Sprintf("%s/feed%d.xml", srv.URL, i), Every: time.Hour}); err != nil {
			b.Fatal(err)
		}
	}
	w := &Watcher{Store: st, Delay: -1, MaxItems: 1, Client: source.GuardedClientAllowing(5*time.Second, strings.TrimPrefix(srv.URL, "http://"))}
	if _, err := w.CheckAll(ctx, true, ""); err != nil { // the first reads every feed once
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := w.CheckAll(ctx, true, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
}
