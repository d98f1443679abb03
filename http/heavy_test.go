package http_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"casebook"
	cbhttp "casebook/http"
	"casebook/ingest"
	"casebook/internal/benchcorpus"
	"casebook/source"
	"casebook/sqlite"
	"casebook/sqlstore"
)

// countingStore counts the reads of every case and can hold them.
type countingStore struct {
	*sqlstore.DB
	eachCase atomic.Int64
	hold     chan struct{} // when set, EachCase waits for it
}

func (c *countingStore) EachCase(ctx context.Context, fn func(*casebook.Case) error) error {
	c.eachCase.Add(1)
	if c.hold != nil {
		<-c.hold
	}
	return c.DB.EachCase(ctx, fn)
}

func countingServer(t testing.TB) (*countingStore, *cbhttp.Server, string) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := ingest.Run(ctx, db, []string{"../samples/notices"}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	st := &countingStore{DB: db}
	srv, err := cbhttp.New(st, "tok", nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := newHTTPServer(t, srv)
	return st, srv, ts
}

func newHTTPServer(t testing.TB, h http.Handler) string {
	ts := &http.Server{Handler: h}
	ln, err := netListen()
	if err != nil {
		t.Fatal(err)
	}
	go ts.Serve(ln)
	t.Cleanup(func() { ts.Close() })
	return "http://" + ln.Addr().String()
}

// What reads every case is computed once per state of the casebook: the
// dashboard, the statistics and the self-assessment read the cases again
// only after a write.
func TestHeavyReadsAreKeptUntilAWrite(t *testing.T) {
	st, _, base := countingServer(t)
	for i := 0; i < 3; i++ {
		get(t, base+"/api/stats")
		get(t, base+"/dashboard")
		postJSON(t, base+"/api/assess", "", map[string][]bool{"art25": {false}})
	}
	if n := st.eachCase.Load(); n != 2 { // the statistics once, the safeguards once
		t.Errorf("every case read %d times for nine requests, want 2", n)
	}
	if resp, m := postJSON(t, base+"/api/ingest", "tok", map[string]string{"text": hostile}); resp.StatusCode != http.StatusCreated {
		t.Fatalf("ingest %d %v", resp.StatusCode, m)
	}
	_, body := get(t, base+"/api/stats")
	if n := st.eachCase.Load(); n != 3 || !strings.Contains(body, "documents") {
		t.Errorf("after a write: every case read %d times, want 3", n)
	}
}

// A self-assessment's body is bounded by what the catalogue holds, and
// requests that read every case beyond a few at once are told to wait.
func TestHeavyRequestsAreBounded(t *testing.T) {
	st, _, base := countingServer(t)
	big := bytes.NewReader(append(append([]byte(`{"art25":[`), bytes.Repeat([]byte("true,"), 1<<18)...), []byte("true]}")...))
	resp, err := http.Post(base+"/api/assess", "application/json", big)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 1.25 MiB assessment: %d", resp.StatusCode)
	}
	st.hold = make(chan struct{})
	var wg sync.WaitGroup
	codes := make(chan int, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(base + "/api/stats")
			if err == nil {
				resp.Body.Close()
				codes <- resp.StatusCode
			}
		}()
	}
	time.Sleep(500 * time.Millisecond) // the first few take the slots and wait
	close(st.hold)
	wg.Wait()
	close(codes)
	busy := 0
	for c := range codes {
		if c == http.StatusServiceUnavailable {
			busy++
		}
	}
	if busy < 10 {
		t.Errorf("%d of 20 at once told to wait", busy)
	}
}

// BenchmarkAssessFlood sends 20 self-assessments of 9 MiB at once and
// reports the server's peak heap, bounded.
func BenchmarkAssessFlood(b *testing.B) {
	_, _, base := countingServer(b)
	body := append(append([]byte(`[`), bytes.Repeat([]byte(`{"a":true},`), 900<<10)...), []byte(`{}]`)...)
	for b.Loop() {
		var peak atomic.Uint64
		stop := make(chan struct{})
		go func() {
			var ms runtime.MemStats
			for {
				select {
				case <-stop:
					return
				case <-time.After(10 * time.Millisecond):
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > peak.Load() {
						peak.Store(ms.HeapInuse)
					}
				}
			}
		}()
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if resp, err := http.Post(base+"/api/assess", "application/json", bytes.NewReader(body)); err == nil {
					resp.Body.Close()
				}
			}()
		}
		wg.Wait()
		close(stop)
		mb := float64(peak.Load()) / (1 << 20)
		b.ReportMetric(mb, "peak-heap-MB")
		if mb > 400 {
			b.Errorf("peak heap %.0f MB", mb)
		}
	}
}

func netListen() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

// An export longer than the server's write timeout, to a client that
// reads slowly, arrives whole: the deadline moves on as it streams.
func TestLongExportArrivesWhole(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := benchcorpus.New(3)
	w := ingest.NewWriter(ctx, db, 200)
	for i := 0; i < 600; i++ {
		text, _ := c.Notice(i)
		doc, _ := source.FromBytes(ctx, fmt.Sprintf("n%d.txt", i), []byte(text), source.Options{})
		w.Put(doc, doc.Name)
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	cases, _, _ := db.Counts(ctx)
	srv, _ := cbhttp.New(db, "", nil)
	hs := &http.Server{Handler: srv, WriteTimeout: time.Second}
	ln, _ := netListen()
	go hs.Serve(smallBuffers{ln})
	defer hs.Close()
	// small socket buffers on both sides: the server waits on the client
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err == nil {
			conn.(*net.TCPConn).SetReadBuffer(8 << 10)
		}
		return conn, err
	}}}
	resp, err := client.Get("http://" + ln.Addr().String() + "/api/export?format=jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got bytes.Buffer
	buf := make([]byte, 32<<10)
	start := time.Now()
	for {
		n, err := resp.Body.Read(buf)
		got.Write(buf[:n])
		if err != nil {
			break
		}
		time.Sleep(10 * time.Millisecond) // a slow client
	}
	lines := strings.Count(got.String(), "\n")
	if lines != cases || time.Since(start) < time.Second {
		t.Errorf("%d of %d cases in %s (%d bytes)", lines, cases, time.Since(start), got.Len())
	}
}

// smallBuffers gives each accepted connection a small send buffer.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		c.(*net.TCPConn).SetWriteBuffer(8 << 10)
	}
	return c, err
}

// A case told by many copies of one notice shows ten of them at a time,
// with links to the others: its page does not grow with the copies.
func TestCaseWithManySources(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	notice := "株式会社コピー商会 不正アクセスによる個人情報漏えいに関するお詫び\n\n2024年3月1日、当社サーバーへの不正アクセスを確認しました。お客様1,234名の氏名とメールアドレスが流出した可能性があります。\n" +
		strings.Repeat("調査を進めております。\n", 300)
	w := ingest.NewWriter(ctx, db, 10)
	for i := 0; i < 34; i++ {
		doc, _ := source.FromBytes(ctx, fmt.Sprintf("copy%02d.txt", i), []byte(notice+strings.Repeat("。", i)), source.Options{})
		w.Put(doc, doc.Name)
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	res, err := db.Search(ctx, casebook.SearchQuery{Org: "コピー商会", Limit: 5})
	if err != nil || res.Total != 1 || res.Cases[0].Documents != 34 {
		t.Fatalf("one case of 34 documents: %+v %v", res, err)
	}
	srv, _ := cbhttp.New(db, "", nil)
	base := newHTTPServer(t, srv)
	_, page := get(t, base+"/cases/"+res.Cases[0].ID)
	if len(page) > 200<<10 || !strings.Contains(page, "全34件のうち1〜10件目") || !strings.Contains(page, "?sp=1#sources") || strings.Count(page, `<article class="doc"`) != 10 {
		t.Errorf("first page: %d bytes, %d texts", len(page), strings.Count(page, `<article class="doc"`))
	}
	if !strings.Contains(page, "この事例にまとめた理由") || !strings.Contains(page, "出典2は出典1と") {
		t.Error("the case page does not say why its sources are together")
	}
	if _, api := get(t, base+"/api/cases/"+res.Cases[0].ID); !strings.Contains(api, `"links"`) {
		t.Error("the API's case has no links")
	}
	_, last := get(t, base+"/cases/"+res.Cases[0].ID+"?sp=3")
	if !strings.Contains(last, "31〜34件目") || strings.Count(last, `<article class="doc"`) != 4 || !strings.Contains(last, "?sp=2#sources") {
		t.Errorf("last page: %d texts", strings.Count(last, `<article class="doc"`))
	}
}
