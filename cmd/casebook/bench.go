package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook"
	"casebook/ingest"
	"casebook/source"
)

// Synthetic notices for benchmarks: templates with the shapes of real
// notices, filled with generated organizations, dates, counts and items.
var benchTemplates = []string{
	"{ORG} 弊社が運営する「{SHOP}」への不正アクセスによる個人情報漏えいに関するお詫びとお知らせ\n\n{Y}年{M}月{D}日、一部のクレジットカード会社から、弊社サイトを利用したお客様のクレジットカード情報の漏えい懸念について連絡を受け、同日カード決済を停止いたしました。第三者調査機関による調査の結果、ペイメントアプリケーションの改ざんが行われ、お客様{N}名のクレジットカード番号、有効期限、セキュリティコードが漏えいした可能性があることが判明いたしました。個人情報保護委員会には{Y}年{M}月{D2}日に報告済みです。\n",
	"{ORG} メール誤送信による個人情報の漏えいについて(お詫び)\n\n{Y}年{M}月{D}日、担当者がお客様{N}名へのご案内メールを送信する際、メールアドレスをBCC欄に入力すべきところ、誤ってTO欄に入力して送信しました。受信者の方からのご指摘により判明しました。対象のお客様には個別にご連絡し、お詫び申し上げました。\n",
	"{ORG} 個人情報を記録したUSBメモリの紛失について\n\n{Y}年{M}月{D}日、職員が顧客{N}名分の氏名、住所、電話番号を記録したUSBメモリを紛失しました。警察署に遺失届を提出しております。全職員への研修を実施し、再発防止に努めます。\n",
	"{ORG} ランサムウェア被害に関するお知らせ\n\n{Y}年{M}月{D}日、当社サーバーがランサムウェアに感染し、データが暗号化されたことを確認しました。当該サーバーをネットワークから隔離し、外部専門家の協力の下で調査を進めています。顧客約{N}名の氏名、住所、メールアドレスが漏えいしたおそれがあります。\n",
	"{ORG} 元従業員による顧客情報の持ち出しに関するお詫び\n\n{Y}年{M}月{D}日、元従業員が在職中に顧客{N}名分の氏名、電話番号、購入履歴を不正に持ち出していたことが判明しました。警察に相談するとともに、個人情報保護委員会へ報告いたしました。\n",
	"{ORG} 不正ログインによる個人情報流出について\n\n{Y}年{M}月{D}日、当社の会員サイトにおいて第三者による不正ログインを検知しました。会員{N}名のメールアドレス、会員ID、パスワードが閲覧された可能性があります。対象の会員様にはパスワードの変更をお願いしております。\n",
}

var benchOrgs = []string{"株式会社", "有限会社", "一般社団法人", "医療法人社団"}
var benchNames = []string{"みなと", "さくら", "ひかり", "あおば", "しらかば", "つばさ", "ほしぞら", "はやぶさ", "こだま", "やまびこ"}
var benchWords = []string{"商事", "物産", "システム", "サービス", "ホールディングス", "工業", "通販", "学園", "会", "クリニック"}

func benchNotice(r *rand.Rand, i int) string {
	t := benchTemplates[r.IntN(len(benchTemplates))]
	org := benchOrgs[r.IntN(len(benchOrgs))] + benchNames[r.IntN(len(benchNames))] + benchWords[r.IntN(len(benchWords))] + fmt.Sprintf("%d号", i)
	y, m, d := 2019+r.IntN(7), 1+r.IntN(12), 1+r.IntN(27)
	rep := strings.NewReplacer("{ORG}", org, "{SHOP}", "オンラインストア"+fmt.Sprint(i%97), "{Y}", fmt.Sprint(y),
		"{M}", fmt.Sprint(m), "{D}", fmt.Sprint(d), "{D2}", fmt.Sprint(min(d+2, 28)), "{N}", fmt.Sprintf("%d", 1+r.IntN(50000)))
	return rep.Replace(t)
}

func runBench(cmd *cobra.Command, a *app) error {
	n, _ := cmd.Flags().GetInt("cases")
	queries, _ := cmd.Flags().GetInt("queries")
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
	if path := os.Getenv("CASEBOOK_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	dir, err := os.MkdirTemp("", "casebook-bench-")
	if err != nil {
		return &exitCode{1, err}
	}
	defer os.RemoveAll(dir)

	var maxHeap uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		maxHeap = max(maxHeap, ms.HeapInuse)
	}
	start := time.Now()
	var batch []*source.Document
	var extractTime time.Duration
	bytesIn := 0
	for i := 0; i < n; i++ {
		text := benchNotice(r, i)
		bytesIn += len(text)
		if i < 20000 { // keep a sample on disk for the grep baseline
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("%07d.txt", i)), []byte(text), 0o644)
		}
		doc, _ := source.FromBytes(ctx, fmt.Sprintf("bench/%07d.txt", i), []byte(text), source.Options{})
		batch = append(batch, doc)
		if len(batch) == 500 || i == n-1 {
			t0 := time.Now()
			prepared := ingest.PrepareAll(batch)
			extractTime += time.Since(t0)
			if _, _, err := st.Add(ctx, prepared); err != nil {
				return &exitCode{1, err}
			}
			batch = batch[:0]
			sample()
		}
		if (i+1)%10000 == 0 {
			fmt.Fprintf(a.stderr, "bench: %d/%d notices, %.0f/s, heap %d MiB\n", i+1, n, float64(i+1)/time.Since(start).Seconds(), maxHeap>>20)
		}
	}
	total := time.Since(start)
	if n > 0 {
		fmt.Fprintf(a.stdout, "ingest: %d notices (%.1f MB) in %s = %.0f notices/s (extraction alone, on all cores: %.0f notices/s, %.2f MB/s); max heap in use %d MiB\n",
			n, float64(bytesIn)/1e6, total.Round(time.Millisecond), float64(n)/total.Seconds(), float64(n)/extractTime.Seconds(),
			float64(bytesIn)/1e6/extractTime.Seconds(), maxHeap>>20)
	}
	if t := dbTarget(); !strings.HasPrefix(t, "postgres") {
		var size int64
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if fi, err := os.Stat(t + suffix); err == nil {
				size += fi.Size()
			}
		}
		fmt.Fprintf(a.stdout, "database size: %.1f MB\n", float64(size)/1e6)
	}
	terms := []string{"誤送信", "紛失", "ランサムウェア", "不正ログイン", "持ち出し", "クレジットカード"}
	filters := []casebook.SearchQuery{{Causes: []string{"misdelivery"}}, {Sectors: []string{"retail_ec"}}, {MinAffected: 10000}, {Years: []string{"2024"}}}
	var lat []time.Duration
	for i := 0; i < queries; i++ {
		q := filters[i%len(filters)]
		q.Q = terms[i%len(terms)]
		q.Limit = 20
		t0 := time.Now()
		if _, err := st.Search(ctx, q); err != nil {
			return &exitCode{1, err}
		}
		lat = append(lat, time.Since(t0))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(f float64) time.Duration { return lat[min(len(lat)-1, int(f*float64(len(lat))))] }
	fmt.Fprintf(a.stdout, "search (full text + one filter, with facets): p50 %s, p95 %s over %d queries\n", p(0.5).Round(time.Microsecond), p(0.95).Round(time.Microsecond), len(lat))
	if _, err := exec.LookPath("grep"); err == nil && n > 0 {
		t0 := time.Now()
		exec.CommandContext(context.Background(), "grep", "-r", "-l", "ランサムウェア", dir).Run()
		g := time.Since(t0)
		files := min(n, 20000)
		perCase := g / time.Duration(files)
		fmt.Fprintf(a.stdout, "baseline grep -r over %d notice files: %s (≈ %s scaled to %d cases); ratio grep/casebook p50 ≈ %.1fx\n",
			files, g.Round(time.Millisecond), (perCase * time.Duration(n)).Round(time.Millisecond), n,
			float64(perCase*time.Duration(n))/float64(max(p(0.5), time.Microsecond)))
	}
	return nil
}
