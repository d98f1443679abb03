package http_test

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"casebook"
	"casebook/extract"
)

// signedIn is a browser-like client signed in to ts: its cookies, and the
// CSRF token its pages carry.
type signedIn struct {
	*http.Client
	csrf string
}

func signIn(t *testing.T, base, token, name string) *signedIn {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/login", url.Values{"token": {token}, "name": {name}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
	s := &signedIn{Client: c}
	s.csrf = csrfOf(t, s.page(t, base+"/ingest"))
	return s
}

func (s *signedIn) page(t *testing.T, u string) string {
	t.Helper()
	resp, err := s.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return string(b)
}

func (s *signedIn) post(t *testing.T, u string, v url.Values) (*http.Response, string) {
	t.Helper()
	resp, err := s.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func csrfOf(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, `name="csrf" value="`)
	if i < 0 {
		return ""
	}
	tok := page[i+len(`name="csrf" value="`):]
	return tok[:strings.IndexByte(tok, '"')]
}

func firstCaseID(t *testing.T, base, q string) string {
	t.Helper()
	_, body := get(t, base+"/api/cases?q="+url.QueryEscape(q))
	var res struct {
		Cases []struct {
			ID string `json:"id"`
		} `json:"cases"`
	}
	json.Unmarshal([]byte(body), &res)
	if len(res.Cases) == 0 {
		t.Fatalf("no case for %q", q)
	}
	return res.Cases[0].ID
}

func TestSessionsAreServerSideAndRevoked(t *testing.T) {
	ts, _ := newServer(t, "s3cret")
	a := signIn(t, ts.URL, "s3cret", "佐藤")
	b := signIn(t, ts.URL, "s3cret", "")
	ca, cb := a.Jar.Cookies(mustURL(ts.URL)), b.Jar.Cookies(mustURL(ts.URL))
	if len(ca) != 1 || len(cb) != 1 || ca[0].Value == cb[0].Value || strings.Contains(ca[0].Value, "s3cret") {
		t.Fatalf("session cookies %v %v: each sign-in gets its own random id", ca, cb)
	}
	if a.csrf == "" || a.csrf == b.csrf {
		t.Fatalf("CSRF tokens %q %q: one per session", a.csrf, b.csrf)
	}
	// another session's CSRF token is refused
	id := firstCaseID(t, ts.URL, "USB")
	if resp, _ := a.post(t, ts.URL+"/cases/"+id+"/correct", url.Values{"csrf": {b.csrf}, "f:organization": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("foreign csrf: %d", resp.StatusCode)
	}
	// signed-in pages are not cached
	resp, _ := a.Get(ts.URL + "/cases/" + id)
	resp.Body.Close()
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q when signed in", cc)
	}
	// signing out revokes the session on the server: a copied cookie stops working
	stolen := ca[0]
	if resp, _ := a.post(t, ts.URL+"/logout", url.Values{"csrf": {a.csrf}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("POST", ts.URL+"/cases/"+id+"/correct", strings.NewReader(url.Values{"csrf": {a.csrf}, "f:organization": {"x"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(stolen)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked session: %d", resp.StatusCode)
	}
}

func mustURL(s string) *url.URL { u, _ := url.Parse(s); return u }

func TestSignInAttemptsAreLimited(t *testing.T) {
	ts, srv := newServer(t, "s3cret")
	var logged bytes.Buffer
	srv.Log = slog.New(slog.NewTextHandler(&logged, nil))
	try := func(token string) *http.Response {
		resp, err := http.PostForm(ts.URL+"/login", url.Values{"token": {token}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for i := 0; i < 10; i++ {
		if resp := try("guess"); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, resp.StatusCode)
		}
	}
	resp := try("s3cret") // even the right token waits now
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("after 10 failures: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if n := strings.Count(logged.String(), "sign-in failed"); n != 10 || !strings.Contains(logged.String(), "sign-in blocked") {
		t.Errorf("%d failed sign-ins logged:\n%s", n, logged.String())
	}
}

func TestCorrectionsAndDeletionsOverHTTP(t *testing.T) {
	ts, _ := newServer(t, "s3cret")
	id := firstCaseID(t, ts.URL, "USB")
	// read-only visitors see no form
	if _, page := get(t, ts.URL+"/cases/"+id); strings.Contains(page, `action="/cases/`+id+`/correct"`) {
		t.Error("correction form shown to a visitor")
	}
	a := signIn(t, ts.URL, "s3cret", "監査 花子")
	page := a.page(t, ts.URL+"/cases/"+id)
	if !strings.Contains(page, `name="f:organization"`) {
		t.Fatal("no correction form when signed in")
	}
	// untouched fields are no corrections; a changed one is
	resp, _ := a.post(t, ts.URL+"/cases/"+id+"/correct", url.Values{"csrf": {a.csrf}, "f:organization": {"株式会社訂正後"}, "f:dates.discovered": {"2024-02-03"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("correct: %d", resp.StatusCode)
	}
	page = a.page(t, ts.URL+"/cases/"+id)
	if !strings.Contains(page, "株式会社訂正後") || !strings.Contains(page, "監査 花子") || !strings.Contains(page, "組織を「株式会社訂正後」に修正") {
		t.Error("the corrected organization or its history is not on the page")
	}
	// a bad value is refused in Japanese and stores nothing
	resp, body := a.post(t, ts.URL+"/cases/"+id+"/correct", url.Values{"csrf": {a.csrf}, "f:dates.announced": {"2024-13-01"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "実在する日付") {
		t.Errorf("bad date: %d", resp.StatusCode)
	}
	// the API: corrections with the bearer token; unknown fields are 422
	r2, m := postJSON(t, ts.URL+"/api/cases/"+id+"/corrections", "s3cret", map[string]any{"corrections": []map[string]string{{"field": "affected.count", "value": "1234"}}, "by": "script"})
	if r2.StatusCode != http.StatusOK || m["affected"].(map[string]any)["count"].(float64) != 1234 {
		t.Errorf("API correction: %d %v", r2.StatusCode, m["affected"])
	}
	if r2, _ := postJSON(t, ts.URL+"/api/cases/"+id+"/corrections", "s3cret", map[string]any{"corrections": []map[string]string{{"field": "nope", "value": "1"}}}); r2.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown field: %d", r2.StatusCode)
	}
	if r2, _ := postJSON(t, ts.URL+"/api/cases/"+id+"/corrections", "", map[string]any{"corrections": []map[string]string{{"field": "title", "value": "x"}}}); r2.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: %d", r2.StatusCode)
	}
	// deletion needs the confirmation box
	if resp, _ := a.post(t, ts.URL+"/cases/"+id+"/delete", url.Values{"csrf": {a.csrf}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unconfirmed delete: %d", resp.StatusCode)
	}
	if resp, _ := a.post(t, ts.URL+"/cases/"+id+"/delete", url.Values{"csrf": {a.csrf}, "confirm": {"yes"}}); resp.StatusCode != http.StatusOK {
		t.Errorf("delete: %d", resp.StatusCode)
	}
	if resp, _ := get(t, ts.URL+"/api/cases/"+id); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleted case: %d", resp.StatusCode)
	}
	// the API deletes a case too
	other := firstCaseID(t, ts.URL, "誤送信")
	req, _ := http.NewRequest("DELETE", ts.URL+"/api/cases/"+other, nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusNoContent {
		t.Errorf("API delete: %v %v", err, resp)
	}
	req, _ = http.NewRequest("DELETE", ts.URL+"/api/documents/999999", nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("API delete of no document: %v %v", err, resp)
	}
}

func TestExportIsSafeAndFiltered(t *testing.T) {
	ts, _ := newServer(t, "tok")
	hostileTitle := "=HYPERLINK(\"http://evil.example/\",\"詳細\")個人情報漏えいに関するお詫び\n\n株式会社\u202eエクスポート試験は2024年6月1日、お客様50名の氏名が流出したことを公表しました。不正アクセスによるものです。"
	if resp, m := postJSON(t, ts.URL+"/api/ingest", "tok", map[string]string{"text": hostileTitle}); resp.StatusCode != http.StatusCreated {
		t.Fatalf("ingest %d %v", resp.StatusCode, m)
	}
	_, body := get(t, ts.URL+"/api/export?format=csv")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
			if strings.ContainsRune(cell, '\u202e') {
				t.Errorf("cell %q keeps a bidi control", cell)
			}
		}
	}
	// the page drops bidi controls too
	if _, page := get(t, ts.URL+"/?q="+url.QueryEscape("エクスポート試験")); strings.ContainsRune(page, '\u202e') {
		t.Error("bidi control in the page")
	}
	// the export of a search holds exactly its cases, and the page links to it
	_, js := get(t, ts.URL+"/api/cases?cause=loss&limit=200")
	var res struct{ Total int }
	json.Unmarshal([]byte(js), &res)
	_, lines := get(t, ts.URL+"/api/export?format=jsonl&cause=loss")
	if n := strings.Count(lines, "\n"); n != res.Total || n == 0 {
		t.Errorf("export of cause=loss: %d lines, search total %d", n, res.Total)
	}
	_, all := get(t, ts.URL+"/api/export?format=jsonl")
	if strings.Count(all, "\n") <= res.Total {
		t.Error("the unfiltered export should hold more")
	}
	if _, page := get(t, ts.URL+"/?cause=loss"); !strings.Contains(page, `/api/export?format=csv&amp;cause=loss`) {
		t.Error("the page's export link does not carry the query")
	}
	if resp, _ := get(t, ts.URL+"/api/export?format=csv&since=2024-13-01"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad since: %d", resp.StatusCode)
	}
}

func TestNotFoundMethodsAndCompression(t *testing.T) {
	ts, _ := newServer(t, "")
	resp, body := get(t, ts.URL+"/no/such/page")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "ページが見つかりません") || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("404 page: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, body = get(t, ts.URL+"/api/nothing")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, `"error"`) {
		t.Errorf("API 404: %d %s", resp.StatusCode, body)
	}
	if resp, _ := get(t, ts.URL+"/cases/nope"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown case: %d", resp.StatusCode)
	}
	for _, c := range []struct{ method, path, allow string }{
		{"POST", "/dashboard", "GET"}, {"DELETE", "/api/cases", "GET"}, {"PUT", "/api/cases/x", "GET, DELETE"}, {"GET", "/login", "POST"},
	} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d, Allow %q", c.method, c.path, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	// Japanese messages for bad filters on pages
	if resp, body := get(t, ts.URL+"/?cause=nope"); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "「原因」に指定した「nope」は使えません") {
		t.Errorf("bad cause page: %d", resp.StatusCode)
	}
	if resp, _ := get(t, ts.URL+"/api/cases?since=2024-13-01"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("since=2024-13-01: %d", resp.StatusCode)
	}
	// a page past every result is an empty page
	if resp, body := get(t, ts.URL+"/api/cases?page=99999999999999"); resp.StatusCode != http.StatusOK || !strings.Contains(body, `"cases":[]`) && !strings.Contains(body, `"cases":null`) {
		t.Errorf("huge page: %d %s", resp.StatusCode, body[:min(len(body), 200)])
	}
	// gzip when asked
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("no gzip: %v", resp.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(zr)
	if !strings.Contains(string(html), "事例を検索") {
		t.Error("gzip body is not the page")
	}
}

func TestURLIngestFetchesOnlyPublicAddresses(t *testing.T) {
	ts, srv := newServer(t, "tok")
	notice := ts.URL + "/static/style.css" // a page on this machine, standing in for a metadata service
	resp, m := postJSON(t, ts.URL+"/api/ingest", "tok", map[string]string{"url": notice})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(m["error"].(string), "private") {
		t.Errorf("private URL: %d %v", resp.StatusCode, m)
	}
	a := signIn(t, ts.URL, "tok", "")
	resp2, page := a.post(t, ts.URL+"/ingest", url.Values{"csrf": {a.csrf}, "url": {"http://127.0.0.1:1/"}, "action": {"preview"}})
	if resp2.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "社内ネットワーク") {
		t.Errorf("private URL in the form: %d", resp2.StatusCode)
	}
	srv.AllowPrivateURLs = true
	if resp, m := postJSON(t, ts.URL+"/api/ingest", "tok", map[string]string{"url": notice}); resp.StatusCode == http.StatusUnprocessableEntity && strings.Contains(m["error"].(string), "private") {
		t.Errorf("allowed, still refused: %v", m)
	}
}

func TestIngestPreviewShowsDatesAndKeepsText(t *testing.T) {
	ts, srv := newServer(t, "tok")
	a := signIn(t, ts.URL, "tok", "")
	notice := "個人情報を含む書類の紛失に関するお詫び\n\n株式会社プレビュー試験は、2025年4月1日、営業担当者がお客様35名分の氏名と住所を記載した書類を紛失したことに気づきました。2025年4月8日に公表します。"
	resp, page := a.post(t, ts.URL+"/ingest", url.Values{"csrf": {a.csrf}, "text": {notice}, "action": {"preview"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "2025-04-01") || !strings.Contains(page, "<mark") {
		t.Errorf("preview %d lacks the dates or the evidence", resp.StatusCode)
	}
	if strings.Count(page, "株式会社プレビュー試験は、2025年4月1日") < 2 {
		t.Error("the pasted text is not kept in the form")
	}
	srv.MaxPreview = 100
	if resp, page := a.post(t, ts.URL+"/ingest", url.Values{"csrf": {a.csrf}, "text": {notice}, "action": {"preview"}}); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(page, "長すぎて") {
		t.Errorf("long preview: %d", resp.StatusCode)
	}
}

// A notice whose extraction panics (a planted bug) fails that request
// alone, over the API and the ingest page, and the server goes on.
func TestExtractionPanicFailsOneRequest(t *testing.T) {
	ts, srv := newServer(t, "tok")
	srv.Extract = func(text string, o extract.Options) ([]casebook.Record, error) {
		if strings.Contains(text, "PANIC") {
			var m map[string]int
			m["bug"]++
		}
		return extract.Extract(text, o)
	}
	_, before := get(t, ts.URL+"/api/cases?limit=1")
	resp, m := postJSON(t, ts.URL+"/api/ingest", "tok", map[string]string{"text": hostile + "PANIC"})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(m["error"]), "extraction failed") {
		t.Errorf("API: %d %v", resp.StatusCode, m)
	}
	a := signIn(t, ts.URL, "tok", "tester")
	for _, action := range []string{"preview", "store"} {
		resp, page := a.post(t, ts.URL+"/ingest", url.Values{"csrf": {a.csrf}, "text": {"お詫び PANIC"}, "action": {action}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "抽出できませんでした") {
			t.Errorf("%s: %d", action, resp.StatusCode)
		}
	}
	_, after := get(t, ts.URL+"/api/cases?limit=1")
	if before != after {
		t.Error("a failed ingest changed the casebook")
	}
	if resp, m := postJSON(t, ts.URL+"/api/ingest", "tok", map[string]string{"text": hostile}); resp.StatusCode != http.StatusCreated {
		t.Errorf("the next ingest: %d %v", resp.StatusCode, m)
	}
}

// Wrong API tokens count like wrong sign-ins: after ten from one client,
// it is refused (429) whatever token it sends, while the others go on.
func TestBearerTokenGuessesAreLimited(t *testing.T) {
	ts, _ := newServer(t, "s3cret")
	for i := 0; i < 10; i++ {
		if resp, _ := postJSON(t, ts.URL+"/api/ingest", fmt.Sprintf("guess%d", i), map[string]string{"text": "x"}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i, resp.StatusCode)
		}
	}
	resp, m := postJSON(t, ts.URL+"/api/ingest", "s3cret", map[string]string{"text": hostile})
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || m["error"] == nil {
		t.Errorf("after ten wrong tokens, the right one: %d %v", resp.StatusCode, m)
	}
	req, _ := http.NewRequest("DELETE", ts.URL+"/api/cases/x", nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("other writes from the blocked client: %v %v", resp, err)
	}
	// reads are not writes: they go on
	if resp, _ := get(t, ts.URL+"/api/cases?limit=1"); resp.StatusCode != http.StatusOK {
		t.Errorf("read: %d", resp.StatusCode)
	}
}

// Sign-in: the session cookie is Secure behind a proxy the operator
// trusts to say TLS; next goes only to this site's paths; an opaque
// origin (Origin: null) and a CSRF token in the URL are refused.
func TestSignInHardening(t *testing.T) {
	ts, srv := newServer(t, "tok")
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	login := func(next, proto string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", ts.URL+"/login", strings.NewReader(url.Values{"token": {"tok"}, "name": {"n"}, "next": {next}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if proto != "" {
			req.Header.Set("X-Forwarded-Proto", proto)
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	secure := func(resp *http.Response) bool {
		for _, c := range resp.Cookies() {
			if c.Name == "casebook_session" {
				return c.Secure
			}
		}
		t.Fatal("no session cookie")
		return false
	}
	if resp := login("/", "https"); secure(resp) {
		t.Error("Secure from an untrusted X-Forwarded-Proto")
	}
	srv.TrustProxy = true
	if resp := login("/", "https"); !secure(resp) {
		t.Error("not Secure behind a trusted TLS proxy")
	}
	for next, want := range map[string]string{
		"/cases/1#correct":      "/cases/1#correct",
		"/\t/evil.example":      "/ingest",
		"//evil.example":        "/ingest",
		"/\\evil.example":       "/ingest",
		"https://evil.example/": "/ingest",
		"/ok?q=a b":             "/ingest",
	} {
		if got := login(next, "").Header.Get("Location"); got != want {
			t.Errorf("next=%q: redirected to %q, want %q", next, got, want)
		}
	}
	a := signIn(t, ts.URL, "tok", "tester")
	req, _ := http.NewRequest("POST", ts.URL+"/logout", strings.NewReader(url.Values{"csrf": {a.csrf}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "null")
	if resp, err := a.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("Origin: null: %v %v", resp, err)
	}
	if resp, _ := a.post(t, ts.URL+"/logout?csrf="+a.csrf, url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("CSRF token in the query: %d", resp.StatusCode)
	}
	if resp, _ := a.post(t, ts.URL+"/logout", url.Values{"csrf": {a.csrf}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a proper sign-out: %d", resp.StatusCode)
	}
}

// Small things: /static/ lists nothing, a malformed query string is the
// client's error.
func TestStaticAndMalformedQueries(t *testing.T) {
	ts, _ := newServer(t, "")
	if resp, _ := get(t, ts.URL+"/static/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/static/: %d", resp.StatusCode)
	}
	if resp, _ := get(t, ts.URL+"/static/style.css"); resp.StatusCode != http.StatusOK {
		t.Errorf("/static/style.css: %d", resp.StatusCode)
	}
	for _, q := range []string{"sort=;", "q=a;b", "sort=%zz"} {
		if resp, body := get(t, ts.URL+"/api/cases?"+q); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "error") {
			t.Errorf("?%s: %d %s", q, resp.StatusCode, body)
		}
	}
}
