package http_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"casebook"
	cbhttp "casebook/http"
	"casebook/review"
)

// The review queue: signed in only; a confirmed field is certain and
// leaves the queue; a typed value (a label) is stored as its code.
func TestReviewQueue(t *testing.T) {
	ts, srv := newServer(t, "tok")
	if resp, _ := get(t, ts.URL+"/review"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous: %d", resp.StatusCode)
	}
	items, total, err := review.Queue(context.Background(), srv.Store, 100, 0)
	if err != nil || total == 0 || len(items) != total {
		t.Fatalf("queue: %d of %d, %v", len(items), total, err)
	}
	a := signIn(t, ts.URL, "tok", "確認 太郎")
	page := a.page(t, ts.URL+"/review")
	if strings.Count(page, `class="rv-field"`) == 0 || !strings.Contains(page, items[0].Title) {
		t.Fatal("the page does not list the queue")
	}
	first := items[0]
	f := first.Fields[0]
	if r, _ := a.post(t, ts.URL+"/review", url.Values{"csrf": {a.csrf}, "case": {first.ID}, "field": {f.Field}, "value": {f.Value}, "action": {"confirm"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", r.StatusCode)
	}
	_, body := get(t, ts.URL+"/api/cases/"+first.ID)
	var c casebook.Case
	json.Unmarshal([]byte(body), &c)
	if c.Confidence[f.Path] != 1 && !(f.Field == "causes" || f.Field == "data_items") {
		t.Errorf("confirmed %s has confidence %v", f.Path, c.Confidence[f.Path])
	}
	for _, u := range casebook.Unsure(&c.Record) {
		if u.Field == f.Field {
			t.Errorf("%s still unsure after confirming", f.Field)
		}
	}
	// a typed label, stored as its code
	if r, _ := a.post(t, ts.URL+"/review", url.Values{"csrf": {a.csrf}, "case": {first.ID}, "field": {"sector"}, "new": {"教育"}, "action": {"set"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("set: %d", r.StatusCode)
	}
	_, body = get(t, ts.URL+"/api/cases/"+first.ID)
	json.Unmarshal([]byte(body), &c)
	if c.Sector != "education" {
		t.Errorf("sector %q", c.Sector)
	}
	if r, _ := a.post(t, ts.URL+"/review", url.Values{"csrf": {a.csrf}, "case": {first.ID}, "field": {"causes"}, "new": {"宇宙人"}, "action": {"set"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an unknown cause: %d", r.StatusCode)
	}
	// the case page marks the evidence of its unsure fields
	if len(items) > 1 {
		_, page := get(t, ts.URL+"/cases/"+items[1].ID)
		if !strings.Contains(page, `id="unsure"`) || !strings.Contains(page, `class="unsure" title=`) {
			t.Error("the case page does not mark its unsure fields beside their evidence")
		}
	}
	// the search filters and counts what needs review
	_, body = get(t, ts.URL+"/api/cases?needs_review=1")
	var res casebook.SearchResult
	json.Unmarshal([]byte(body), &res)
	if res.Total == 0 || res.Facets.Flags[casebook.FlagReview] != res.Total {
		t.Errorf("needs_review: total %d, facet %d", res.Total, res.Facets.Flags[casebook.FlagReview])
	}
}

// With the keyboard: j moves to the next field, Enter confirms it, e goes
// to the value box where a typed value is stored; at a desktop's and a
// phone's width.
func TestBrowserReview(t *testing.T) {
	ctx := browser(t)
	ts, srv := newServer(t, "tok")
	before, total, _ := review.Queue(context.Background(), srv.Store, 100, 0)
	fieldsBefore := 0
	for _, it := range before {
		fieldsBefore += len(it.Fields)
	}
	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
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
	do(chromedp.Navigate(ts.URL+"/ingest"), chromedp.WaitVisible(chromedp.CSS(`input[name=token]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=token]`), "tok"), chromedp.Submit(chromedp.CSS(`form.login`)),
		chromedp.WaitVisible(chromedp.CSS(`form.ingest`)))
	do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/review"), chromedp.WaitVisible(chromedp.CSS(`.rv-field`)))
	shot(t, ctx, "review-1280")
	if f := eval(`document.activeElement.className`); f != "rv-field" {
		t.Fatalf("the first field is not in focus: %q", f)
	}
	// j to the second field, Enter confirms it
	second := eval(`document.querySelectorAll('.rv-field')[1].dataset.case + ' ' + document.querySelectorAll('.rv-field')[1].dataset.field`)
	do(chromedp.KeyEvent("j"), chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(`.rv-field`)))
	if n := eval(`String(document.querySelectorAll('.rv-field').length)`); n == "" {
		t.Fatal("no page after confirming")
	}
	// e, type a value, Enter: stored
	// (the value typed is the one the row shows: valid for any field)
	value := eval(`document.activeElement.querySelector('.rv-confirm input[name=value]').value`)
	do(chromedp.KeyEvent("e"))
	if f := eval(`document.activeElement.name`); f != "new" {
		t.Fatalf("e did not go to the value box: %q", f)
	}
	do(chromedp.KeyEvent(value))
	if got := eval(`document.activeElement.value`); got != value {
		t.Errorf("typed %q, the box holds %q", value, got)
	}
	do(chromedp.KeyEvent("\r"))
	for i := 0; i < 50; i++ { // the form posts and the page comes back
		if _, n, _ := review.Queue(context.Background(), srv.Store, 100, 0); n < total || queued(t, srv) < fieldsBefore-1 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	// another candidate: the key 1 on a field that has some
	do(chromedp.Navigate(ts.URL+"/review"), chromedp.WaitVisible(chromedp.CSS(`.rv-pick`)))
	picked := eval(`(() => { const f = document.querySelector('.rv-pick').closest('.rv-field'); f.focus();
		return f.dataset.case + ' ' + f.dataset.field + ' ' + f.querySelector('.rv-pick input[name=new]').value; })()`)
	do(chromedp.KeyEvent("1"))
	pp := strings.Fields(picked)
	for i := 0; i < 50 && queued(t, srv) > fieldsBefore-3; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	if c, err := srv.Store.Case(context.Background(), pp[0]); err != nil || c.Sector != pp[2] && pp[1] == "sector" {
		t.Errorf("picked %s: case %v %v", picked, c.Sector, err)
	}
	do(chromedp.EmulateViewport(390, 900), chromedp.Navigate(ts.URL+"/review"), chromedp.WaitVisible(chromedp.CSS(`.rv-field`)))
	shot(t, ctx, "review-390")
	if w := eval(`String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("review at 390px is %spx wide", w)
	}
	after, total2, _ := review.Queue(context.Background(), srv.Store, 100, 0)
	fieldsAfter := 0
	for _, it := range after {
		fieldsAfter += len(it.Fields)
	}
	if fieldsAfter != fieldsBefore-3 || total2 > total {
		t.Errorf("fields to review %d → %d (confirmed %s)", fieldsBefore, fieldsAfter, second)
	}
}

// queued counts the fields in the review queue.
func queued(t *testing.T, srv *cbhttp.Server) int {
	t.Helper()
	items, _, err := review.Queue(context.Background(), srv.Store, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, it := range items {
		n += len(it.Fields)
	}
	return n
}
