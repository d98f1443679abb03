package http

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"casebook"
	"casebook/appi"
	"casebook/query"
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
	"dutyRegime": func(c string) string { return casebook.Label(casebook.DutyRegimes, c) },
	"minus":      func(a, b int) int { return a - b },
	"plus":       func(a, b int) int { return a + b },
	"every": func(d time.Duration) string {
		switch {
		case d >= 24*time.Hour && d%(24*time.Hour) == 0:
			return strconv.Itoa(int(d/(24*time.Hour))) + "日"
		case d >= time.Hour && d%time.Hour == 0:
			return strconv.Itoa(int(d/time.Hour)) + "時間"
		}
		return strconv.Itoa(int(d/time.Minute)) + "分"
	},
	"percent": func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
	"unsure":  func(r casebook.Record) []casebook.UnsureField { return casebook.Unsure(&r) },
	"watchKind": func(k string) string {
		switch k {
		case casebook.WatchFeed:
			return "フィード"
		case casebook.WatchPage:
			return "一覧ページ"
		}
		return "未確認"
	},
	"timeOr": func(t *time.Time) string {
		if t == nil {
			return "—"
		}
		return t.Local().Format("2006-01-02 15:04")
	},
	// sgRef names a safeguard as a reader would cite it: the guideline's
	// section (GL 10-3(4)), or the article for those outside section 10.
	"sgRef": func(id string) string {
		if n, ok := strings.CutPrefix(id, "art"); ok {
			return "法" + n + "条"
		}
		return "GL " + id
	},
	"dutyStatus": func(c string) string { return casebook.Label(casebook.DutyStatuses, c) },
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
	"comma": func(n any) string {
		switch v := n.(type) {
		case int:
			return comma(int64(v))
		case int64:
			return comma(v)
		}
		return fmt.Sprint(n)
	},
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
	"snippet":      snippetPieces,
	"fieldName":    func(f string) string { return casebook.Label(casebook.CorrectableFields, f) },
	"rowDates":     rowDates,
	"site":         siteName,
	"fileName":     fileName,
	"isURL":        func(p string) bool { return strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") },
}

func comma(n int64) string { return casebook.Comma(n) }

// canonical is v with the filters as the parsed query holds them: codes
// for labels, one value a parameter for comma lists, ISO dates.
func canonical(v url.Values, q casebook.SearchQuery) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = vs
	}
	set := func(k string, vals []string) {
		if _, ok := v[k]; !ok {
			return
		}
		if len(vals) == 0 {
			delete(c, k)
			return
		}
		c[k] = vals
	}
	set(query.Cause, q.Causes)
	set(query.Item, q.Items)
	set(query.Sector, q.Sectors)
	set(query.OrgKind, q.OrgKinds)
	set(query.Kind, q.Kinds)
	set(query.Year, q.Years)
	for _, d := range []struct {
		k, val string
	}{{query.Since, q.Since}, {query.Until, q.Until}} {
		if d.val == "" {
			set(d.k, nil)
		} else {
			set(d.k, []string{d.val})
		}
	}
	return c
}

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
		s.pageError(w, r, http.StatusBadRequest, "検索条件が正しくありません。"+query.Message(err))
		return
	}
	// labels and dates as people type them (sector=教育, since=2024/1/1)
	// become codes once, on the way in: the page, its facets and its links
	// then speak one language
	if c := canonical(v, q); c.Encode() != v.Encode() {
		http.Redirect(w, r, "/?"+c.Encode(), http.StatusFound)
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
	exportQuery := url.Values{}
	for k, vs := range v {
		if k != "page" && k != "limit" && k != "offset" && k != "sort" {
			exportQuery[k] = vs
		}
	}
	flagLabels := map[string]string{casebook.FlagReportable: "委員会への報告対象", casebook.FlagLate: "報告が遅れた"}
	var flags []facetLink
	for _, f := range []string{casebook.FlagReportable, casebook.FlagLate} {
		flags = append(flags, facetLink{Label: flagLabels[f], Count: res.Facets.Flags[f], URL: setParam(v, f, "1"), Active: v.Get(f) != ""})
	}
	data := map[string]any{
		"Title": "検索", "Query": q, "Result": res, "Page": page, "Pages": pages,
		"Causes":   facetLinks(v, "cause", res.Facets.Causes, casebook.Causes, false),
		"Items":    facetLinks(v, "item", res.Facets.DataItems, casebook.DataItems, false),
		"Sectors":  facetLinks(v, "sector", res.Facets.Sectors, casebook.Sectors, false),
		"OrgKinds": facetLinks(v, "org_kind", res.Facets.OrgKinds, casebook.OrgKinds, false),
		"Chips":    chips(v, q),
		"Years":    facetLinks(v, "year", res.Facets.Years, nil, true),
		"Flags":    flags,
		"Sizes": []facetLink{
			{Label: "1,000人超", Count: res.Facets.Sizes["1001"], URL: setParam(v, "min_affected", "1001"), Active: v.Get("min_affected") == "1001"},
			{Label: "1万人以上", Count: res.Facets.Sizes["10000"], URL: setParam(v, "min_affected", "10000"), Active: v.Get("min_affected") == "10000"},
			{Label: "10万人以上", Count: res.Facets.Sizes["100000"], URL: setParam(v, "min_affected", "100000"), Active: v.Get("min_affected") == "100000"},
		},
		"Sort": q.Sort, "SortURLs": map[string]string{"date": setParam(v, "sort", "date"),
			"affected": setParam(v, "sort", "affected"), "relevance": setParam(v, "sort", "relevance")},
		"Filtered": len(v) > 0,
		"ExportURL": func(format string) string {
			if len(exportQuery) == 0 {
				return "/api/export?format=" + format
			}
			return "/api/export?format=" + format + "&" + exportQuery.Encode()
		},
		"Kind": strings.Join(q.Kinds, ","),
	}
	if page > 1 {
		data["PrevURL"] = pageURL(page - 1)
	}
	if page < pages {
		data["NextURL"] = pageURL(page + 1)
	}
	s.render(w, r, http.StatusOK, "search.html", data)
}

// snippetPieces cuts a search hit's snippet at the marks of the query's
// terms (given in characters).
func snippetPieces(c *casebook.Case) []piece {
	runes := []rune(c.Snippet)
	var out []piece
	pos := 0
	for _, m := range c.SnippetMarks {
		s, e := m[0], m[1]
		if s < pos || e > len(runes) || s >= e {
			continue
		}
		if s > pos {
			out = append(out, piece{Text: string(runes[pos:s])})
		}
		out = append(out, piece{Text: string(runes[s:e]), Field: "hit"})
		pos = e
	}
	if pos < len(runes) {
		out = append(out, piece{Text: string(runes[pos:])})
	}
	return out
}

// labelledDate is a date of a result row with what it is.
type labelledDate struct{ Label, Date string }

// rowDates are the dates a result row shows: when the leak was found and
// when it was made public (a regulator's action: its date).
func rowDates(c *casebook.Case) []labelledDate {
	var out []labelledDate
	if d := c.Dates; d != nil {
		if c.Kind == casebook.KindRegulator && d.RegulatorAction != nil {
			out = append(out, labelledDate{"行政上の対応", *d.RegulatorAction})
		}
		if d.Discovered != nil {
			out = append(out, labelledDate{"発覚", *d.Discovered})
		}
		if d.Announced != nil {
			out = append(out, labelledDate{"公表", *d.Announced})
		}
		if len(out) == 0 && d.OccurredFrom != nil {
			out = append(out, labelledDate{"発生", *d.OccurredFrom})
		}
	}
	if len(out) == 0 && c.Date() != "" {
		out = append(out, labelledDate{"日付", c.Date()})
	}
	return out
}

// setParam returns the search URL with key set to value (or cleared when it already was).
// chips are the filters in force, each with the URL that removes it, to
// show above the results on every width.
func chips(v url.Values, q casebook.SearchQuery) []facetLink {
	var out []facetLink
	without := func(key string) string {
		n := url.Values{}
		for k, vs := range v {
			if k != key && k != "page" {
				n[k] = vs
			}
		}
		return "/?" + n.Encode()
	}
	if q.Q != "" {
		out = append(out, facetLink{Label: "キーワード: " + q.Q, URL: without("q")})
	}
	for _, voc := range query.Vocabularies {
		for _, c := range v[voc.Name] {
			out = append(out, facetLink{Label: voc.Title + ": " + casebook.Label(voc.Terms, c), URL: toggle(v, voc.Name, c)})
		}
	}
	for _, y := range q.Years {
		out = append(out, facetLink{Label: "年: " + y + "年", URL: toggle(v, query.Year, y)})
	}
	if q.Since != "" {
		out = append(out, facetLink{Label: "期間: " + q.Since + "から", URL: without(query.Since)})
	}
	if q.Until != "" {
		out = append(out, facetLink{Label: "期間: " + q.Until + "まで", URL: without(query.Until)})
	}
	if q.MinAffected > 0 {
		out = append(out, facetLink{Label: "人数: " + casebook.Comma(q.MinAffected) + "人以上", URL: without(query.MinAffected)})
	}
	if q.Org != "" {
		out = append(out, facetLink{Label: "組織: " + q.Org, URL: without(query.Org)})
	}
	if q.Reportable {
		out = append(out, facetLink{Label: "委員会への報告対象", URL: without(query.Reportable)})
	}
	if q.Late {
		out = append(out, facetLink{Label: "報告が遅れた", URL: without(query.Late)})
	}
	return out
}

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

func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request) {
	st, err := s.stats(r.Context())
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	year := r.URL.Query().Get("year")
	if year != "" && (len(year) != 4 || atoi(year) < 1900) {
		s.pageError(w, r, http.StatusBadRequest, "年は2024のように指定してください。")
		return
	}
	s.render(w, r, http.StatusOK, "dashboard.html", map[string]any{
		"Title": "ダッシュボード", "Stats": st,
		"Cases":          newCasesChart(st, year),
		"Affected":       affectedChart(st),
		"AffectedNarrow": affectedNarrow(st),
		"DaysNarrow":     daysNarrow(st),
		"Items":          hbarChart("漏えい項目(上位)", "item", st.ByDataItem, casebook.DataItems, 12),
		"Sectors":        hbarChart("業種", "sector", st.BySector, casebook.Sectors, 12),
		"Days":           daysChart(st),
		"TSR":            tableRows(st.ByYearCauseTSR),
		"JNSACauses":     tableRows(st.ByYearCauseJNSA),
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
