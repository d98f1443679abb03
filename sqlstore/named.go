package sqlstore

import (
	"strings"

	"casebook"
	"casebook/index"
)

// A query term that names one of casebook's own categories also finds the
// cases coded so: スキミング and 決済画面 find the cases of
// 「Webスキミング(決済画面改ざん)」 whatever words their notices use, 誤送信
// the cases of 「誤送付・誤送信」, web_skimming the same. A term names a
// code when it is the code or its label, one of the label's parts
// (between ・ and brackets), or — three characters or more — a piece of
// the label. The catch-alls (unknown, other) are never named.

// namedCode is a code a term names: its facet ('c' cause, 'i' data item,
// 's' sector), the code and its facet key.
type namedCode struct {
	facet byte
	code  string
	key   index.Key
}

type labelled struct {
	namedCode
	label string   // folded
	parts []string // folded
}

var vocabularyLabels = func() []labelled {
	var out []labelled
	add := func(facet byte, terms []casebook.Term, key func(int) index.Key) {
		for i, t := range terms {
			if t.Code == "unknown" || t.Code == "other" {
				continue
			}
			l := labelled{namedCode: namedCode{facet, t.Code, key(i)}, label: Fold(t.Label)}
			l.parts = strings.FieldsFunc(l.label, func(r rune) bool {
				return strings.ContainsRune("・()（）、/", r)
			})
			out = append(out, l)
		}
	}
	add('c', casebook.Causes, index.CauseKey)
	add('i', casebook.DataItems, index.ItemKey)
	add('s', casebook.Sectors, index.SectorKey)
	return out
}()

// namedCodes returns the codes any of a term's alternatives (folded) names.
func namedCodes(alts []string) []namedCode {
	var out []namedCode
	for _, l := range vocabularyLabels {
		for _, a := range alts {
			if names(l, a) {
				out = append(out, l.namedCode)
				break
			}
		}
	}
	return out
}

func names(l labelled, term string) bool {
	if term == "" {
		return false
	}
	if term == l.code || term == l.label {
		return true
	}
	for _, p := range l.parts {
		if term == p {
			return true
		}
	}
	return len([]rune(term)) >= 3 && strings.Contains(l.label, term)
}

// codedAs reports whether a case (its codes column and sector) is coded as
// one of named.
func codedAs(codes, sector string, named []namedCode) bool {
	for _, n := range named {
		if n.facet == 's' {
			if sector == n.code {
				return true
			}
		} else if strings.Contains(codes, " "+string(n.facet)+":"+n.code+" ") {
			return true
		}
	}
	return false
}
