package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook"
	"casebook/ingest"
	"casebook/internal/benchcorpus"
	"casebook/source"
	"casebook/sqlstore"
)

// bench measures ingest and search on generated notices (package
// benchcorpus), in a scratch database unless --db names one: ingest rate,
// database size against the text it holds, peak memory, and the latency
// of each class of query, with a plain scan of the database and grep over
// the same notices measured in the same run.

// benchResult is what bench --json prints.
type benchResult struct {
	Cases       int                  `json:"cases"`
	IngestPerS  float64              `json:"ingest_per_s"`
	DBBytes     int64                `json:"db_bytes"`
	TextBytes   int64                `json:"text_bytes"`
	RSSMaxBytes int64                `json:"rss_max_bytes"`
	Queries     map[string]latencies `json:"queries"`
	GrepMS      float64              `json:"grep_ms"`
	ScanMS      float64              `json:"scan_ms"`
	Database    string               `json:"database"`
	IngestSecs  float64              `json:"ingest_seconds"`
	Rates       []float64            `json:"ingest_per_s_by_tenth,omitempty"`
	Extra       map[string]float64   `json:"extra,omitempty"`
	// Grouping scores the cases against the generator's truth: which
	// notices tell of one incident (a share of them are follow-ups and
	// news copies of an earlier one).
	Grouping   benchcorpus.Grouping `json:"grouping"`
	classOrder []string
}

type latencies struct {
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	N   int     `json:"queries"`
}

func runBench(cmd *cobra.Command, a *app) error {
	n, _ := cmd.Flags().GetInt("cases")
	per, _ := cmd.Flags().GetInt("queries")
	batchSize, _ := cmd.Flags().GetInt("batch")
	ctx := cmd.Context()
	if dbFlag == "" {
		// a scratch database: never the user's casebook
		scratch, err := os.MkdirTemp("", "casebook-bench-db-")
		if err != nil {
			return &exitCode{1, err}
		}
		defer os.RemoveAll(scratch)
		dbFlag = filepath.Join(scratch, "bench.db")
		defer func() { dbFlag = "" }()
	}
	st, err := openStore(ctx, true)
	if err != nil {
		return &exitCode{1, err}
	}
	defer st.Close()
	st.SetLogger(func(msg string, args ...any) { a.log.Info(msg, args...) })
	if path := os.Getenv("CASEBOOK_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	grepDir, err := os.MkdirTemp("", "casebook-bench-grep-")
	if err != nil {
		return &exitCode{1, err}
	}
	defer os.RemoveAll(grepDir)

	res := &benchResult{Cases: n, Queries: map[string]latencies{}, Database: dbKind()}
	corpus := benchcorpus.New(1).WithFollowUps(benchFollowUps)
	incidents := make([]int, 0, n)
	var rare []string // words the corpus names once, for the rare classes
	chunk, err := newChunkWriter(grepDir)
	if err != nil {
		return &exitCode{1, err}
	}
	start := time.Now()
	lastTenth := start
	// the ingest pipeline: a batch is extracted while the one before is stored
	w := ingest.NewWriter(ctx, st, batchSize)
	for i := 0; i < n; i++ {
		text, _ := corpus.Notice(i)
		incidents = append(incidents, corpus.Incident())
		res.TextBytes += int64(len(text))
		chunk.write(text)
		if w := corpus.Rare(); w != "" && i%97 == 0 {
			rare = append(rare, w)
		}
		doc, err := source.FromBytes(ctx, fmt.Sprintf("bench/%07d.txt", i), []byte(text), source.Options{})
		if err != nil {
			return &exitCode{1, err}
		}
		if err := w.Put(doc, doc.Path); err != nil {
			return &exitCode{1, err}
		}
		if tenth := max(1, n/10); (i+1)%tenth == 0 {
			rate := float64(tenth) / time.Since(lastTenth).Seconds()
			lastTenth = time.Now()
			res.Rates = append(res.Rates, float64(int(rate)))
			fmt.Fprintf(a.stderr, "bench: %s/%s件 取り込み %.0f件/秒 (直近)\n", casebook.Comma(int64(i+1)), casebook.Comma(int64(n)), rate)
		}
	}
	sum, err := w.Close()
	if err != nil {
		return &exitCode{1, err}
	}
	// what each stage alone would sustain (they share the cores)
	res.Extra = map[string]float64{
		"extract_only_per_s": float64(int(float64(n) / max(w.Extracting.Seconds(), 1e-9))),
		"store_only_per_s":   float64(int(float64(n) / max(w.Storing.Seconds(), 1e-9))),
	}
	if len(sum.Failed) > 0 {
		return &exitCode{1, fmt.Errorf("bench: %d notices failed to store: %s", len(sum.Failed), sum.Failed[0].Error)}
	}
	if err := chunk.close(); err != nil {
		return &exitCode{1, err}
	}
	res.IngestSecs = time.Since(start).Seconds()
	if n > 0 {
		res.IngestPerS = float64(int(float64(n) / res.IngestSecs))
	}
	res.DBBytes = dbBytes(ctx, st)
	if res.Grouping, err = grouping(ctx, st, incidents); err != nil {
		return &exitCode{1, err}
	}

	// queries, by class
	r := rand.New(rand.NewPCG(9, 9))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	common2 := []string{"誤送", "紛失", "漏え", "個人", "送信", "流出", "盗難", "委員"}
	common3 := []string{"個人情", "不正ア", "漏えい", "誤送信", "紛失し", "お詫び", "委員会", "警察署"}
	common5 := []string{"クレジットカード", "不正アクセス", "個人情報保護委員会", "フォレンジック調査", "メールアドレス", "ランサムウェア"}
	if len(rare) == 0 {
		rare = []string{"該当なしの語"}
	}
	// a rare term: the start of a product's name (random syllables), or
	// for the long class the whole name
	rareN := func(k int) string {
		w := []rune(pick(rare))
		if k >= 5 || len(w) <= k {
			return string(w)
		}
		return string(w[:k])
	}
	sorts := []string{"date", "affected", "relevance"}
	classes := []struct {
		name string
		make func(i int) casebook.SearchQuery
	}{
		{"term2_common", func(i int) casebook.SearchQuery { return casebook.SearchQuery{Q: pick(common2)} }},
		{"term2_rare", func(i int) casebook.SearchQuery { return casebook.SearchQuery{Q: rareN(2)} }},
		{"term3_common", func(i int) casebook.SearchQuery { return casebook.SearchQuery{Q: pick(common3)} }},
		{"term3_rare", func(i int) casebook.SearchQuery { return casebook.SearchQuery{Q: rareN(3)} }},
		{"term5_common", func(i int) casebook.SearchQuery { return casebook.SearchQuery{Q: pick(common5)} }},
		{"term5_rare", func(i int) casebook.SearchQuery { return casebook.SearchQuery{Q: rareN(5)} }},
		{"two_terms", func(i int) casebook.SearchQuery {
			return casebook.SearchQuery{Q: pick(common3) + " " + pick(common2)}
		}},
		{"term_filter", func(i int) casebook.SearchQuery {
			return casebook.SearchQuery{Q: pick(common3), Causes: []string{pick([]string{"misdelivery", "loss", "unauthorized_access", "ransomware"})}}
		}},
		{"filters_only", func(i int) casebook.SearchQuery {
			return casebook.SearchQuery{Causes: []string{pick([]string{"misdelivery", "loss", "web_skimming"})}, Years: []string{strconv.Itoa(2015 + r.IntN(12))}}
		}},
	}
	for _, c := range classes {
		var lat []time.Duration
		for i := 0; i < per; i++ {
			q := c.make(i)
			q.Sort, q.Limit = sorts[i%len(sorts)], 20
			t0 := time.Now()
			if _, err := st.Search(ctx, q); err != nil {
				return &exitCode{1, err}
			}
			lat = append(lat, time.Since(t0))
		}
		res.Queries[c.name] = percentiles(lat)
		res.classOrder = append(res.classOrder, c.name)
	}
	// the baselines: a plain scan of the database, grep over the notices
	var scans []time.Duration
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		if _, err := st.SearchScan(ctx, casebook.SearchQuery{Q: "ランサムウェア", Causes: []string{"ransomware"}, Limit: 20}); err != nil {
			return &exitCode{1, err}
		}
		scans = append(scans, time.Since(t0))
	}
	res.ScanMS = ms(percentiles(scans).P50)
	if _, err := exec.LookPath("grep"); err == nil {
		t0 := time.Now()
		out, err := exec.CommandContext(ctx, "grep", "-r", "-c", "ランサムウェア", grepDir).Output()
		res.GrepMS = ms(time.Since(t0).Seconds() * 1000)
		if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) { // 1: no line matched
			a.log.Warn("bench: grep failed", "err", err)
			res.GrepMS = 0
		}
		files := strings.Count(string(out), "\n")
		a.log.Info("bench: grep read", "files", files, "dir", grepDir)
	}
	res.RSSMaxBytes = peakRSS()
	if a.json {
		return a.writeJSON(res)
	}
	writeBench(a, res)
	return nil
}

// benchFollowUps is the share of bench notices that are later reports or
// news copies of an earlier incident, for the grouping figures.
const benchFollowUps = 0.05

// grouping reads how the store grouped the bench notices into cases and
// scores it against the generator's incidents.
func grouping(ctx context.Context, st casebook.Store, incidents []int) (benchcorpus.Grouping, error) {
	var cases [][]int
	last := ""
	err := st.EachCaseSource(ctx, func(id, path string) error {
		var i int
		if _, err := fmt.Sscanf(path, "bench/%d.txt", &i); err != nil || i < 0 || i >= len(incidents) {
			return fmt.Errorf("bench: a document that is not a bench notice: %s", path)
		}
		if id != last {
			cases = append(cases, nil)
			last = id
		}
		cases[len(cases)-1] = append(cases[len(cases)-1], i)
		return nil
	})
	if err != nil {
		return benchcorpus.Grouping{}, fmt.Errorf("bench: grouping: %w", err)
	}
	return benchcorpus.ScoreGrouping(cases, incidents), nil
}

func ms(v float64) float64 { return float64(int(v*100)) / 100 }

func percentiles(lat []time.Duration) latencies {
	if len(lat) == 0 {
		return latencies{}
	}
	slices.Sort(lat)
	p := func(f float64) float64 {
		d := lat[min(len(lat)-1, int(f*float64(len(lat))))]
		return ms(float64(d.Microseconds()) / 1000)
	}
	return latencies{P50: p(0.5), P95: p(0.95), P99: p(0.99), N: len(lat)}
}

func writeBench(a *app, res *benchResult) {
	w := a.stdout
	fmt.Fprintf(w, "データベース: %s\n", res.Database)
	fmt.Fprintf(w, "取り込み: %s件を%.1f秒 (%s件/秒)\n", casebook.Comma(int64(res.Cases)), res.IngestSecs, casebook.Comma(int64(res.IngestPerS)))
	if len(res.Rates) > 0 {
		fmt.Fprintf(w, "  10分の1ごとの速度: %v 件/秒\n", res.Rates)
	}
	if e := res.Extra; e != nil {
		fmt.Fprintf(w, "  段階ごと (同時に動くため合計より速い): 抽出のみ %s件/秒 / 保存のみ %s件/秒\n",
			casebook.Comma(int64(e["extract_only_per_s"])), casebook.Comma(int64(e["store_only_per_s"])))
	}
	fmt.Fprintf(w, "大きさ: データベース %.1f MB / 本文 %.1f MB (%.1f倍)\n", float64(res.DBBytes)/1e6, float64(res.TextBytes)/1e6,
		float64(res.DBBytes)/max(1, float64(res.TextBytes)))
	fmt.Fprintf(w, "最大メモリ (RSS): %.0f MB\n", float64(res.RSSMaxBytes)/1e6)
	g := res.Grouping
	fmt.Fprintf(w, "事例のまとめ方 (生成器の正解と比べて、通知の組で): 適合率 %.4f (同じ事例にした%s組のうち正しい%s組), 再現率 %.4f (同じ事故の%s組のうち), 別の事故を含む事例 %s件\n",
		g.Precision, casebook.Comma(int64(g.Joined)), casebook.Comma(int64(g.Right)), g.Recall, casebook.Comma(int64(g.Truth)), casebook.Comma(int64(g.WrongCases)))
	fmt.Fprintln(w, "検索 (件数・ファセットの正確な集計と1ページ目):")
	for _, c := range res.classOrder {
		l := res.Queries[c]
		fmt.Fprintf(w, "  %-14s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  (%d問)\n", c, l.P50, l.P95, l.P99, l.N)
	}
	fmt.Fprintf(w, "比較: データベースの全件走査 %.0f ms / grep -r %.0f ms\n", res.ScanMS, res.GrepMS)
}

// dbKind names the database measured.
func dbKind() string {
	if t := dbTarget(); strings.HasPrefix(t, "postgres") {
		return "postgresql"
	}
	return "sqlite"
}

// dbBytes is the size of the database: the SQLite file with its journal
// (after a checkpoint), or PostgreSQL's casebook tables with their indexes.
func dbBytes(ctx context.Context, st *sqlstore.DB) int64 {
	db := st.SQL()
	t := dbTarget()
	if strings.HasPrefix(t, "postgres") {
		var n sql.NullInt64
		db.QueryRowContext(ctx, `SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
			WHERE c.relkind = 'r' AND c.relname IN ('documents','cases','records','idx_postings','idx_segs','idx_state')
			AND ns.nspname = current_schema()`).Scan(&n)
		return n.Int64
	}
	db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	var size int64
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if fi, err := os.Stat(strings.TrimPrefix(t, "sqlite://") + suffix); err == nil {
			size += fi.Size()
		}
	}
	return size
}

// peakRSS is the process's peak resident memory (Linux), 0 elsewhere.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// chunkWriter writes the notices into files of 10,000 each for grep.
type chunkWriter struct {
	dir string
	f   *os.File
	w   *bufio.Writer
	n   int
}

func newChunkWriter(dir string) (*chunkWriter, error) { return &chunkWriter{dir: dir}, nil }

func (c *chunkWriter) write(text string) error {
	if c.n%10000 == 0 {
		if err := c.close(); err != nil {
			return err
		}
		f, err := os.Create(filepath.Join(c.dir, fmt.Sprintf("%05d.txt", c.n/10000)))
		if err != nil {
			return err
		}
		c.f, c.w = f, bufio.NewWriter(f)
	}
	c.n++
	_, err := c.w.WriteString(text)
	return err
}

func (c *chunkWriter) close() error {
	if c.f == nil {
		return nil
	}
	err := c.w.Flush()
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	c.f = nil
	return err
}

// benchNotice is one generated notice (for other tests that need many).
func benchNotice(r *rand.Rand, i int) string {
	text, _ := benchcorpus.New(r.Uint64()).Notice(i)
	return text
}
