package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"casebook"
	"casebook/extract"
)

// TestMain lets the test binary act as the casebook command, so a test can
// run it as a child process and kill it.
func TestMain(m *testing.M) {
	if args := os.Getenv("CASEBOOK_TEST_MAIN"); args != "" {
		os.Exit(run(context.Background(), strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// A kill -9 in the middle of an ingest leaves a consistent database, and
// running the ingest again completes it.
func TestIngestSurvivesKill(t *testing.T) {
	dir := t.TempDir()
	notices := filepath.Join(dir, "notices")
	os.Mkdir(notices, 0o755)
	r := rand.New(rand.NewPCG(7, 7))
	const n = 3000
	for i := 0; i < n; i++ {
		os.WriteFile(filepath.Join(notices, fmt.Sprintf("%05d.txt", i)), []byte(benchNotice(r, i)), 0o644)
	}
	db := filepath.Join(dir, "cb.db")
	args := strings.Join([]string{"--db", db, "ingest", "--batch", "50", notices}, "\x1f")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CASEBOOK_TEST_MAIN="+args)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// kill it once some batches are in
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		if docs := count(t, db, "documents"); docs >= 300 {
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	docs := count(t, db, "documents")
	if docs == 0 || docs >= n {
		t.Fatalf("killed after %d of %d documents: cannot test a crash", docs, n)
	}
	if docs%50 != 0 {
		t.Errorf("%d documents stored: a batch was half-written", docs)
	}
	d, _ := sql.Open("sqlite", db)
	var ok string
	d.QueryRow("PRAGMA integrity_check").Scan(&ok)
	var orphans int
	d.QueryRow("SELECT count(*) FROM records r LEFT JOIN cases c ON c.id = r.case_id WHERE r.case_id IS NOT NULL AND c.id IS NULL").Scan(&orphans)
	d.Close()
	if ok != "ok" || orphans != 0 {
		t.Fatalf("integrity %q, %d records without their case", ok, orphans)
	}
	code, _, errs := runCLI(t, "", "--db", db, "ingest", notices)
	if code != 0 {
		t.Fatalf("re-run: exit %d %s", code, errs)
	}
	if got := count(t, db, "documents"); got != n {
		t.Errorf("after re-run: %d documents, want %d", got, n)
	}
}

func count(t *testing.T, db, table string) int {
	d, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0
	}
	defer d.Close()
	var n int
	d.QueryRow("SELECT count(*) FROM " + table).Scan(&n)
	return n
}

// plantBug makes extraction panic on texts holding "PANIC" for the test's
// duration: a stand-in for a bug not yet found.
func plantBug(t *testing.T) {
	prev := extractor
	extractor = func(text string, o extract.Options) ([]casebook.Record, error) {
		if strings.Contains(text, "PANIC") {
			var m map[string]int
			m["bug"]++
		}
		return prev(text, o)
	}
	t.Cleanup(func() { extractor = prev })
}

// A document whose extraction panics is named with exit status 1; the
// other documents of the command are extracted, stored or re-extracted.
func TestPanicFailsOneDocument(t *testing.T) {
	dir := t.TempDir()
	good := "個人情報の漏えいに関するお詫び\n\n2024年3月1日、当社サーバーへの不正アクセスを確認しました。お客様%s名の氏名が流出しました。\n"
	for i, n := range []string{"a.txt", "b.txt", "c.txt"} {
		os.WriteFile(filepath.Join(dir, n), []byte(fmt.Sprintf(good, strings.Repeat("2", i+1))), 0o644)
	}
	bad := filepath.Join(dir, "b.txt")
	os.WriteFile(bad, []byte(fmt.Sprintf(good, "5")+"PANIC\n"), 0o644)
	plantBug(t)

	code, out, errs := runCLI(t, "", "extract", dir)
	if code != 1 || !strings.Contains(errs, "b.txt") || !strings.Contains(errs, "extraction failed") || strings.Count(out, "──") != 2 {
		t.Errorf("extract: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	db := filepath.Join(t.TempDir(), "cb.db")
	code, _, errs = runCLI(t, "", "--db", db, "ingest", dir)
	if code != 1 || !strings.Contains(errs, "b.txt") {
		t.Errorf("ingest: exit %d, stderr %q", code, errs)
	}
	if code, out, _ := runCLI(t, "", "--db", db, "--json", "search"); code != 0 || !strings.Contains(out, `"total":2`) {
		t.Errorf("after ingest: exit %d, %s", code, out)
	}
	// a stored document that now fails keeps its records
	extractor = extract.Extract
	os.WriteFile(bad, []byte(fmt.Sprintf(good, "5")), 0o644)
	if code, _, errs := runCLI(t, "", "--db", db, "ingest", bad); code != 0 {
		t.Fatalf("ingest: exit %d, %s", code, errs)
	}
	extractor = func(text string, o extract.Options) ([]casebook.Record, error) {
		if strings.Contains(text, "お客様5名") {
			panic("planted")
		}
		return extract.Extract(text, o)
	}
	code, _, errs = runCLI(t, "", "--db", db, "reextract")
	if code != 1 || !strings.Contains(errs, "b.txt") || !strings.Contains(errs, "planted") {
		t.Errorf("reextract: exit %d, stderr %q", code, errs)
	}
	if code, out, _ := runCLI(t, "", "--db", db, "--json", "search"); code != 0 || !strings.Contains(out, `"total":3`) {
		t.Errorf("after reextract: exit %d, %s", code, out)
	}
}

// The ingest summary says "failed": [] when nothing failed (as the API
// does), and a file name holding a newline is quoted in messages.
func TestIngestSummaryAndOddNames(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("不正アクセスに関するお詫び\n\n2024年1月1日、不正アクセスを確認しました。\n"), 0o644)
	db := filepath.Join(t.TempDir(), "cb.db")
	code, out, _ := runCLI(t, "", "--db", db, "--json", "ingest", filepath.Join(dir, "a.txt"))
	if code != 0 || !strings.Contains(out, `"failed":[]`) {
		t.Errorf("summary: exit %d %s", code, out)
	}
	odd := filepath.Join(dir, "bad\nname.pdf")
	os.WriteFile(odd, []byte("%PDF-1.4 broken"), 0o644)
	code, _, errs := runCLI(t, "", "--db", db, "ingest", odd)
	if code != 1 || !strings.Contains(errs, `bad\nname.pdf`) {
		t.Errorf("odd name: exit %d %q", code, errs)
	}
	for _, l := range strings.Split(strings.TrimSpace(errs), "\n") {
		if !strings.HasPrefix(l, "casebook") && !strings.Contains(l, "取り込み") && !strings.Contains(l, "文書") {
			t.Errorf("a message line split: %q", l)
		}
	}
}
