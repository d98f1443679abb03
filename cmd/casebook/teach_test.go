package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook"
	cbhttp "casebook/http"
	"casebook/internal/testnotices"
	"casebook/internal/teststore"
	"casebook/postgres"
	"casebook/sqlite"
	"casebook/sqlstore"
)

// Corrections teach: a family of notices casebook reads one way (day-care
// companies named …ケアサービス read as services) is corrected on half
// through the API; the gold export of those, trained into this
// casebook's own weights, reads the other half the corrected way after
// reextract. On SQLite and PostgreSQL.
func TestCorrectionsTeach(t *testing.T) {
	if _, err := os.Stat("../../../shared/data/train/gold.jsonl"); err != nil {
		t.Skip("no ../shared: training needs the shared labelled sets")
	}
	dsns := map[string]string{"sqlite": filepath.Join(t.TempDir(), "cb.db")}
	if pg := teststore.PGSchema(t); pg != "" {
		dsns["postgres"] = pg
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) { testCorrectionsTeach(t, dsn) })
	}
}

func testCorrectionsTeach(t *testing.T, dsn string) {
	ctx := context.Background()
	c := newCLI(t)
	dir := t.TempDir()
	names := testnotices.CareNames
	for i, n := range names {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("c%d.txt", i)), []byte(testnotices.CareNotice(i, n)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errs := c.run("", "--db", dsn, "ingest", dir); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	sectors := func() map[string]string {
		_, out, _ := c.run("", "--db", dsn, "--json", "search", "--limit", "50")
		var res struct {
			Cases []struct{ ID, Organization, Sector string }
		}
		json.Unmarshal([]byte(out), &res)
		m := map[string]string{}
		for _, cs := range res.Cases {
			m[cs.Organization] = cs.Sector + " " + cs.ID
		}
		return m
	}
	before := sectors()
	if len(before) != len(names) {
		t.Fatalf("%d cases: %v", len(before), before)
	}
	for _, n := range names {
		if s := strings.Fields(before["株式会社"+n+"ケアサービス"])[0]; s == "healthcare" {
			t.Fatalf("already read as healthcare: nothing to teach (%v)", before)
		}
	}
	// corrections of the first half, through the API
	var st *sqlstore.DB
	var err error
	if strings.HasPrefix(dsn, "postgres") {
		st, err = postgres.Open(ctx, dsn)
	} else {
		st, err = sqlite.Open(ctx, dsn)
	}
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := cbhttp.New(st, "tok", nil)
	ts := httptest.NewServer(srv)
	for _, n := range names[:4] {
		id := strings.Fields(before["株式会社"+n+"ケアサービス"])[1]
		body, _ := json.Marshal(map[string]any{"corrections": []casebook.Correction{{Field: "sector", Value: "healthcare"}}, "by": "介護チーム"})
		req, _ := http.NewRequest("POST", ts.URL+"/api/cases/"+id+"/corrections", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer tok")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("correct %s: %v %v", id, resp, err)
		}
		resp.Body.Close()
	}
	ts.Close()
	st.Close()

	gold := filepath.Join(t.TempDir(), "team")
	if code, _, errs := c.run("", "--db", dsn, "export", "--format", "gold", "-o", gold); code != 0 || !strings.Contains(errs, "正解レコード 4件") {
		t.Fatalf("export gold: %d %s", code, errs)
	}
	code, out, errs := c.run("", "--db", dsn, "train", "--set", "../../../shared/data/dev", "--set", "../../../shared/data/train",
		"--gold", filepath.Join(gold, "gold.jsonl"), "--texts", filepath.Join(gold, "texts"), "--install")
	if code != 0 || !strings.Contains(out, "交差検証") || !strings.Contains(out, "保存しました") {
		t.Fatalf("train --install: %d %s %s", code, out, errs)
	}
	if code, _, errs := c.run("", "--db", dsn, "reextract"); code != 0 {
		t.Fatalf("reextract: %s", errs)
	}
	after := sectors()
	for _, n := range names[4:] {
		if s := strings.Fields(after["株式会社"+n+"ケアサービス"])[0]; s != "healthcare" {
			t.Errorf("%s: %s after learning (before %s)", n, s, before["株式会社"+n+"ケアサービス"])
		}
	}
	for _, n := range names[:4] {
		if s := strings.Fields(after["株式会社"+n+"ケアサービス"])[0]; s != "healthcare" {
			t.Errorf("a correction lost over reextract: %s %s", n, s)
		}
	}
	if code, _, _ := c.run("", "--db", dsn, "train", "--reset"); code != 0 {
		t.Error("train --reset")
	}
}
