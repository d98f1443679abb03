package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExtractExitCodes(t *testing.T) {
	dir := t.TempDir()
	sj, _, _ := transform.Bytes(japanese.ShiftJIS.NewEncoder(), []byte("不正アクセスによる個人情報流出に関するお詫び\n\n株式会社サンプル 2024年1月10日、お客様100名の氏名が流出しました。"))
	good := filepath.Join(dir, "sjis.txt")
	os.WriteFile(good, sj, 0o644)
	missing := filepath.Join(dir, "missing.txt")

	code, out, _ := runCLI(t, "", "extract", "--json", good)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["organization"] != "株式会社サンプル" || rec["file"] != "sjis.txt" || rec["span"] == nil {
		t.Errorf("record %v", rec)
	}
	code, out, errs := runCLI(t, "", "extract", "--json", missing, good)
	if code != 1 || !strings.Contains(out, `"file":"`+missing+`"`) || !strings.Contains(out, "株式会社サンプル") {
		t.Errorf("partial failure: exit %d, stdout %q stderr %q", code, out, errs)
	}
	code, _, errs = runCLI(t, "", "extract", missing, good)
	if code != 1 || !strings.Contains(errs, missing) {
		t.Errorf("partial failure: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "extract"); code != 2 {
		t.Errorf("no args: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", "extract", "--bogus", good); code != 2 {
		t.Errorf("bad flag: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", "extract", "--encoding", "klingon", good); code != 2 {
		t.Errorf("bad encoding: exit %d", code)
	}
	code, out, _ = runCLI(t, "紛失に関するお詫び\n\n2024年5月1日、USBメモリを紛失しました。", "extract", "-")
	if code != 0 || !strings.Contains(out, "紛失") {
		t.Errorf("stdin: %d %q", code, out)
	}
	code, out, _ = runCLI(t, "", "text", "../../samples/notices/digest.html")
	if code != 0 || strings.Contains(out, "<article>") || !strings.Contains(out, "さくら信用金庫") {
		t.Errorf("text: %d %q", code, out)
	}
}

func TestStoreCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cb.db")
	code, out, errs := runCLI(t, "", "--db", db, "--json", "ingest", "../../samples/notices")
	if code != 0 {
		t.Fatalf("ingest %d %s", code, errs)
	}
	var sum map[string]any
	json.Unmarshal([]byte(out), &sum)
	if files, _ := os.ReadDir("../../samples/notices"); sum["documents"].(float64) != float64(len(files)) {
		t.Errorf("summary %v", sum)
	}
	code, out, _ = runCLI(t, "", "--db", db, "--json", "search", "USBメモリ")
	var res struct {
		Total  int
		Cases  []map[string]any
		Facets map[string]map[string]int
	}
	json.Unmarshal([]byte(out), &res)
	if code != 0 || res.Total != 1 || res.Facets["causes"]["loss"] != 1 {
		t.Fatalf("search %d %s", code, out)
	}
	id := res.Cases[0]["id"].(string)
	code, out, _ = runCLI(t, "", "--db", db, "--json", "show", id)
	if code != 0 || !strings.Contains(out, `"judgement"`) || !strings.Contains(out, `"sources"`) {
		t.Errorf("show %d %s", code, out)
	}
	for _, args := range [][]string{{"similar", id}, {"stats"}, {"export", "--format", "veris"}, {"report", id, "--ppc"}, {"judge", id}, {"checklist"}, {"reextract"}} {
		code, out, errs := runCLI(t, "", append([]string{"--db", db}, args...)...)
		if code != 0 || out == "" {
			t.Errorf("%v: exit %d %s", args, code, errs)
		}
	}
	if code, out, _ := runCLI(t, "", "--db", db, "--json", "show", "nope"); code != 1 || !strings.Contains(out, `"error"`) {
		t.Errorf("unknown case: %d %s", code, out)
	}
	if code, _, _ := runCLI(t, "", "--db", db, "search", "--cause", "aliens"); code != 2 {
		t.Errorf("bad cause: %d", code)
	}
	// a person's corrections, kept over re-extraction; a bad one is usage
	if code, _, errs := runCLI(t, "", "--db", db, "correct", id, "organization=株式会社訂正", "affected.count=77", "--by", "tester"); code != 0 {
		t.Errorf("correct: %d %s", code, errs)
	}
	runCLI(t, "", "--db", db, "reextract")
	if code, out, _ := runCLI(t, "", "--db", db, "--json", "show", id); code != 0 || !strings.Contains(out, `"organization":"株式会社訂正"`) || !strings.Contains(out, `"by":"tester"`) {
		t.Errorf("corrected case after reextract: %s", out)
	}
	// the text shows the change history too
	if _, out, _ := runCLI(t, "", "--db", db, "show", id); !strings.Contains(out, "変更の記録 (2)") || !strings.Contains(out, "tester  修正 organization → 株式会社訂正") {
		t.Errorf("show lists no changes:\n%s", out)
	}
	if code, _, _ := runCLI(t, "", "--db", db, "correct", id, "dates.announced=2024-13-01"); code != 2 {
		t.Errorf("bad correction: %d", code)
	}
	// export of a search only
	if code, out, _ := runCLI(t, "", "--db", db, "export", "--format", "jsonl", "USBメモリ"); code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("filtered export: %d %d lines", code, strings.Count(out, "\n"))
	}
	if code, _, errs := runCLI(t, "", "--db", db, "delete", id); code != 0 {
		t.Errorf("delete: %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, "", "--db", db, "show", id); code != 1 {
		t.Errorf("deleted case shown: %d", code)
	}
	answers := filepath.Join(t.TempDir(), "a.json")
	os.WriteFile(answers, []byte(`{"10-5(3)": [false, true, true], "10-6(4)": [true, false, true, true]}`), 0o644)
	code, out, _ = runCLI(t, "", "--db", db, "checklist", "--assess", answers)
	if code != 0 || !strings.Contains(out, "10-5(3)") {
		t.Errorf("assess %d %s", code, out)
	}
}

// The PPC's action on 四谷大塚 says the 速報 came on day 58 and the 確報 on
// day 65: extraction followed by the judge must reproduce both.
func TestJudgeReproducesPPCDayCounts(t *testing.T) {
	path := "../../../shared/data/dev/texts/003a_01ba4d972ae577c0.txt"
	if _, err := os.Stat(path); err != nil {
		t.Skip("no dev data")
	}
	code, out, errs := runCLI(t, "", "--json", "judge", path)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	found := false
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			Organization string `json:"organization"`
			Judgement    struct {
				Reportable struct{ Items []int } `json:"reportable"`
				Deadlines  struct {
					Final *string `json:"final"`
				} `json:"deadlines"`
				Reports struct {
					Prelim struct{ Day *int } `json:"prelim"`
					Final  struct{ Day *int } `json:"final"`
				} `json:"reports"`
			} `json:"judgement"`
		}
		json.Unmarshal([]byte(line), &r)
		if r.Organization != "株式会社四谷大塚" {
			continue
		}
		found = true
		j := r.Judgement
		if j.Reports.Prelim.Day == nil || *j.Reports.Prelim.Day != 58 || j.Reports.Final.Day == nil || *j.Reports.Final.Day != 65 {
			t.Errorf("days: %+v", j.Reports)
		}
		if j.Deadlines.Final == nil || *j.Deadlines.Final != "2023-10-10" || len(j.Reportable.Items) != 1 || j.Reportable.Items[0] != 3 {
			t.Errorf("deadline %v items %v", j.Deadlines.Final, j.Reportable.Items)
		}
	}
	if !found {
		t.Error("四谷大塚 not judged")
	}
}

// The notices of testdata/duties, judged as a privacy officer would list
// their duties: each regime that applies, with its status and deadline.
func TestJudgeListsEveryDuty(t *testing.T) {
	type duty struct {
		Regime      string `json:"regime"`
		Status      string `json:"status"`
		Basis       string `json:"basis"`
		Authority   string `json:"authority"`
		Bearer      string `json:"bearer"`
		Explanation string `json:"explanation"`
		Deadlines   struct {
			Final *string `json:"final"`
		} `json:"deadlines"`
	}
	type want struct {
		regime, status, basis, authority, final string
	}
	tests := []struct {
		file string
		want []want
		none []string // regimes that must not be listed
	}{
		{"city_contractor_ransomware.txt", []want{
			{"appi", "required", "法68条1項、規則43条3号・4号", "個人情報保護委員会", "2024-08-01"},
			{"processor", "required", "規則9条", "みどり野市(委託元)", ""}}, []string{"my_number", "financial"}},
		{"mynumber_2023.txt", []want{
			{"appi", "not_required", "規則7条", "", ""},
			{"my_number", "required", "規則2条4号", "個人情報保護委員会", "2023-10-03"}}, nil},
		{"mynumber_2021.txt", []want{
			{"appi", "voluntary", "旧法", "", ""},
			{"my_number", "required", "28条の4", "個人情報保護委員会", ""}}, nil},
		{"carrier_secrecy.txt", []want{
			{"appi", "not_required", "規則7条", "", ""},
			{"telecom", "required", "電気通信事業法28条", "総合通信局", "2024-02-28"}}, []string{"my_number"}},
		{"bank_misdelivery.txt", []want{
			{"appi", "required", "規則7条2号", "金融庁", "2024-06-11"},
			{"financial", "required", "銀行法施行規則", "金融庁", ""}}, []string{"telecom"}},
		{"skimming_2023.txt", []want{{"appi", "voluntary", "規則7条", "", ""}}, nil},
		{"skimming_2024.txt", []want{{"appi", "required", "規則7条3号", "個人情報保護委員会", "2024-09-30"}}, nil},
	}
	for _, tt := range tests {
		path := filepath.Join("testdata", "duties", tt.file)
		code, out, errs := runCLI(t, "", "--json", "judge", path)
		if code != 0 {
			t.Fatalf("%s: exit %d %s", tt.file, code, errs)
		}
		var r struct {
			Judgement struct {
				Duties []duty `json:"duties"`
			} `json:"judgement"`
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 1 {
			t.Errorf("%s: %d records", tt.file, len(lines))
		}
		if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
			t.Fatal(err)
		}
		got := map[string]duty{}
		for _, d := range r.Judgement.Duties {
			got[d.Regime] = d
			if d.Explanation == "" || d.Basis == "" {
				t.Errorf("%s: %s unexplained: %+v", tt.file, d.Regime, d)
			}
		}
		for _, w := range tt.want {
			d, ok := got[w.regime]
			if !ok {
				t.Errorf("%s: no %s duty in %+v", tt.file, w.regime, r.Judgement.Duties)
				continue
			}
			final := ""
			if d.Deadlines.Final != nil {
				final = *d.Deadlines.Final
			}
			if d.Status != w.status || !strings.Contains(d.Basis, w.basis) || !strings.Contains(d.Authority, w.authority) || final != w.final {
				t.Errorf("%s: %s = %s %q %q %q, want %s %q %q %q", tt.file, w.regime, d.Status, d.Basis, d.Authority, final, w.status, w.basis, w.authority, w.final)
			}
		}
		for _, n := range tt.none {
			if _, ok := got[n]; ok {
				t.Errorf("%s: %s listed", tt.file, n)
			}
		}
	}
	// the text output lists them too
	_, out, _ := runCLI(t, "", "judge", filepath.Join("testdata", "duties", "mynumber_2023.txt"))
	if !strings.Contains(out, "■ 報告義務(制度ごと)") || !strings.Contains(out, "[番号法] 報告義務あり") {
		t.Errorf("text output:\n%s", out)
	}
}
