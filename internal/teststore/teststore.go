// Package teststore opens the stores tests run against: a fresh SQLite
// file and, when a PostgreSQL server is reachable (CASEBOOK_TEST_PG, else
// 127.0.0.1:5432), a fresh schema on it, dropped at the end. In CI
// (CI set) PostgreSQL is required.
package teststore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"casebook/postgres"
	"casebook/sqlite"
	"casebook/sqlstore"
)

// Stores returns the stores by name ("sqlite", "postgres").
func Stores(t testing.TB) map[string]*sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	out := map[string]*sqlstore.DB{}
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "casebook.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lite.Close() })
	out["sqlite"] = lite
	dsn := PGSchema(t)
	if dsn == "" {
		return out
	}
	pg, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pg.Close() })
	out["postgres"] = pg
	return out
}

// PGSchema returns the DSN of a fresh, empty PostgreSQL schema of the
// test server (dropped at the end), or "" when there is no server
// (outside CI).
func PGSchema(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	dsn := os.Getenv("CASEBOOK_TEST_PG")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	admin, err := sql.Open("pgx", dsn)
	if err == nil {
		err = admin.PingContext(ctx)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL required in CI: %v", err)
		}
		t.Logf("PostgreSQL not reachable, testing SQLite only: %v", err)
		return ""
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "cbtest_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema + ",public"
}
