// Package export writes cases for spreadsheets and other tools: CSV that
// Excel opens correctly in Japanese, JSON Lines, and VERIS 1.4 JSON.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"casebook"
	"casebook/appi"
	"casebook/jtext"
)

// Formats lists the export formats.
var Formats = []string{"csv", "jsonl", "veris"}

// Writer writes cases in one format.
type Writer struct {
	w      io.Writer
	format string
	csv    *csv.Writer
	first  bool
	// BaseURL is where casebook serves its pages
	// (http://127.0.0.1:8080): the CSV links each row to its case page.
	BaseURL string
}

// Known reports whether format is one of Formats.
func Known(format string) bool {
	for _, f := range Formats {
		if f == format {
			return true
		}
	}
	return false
}

// NewWriter starts an export in format ("csv", "jsonl" or "veris").
func NewWriter(w io.Writer, format string) (*Writer, error) {
	x := &Writer{w: w, format: format, first: true}
	switch format {
	case "csv":
		// UTF-8 with BOM: Excel then reads the Japanese correctly.
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
		x.csv = csv.NewWriter(w)
		x.csv.UseCRLF = true
		if err := x.csv.Write(csvHeader); err != nil {
			return nil, err
		}
	case "jsonl", "veris":
	default:
		return nil, fmt.Errorf("unknown export format %q (use %s)", format, strings.Join(Formats, ", "))
	}
	return x, nil
}

var csvHeader = []string{"id", "種別", "件名", "組織", "業種", "発生開始", "発生終了", "発覚日", "公表日",
	"委員会報告(速報)", "委員会報告(確報)", "警察届出", "行政対応日", "人数", "概数", "漏えい確定",
	"漏えい項目", "原因(主)", "原因", "対応", "文書数",
	"適用した規則", "報告対象(規則7条・43条の号)", "速報の状況", "確報の状況", "確報の期限", "想定損害賠償額(JNSA・円)", "報告義務(制度ごと)", "不備が指摘・推定される安全管理措置", "出典", "事例ページ"}

// Write writes one case.
func (x *Writer) Write(c *casebook.Case) error {
	switch x.format {
	case "csv":
		if c.Judgement == nil {
			c.Judgement = appi.Judge(&c.Record)
		}
		return x.csv.Write(safeCells(append(csvRow(c), strings.TrimSuffix(x.BaseURL, "/")+"/cases/"+c.ID)))
	case "jsonl":
		return writeJSONLine(x.w, c)
	default:
		return writeJSONLine(x.w, VERIS(c))
	}
}

// Flush writes what the writer holds to its output (a CSV writer buffers).
func (x *Writer) Flush() error {
	if x.csv != nil {
		x.csv.Flush()
		return x.csv.Error()
	}
	return nil
}

// Close flushes the export.
func (x *Writer) Close() error {
	if x.csv != nil {
		x.csv.Flush()
		return x.csv.Error()
	}
	return nil
}

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func csvRow(c *casebook.Case) []string {
	d := c.Dates
	if d == nil {
		d = &casebook.Dates{}
	}
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	count, approx, confirmed := "", "", ""
	if c.Affected != nil {
		if c.Affected.Count != nil {
			count = strconv.FormatInt(*c.Affected.Count, 10)
		}
		approx, confirmed = yesNo(c.Affected.Approximate), yesNo(c.Affected.Confirmed)
	}
	main := ""
	if len(c.Causes) > 0 {
		main = casebook.Label(casebook.Causes, c.Causes[0])
	}
	row := []string{c.ID, casebook.Label(casebook.Kinds, string(c.Kind)), c.Title, c.Organization,
		casebook.Label(casebook.Sectors, c.Sector), s(d.OccurredFrom), s(d.OccurredTo), s(d.Discovered),
		s(d.Announced), s(d.ReportedPPC), s(d.ReportedPPCFinal), s(d.ReportedPolice), s(d.RegulatorAction),
		count, approx, confirmed, labels(casebook.DataItems, c.DataItems), main, labels(casebook.Causes, c.Causes),
		labels(casebook.Responses, c.Responses), strconv.Itoa(c.Documents)}
	return append(append(row, judgementCells(c.Judgement)...), sourceCell(c.Sources))
}

// judgementCells are the judgement's summary: the rules applied, the
// numbers of 規則7条 (43条 for public bodies) that make it reportable, the
// status of each report, the 確報's deadline and the JNSA estimate.
func judgementCells(j *casebook.Judgement) []string {
	if j == nil {
		return []string{"", "", "", "", "", "", "", ""}
	}
	items := make([]string, len(j.Reportable.Items))
	for i, n := range j.Reportable.Items {
		items[i] = strconv.Itoa(n) + "号"
	}
	reportable := strings.Join(items, "・")
	if reportable == "" && j.Law.Judged() {
		reportable = "該当なし"
	}
	total := ""
	if j.JNSA.TotalYen != nil {
		total = strconv.FormatInt(*j.JNSA.TotalYen, 10)
	}
	final := ""
	if j.Deadlines.Final != nil {
		final = *j.Deadlines.Final
	}
	return []string{casebook.Label(casebook.Regimes, j.Law.Regime), reportable,
		casebook.Label(casebook.ReportStatuses, j.Reports.Prelim.Status),
		casebook.Label(casebook.ReportStatuses, j.Reports.Final.Status), final, total, dutiesCell(j.Duties), safeguardsCell(j.Safeguards)}
}

// safeguardsCell lists the safeguards the case implicates, one a line:
// GL 10-6(3) 外部からの不正アクセス等の防止(当局の指摘).
func safeguardsCell(hits []casebook.SafeguardHit) string {
	var lines []string
	for _, h := range hits {
		ref := "GL " + h.ID
		if n, ok := strings.CutPrefix(h.ID, "art"); ok {
			ref = "法" + n + "条"
		}
		who := "casebookの推定"
		if h.Source == casebook.SourceRegulator {
			who = "当局の指摘"
		}
		lines = append(lines, ref+" "+h.Title+"("+who+")")
	}
	return strings.Join(lines, "\n")
}

// dutiesCell lists each regime's duty on a line: 番号法: 報告義務あり
// (規則2条4号) → 個人情報保護委員会、確報 2023-10-03.
func dutiesCell(duties []casebook.Duty) string {
	var lines []string
	for _, d := range duties {
		line := casebook.Label(casebook.DutyRegimes, d.Regime) + ": " + casebook.Label(casebook.DutyStatuses, d.Status) + " (" + d.Basis + ")"
		if d.Status == casebook.DutyRequired || d.Status == casebook.DutyConditional {
			line += " → " + d.Authority
			if d.Deadlines.Final != nil {
				line += "、確報・詳報 " + *d.Deadlines.Final
			}
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// sourceCell lists where the case was read from, one source a line.
func sourceCell(srcs []casebook.Source) string {
	seen := map[string]bool{}
	var out []string
	for _, s := range srcs {
		if !seen[s.PathOrURL] {
			seen[s.PathOrURL] = true
			out = append(out, s.PathOrURL)
		}
	}
	return strings.Join(out, "\n")
}

// safeCells neutralises what a spreadsheet would run: a cell that begins
// with = + - @, a tab or a carriage return is a formula to Excel and
// LibreOffice (=HYPERLINK(…) in a notice's title), so it gets a leading
// apostrophe, as OWASP advises; bidirectional controls, which can make a
// cell read backwards, are dropped.
func safeCells(row []string) []string {
	for i, c := range row {
		c = jtext.StripBidi(c)
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			c = "'" + c
		}
		row[i] = c
	}
	return row
}

func yesNo(b bool) string {
	if b {
		return "はい"
	}
	return "いいえ"
}

func labels(v []casebook.Term, codes []string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = casebook.Label(v, c)
	}
	return strings.Join(out, "、")
}
