package http

import (
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"casebook"
	"casebook/appi"
)

// piece is a run of source text, marked when it is evidence of a field.
type piece struct {
	Text  string
	Field string
	// Unsure: the evidence of a field extraction was unsure of (要確認)
	Unsure bool
}

var fieldLabels = map[string]string{"organization": "組織", "affected.count": "人数", "affected.confirmed": "漏えいの確定",
	"affected.approximate": "概数", "sector": "業種", "title": "件名", "kind": "種別", "processor": "委託先"}

// fieldLabel names an evidence field in Japanese; a field without a name
// a reader would know is "その他".
func fieldLabel(f string) string {
	if l, ok := fieldLabels[f]; ok {
		return l
	}
	parts := strings.SplitN(f, ".", 2)
	if len(parts) == 2 {
		switch parts[0] {
		case "affected":
			if g, ok := strings.CutPrefix(parts[1], "groups."); ok {
				if n, err := strconv.Atoi(g); err == nil {
					return fmt.Sprintf("人数(内訳%d)", n+1)
				}
			}
		case "dates":
			return funcs["dateLabel"].(func(string) string)(parts[1])
		case "causes":
			return "原因: " + casebook.Label(casebook.Causes, parts[1])
		case "data_items":
			return "項目: " + casebook.Label(casebook.DataItems, parts[1])
		case "responses":
			return "対応: " + casebook.Label(casebook.Responses, parts[1])
		}
	}
	return "その他"
}

// highlight cuts the span of a document's text into pieces, marking the
// evidence of every extracted field.
func highlight(text string, sp casebook.Span, ev map[string]casebook.Span) []piece {
	runes := []rune(text)
	if sp.End > len(runes) {
		sp.End = len(runes)
	}
	if sp.Start > sp.End {
		return nil
	}
	type mark struct {
		s, e  int
		field string
	}
	var marks []mark
	for f, e := range ev {
		if e.Start >= sp.Start && e.End <= sp.End && e.Start < e.End {
			marks = append(marks, mark{e.Start, e.End, f})
		}
	}
	sort.Slice(marks, func(i, j int) bool {
		return marks[i].s < marks[j].s || marks[i].s == marks[j].s && marks[i].e > marks[j].e
	})
	var out []piece
	pos := sp.Start
	for _, m := range marks {
		if m.s < pos {
			continue // overlapping evidence: the first wins
		}
		if m.s > pos {
			out = append(out, piece{Text: string(runes[pos:m.s])})
		}
		out = append(out, piece{Text: string(runes[m.s:m.e]), Field: fieldLabel(m.field)})
		pos = m.e
	}
	if pos < sp.End {
		out = append(out, piece{Text: string(runes[pos:sp.End])})
	}
	return out
}

// sourceView is a source with its highlighted text.
// sourcesPerPage is how many of a case's documents its page shows.
const sourcesPerPage = 10

// sourcePager says which of a case's documents the page shows and links
// the pages before and after.
type sourcePager struct {
	Total, From, To int
	Prev, Next      string
}

type sourceView struct {
	casebook.Source
	Pieces []piece
	// Part: the source is one entry of a longer page (a digest or a list);
	// DigestCopy: that entry retells a regulator's action, so it is a
	// copy, not the regulator's own publication.
	Part, DigestCopy bool
	Number           int
	// Watch names the watched place (情報源) that brought it in, if one did.
	Watch string
}

// siteName is the host a source URL is on ("www." dropped); for a local
// file, "" (fileName names it).
func siteName(pathOrURL string) string {
	u, err := url.Parse(pathOrURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// fileName shortens a local path to the file's name: the folder it was
// ingested from says nothing to a reader and may say too much.
func fileName(pathOrURL string) string {
	if siteName(pathOrURL) != "" {
		return pathOrURL
	}
	return filepath.Base(filepath.FromSlash(strings.ReplaceAll(pathOrURL, "\\", "/")))
}

// fieldChoice is one correctable field with its value now, for the form.
type fieldChoice struct {
	casebook.Term
	Value   string
	Options []casebook.Term // a vocabulary to choose from; nil: free text
	Date    bool
	Hint    string
}

func correctionForm(c *casebook.Case) []fieldChoice {
	var out []fieldChoice
	for _, f := range casebook.CorrectableFields {
		fc := fieldChoice{Term: f, Value: casebook.FieldValue(&c.Record, f.Code)}
		switch {
		case f.Code == "kind":
			for _, k := range casebook.Kinds {
				if k.Code != string(casebook.KindNotIncident) {
					fc.Options = append(fc.Options, casebook.Term{Code: k.Label, Label: k.Label})
				}
			}
		case f.Code == "sector":
			fc.Options = append([]casebook.Term{{Code: "", Label: "(不明)"}}, labelsAsCodes(casebook.Sectors)...)
		case f.Code == "affected.confirmed":
			fc.Options = []casebook.Term{{Code: "true", Label: "漏えい確定"}, {Code: "false", Label: "漏えいのおそれ"}}
		case strings.HasPrefix(f.Code, "dates."):
			fc.Date = true
		case f.Code == "causes":
			fc.Hint = "主な原因を先に、読点(、)で区切って: " + casebook.Labels(casebook.Causes, codes(casebook.Causes), "、")
		case f.Code == "data_items":
			fc.Hint = "読点(、)で区切って: " + casebook.Labels(casebook.DataItems, codes(casebook.DataItems), "、")
		case f.Code == "affected.count":
			fc.Hint = "人数(件数)を数字で。空欄で不明に戻します。"
		}
		out = append(out, fc)
	}
	return out
}

// labelsAsCodes offers a vocabulary by its labels (what FieldValue shows
// and Apply accepts).
func labelsAsCodes(v []casebook.Term) []casebook.Term {
	out := make([]casebook.Term, len(v))
	for i, t := range v {
		out[i] = casebook.Term{Code: t.Label, Label: t.Label}
	}
	return out
}

func codes(v []casebook.Term) []string {
	out := make([]string, len(v))
	for i, t := range v {
		out[i] = t.Code
	}
	return out
}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	c, err := s.caseWithJudgement(r.Context(), r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	// a case told by many documents shows a page of them at a time: the
	// page's cost does not grow with the copies of one notice
	page, _ := strconv.Atoi(r.URL.Query().Get("sp"))
	pages := (len(c.Sources) + sourcesPerPage - 1) / sourcesPerPage
	page = max(0, min(page, pages-1))
	from, to := page*sourcesPerPage, min(len(c.Sources), (page+1)*sourcesPerPage)
	var views []sourceView
	number := map[string]int{}
	link := map[string]string{} // where a source's text is: on this page, or another
	for i, src := range c.Sources {
		number[src.ID] = i + 1
		link[src.ID] = "#src-" + src.ID
		if p := i / sourcesPerPage; p != page {
			link[src.ID] = "?sp=" + strconv.Itoa(p) + "#src-" + src.ID
		}
	}
	for i := from; i < to; i++ {
		src := c.Sources[i]
		text, err := s.Store.DocumentText(r.Context(), src.DocID)
		if err != nil {
			s.storeError(w, r, err, false)
			return
		}
		var ev map[string]casebook.Span
		if src.Record != nil {
			ev = caseEvidence(src.Record.Evidence, &c.Record)
		}
		n := len([]rune(text))
		part := src.Span.End-src.Span.Start < n*9/10
		sv := sourceView{Source: src, Pieces: markUnsure(highlight(text, src.Span, ev), &c.Record), Part: part,
			DigestCopy: part && src.Kind == casebook.KindRegulator, Number: i + 1}
		if ws, ok := s.watches(); ok {
			sv.Watch, _ = ws.WatchOf(r.Context(), src.DocID)
		}
		views = append(views, sv)
	}
	var pager sourcePager
	if pages > 1 {
		pager = sourcePager{Total: len(c.Sources), From: from + 1, To: to}
		if page > 0 {
			pager.Prev = "?sp=" + strconv.Itoa(page-1) + "#sources"
		}
		if page+1 < pages {
			pager.Next = "?sp=" + strconv.Itoa(page+1) + "#sources"
		}
	}
	sim, err := casebook.SimilarCases(r.Context(), s.Store, c, 5)
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	var questions []appi.Safeguard
	for _, h := range c.Judgement.Safeguards {
		if sg, ok := appi.SafeguardByID(h.ID); ok {
			questions = append(questions, sg)
		}
	}
	var legend []string
	seen := map[string]bool{}
	for _, v := range views {
		for _, p := range v.Pieces {
			if p.Field != "" && !seen[p.Field] {
				seen[p.Field] = true
				legend = append(legend, p.Field)
			}
		}
	}
	sort.Strings(legend)
	s.render(w, r, http.StatusOK, "case.html", map[string]any{
		"Title": c.Title, "Case": c, "Sources": views, "Similar": sim, "Safeguards": questions,
		"PublicBody": c.Judgement.PublicBody, "SourceNumber": number, "SourceLink": link, "Legend": legend, "Pager": pager,
		"Fields": correctionForm(c),
	})
}

// caseEvidence keeps the evidence of the values the case has: a cause,
// data item or response the case does not list is not marked.
func caseEvidence(ev map[string]casebook.Span, r *casebook.Record) map[string]casebook.Span {
	out := make(map[string]casebook.Span, len(ev))
	for f, sp := range ev {
		kind, code, ok := strings.Cut(f, ".")
		switch {
		case ok && kind == "causes" && !slices.Contains(r.Causes, code),
			ok && kind == "data_items" && !slices.Contains(r.DataItems, code),
			ok && kind == "responses" && !slices.Contains(r.Responses, code):
			continue
		}
		out[f] = sp
	}
	return out
}

// markUnsure marks the evidence of the case's unsure fields, so that the
// text shows 要確認 beside what it was read from.
func markUnsure(pieces []piece, r *casebook.Record) []piece {
	unsure := map[string]bool{}
	for _, u := range casebook.Unsure(r) {
		unsure[fieldLabel(u.Path)] = true
	}
	for i := range pieces {
		pieces[i].Unsure = pieces[i].Field != "" && unsure[pieces[i].Field]
	}
	return pieces
}
