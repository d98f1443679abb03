package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"casebook"
	"casebook/extract"
	"casebook/ingest"
	"casebook/sqlite"
)

// panicky extracts like casebook but panics on a text holding "PANIC": a
// stand-in for a bug not yet found.
func panicky(text string, o extract.Options) ([]casebook.Record, error) {
	if strings.Contains(text, "PANIC") {
		var m map[string]int
		m["bug"]++ // a nil map write: a real runtime panic
	}
	return extract.Extract(text, o)
}

// A document whose extraction panics fails alone, named; the rest of its
// batch (and the batches after) are stored.
func TestPanickingDocumentFailsAlone(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notice := "個人情報の漏えいに関するお詫び\n\n2024年3月1日、当社サーバーへの不正アクセスを確認しました。お客様%d名の氏名が流出した可能性があります。\n"
	names := []string{"a.txt", "b-panic.txt", "c.txt", "d.txt", "e.txt"}
	for i, n := range names {
		text := strings.Replace(notice, "%d", strings.Repeat("1", i+1), 1)
		if strings.Contains(n, "panic") {
			text += "PANIC\n"
		}
		if err := os.WriteFile(filepath.Join(dir, n), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "casebook.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sum, err := ingest.Run(ctx, st, []string{dir}, ingest.Options{BatchSize: 2, Extract: panicky})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 4 || len(sum.Failed) != 1 {
		t.Fatalf("documents %d, failed %+v", sum.Documents, sum.Failed)
	}
	if f := sum.Failed[0]; !strings.HasSuffix(f.Input, "b-panic.txt") || !strings.Contains(f.Error, "extraction failed") {
		t.Errorf("failure %+v", f)
	}
	_, docs, err := st.Counts(ctx)
	if err != nil || docs != 4 {
		t.Errorf("stored %d documents (%v), want 4", docs, err)
	}
}

// BenchmarkIngestLargeFiles ingests four notices of 3.9 MiB of text each
// (just under the limit) into a SQLite file and reports the peak heap; a
// batch is bounded by its text, so the peak stays far below what four
// such documents extracted at once would take.
func BenchmarkIngestLargeFiles(b *testing.B) {
	dir := b.TempDir()
	notice := []byte("個人情報の漏えいに関するお詫び\n\n2024年3月1日、当社サーバーへの不正アクセスを確認しました。お客様1,234名の氏名が流出した可能性があります。\n\n")
	for i := 0; i < 4; i++ {
		body := bytes.Repeat(notice, (39<<20)/10/len(notice))
		body = append(body, []byte(strings.Repeat("。", i+1))...) // four different documents
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("big%d.txt", i)), body, 0o644)
	}
	for b.Loop() {
		st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "cb.db"))
		if err != nil {
			b.Fatal(err)
		}
		var peak atomic.Uint64
		done := make(chan struct{})
		go func() {
			var ms runtime.MemStats
			for {
				select {
				case <-done:
					return
				case <-time.After(20 * time.Millisecond):
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > peak.Load() {
						peak.Store(ms.HeapInuse)
					}
				}
			}
		}()
		sum, err := ingest.Run(context.Background(), st, []string{dir}, ingest.Options{})
		close(done)
		st.Close()
		if err != nil || sum.Documents != 4 {
			b.Fatalf("%v %+v", err, sum)
		}
		mb := float64(peak.Load()) / (1 << 20)
		b.ReportMetric(mb, "peak-heap-MB")
		if mb > 1024 {
			b.Errorf("peak heap %.0f MB > 1 GiB", mb)
		}
	}
}
