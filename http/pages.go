package http

import (
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"casebook"
	"casebook/appi"
	"casebook/extract"
	"casebook/ingest"
)

var funcs = template.FuncMap{
	"cause":    func(c string) string { return casebook.Label(casebook.Causes, c) },
	"item":     func(c string) string { return casebook.Label(casebook.DataItems, c) },
	"sector":   func(c string) string { return casebook.Label(casebook.Sectors, c) },
	"response": func(c string) string { return casebook.Label(casebook.Responses, c) },
	"kind":     func(c casebook.Kind) string { return casebook.Label(casebook.Kinds, string(c)) },
	"dateLabel": func(f string) string {
		return map[string]string{"occurred_from": "発生(開始)", "occurred_to": "発生(終了)", "discovered": "発覚",
			"announced": "公表", "reported_ppc": "委員会へ報告(速報)", "reported_ppc_final": "委員会へ報告(確報)",
			"reported_police": "警察へ届出", "regulator_action": "行政上の対応"}[f]
	},
	"status":     func(s string) string { return casebook.Label(casebook.ReportStatuses, s) },
	"action":     func(c string) string { return casebook.Label(casebook.Actions, c) },
	"groupLabel": appi.GroupLabel,
	"regime":     func(c string) string { return casebook.Label(casebook.Regimes, c) },
	"deref": func(p *string) string {
		if p == nil {
			return "—"
		}
		return *p
	},
	"derefInt": func(p *int) string {
		if p == nil {
			return "—"
		}
		return strconv.Itoa(*p)
	},
	"yen": func(n int64) string { return comma(n) + "円" },
	"yenp": func(p *int64) string {
		if p == nil {
			return "不明(人数が不明)"
		}
		return comma(*p) + "円"
	},
	"count": casebook.People,
	"comma": comma,
	"days": func(p *float64) string {
		if p == nil {
			return "—"
		}
		return strconv.FormatFloat(*p, 'f', 0, 64)
	},
	"add":   func(a, b int) int { return a + b },
	"join":  strings.Join,
	"dates": func() []string { return casebook.DateFields },
	"dateOf": func(d *casebook.Dates, f string) string {
		if d == nil {
			return ""
		}
		if p := *d.Field(f); p != nil {
			return *p
		}
		return ""
	},
	"assumedLabel": func(xs []string) string { return casebook.Labels(casebook.JNSAFactors, xs, "・") },
}

func comma(n int64) string { return casebook.Comma(n) }

// facetLink is one facet value with its count and the URL that toggles it.
type facetLink struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

// toggle returns the search URL with key=value added or removed; the page resets.
func toggle(v url.Values, key, value string) string {
	n := url.Values{}
	for k, vs := range v {
		if k != "page" {
			n[k] = append([]string(nil), vs...)
		}
	}
	vals := n[key]
	found := false
	var kept []string
	for _, x := range vals {
		if x == value {
			found = true
			continue
		}
		kept = append(kept, x)
	}
	if !found {
		kept = append(kept, value)
	}
	if len(kept) == 0 {
		delete(n, key)
	} else {
		n[key] = kept
	}
	return "/?" + n.Encode()
}

func facetLinks(v url.Values, key string, counts map[string]int, vocab []casebook.Term, byKey bool) []facetLink {
	var out []facetLink
	active := map[string]bool{}
	for _, x := range v[key] {
		active[x] = true
	}
	for k, n := range counts {
		label := k
		if vocab != nil {
			label = casebook.Label(vocab, k)
		}
		out = append(out, facetLink{Label: label, Count: n, URL: toggle(v, key, k), Active: active[k]})
	}
	sort.Slice(out, func(i, j int) bool {
		if byKey {
			return out[i].Label > out[j].Label
		}
		return out[i].Count > out[j].Count || out[i].Count == out[j].Count && out[i].Label < out[j].Label
	})
	return out
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, err := parseQuery(v)
	if err != nil {
		s.pageError(w, r, http.StatusBadRequest, "検索条件が正しくありません: "+err.Error())
		return
	}
	res, err := s.Store.Search(r.Context(), q)
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	page := q.Offset/q.Limit + 1
	pages := (res.Total + q.Limit - 1) / q.Limit
	pageURL := func(p int) string {
		n := url.Values{}
		for k, vs := range v {
			n[k] = vs
		}
		n.Set("page", strconv.Itoa(p))
		return "/?" + n.Encode()
	}
	data := map[string]any{
		"Title": "検索", "Query": q, "Result": res, "Page": page, "Pages": pages,
		"Causes":  facetLinks(v, "cause", res.Facets.Causes, casebook.Causes, false),
		"Items":   facetLinks(v, "item", res.Facets.DataItems, casebook.DataItems, false),
		"Sectors": facetLinks(v, "sector", res.Facets.Sectors, casebook.Sectors, false),
		"Years":   facetLinks(v, "year", res.Facets.Years, nil, true),
		"Sizes": []facetLink{
			{Label: "1,000人超", URL: setParam(v, "min_affected", "1001"), Active: v.Get("min_affected") == "1001"},
			{Label: "1万人以上", URL: setParam(v, "min_affected", "10000"), Active: v.Get("min_affected") == "10000"},
			{Label: "10万人以上", URL: setParam(v, "min_affected", "100000"), Active: v.Get("min_affected") == "100000"},
		},
		"Sort": q.Sort, "SortURLs": map[string]string{"date": setParam(v, "sort", "date"),
			"affected": setParam(v, "sort", "affected"), "relevance": setParam(v, "sort", "relevance")},
		"Filtered": len(v) > 0,
	}
	if page > 1 {
		data["PrevURL"] = pageURL(page - 1)
	}
	if page < pages {
		data["NextURL"] = pageURL(page + 1)
	}
	s.render(w, r, http.StatusOK, "search.html", data)
}

// setParam returns the search URL with key set to value (or cleared when it already was).
func setParam(v url.Values, key, value string) string {
	n := url.Values{}
	for k, vs := range v {
		if k != "page" {
			n[k] = vs
		}
	}
	if n.Get(key) == value {
		n.Del(key)
	} else {
		n.Set(key, value)
	}
	return "/?" + n.Encode()
}

// piece is a run of source text, marked when it is evidence of a field.
type piece struct {
	Text  string
	Field string
}

var fieldLabels = map[string]string{"organization": "組織", "affected.count": "人数"}

func fieldLabel(f string) string {
	if l, ok := fieldLabels[f]; ok {
		return l
	}
	parts := strings.SplitN(f, ".", 2)
	if len(parts) == 2 {
		switch parts[0] {
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
	return f
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
type sourceView struct {
	casebook.Source
	Pieces []piece
}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	c, err := s.caseWithJudgement(r.Context(), r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	var views []sourceView
	for _, src := range c.Sources {
		text, err := s.Store.DocumentText(r.Context(), src.DocID)
		if err != nil {
			s.storeError(w, r, err, false)
			return
		}
		var ev map[string]casebook.Span
		if src.Record != nil {
			ev = src.Record.Evidence
		}
		views = append(views, sourceView{Source: src, Pieces: highlight(text, src.Span, ev)})
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
	s.render(w, r, http.StatusOK, "case.html", map[string]any{
		"Title": c.Title, "Case": c, "Sources": views, "Similar": sim, "Safeguards": questions,
		"PublicBody": c.Judgement.PublicBody,
	})
}

func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request) {
	st, err := s.stats(r.Context())
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	s.render(w, r, http.StatusOK, "dashboard.html", map[string]any{
		"Title": "ダッシュボード", "Stats": st,
		"ByMonth":    monthlyChart(st),
		"Affected":   affectedChart(st),
		"Items":      hbarChart("漏えい項目(上位)", st.ByDataItem, casebook.DataItems, 12),
		"Sectors":    hbarChart("業種", st.BySector, casebook.Sectors, 12),
		"Days":       daysChart(st),
		"TSR":        tableRows(st.ByYearCauseTSR),
		"JNSACauses": tableRows(st.ByYearCauseJNSA),
	})
}

// tableRows flattens year × category counts for a table.
type tableRow struct {
	Year  string
	Cells []string
}

func tableRows(m map[string]map[string]int) map[string]any {
	catSet := map[string]bool{}
	var years []string
	for y, row := range m {
		years = append(years, y)
		for c := range row {
			catSet[c] = true
		}
	}
	sort.Strings(years)
	var cats []string
	for c := range catSet {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var rows []tableRow
	for _, y := range years {
		tr := tableRow{Year: y}
		for _, c := range cats {
			tr.Cells = append(tr.Cells, strconv.Itoa(m[y][c]))
		}
		rows = append(rows, tr)
	}
	return map[string]any{"Cats": cats, "Rows": rows}
}

func (s *Server) checklistPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "checklist.html", map[string]any{"Title": "セルフチェック", "Catalogue": appi.Catalogue})
}

var yes, no = true, false

func (s *Server) checklistResult(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, tooLarge(err, http.StatusBadRequest), "フォームを読み取れませんでした。")
		return
	}
	answers := appi.Answers{}
	for _, sg := range appi.Catalogue {
		ans := make([]*bool, len(sg.Questions))
		answered := false
		for i := range sg.Questions {
			switch r.PostForm.Get(fmt.Sprintf("%s#%d", sg.ID, i)) {
			case "yes":
				ans[i], answered = &yes, true
			case "no":
				ans[i], answered = &no, true
			}
		}
		if answered {
			answers[sg.ID] = ans // unanswered questions stay nil: not counted
		}
	}
	cs, cases, err := s.caseSafeguards(r.Context())
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	res := appi.Assess(answers, cs)
	s.render(w, r, http.StatusOK, "assessment.html", map[string]any{"Title": "セルフチェックの結果", "Result": res, "Cases": cases})
}

func (s *Server) ingestPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "ingest.html", map[string]any{"Title": "取り込み"})
}

// ingestPost previews (action=preview) or stores (action=store) a pasted
// text, an uploaded file or a URL. It needs the session and CSRF token.
func (s *Server) ingestPost(w http.ResponseWriter, r *http.Request) {
	if s.Token == "" {
		s.pageError(w, r, http.StatusForbidden, "このサーバーは読み取り専用です(CASEBOOK_TOKEN が設定されていません)。")
		return
	}
	if !s.loggedIn(r) {
		s.pageError(w, r, http.StatusUnauthorized, "取り込みにはトークンでのログインが必要です。")
		return
	}
	if err := r.ParseMultipartForm(s.MaxBody); err != nil && err != http.ErrNotMultipart {
		s.pageError(w, r, tooLarge(err, http.StatusBadRequest), "送信内容が大きすぎるか、読み取れませんでした。")
		return
	}
	if !s.checkCSRF(r) {
		s.pageError(w, r, http.StatusForbidden, "フォームの有効期限が切れました。ページを開き直してください。")
		return
	}
	in := ingestInput{Text: r.FormValue("text"), URL: strings.TrimSpace(r.FormValue("url")), Name: r.FormValue("name")}
	var upload []byte
	name := ""
	if f, hdr, err := r.FormFile("file"); err == nil {
		upload, err = io.ReadAll(f)
		f.Close()
		if err != nil {
			s.pageError(w, r, tooLarge(err, http.StatusBadRequest), "ファイルを読み取れませんでした。")
			return
		}
		if len(upload) == 0 {
			upload = nil
		}
		name = hdr.Filename
	}
	doc, err := s.readDocument(r.Context(), in, upload, name)
	if err != nil {
		s.render(w, r, http.StatusUnprocessableEntity, "ingest.html", map[string]any{"Title": "取り込み", "Error": err.Error(), "Text": in.Text, "URL": in.URL})
		return
	}
	if r.FormValue("action") != "store" {
		recs := extract.Extract(doc.Text, extract.Options{Headings: doc.Headings, PageTitle: doc.PageTitle})
		judged := make([]judgedRecord, len(recs))
		for i := range recs {
			judged[i] = judgedRecord{Record: recs[i]}
			if recs[i].IsIncident() {
				judged[i].Judgement = appi.Judge(&recs[i])
			}
		}
		s.render(w, r, http.StatusOK, "ingest.html", map[string]any{"Title": "取り込み(確認)", "Preview": judged,
			"Text": doc.Text, "Name": doc.Name, "Format": doc.Format})
		return
	}
	sum, ids, err := ingest.AddOne(r.Context(), s.Store, ingest.Prepare(doc))
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	var stored []*casebook.Case
	for _, id := range ids {
		if c, err := s.Store.Case(r.Context(), id); err == nil {
			stored = append(stored, c)
		}
	}
	s.render(w, r, http.StatusOK, "ingest.html", map[string]any{"Title": "取り込み(完了)", "Summary": sum, "Stored": stored})
}

type judgedRecord struct {
	casebook.Record
	Judgement *casebook.Judgement
}
