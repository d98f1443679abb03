package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook"
	cbhttp "casebook/http"
	"casebook/ingest"
	"casebook/internal/testnotices"
	"casebook/sqlite"
)

// The 学習 button: corrections made through the API teach the casebook,
// and what is ingested afterwards through the API is read with them.
func TestLearnButton(t *testing.T) {
	sets := []string{"../../shared/data/dev", "../../shared/data/train"}
	if _, err := os.Stat(filepath.Join(sets[1], "gold.jsonl")); err != nil {
		t.Skip("no ../shared: training needs the shared labelled sets")
	}
	ctx := context.Background()
	notice := testnotices.CareNotice
	dir := t.TempDir()
	names := testnotices.CareNames[:4]
	for i, n := range names {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("c%d.txt", i)), []byte(notice(i, n)), 0o644)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Run(ctx, st, []string{dir}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	srv, _ := cbhttp.New(st, "tok", nil)
	srv.LearnSets = sets
	ts := httptest.NewServer(srv)
	defer ts.Close()
	res, _ := st.Search(ctx, casebook.SearchQuery{Limit: 10})
	for _, c := range res.Cases {
		if c.Sector == "healthcare" {
			t.Fatalf("already healthcare: %s", c.Organization)
		}
		if r, _ := postJSON(t, ts.URL+"/api/cases/"+c.ID+"/corrections", "tok", map[string]any{"corrections": []casebook.Correction{{Field: "sector", Value: "healthcare"}}}); r.StatusCode != http.StatusOK {
			t.Fatalf("correct: %d", r.StatusCode)
		}
	}
	a := signIn(t, ts.URL, "tok", "管理者")
	if page := a.page(t, ts.URL+"/review"); !strings.Contains(page, `action="/learn"`) {
		t.Fatal("no 学習 button")
	}
	r, body := a.post(t, ts.URL+"/learn", url.Values{"csrf": {a.csrf}})
	if r.StatusCode != http.StatusOK || !strings.Contains(body, "学習しました") || !strings.Contains(body, "交差検証") {
		t.Fatalf("learn: %d %s", r.StatusCode, body)
	}
	// a new notice of the family, through the API: read as healthcare
	b, _ := json.Marshal(map[string]string{"text": notice(7, "わかば"), "name": "new.txt"})
	req, _ := http.NewRequest("POST", ts.URL+"/api/ingest", bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer tok")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("ingest: %v %v", resp, err)
	}
	resp.Body.Close()
	res, _ = st.Search(ctx, casebook.SearchQuery{Q: "わかば", Limit: 5})
	if len(res.Cases) != 1 || res.Cases[0].Sector != "healthcare" {
		t.Errorf("after learning, a new notice of the family: %+v", res.Cases)
	}
	if page := a.page(t, ts.URL+"/review"); !strings.Contains(page, "(使用中)") {
		t.Error("the review page does not show the installed figures")
	}
}
