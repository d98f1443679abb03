// Package query reads a search query as people write it — in the web
// UI's and the API's URL parameters or in the CLI's flags — into a
// casebook.SearchQuery: vocabulary values as codes or as their Japanese
// labels (誤送信, 氏名, 教育), dates as 2025-01-01, 2025/1/1 or 令和7年1月1日,
// several values repeated or comma-separated. Anything else is an error
// that names the parameter, the value and what would be accepted.
package query

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"casebook"
	"casebook/jtext"
)

// Values are named parameters, as url.Values.
type Values map[string][]string

// The parameter names, shared by the URL and (with - for _) the CLI.
const (
	Cause       = "cause"
	Item        = "item"
	Sector      = "sector"
	OrgKind     = "org_kind"
	Kind        = "kind"
	Year        = "year"
	Since       = "since"
	Until       = "until"
	Org         = "org"
	Sort        = "sort"
	MinAffected = "min_affected"
	Limit       = "limit"
	Offset      = "offset"
	Page        = "page"
	Reportable  = "reportable"
	Late        = "late"
	NeedsReview = "needs_review"
)

// maxOffset bounds how far into a result a page may start: a page beyond
// every result is empty, never a wrapped-around number.
const maxOffset = 1 << 40

// MaxQuery is the longest full-text query, in characters.
const MaxQuery = 200

// Vocabularies maps the vocabulary parameters to their terms.
var Vocabularies = []struct {
	Name  string
	Title string
	Terms []casebook.Term
}{
	{Cause, "原因", casebook.Causes}, {Item, "漏えい項目", casebook.DataItems}, {Sector, "業種", casebook.Sectors},
	{OrgKind, "組織の種類", casebook.OrgKinds}, {Kind, "種別", casebook.Kinds},
}

// Error is a bad parameter value.
type Error struct {
	Param, Value, Want string
	WantJa             string // what would be accepted, in Japanese
}

func (e *Error) Error() string {
	return fmt.Sprintf("bad %s %q: %s", e.Param, e.Value, e.Want)
}

// Japanese says the same in Japanese, for the web pages.
func (e *Error) Japanese() string {
	want := e.WantJa
	if want == "" {
		want = e.Want
	}
	return fmt.Sprintf("「%s」に指定した「%s」は使えません。%s", paramLabels[e.Param], e.Value, want)
}

var paramLabels = map[string]string{
	"q": "キーワード", Cause: "原因", Item: "漏えい項目", Sector: "業種", OrgKind: "組織の種類", Kind: "種別", Year: "年",
	Since: "期間の開始日", Until: "期間の終了日", Org: "組織", Sort: "並び順", MinAffected: "最少人数",
	Limit: "件数", Offset: "開始位置", Page: "ページ", Reportable: "報告対象事態", Late: "報告の遅れ", NeedsReview: "要確認",
}

// Message is err as a person reading Japanese should see it.
func Message(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Japanese()
	}
	return err.Error()
}

// Parse reads the query text q and the filters in v.
func Parse(q string, v Values) (casebook.SearchQuery, error) {
	sq := casebook.SearchQuery{Q: strings.TrimSpace(q), Org: strings.TrimSpace(first(v, Org)), Sort: first(v, Sort), Limit: 20}
	if utf8.RuneCountInString(sq.Q) > MaxQuery {
		return sq, &Error{"q", string([]rune(sq.Q)[:30]) + "…", fmt.Sprintf("%d characters at most", MaxQuery),
			fmt.Sprintf("%d文字以内で指定してください。", MaxQuery)}
	}
	var err error
	dst := map[string]*[]string{Cause: &sq.Causes, Item: &sq.Items, Sector: &sq.Sectors, OrgKind: &sq.OrgKinds, Kind: &sq.Kinds}
	for _, voc := range Vocabularies {
		if *dst[voc.Name], err = codes(v, voc.Name, voc.Terms); err != nil {
			return sq, err
		}
	}
	for _, y := range values(v, Year) {
		n, e := strconv.Atoi(strings.TrimSuffix(jtext.NormString(y), "年"))
		if e != nil || n < 1900 || n > 2100 {
			return sq, &Error{Year, y, "a year such as 2024", "2024のような西暦の年で指定してください。"}
		}
		sq.Years = append(sq.Years, strconv.Itoa(n))
	}
	if sq.Since, err = date(v, Since); err != nil {
		return sq, err
	}
	if sq.Until, err = date(v, Until); err != nil {
		return sq, err
	}
	switch sq.Sort {
	case "", "date", "affected", "relevance":
	case "日付", "新しい順":
		sq.Sort = "date"
	case "人数":
		sq.Sort = "affected"
	case "関連度":
		sq.Sort = "relevance"
	default:
		return sq, &Error{Sort, sq.Sort, "date, affected or relevance", "date(日付)、affected(人数)、relevance(関連度)のいずれかです。"}
	}
	for name, p := range map[string]*bool{Reportable: &sq.Reportable, Late: &sq.Late, NeedsReview: &sq.NeedsReview} {
		if *p, err = flag(v, name); err != nil {
			return sq, err
		}
	}
	var limit, offset, page int64
	for name, p := range map[string]*int64{MinAffected: &sq.MinAffected, Limit: &limit, Offset: &offset, Page: &page} {
		if *p, err = count(v, name); err != nil {
			return sq, err
		}
	}
	if limit > 0 {
		sq.Limit = int(min(limit, 200))
	}
	sq.Offset = int(min(offset, maxOffset))
	if page > 1 {
		sq.Offset = int(min(page-1, maxOffset/int64(sq.Limit)) * int64(sq.Limit))
	}
	return sq, nil
}

// codes reads a vocabulary parameter: codes or Japanese labels.
func codes(v Values, name string, terms []casebook.Term) ([]string, error) {
	var out []string
	for _, x := range values(v, name) {
		code, ok := casebook.CodeOf(terms, x)
		if !ok {
			return nil, &Error{name, x, "one of " + Choices(terms), "使える値: " + Choices(terms)}
		}
		out = append(out, code)
	}
	return out, nil
}

// Choices lists a vocabulary's values for a message: "loss (紛失), theft (盗難), …".
func Choices(terms []casebook.Term) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.Code + " (" + t.Label + ")"
	}
	return strings.Join(parts, ", ")
}

// date reads a date parameter into ISO form.
func date(v Values, name string) (string, error) {
	s := strings.TrimSpace(first(v, name))
	if s == "" {
		return "", nil
	}
	d, err := jtext.ParseDate(s)
	if err != nil {
		return "", &Error{name, s, "a date such as 2025-01-01, 2025/1/1 or 令和7年1月1日",
			"2025-01-01、2025/1/1、令和7年1月1日のような実在する日付で指定してください。"}
	}
	return d.String(), nil
}

// count reads a non-negative whole number.
func count(v Values, name string) (int64, error) {
	s := strings.TrimSpace(first(v, name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(jtext.NormString(s), 10, 64)
	if err != nil || n < 0 {
		return 0, &Error{name, s, "a whole number, 0 or more", "0以上の整数で指定してください。"}
	}
	return n, nil
}

// flag reads a yes/no parameter: 1, true, yes, はい (or 0, false, no, いいえ).
func flag(v Values, name string) (bool, error) {
	switch s := strings.ToLower(strings.TrimSpace(first(v, name))); s {
	case "", "0", "false", "no", "off", "いいえ":
		return false, nil
	case "1", "true", "yes", "on", "はい":
		return true, nil
	default:
		return false, &Error{name, s, "1 or 0 (true, false)", "1(はい)か0(いいえ)で指定してください。"}
	}
}

// values splits repeated and comma-separated values (、 too).
func values(v Values, name string) []string {
	var out []string
	for _, x := range v[name] {
		for _, y := range strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
			if y = strings.TrimSpace(y); y != "" {
				out = append(out, y)
			}
		}
	}
	return out
}

func first(v Values, name string) string {
	if xs := v[name]; len(xs) > 0 {
		return xs[0]
	}
	return ""
}
