package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	cbhttp "casebook/http"
	"casebook/ingest"
	"casebook/sqlite"
)

// newServer starts a casebook server over a fresh SQLite file holding the
// sample notices.
func newServer(t *testing.T, token string) (*httptest.Server, *cbhttp.Server) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := ingest.Run(ctx, st, []string{"../samples/notices"}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	s, err := cbhttp.New(st, token, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, s
}

func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func postJSON(t *testing.T, u, token string, body any) (*http.Response, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", u, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp, m
}

const hostile = "<script>alert('x')</script>不正アクセスによる個人情報漏えいに関するお詫び\n\n株式会社<img src=x onerror=alert(1)>テスト 2024年6月1日、お客様<b>50</b>名の氏名が流出しました。\"'><svg onload=alert(2)>"

func TestNoticeTextIsEscaped(t *testing.T) {
	ts, _ := newServer(t, "tok")
	resp, m := postJSON(t, ts.URL+"/api/ingest", "tok", map[string]string{"text": hostile})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("ingest %d %v", resp.StatusCode, m)
	}
	id := m["cases"].([]any)[0].(map[string]any)["id"].(string)
	for _, path := range []string{"/cases/" + id, "/?q=" + url.QueryEscape("テスト"), "/dashboard"} {
		_, body := get(t, ts.URL+path)
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "<b>50</b>"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: unescaped %q", path, bad)
			}
		}
	}
	_, body := get(t, ts.URL+"/cases/"+id)
	if !strings.Contains(body, "&lt;script&gt;") {
		t.Error("escaped title not shown")
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts, s := newServer(t, "")
	for _, path := range []string{"/", "/api/cases", "/dashboard", "/nope"} {
		resp, _ := get(t, ts.URL+path)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, resp.Header)
		}
	}
	hs := s.HTTPServer(":0")
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 {
		t.Errorf("timeouts not set: %+v", hs)
	}
}

func TestWritesNeedToken(t *testing.T) {
	// read-only server: no token configured
	ro, _ := newServer(t, "")
	if resp, m := postJSON(t, ro.URL+"/api/ingest", "anything", map[string]string{"text": hostile}); resp.StatusCode != http.StatusForbidden || m["error"] == nil {
		t.Errorf("read-only: %d %v", resp.StatusCode, m)
	}
	ts, _ := newServer(t, "s3cret")
	if resp, _ := postJSON(t, ts.URL+"/api/ingest", "", map[string]string{"text": hostile}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: %d", resp.StatusCode)
	}
	if resp, _ := postJSON(t, ts.URL+"/api/ingest", "wrong", map[string]string{"text": hostile}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
	if resp, m := postJSON(t, ts.URL+"/api/ingest", "s3cret", map[string]string{"text": ""}); resp.StatusCode != http.StatusUnprocessableEntity || m["error"] == nil {
		t.Errorf("empty text: %d %v", resp.StatusCode, m)
	}
	// the ingest form needs a session; without one it is refused
	resp, err := http.PostForm(ts.URL+"/ingest", url.Values{"text": {hostile}, "action": {"store"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("form without session: %d", resp.StatusCode)
	}
}

func TestCSRF(t *testing.T) {
	ts, _ := newServer(t, "s3cret")
	jar := &cookieJar{}
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(ts.URL+"/login", url.Values{"token": {"wrong"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("bad login: %d", resp.StatusCode)
	}
	resp, _ = client.PostForm(ts.URL+"/login", url.Values{"token": {"s3cret"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || len(jar.cookies) == 0 {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	// logged in, but no CSRF token: refused
	resp, _ = client.PostForm(ts.URL+"/ingest", url.Values{"text": {hostile}, "action": {"store"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("no csrf: %d", resp.StatusCode)
	}
	// the form's token works
	resp, _ = client.Get(ts.URL + "/ingest")
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	i := strings.Index(string(page), `name="csrf" value="`)
	if i < 0 {
		t.Fatal("no csrf field")
	}
	tok := string(page)[i+len(`name="csrf" value="`):]
	tok = tok[:strings.IndexByte(tok, '"')]
	resp, _ = client.PostForm(ts.URL+"/ingest", url.Values{"text": {hostile}, "action": {"store"}, "csrf": {tok}})
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "保存しました") {
		t.Errorf("with csrf: %d", resp.StatusCode)
	}
	// a cross-site post with the right token and cookie is still refused
	req, _ := http.NewRequest("POST", ts.URL+"/ingest", strings.NewReader(url.Values{"text": {hostile}, "csrf": {tok}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	resp, _ = client.Do(req)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site: %d", resp.StatusCode)
	}
}

type cookieJar struct{ cookies []*http.Cookie }

func (j *cookieJar) SetCookies(_ *url.URL, cs []*http.Cookie) { j.cookies = append(j.cookies, cs...) }
func (j *cookieJar) Cookies(*url.URL) []*http.Cookie          { return j.cookies }

func TestBodyLimits(t *testing.T) {
	ts, _ := newServer(t, "tok")
	big := strings.Repeat("あ", 4<<20) // 12 MiB
	resp, m := postJSON(t, ts.URL+"/api/ingest", "tok", map[string]string{"text": big})
	if resp.StatusCode != http.StatusRequestEntityTooLarge || m["error"] == nil {
		t.Errorf("big body: %d %v", resp.StatusCode, m)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "big.txt")
	fw.Write([]byte(big))
	mw.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/api/ingest", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer tok")
	r2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("big upload: %d", r2.StatusCode)
	}
}

func TestAPIShapesAndErrors(t *testing.T) {
	ts, _ := newServer(t, "")
	resp, body := get(t, ts.URL+"/api/cases?q="+url.QueryEscape("紛失")+"&cause=loss")
	var res struct {
		Total  int                       `json:"total"`
		Cases  []map[string]any          `json:"cases"`
		Facets map[string]map[string]int `json:"facets"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || resp.StatusCode != 200 || res.Total != 2 || res.Facets["causes"]["loss"] != 2 {
		t.Fatalf("cases: %d %s", resp.StatusCode, body)
	}
	id := res.Cases[0]["id"].(string)
	for _, p := range []string{"/api/cases/" + id, "/api/cases/" + id + "/similar", "/api/stats", "/api/checklist", "/api/export?format=veris", "/api/export?format=csv"} {
		if resp, _ := get(t, ts.URL+p); resp.StatusCode != 200 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
	_, body = get(t, ts.URL+"/api/cases/"+id)
	for _, k := range []string{`"judgement"`, `"sources"`, `"reportable"`, `"jnsa"`, `"timeline"`} {
		if !strings.Contains(body, k) {
			t.Errorf("case lacks %s", k)
		}
	}
	for p, want := range map[string]int{
		"/api/cases/nope": 404, "/api/cases?cause=aliens": 400, "/api/cases?since=yesterday": 400,
		"/api/export?format=xml": 400, "/api/nothing": 404, "/api/cases?sort=random": 400,
	} {
		resp, body := get(t, ts.URL+p)
		var e map[string]string
		if resp.StatusCode != want || json.Unmarshal([]byte(body), &e) != nil || e["error"] == "" {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
	}
	// hostile query strings are data, never SQL
	_, all := get(t, ts.URL+"/api/cases")
	var before struct {
		Total int `json:"total"`
	}
	json.Unmarshal([]byte(all), &before)
	for _, q := range []string{"' OR 1=1 --", "%", "_", "\"; DROP TABLE cases; --"} {
		resp, body := get(t, ts.URL+"/api/cases?q="+url.QueryEscape(q))
		if resp.StatusCode != 200 || !strings.Contains(body, `"total":0`) {
			t.Errorf("q=%q: %d %s", q, resp.StatusCode, body)
		}
	}
	if _, body := get(t, ts.URL+"/api/cases"); before.Total == 0 || !strings.Contains(body, fmt.Sprintf(`"total":%d`, before.Total)) {
		t.Errorf("cases lost after hostile queries: %s", body[:80])
	}
	resp, m := postJSON(t, ts.URL+"/api/assess", "", map[string][]bool{"10-6(4)": {false, true, true, true}})
	if resp.StatusCode != 200 || m["gaps"] == nil {
		t.Errorf("assess %d %v", resp.StatusCode, m)
	}
}

// The judgement over the API: the law applied, findings first, groups.
func TestAPIJudgement(t *testing.T) {
	ts, _ := newServer(t, "tok")
	find := func(q string) map[string]any {
		t.Helper()
		_, body := get(t, ts.URL+"/api/cases?q="+url.QueryEscape(q))
		var res struct {
			Cases []map[string]any `json:"cases"`
		}
		if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Cases) == 0 {
			t.Fatalf("search %s: %v %s", q, err, body)
		}
		_, body = get(t, ts.URL+"/api/cases/"+res.Cases[0]["id"].(string))
		var c map[string]any
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := find("あさひ通販")
	j := c["judgement"].(map[string]any)
	if law := j["law"].(map[string]any); law["regime"] != "appi_2022" || law["report_article"] != "26" {
		t.Errorf("law %v", law)
	}
	sg := j["safeguards"].([]any)
	if first := sg[0].(map[string]any); first["source"] != "regulator" {
		t.Errorf("first safeguard %v", first)
	}
	if f := c["findings"].(map[string]any); f["regulator"] != "個人情報保護委員会" {
		t.Errorf("findings %v", f)
	}
	c = find("はなさき")
	groups := c["affected"].(map[string]any)["groups"].([]any)
	jg := c["judgement"].(map[string]any)["jnsa"].(map[string]any)["groups"].([]any)
	if len(groups) != 2 || len(jg) != 2 {
		t.Errorf("groups %v jnsa %v", groups, jg)
	}
	prelim := c["judgement"].(map[string]any)["reports"].(map[string]any)["prelim"].(map[string]any)
	if prelim["status"] != "within_guide" {
		t.Errorf("prelim %v", prelim)
	}
	// every duty, the APPI's first, in the API and on the case page
	duties := c["judgement"].(map[string]any)["duties"].([]any)
	if d := duties[0].(map[string]any); d["regime"] != "appi" || d["explanation"] == "" || d["authority"] != "個人情報保護委員会" {
		t.Errorf("duties %v", duties)
	}
	_, page := get(t, ts.URL+"/cases/"+c["id"].(string))
	if !strings.Contains(page, `id="duties"`) || !strings.Contains(page, "<td>個人情報保護法</td>") {
		t.Error("the case page lists no duties")
	}
	// no case page shows internal names or an empty deadline
	_, body := get(t, ts.URL+"/api/cases?limit=100")
	var all struct {
		Cases []struct{ ID string } `json:"cases"`
	}
	json.Unmarshal([]byte(body), &all)
	if len(all.Cases) < 10 {
		t.Fatalf("%d cases", len(all.Cases))
	}
	for _, c := range all.Cases {
		_, page := get(t, ts.URL+"/cases/"+c.ID)
		for _, bad := range []string{"affected.", "data_items.", "causes.", "(0日)", ">art", " art2"} {
			if strings.Contains(page, bad) {
				i := strings.Index(page, bad)
				t.Errorf("case %s shows %q: …%s…", c.ID, bad, page[max(0, i-80):min(len(page), i+40)])
			}
		}
	}
}

// Unanswered questions (null) are not counted by the API either.
func TestAPIAssessUnanswered(t *testing.T) {
	ts, _ := newServer(t, "tok")
	resp, m := postJSON(t, ts.URL+"/api/assess", "", map[string]any{"10-4": []any{nil, true, false}, "10-6(3)": []any{nil, nil, nil, true}})
	if resp.StatusCode != 200 || m["answered"] != float64(3) || m["yes"] != float64(2) || m["score"] != float64(66) {
		t.Errorf("%d %v", resp.StatusCode, m)
	}
}
