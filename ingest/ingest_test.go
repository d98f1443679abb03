package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
