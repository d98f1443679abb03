package jtext

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// ParseNumber parses a Japanese-written number: 4342, 4,342, 1万5,370,
// 596万, 1.2万, 2億3000万, with full-width digits. It rejects anything else.
func ParseNumber(s string) (int64, error) {
	n := StripSpaces(NormString(s))
	n = strings.ReplaceAll(n, ",", "")
	if n == "" {
		return 0, fmt.Errorf("empty number")
	}
	var total float64
	rest := n
	for _, u := range []struct {
		mark string
		mul  float64
	}{{"兆", 1e12}, {"億", 1e8}, {"万", 1e4}, {"千", 1e3}} {
		if i := strings.Index(rest, u.mark); i >= 0 {
			head := rest[:i]
			if head == "" {
				return 0, fmt.Errorf("number %q: %s without digits", s, u.mark)
			}
			v, err := strconv.ParseFloat(head, 64)
			if err != nil || v < 0 {
				return 0, fmt.Errorf("number %q: bad part %q", s, head)
			}
			total += v * u.mul
			rest = rest[i+len(u.mark):]
		}
	}
	if rest != "" {
		v, err := strconv.ParseFloat(rest, 64)
		if err != nil || v < 0 {
			return 0, fmt.Errorf("number %q: bad part %q", s, rest)
		}
		total += v
	}
	if total > 1e15 {
		return 0, fmt.Errorf("number %q: too large", s)
	}
	return int64(total + 0.5), nil
}

// Count is a number of people or records found in normalized text.
type Count struct {
	Start, End  int // byte offsets of the whole expression in the normalized text
	Value       int64
	Unit        string // 人, 名, 件, 世帯, アカウント …
	Approximate bool   // 約, およそ, 以上, 程度 …
	Prefix      string // 約, 計, 延べ, 最大 … as written
}

// People reports whether the unit counts people rather than records.
func (c Count) People() bool {
	switch c.Unit {
	case "人", "名", "世帯", "アカウント", "人分", "名分", "名様":
		return true
	}
	return false
}

const numPart = `\d[\d,]*(?:\.\d+)?(?:` + sp + `[兆億万千](?:` + sp + `\d[\d,]*(?:\.\d+)?)?)*`

var countRE = regexp.MustCompile(`^()` +
	`(` + numPart + `)` + sp + `(人|名様|名|件|世帯|アカウント|通)(分)?` + sp +
	`(以上|程度|超|余り|あまり|前後|ほど|強|弱)?`)

var prefixRE = regexp.MustCompile(`(約|およそ|おおよそ|概ね|最大|最大で|計|合計|延べ|総計|総数)` + sp + `$`)

// FindCounts returns every count of people or records in normalized text.
func FindCounts(s string) []Count {
	var out []Count
	candidates(s, nil, func(at int) int {
		if at > 0 && (s[at-1] == '.' || s[at-1] == ',') {
			return 0
		}
		m := countRE.FindStringSubmatchIndex(window(s, at, 80))
		if m == nil {
			return 0
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += at
			}
		}
		// a prefix word written before the number
		m[2], m[3] = -1, -1
		if p := prefixRE.FindStringSubmatchIndex(s[max(0, at-24):at]); p != nil {
			m[2], m[3] = max(0, at-24)+p[2], max(0, at-24)+p[3]
			m[0] = m[2]
		}
		num := s[m[4]:m[5]]
		v, err := ParseNumber(num)
		if err != nil || v == 0 {
			return 0
		}
		c := Count{Start: m[0], End: m[1], Value: v, Unit: s[m[6]:m[7]]}
		if m[2] >= 0 {
			c.Prefix = s[m[2]:m[3]]
		} else {
			c.Start = m[4]
		}
		if m[8] >= 0 {
			c.Unit += "分"
		}
		switch c.Prefix {
		case "約", "およそ", "おおよそ", "概ね":
			c.Approximate = true
		}
		if m[10] >= 0 {
			switch s[m[10]:m[11]] {
			case "以上", "程度", "超", "余り", "あまり", "前後", "ほど", "強", "弱":
				c.Approximate = true
			}
		}
		out = append(out, c)
		return m[1]
	})
	return out
}
