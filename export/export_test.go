package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"casebook"
	"casebook/extract"
)

// cases extracts our test notices and the dev notices as cases.
func cases(t *testing.T) []*casebook.Case {
	var out []*casebook.Case
	for _, dir := range []string{"../samples/notices", "../../shared/data/dev/texts"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".txt") {
				continue
			}
			b, _ := os.ReadFile(dir + "/" + e.Name())
			recs, err := extract.Extract(string(b), extract.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range recs {
				if r.IsIncident() {
					out = append(out, &casebook.Case{Record: r, ID: e.Name() + "#" + string(rune('a'+i)), Documents: 1})
				}
			}
		}
	}
	if len(out) < 5 {
		t.Fatal("too few cases")
	}
	return out
}

func TestVERISValidatesAgainstSchema(t *testing.T) {
	const schemaPath = "../../shared/data/veris/verisc-merged.json"
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Skip("no VERIS schema")
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource("verisc-merged.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("verisc-merged.json")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, "veris")
	cs := cases(t)
	for _, cs := range cs {
		w.Write(cs)
	}
	w.Close()
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("invalid VERIS: %v\n%s", err, line)
		}
		n++
	}
	if n != len(cs) {
		t.Errorf("%d documents for %d cases", n, len(cs))
	}
	// spot-check the mapping of a web skimming case
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.Contains(line, "みなと海産") {
			var m map[string]any
			json.Unmarshal([]byte(line), &m)
			act := m["action"].(map[string]any)
			if _, ok := act["malware"]; !ok {
				t.Errorf("skimming without malware action: %v", act)
			}
			inc := m["timeline"].(map[string]any)["incident"].(map[string]any)
			if inc["year"].(float64) != 2022 || inc["month"].(float64) != 10 {
				t.Errorf("timeline.incident should be the start of the leak: %v", inc)
			}
		}
	}
}

func TestCSVForExcel(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "csv")
	if err != nil {
		t.Fatal(err)
	}
	cs := cases(t)
	for _, c := range cs {
		w.Write(c)
	}
	w.Close()
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("no UTF-8 BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(cs)+1 || rows[0][2] != "件名" {
		t.Errorf("%d rows, header %v", len(rows), rows[0])
	}
	if _, err := NewWriter(&buf, "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestCSVCellsSpreadsheetsWillNotRun(t *testing.T) {
	count := int64(1500)
	at, announced := "2024-05-01", "2024-05-10"
	c := &casebook.Case{ID: "c1", Documents: 1, Record: casebook.Record{
		Kind: casebook.KindBreach, Title: "=HYPERLINK(\"http://evil.example/\",\"詳細\")", Organization: "@株式会社\u202eコード",
		Sector: "retail_ec", Dates: &casebook.Dates{Discovered: &at, Announced: &announced},
		Affected:  &casebook.Affected{Count: &count, Confirmed: true},
		DataItems: []string{"card_number"}, Causes: []string{"web_skimming"},
	}, Sources: []casebook.Source{{PathOrURL: "https://shop.example.jp/news/1"}, {PathOrURL: "https://shop.example.jp/news/1"}, {PathOrURL: "notices/a.txt"}}}
	for _, first := range []string{"+1", "-1", "\t=1", "\r=1"} {
		if got := safeCells([]string{first})[0]; got != "'"+first {
			t.Errorf("%q → %q", first, got)
		}
	}
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, "csv")
	if err := w.Write(c); err != nil {
		t.Fatal(err)
	}
	w.Close()
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head, row := rows[0], rows[1]
	if len(head) != len(row) {
		t.Fatalf("%d headers, %d cells", len(head), len(row))
	}
	cell := map[string]string{}
	for i, h := range head {
		cell[h] = row[i]
	}
	if !strings.HasPrefix(cell["件名"], "'=HYPERLINK") || cell["組織"] != "'@株式会社コード" {
		t.Errorf("title %q, organization %q", cell["件名"], cell["組織"])
	}
	if cell["報告対象(規則7条・43条の号)"] != "3号" { // skimmed in 2024: 3号 alone
		t.Errorf("reportable %q", cell["報告対象(規則7条・43条の号)"])
	}
	if d := cell["報告義務(制度ごと)"]; !strings.HasPrefix(d, "個人情報保護法: 報告義務あり (法26条1項、規則7条3号) → 個人情報保護委員会、確報・詳報 2024-07-01") {
		t.Errorf("duties %q", d)
	}
	if cell["出典"] != "https://shop.example.jp/news/1\nnotices/a.txt" {
		t.Errorf("sources %q", cell["出典"])
	}
	if cell["想定損害賠償額(JNSA・円)"] == "" || cell["確報の期限"] == "" || cell["適用した規則"] == "" {
		t.Errorf("judgement cells %v", cell)
	}
}
