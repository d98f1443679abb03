package casebook

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// legalForms are dropped from organization names before comparing them.
var legalForms = []string{"株式会社", "有限会社", "合同会社", "(株)", "(有)", "㈱", "㈲", "一般社団法人", "公益社団法人",
	"一般財団法人", "公益財団法人", "特定非営利活動法人", "NPO法人", "学校法人", "医療法人社団", "医療法人財団",
	"医療法人", "社会福祉法人", "国立大学法人", "独立行政法人"}

// OrgKey is the comparable form of an organization name: no legal form,
// no spaces or punctuation, lower case.
func OrgKey(org string) string {
	s := org
	for _, f := range legalForms {
		s = strings.ReplaceAll(s, f, "")
	}
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r) || unicode.IsPunct(r) || r == '・' || r == '　':
			return -1
		case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r >= '０' && r <= '９':
			return unicode.ToLower(r - 0xFEE0)
		}
		return unicode.ToLower(r)
	}, s)
}

// legalFormNames are the legal forms LegalForm tells apart, longer
// before the shorter they contain, with the abbreviations' full forms.
var legalFormNames = []struct{ form, name string }{
	{"株式会社", "株式会社"}, {"(株)", "株式会社"}, {"㈱", "株式会社"},
	{"有限会社", "有限会社"}, {"(有)", "有限会社"}, {"㈲", "有限会社"}, {"合同会社", "合同会社"},
	{"一般社団法人", "一般社団法人"}, {"公益社団法人", "公益社団法人"}, {"一般財団法人", "一般財団法人"},
	{"公益財団法人", "公益財団法人"}, {"特定非営利活動法人", "特定非営利活動法人"}, {"NPO法人", "特定非営利活動法人"},
	{"国立大学法人", "国立大学法人"}, {"公立大学法人", "公立大学法人"}, {"学校法人", "学校法人"},
	{"社会医療法人", "社会医療法人"}, {"医療法人社団", "医療法人社団"}, {"医療法人財団", "医療法人財団"},
	{"医療法人", "医療法人"}, {"社会福祉法人", "社会福祉法人"}, {"独立行政法人", "独立行政法人"},
}

// LegalForm is the legal form an organization's name states (株式会社
// for (株) too), or "" when it states none: two names that differ only
// in it (学校法人X and 国立大学法人X) are different bodies.
func LegalForm(org string) string {
	for _, f := range legalFormNames {
		if strings.Contains(org, f.form) {
			return f.name
		}
	}
	return ""
}

// DaysApart is how many days apart two ISO dates are (false when either
// is not a date).
func DaysApart(a, b string) (int, bool) {
	x, ok1 := parseDay(a)
	y, ok2 := parseDay(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	if x > y {
		return x - y, true
	}
	return y - x, true
}

// parseDay returns a day number for an ISO date (days since 0000-03-01).
func parseDay(s string) (int, bool) {
	if len(s) != 10 {
		return 0, false
	}
	y, m, d := atoi(s[0:4]), atoi(s[5:7]), atoi(s[8:10])
	if m < 1 || m > 12 || d < 1 {
		return 0, false
	}
	if m < 3 {
		y--
		m += 12
	}
	return 365*y + y/4 - y/100 + y/400 + (153*(m-3)+2)/5 + d - 1, true
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// Merge builds a case's merged record from its records, given in the
// order they were stored. Breach notices lead over regulator actions for
// the title and the main cause; dates take the first record that gives
// them; the count is the largest; sets are unions.
func Merge(recs []*Record) Record {
	if len(recs) == 0 {
		return Record{}
	}
	ordered := append([]*Record(nil), recs...)
	// the first notice leads: breach notices before regulator actions,
	// then by date
	sort.SliceStable(ordered, func(i, j int) bool {
		ki, kj := kindRank(ordered[i].Kind), kindRank(ordered[j].Kind)
		if ki != kj {
			return ki < kj
		}
		di, dj := ordered[i].Date(), ordered[j].Date()
		return di != "" && (dj == "" || di < dj)
	})
	lead := ordered[0]
	out := Record{Kind: lead.Kind, Title: lead.Title, Sector: lead.Sector, Span: lead.Span, File: lead.File, Candidates: lead.Candidates}
	orgs := map[string]int{}
	out.Dates = &Dates{}
	var items, causes, responses []string
	for _, r := range ordered {
		if r.Organization != "" {
			orgs[r.Organization]++
			if out.Organization == "" || orgs[r.Organization] > orgs[out.Organization] {
				out.Organization = r.Organization
			}
		}
		if out.Sector == "" || out.Sector == "other" {
			out.Sector = r.Sector
		}
		if r.Dates != nil {
			for _, f := range DateFields {
				if p := out.Dates.Field(f); *p == nil && *r.Dates.Field(f) != nil {
					v := **r.Dates.Field(f)
					*p = &v
				}
			}
		}
		if r.Affected != nil {
			if out.Affected == nil {
				out.Affected = &Affected{}
			}
			if r.Affected.Count != nil && (out.Affected.Count == nil || *r.Affected.Count > *out.Affected.Count) {
				v := *r.Affected.Count
				out.Affected.Count = &v
				out.Affected.Approximate = r.Affected.Approximate
				if len(r.Affected.Groups) > 0 {
					out.Affected.Groups = append([]Group(nil), r.Affected.Groups...)
				}
			}
			if len(out.Affected.Groups) == 0 && len(r.Affected.Groups) > 0 {
				out.Affected.Groups = append([]Group(nil), r.Affected.Groups...)
			}
			out.Affected.Confirmed = out.Affected.Confirmed || r.Affected.Confirmed
		}
		items = append(items, r.DataItems...)
		causes = append(causes, r.Causes...)
		responses = append(responses, r.Responses...)
		out.Contractor = out.Contractor || r.Contractor
		out.MyNumber = out.MyNumber || r.MyNumber
		out.CommunicationsSecrecy = out.CommunicationsSecrecy || r.CommunicationsSecrecy
		if out.Processor == "" {
			out.Processor = r.Processor
		}
		out.Findings = mergeFindings(out.Findings, r.Findings)
	}
	if out.Affected == nil {
		out.Affected = &Affected{}
	}
	out.DataItems = orderedSet(items, DataItems)
	out.Causes = Uniq(causes)
	if len(out.Causes) > 1 {
		specific := false
		for _, c := range out.Causes {
			switch c {
			case "web_skimming", "ransomware", "account_compromise":
				specific = true
			}
		}
		kept := out.Causes[:0]
		for _, c := range out.Causes {
			if c != "unknown" && !(specific && c == "unauthorized_access") {
				kept = append(kept, c)
			}
		}
		out.Causes = kept
	}
	out.Responses = orderedSet(responses, Responses)
	// a merged value is as sure as the surest record that gives it
	for _, r := range ordered {
		for k, c := range r.Confidence {
			if v := r.valueAt(k); v != "" && v == out.valueAt(k) && c > out.Confidence[k] {
				if out.Confidence == nil {
					out.Confidence = map[string]float64{}
				}
				out.Confidence[k] = c
			}
		}
	}
	return out
}

// valueAt is the value of the field path k ("organization",
// "dates.discovered", "causes.loss" …) as a string, "" when the record
// has none.
func (r *Record) valueAt(k string) string {
	field, code, _ := strings.Cut(k, ".")
	switch field {
	case "organization":
		return r.Organization
	case "sector":
		return r.Sector
	case "dates":
		if r.Dates != nil {
			if p := r.Dates.Field(code); p != nil && *p != nil {
				return **p
			}
		}
	case "affected":
		if code == "count" && r.Affected != nil && r.Affected.Count != nil {
			return strconv.FormatInt(*r.Affected.Count, 10)
		}
	case "data_items", "causes", "responses":
		set := map[string][]string{"data_items": r.DataItems, "causes": r.Causes, "responses": r.Responses}[field]
		if slices.Contains(set, code) {
			return code
		}
	}
	return ""
}

// mergeFindings joins what regulators found over a case's records: the
// first regulator's name, the union of actions, articles and safeguards.
func mergeFindings(a, b *Findings) *Findings {
	if b == nil {
		return a
	}
	if a == nil {
		c := *b
		c.Actions = append([]string(nil), b.Actions...)
		c.Articles = append([]string(nil), b.Articles...)
		c.Safeguards = append([]string(nil), b.Safeguards...)
		return &c
	}
	if a.Regulator == "" {
		a.Regulator = b.Regulator
	}
	if a.Law == "" {
		a.Law = b.Law
	}
	a.Actions = Uniq(append(a.Actions, b.Actions...))
	a.Articles = Uniq(append(a.Articles, b.Articles...))
	a.Safeguards = Uniq(append(a.Safeguards, b.Safeguards...))
	return a
}

func kindRank(k Kind) int {
	switch k {
	case KindBreach:
		return 0
	case KindRegulator:
		return 1
	}
	return 2
}

// Uniq returns xs without repeats, keeping the first of each.
func Uniq[T comparable](xs []T) []T {
	seen := map[T]bool{}
	var out []T
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func orderedSet(xs []string, vocab []Term) []string {
	seen := map[string]bool{}
	for _, x := range xs {
		seen[x] = true
	}
	var out []string
	for _, t := range vocab {
		if seen[t.Code] {
			out = append(out, t.Code)
			delete(seen, t.Code)
		}
	}
	for x := range seen {
		out = append(out, x)
	}
	sort.Strings(out[len(out)-len(seen):])
	return out
}

// Date is the case's own date for sorting and by-year counts: the day it
// was announced, else discovered, else the regulator's action, else when
// it started.
func (r *Record) Date() string {
	if r.Dates == nil {
		return ""
	}
	for _, f := range []string{"announced", "discovered", "regulator_action", "occurred_from", "reported_ppc", "occurred_to"} {
		if p := *r.Dates.Field(f); p != nil {
			return *p
		}
	}
	return ""
}

// Similarity scores how alike two cases are, from 0 to 1: shared causes
// weigh most, then data items, sector, and the words of their titles.
func Similarity(a, b *Record) float64 {
	score := 0.45*jaccard(a.Causes, b.Causes) + 0.3*jaccard(a.DataItems, b.DataItems)
	if a.Sector != "" && a.Sector == b.Sector {
		score += 0.1
	}
	score += 0.15 * jaccard(bigrams(a.Title), bigrams(b.Title))
	return score
}

func jaccard(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	set := map[string]int{}
	for _, x := range a {
		set[x] |= 1
	}
	for _, x := range b {
		set[x] |= 2
	}
	inter := 0
	for _, v := range set {
		if v == 3 {
			inter++
		}
	}
	return float64(inter) / float64(len(set))
}

func bigrams(s string) []string {
	r := []rune(s)
	var out []string
	for i := 0; i+1 < len(r); i++ {
		if unicode.IsSpace(r[i]) || unicode.IsSpace(r[i+1]) {
			continue
		}
		out = append(out, string(r[i:i+2]))
	}
	return out
}

// ScoredCase is a case with its similarity to another.
type ScoredCase struct {
	*Case
	Score float64 `json:"score"`
}

// similarCandidates bounds the cases SimilarCases scores: the most
// recent this many that share the main cause and a data item (else any
// cause), found by the search index, so a case page costs the same at a
// thousand cases and at a million (a whole scan took the connection for
// a second at 10,000 cases and queued every other request behind it).
const similarCandidates = 200

// SimilarCases ranks the cases most like c (at most n) among the recent
// cases that share its main cause and one of its data items; when those
// are fewer than n, among the cases that share any of its causes.
func SimilarCases(ctx context.Context, st Store, c *Case, n int) ([]ScoredCase, error) {
	seen := map[string]bool{c.ID: true}
	var all []ScoredCase
	collect := func(q SearchQuery) error {
		q.Limit = 200
		for q.Offset = 0; q.Offset < similarCandidates; q.Offset += q.Limit {
			res, err := st.Search(ctx, q)
			if err != nil {
				return err
			}
			for _, o := range res.Cases {
				if !seen[o.ID] {
					seen[o.ID] = true
					all = append(all, ScoredCase{o, Similarity(&c.Record, &o.Record)})
				}
			}
			if len(res.Cases) < q.Limit {
				break
			}
		}
		return nil
	}
	if len(c.Causes) > 0 {
		if err := collect(SearchQuery{Causes: c.Causes[:1], Items: c.DataItems}); err != nil {
			return nil, err
		}
		if len(all) < n {
			if err := collect(SearchQuery{Causes: c.Causes}); err != nil {
				return nil, err
			}
		}
	}
	if len(all) < n {
		if err := collect(SearchQuery{}); err != nil { // a case without causes: the recent ones
			return nil, err
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	if len(all) > n {
		all = all[:n]
	}
	return all, nil
}
