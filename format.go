package casebook

import (
	"strconv"
	"strings"
)

// Figures as casebook writes them for people, the same on the web pages
// and in the CLI: digits grouped by three (4,342), 約 for approximate
// counts, 円 and 人.

// Comma writes n with its digits grouped by three.
func Comma(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// People writes the people affected ("約4,800人"), or "—" when unknown.
func People(a *Affected) string {
	if a == nil || a.Count == nil {
		return "—"
	}
	s := Comma(*a.Count) + "人"
	if a.Approximate {
		s = "約" + s
	}
	return s
}

// Yen writes an amount of yen ("78,000円").
func Yen(n int64) string { return Comma(n) + "円" }

// JNSAFactors names the factors of the JNSA model a judgement may have
// assumed (JNSA.Assumed).
var JNSAFactors = []Term{
	{"social", "社会的責任度"}, {"response", "事後対応評価"}, {"count", "人数"}, {"items", "漏えい項目"},
}

// Labels writes the labels of codes in vocabulary v joined with sep.
func Labels(v []Term, codes []string, sep string) string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = Label(v, c)
	}
	return strings.Join(out, sep)
}
