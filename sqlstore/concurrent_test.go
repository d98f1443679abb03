package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"casebook/ingest"
	"casebook/postgres"
	"casebook/source"
	"casebook/sqlstore"
)

// Two clients opening a new PostgreSQL casebook at once both get it:
// creating the tables is one step under a lock.
func TestPostgresConcurrentOpen(t *testing.T) {
	dsn := pgSchema(t)
	if dsn == "" {
		t.Skip("no PostgreSQL")
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := postgres.Open(context.Background(), dsn)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("client %d: %v", i, err)
		}
	}
}

// pairs writes n incidents told twice — a first notice and its 第2報 —
// the first notices in one batch of documents, the follow-ups in another.
func pairs(n int) (firsts, follows []*source.Document) {
	ctx := context.Background()
	for i := 0; i < n; i++ {
		org := fmt.Sprintf("株式会社テスト%03d商会", i)
		day := 1 + i%27
		first := fmt.Sprintf("%s 不正アクセスによる個人情報漏えいに関するお詫び\n\n2024年3月%d日、当社サーバーへの不正アクセスを確認しました。お客様%d名の氏名とメールアドレスが流出した可能性があります。\n", org, day, 1000+i)
		follow := fmt.Sprintf("%s 不正アクセスによる個人情報漏えいに関するお詫び(第2報)\n\n2024年3月%d日に確認した不正アクセスについて、調査の結果をご報告します。対象は%d名です。\n", org, day, 1000+i)
		a, _ := source.FromBytes(ctx, fmt.Sprintf("first%03d.txt", i), []byte(first), source.Options{})
		b, _ := source.FromBytes(ctx, fmt.Sprintf("follow%03d.txt", i), []byte(follow), source.Options{})
		firsts, follows = append(firsts, a), append(follows, b)
	}
	return firsts, follows
}

// Two clients ingesting halves of one corpus at once make the cases one
// client makes: a follow-up joins its first notice's case whichever
// client stored which.
func TestPostgresConcurrentIngestSameCases(t *testing.T) {
	const n = 120
	firsts, follows := pairs(n)
	count := func(st *sqlstore.DB) int {
		cases, _, err := st.Counts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return cases
	}
	// one writer
	one := stores(t)["postgres"]
	if one == nil {
		t.Skip("no PostgreSQL")
	}
	for _, docs := range [][]*source.Document{firsts, follows} {
		w := ingest.NewWriter(context.Background(), one, 4)
		for _, d := range docs {
			w.Put(d, d.Name)
		}
		if _, err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if got := count(one); got != n {
		t.Fatalf("one writer: %d cases of %d incidents", got, n)
	}
	// two clients, one half each, interleaved
	dsn := pgSchema(t)
	a, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var wg sync.WaitGroup
	for k, half := range [][]*source.Document{firsts, follows} {
		st := []*sqlstore.DB{a, b}[k]
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := ingest.NewWriter(context.Background(), st, 1)
			for _, d := range half {
				w.Put(d, d.Name)
			}
			if _, err := w.Close(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := count(a); got != n {
		t.Errorf("two writers at once: %d cases of %d incidents", got, n)
	}
}
