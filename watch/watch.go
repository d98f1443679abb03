// Package watch keeps a casebook current from the places notices appear:
// RSS and Atom feeds, and HTML pages that list links to notices. A
// Watcher checks each watched place on its schedule, politely (robots.txt
// honoured, one request at a time per host with a delay, conditional GET,
// a User-Agent naming casebook, timeouts and size limits, back-off on
// errors and on 429/503 with Retry-After), and ingests each new notice
// exactly once: an item already stored (the same URL, or the same content
// under another URL) is not stored again; a changed page becomes a new
// version of its document, re-extracted, its cases keeping their ids and
// people's corrections. A place that fails never stops the others.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"casebook"
	"casebook/ingest"
	"casebook/source"
)

// Version names casebook in the User-Agent.
const Version = "1.0"

// UserAgent is what casebook calls itself to the sites it reads.
var UserAgent = "casebook/" + Version + " (+breach notice reader; watches feeds and news lists)"

// Watcher checks watched places and ingests what they bring.
type Watcher struct {
	Store casebook.WatchStore
	// Client fetches; source.GuardedClient (public addresses only) when nil.
	Client *http.Client
	// Extract reads a document's records (the bundled extractor when nil).
	Extract ingest.Extractor
	Log     *slog.Logger
	// Delay is the least time between two requests to one host (2 s when
	// zero; a negative Delay means none, for tests).
	Delay time.Duration
	// MaxBytes limits a response body (8 MiB when zero).
	MaxBytes int64
	// MaxItems limits the items one check fetches (50 when zero): a feed
	// of a thousand entries is read over several checks.
	MaxItems int
	// Now is the clock (time.Now when nil).
	Now func() time.Time

	mu     sync.Mutex
	last   map[string]time.Time // host → when it was last asked
	robots map[string]robotsEntry
}

type robotsEntry struct {
	data *robotstxt.RobotsData
	at   time.Time
}

// Result is what one check of one place did.
type Result struct {
	Watch     string   `json:"source"`
	Kind      string   `json:"kind"`
	Items     int      `json:"items"`     // links the place offered
	New       int      `json:"new"`       // documents stored
	Updated   int      `json:"updated"`   // changed pages stored as new versions
	Unchanged int      `json:"unchanged"` // items already stored (304, same content, same URL)
	Skipped   int      `json:"skipped"`   // items that were no notice, or left for robots.txt
	Errors    []string `json:"errors,omitempty"`
	Err       string   `json:"error,omitempty"` // the place itself failed
}

func (w *Watcher) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func (w *Watcher) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func (w *Watcher) client() *http.Client {
	if w.Client == nil {
		w.Client = source.GuardedClient(30 * time.Second)
	}
	return w.Client
}

func (w *Watcher) maxBytes() int64 {
	if w.MaxBytes > 0 {
		return w.MaxBytes
	}
	return 8 << 20
}

// CheckAll checks every place whose time has come (or, with all, every
// place), one after another; a failing place is logged and the others go
// on.
func (w *Watcher) CheckAll(ctx context.Context, all bool, name string) ([]Result, error) {
	watches, err := w.Store.Watches(ctx)
	if err != nil {
		return nil, err
	}
	var out []Result
	found := name == ""
	for i := range watches {
		src := &watches[i]
		if name != "" && src.Name != name && src.URL != name {
			continue
		}
		found = true
		if !all && name == "" && w.now().Before(src.NextCheck) {
			continue
		}
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		out = append(out, w.Check(ctx, src))
	}
	if !found {
		return nil, fmt.Errorf("no source %q: %w", name, casebook.ErrNotFound)
	}
	return out, nil
}

// Run checks the places on their schedules until ctx ends, looking every
// tick for places whose time has come. On PostgreSQL one watcher runs per
// casebook: a second waits for the first's lock.
func (w *Watcher) Run(ctx context.Context, tick time.Duration) error {
	for {
		release, ok, err := w.Store.WatchLock(ctx)
		if err != nil {
			return err
		}
		if ok {
			defer release()
			break
		}
		w.log().Info("another watcher runs against this casebook; waiting")
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(tick):
		}
	}
	for {
		if _, err := w.CheckAll(ctx, false, ""); err != nil && ctx.Err() == nil {
			w.log().Error("watch", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(tick):
		}
	}
}

// Check checks one place once and stores its new state.
func (w *Watcher) Check(ctx context.Context, src *casebook.Watch) Result {
	res := Result{Watch: src.Name}
	now := w.now()
	src.LastChecked = &now
	retry, err := w.check(ctx, src, &res)
	res.Kind = src.Kind
	if err != nil {
		res.Err = err.Error()
		src.LastError = err.Error()
		src.Failures++
		// exponential back-off from a quarter of an hour, at most a day,
		// and never sooner than the server asked
		back := min(24*time.Hour, 15*time.Minute<<min(src.Failures-1, 10))
		src.NextCheck = now.Add(max(back, retry))
		w.log().Warn("source failed", "source", src.Name, "url", src.URL, "err", err, "failures", src.Failures, "next", src.NextCheck.Format(time.RFC3339))
	} else {
		src.LastSuccess, src.LastError, src.Failures = &now, "", 0
		src.NextCheck = now.Add(max(src.Every, time.Minute))
		if retry > 0 {
			src.NextCheck = now.Add(max(src.Every, retry))
		}
		w.log().Info("source checked", "source", src.Name, "new", res.New, "updated", res.Updated, "unchanged", res.Unchanged, "skipped", res.Skipped, "errors", len(res.Errors))
	}
	src.NewDocuments += res.New
	if err := w.Store.SaveWatch(ctx, *src); err != nil {
		res.Errors = append(res.Errors, "save source state: "+err.Error())
	}
	return res
}

// check fetches the place and its new items; retry is how long the
// server asked us to wait, when it did.
func (w *Watcher) check(ctx context.Context, src *casebook.Watch, res *Result) (retry time.Duration, err error) {
	base, err := url.Parse(src.URL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") {
		return 0, fmt.Errorf("%s: not an http(s) URL", src.URL)
	}
	r, err := w.get(ctx, src.URL, src.ETag, src.LastModified)
	if err != nil {
		return r.retry, err
	}
	if r.status == http.StatusNotModified {
		return 0, nil // the list is as it was
	}
	var items []item
	if isFeed(r.contentType, r.body) {
		src.Kind = casebook.WatchFeed
		if items, err = feedItems(r.body, r.url); err != nil {
			return 0, fmt.Errorf("%s: not a readable feed: %v", src.URL, err)
		}
	} else {
		src.Kind = casebook.WatchPage
		items = pageItems(r.body, r.contentType, r.url)
	}
	res.Items = len(items)
	limit := w.MaxItems
	if limit <= 0 {
		limit = 50
	}
	fetched := 0
	for _, it := range items {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if fetched >= limit {
			break
		}
		done, wait, err := w.item(ctx, src, it, res)
		if done {
			fetched++
		}
		if err != nil {
			res.Errors = append(res.Errors, it.URL+": "+err.Error())
			w.log().Warn("item failed", "source", src.Name, "url", it.URL, "err", err)
		}
		if wait > 0 {
			// the site asked us to slow down: the rest another time
			return wait, nil
		}
	}
	src.ETag, src.LastModified = r.etag, r.lastModified
	return 0, nil
}

// item fetches one link and stores it when it is new or changed; done
// says a request was made.
func (w *Watcher) item(ctx context.Context, src *casebook.Watch, it item, res *Result) (done bool, wait time.Duration, err error) {
	prev, seen, err := w.Store.FetchedURL(ctx, it.URL)
	if err != nil {
		return false, 0, err
	}
	if seen && prev.DocumentID == 0 && w.now().Sub(prev.At) < 7*24*time.Hour {
		res.Skipped++ // a link that was no notice, less than a week ago
		return false, 0, nil
	}
	r, err := w.get(ctx, it.URL, prev.ETag, prev.LastModified)
	if errors.Is(err, errRobots) {
		res.Skipped++
		return false, 0, nil
	}
	if err != nil {
		return true, r.retry, err
	}
	if r.status == http.StatusNotModified {
		res.Unchanged++
		return true, 0, nil
	}
	doc, err := source.FromFetched(ctx, it.URL, r.body, r.contentType, source.Options{MaxBytes: w.maxBytes()})
	if err != nil {
		return true, 0, err
	}
	nd, err := ingest.Prepare(doc, w.Extract)
	if err != nil {
		return true, 0, err
	}
	f := casebook.Fetched{URL: it.URL, WatchID: src.ID, DocumentID: prev.DocumentID, SHA256: nd.SHA256, ETag: r.etag, LastModified: r.lastModified, At: w.now()}
	switch {
	case seen && prev.SHA256 == nd.SHA256:
		res.Unchanged++ // the same text again
		f.At = prev.At
	case !incident(nd.Records) && (!seen || prev.DocumentID == 0):
		res.Skipped++ // no notice: the list's other links (a product page, a recruiting page)
		f.DocumentID = 0
	default:
		if id, dup, err := w.Store.DocumentWithHash(ctx, nd.SHA256); err != nil {
			return true, 0, err
		} else if dup {
			res.Unchanged++ // the same notice under another URL
			f.DocumentID = id
			break
		}
		if seen && prev.DocumentID != 0 {
			err := w.Store.UpdateDocument(ctx, prev.DocumentID, nd)
			switch {
			case errors.Is(err, casebook.ErrNotFound):
				res.Skipped++ // a person deleted it: not brought back
				f = prev
			case err != nil:
				return true, 0, err
			default:
				res.Updated++
				w.log().Info("changed page stored as a new version", "source", src.Name, "url", it.URL, "document", prev.DocumentID)
			}
			break
		}
		sum, _, err := ingest.AddOne(ctx, w.Store, nd)
		if err != nil {
			return true, 0, err
		}
		if sum.Documents == 0 {
			res.Unchanged++
			break
		}
		id, _, err := w.Store.DocumentWithHash(ctx, nd.SHA256)
		if err != nil {
			return true, 0, err
		}
		f.DocumentID = id
		res.New++
		w.log().Info("new notice", "source", src.Name, "url", it.URL, "incidents", sum.Incidents)
	}
	return true, 0, w.Store.SaveFetched(ctx, f)
}

func incident(recs []casebook.Record) bool {
	for i := range recs {
		if recs[i].IsIncident() {
			return true
		}
	}
	return false
}

// response is what a polite GET brought back.
type response struct {
	url                             *url.URL // after redirects
	status                          int
	body                            []byte
	contentType, etag, lastModified string
	retry                           time.Duration
}

var errRobots = errors.New("robots.txt asks casebook not to fetch it")

// get fetches u politely: robots.txt first, one request at a time per
// host with the delay between them, the validators of the last fetch.
func (w *Watcher) get(ctx context.Context, u, etag, lastModified string) (response, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return response{}, err
	}
	ok, err := w.allowed(ctx, pu)
	if err != nil {
		return response{}, err
	}
	if !ok {
		return response{}, errRobots
	}
	return w.fetch(ctx, pu, etag, lastModified)
}

func (w *Watcher) fetch(ctx context.Context, pu *url.URL, etag, lastModified string) (response, error) {
	w.wait(ctx, pu.Host)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pu.String(), nil)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html, application/pdf, text/plain;q=0.8, */*;q=0.5")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := w.client().Do(req)
	if err != nil {
		return response{}, fetchError(err)
	}
	defer resp.Body.Close()
	r := response{url: resp.Request.URL, status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"),
		etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return r, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		r.retry = retryAfter(resp.Header.Get("Retry-After"), w.now())
		return r, fmt.Errorf("HTTP %s: the site asks casebook to come back later (Retry-After %s)", resp.Status, r.retry.Round(time.Second))
	case resp.StatusCode != http.StatusOK:
		return r, fmt.Errorf("HTTP %s", resp.Status)
	}
	max := w.maxBytes()
	if resp.ContentLength > max {
		return r, fmt.Errorf("response of %d bytes is larger than the %d allowed", resp.ContentLength, max)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return r, fetchError(err)
	}
	if int64(len(b)) > max {
		return r, fmt.Errorf("response larger than the %d bytes allowed", max)
	}
	r.body = b
	return r, nil
}

// wait keeps to one request per host per Delay.
func (w *Watcher) wait(ctx context.Context, host string) {
	delay := w.Delay
	if delay == 0 {
		delay = 2 * time.Second
	}
	w.mu.Lock()
	if w.last == nil {
		w.last = map[string]time.Time{}
	}
	next := w.last[host].Add(delay)
	now := time.Now()
	if next.Before(now) || delay < 0 {
		next = now
	}
	w.last[host] = next
	w.mu.Unlock()
	if d := time.Until(next); d > 0 {
		select {
		case <-ctx.Done():
		case <-time.After(d):
		}
	}
}

// allowed reads the host's robots.txt (kept for an hour) and asks it
// about the URL's path: a missing file allows everything, a server error
// allows nothing (RFC 9309).
func (w *Watcher) allowed(ctx context.Context, pu *url.URL) (bool, error) {
	key := pu.Scheme + "://" + pu.Host
	w.mu.Lock()
	e, ok := w.robots[key]
	w.mu.Unlock()
	if !ok || w.now().Sub(e.at) > time.Hour {
		ru, _ := url.Parse(key + "/robots.txt")
		r, err := w.fetch(ctx, ru, "", "")
		if err != nil && r.status == 0 {
			return false, fmt.Errorf("robots.txt: %w", err)
		}
		data, perr := robotstxt.FromStatusAndBytes(r.status, r.body)
		if perr != nil {
			data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil) // unreadable: as if none
		}
		e = robotsEntry{data: data, at: w.now()}
		w.mu.Lock()
		if w.robots == nil {
			w.robots = map[string]robotsEntry{}
		}
		w.robots[key] = e
		w.mu.Unlock()
	}
	path := pu.EscapedPath()
	if pu.RawQuery != "" {
		path += "?" + pu.RawQuery
	}
	return e.data.TestAgent(path, "casebook"), nil
}

// retryAfter reads Retry-After (seconds or an HTTP date); a minute when
// absent or unreadable, at most a day.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return min(time.Duration(n)*time.Second, 24*time.Hour)
	}
	if t, err := http.ParseTime(h); err == nil {
		return min(max(t.Sub(now), 0), 24*time.Hour)
	}
	return time.Minute
}

// fetchError says why a request failed without the machine's own
// addresses.
func fetchError(err error) error {
	if errors.Is(err, source.ErrPrivateAddress) {
		return fmt.Errorf("refused: %w", source.ErrPrivateAddress)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return errors.New("timed out")
		}
		return ue.Err
	}
	return err
}
