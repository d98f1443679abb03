package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	cbhttp "casebook/http"
	"casebook/ingest"
	"casebook/sqlite"
)

func TestLoadAgainstARealServer(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Run(ctx, st, []string{"../../samples/notices"}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	srv, err := cbhttp.New(st, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	res, err := runLoad(ctx, ts.URL, 400, 20, os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors != 0 || len(res.Kinds) != 4 || res.Kinds["search_page"].N != 100 || res.ServerRSS == 0 || res.Cases == 0 {
		t.Errorf("load: %+v", res)
	}
	if code, _, _ := runCLI(t, "", "load", "not a url"); code != 2 {
		t.Errorf("bad URL: exit %d", code)
	}
}
