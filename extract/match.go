package extract

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"unicode/utf8"
)

// Go's regexp runs every pattern as an automaton over every byte; with a
// hundred cues that would be the whole cost of extraction. Almost every
// cue needs one of a few literal words (改ざん, 紛失, …) to match, so the
// matcher derives those anchors from each pattern's syntax tree, finds all
// anchors of all cues in one pass over the text, and runs a cue's regexp
// only on the sentences that hold one of its anchors.

// anchors returns literals of which every match of pat contains at least
// one, or nil when there is no such set.
func anchors(pat string) []string {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil
	}
	set := required(re.Simplify())
	for _, s := range set {
		if s == "" {
			return nil
		}
	}
	return set
}

// required computes the anchor set of a regexp node (nil: none).
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s := required(sub)
			if s == nil {
				return nil
			}
			out = append(out, s...)
		}
		return out
	case syntax.OpConcat:
		// the child whose shortest anchor is longest: the most selective
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			s := required(sub)
			if s == nil {
				continue
			}
			short := 1 << 30
			for _, x := range s {
				short = min(short, utf8.RuneCountInString(x))
			}
			if short > bestLen {
				best, bestLen = s, short
			}
		}
		return best
	}
	return nil
}

// pattern is one compiled cue of a table.
type pattern struct {
	table int
	code  string
	re    *regexp.Regexp
	neg   *regexp.Regexp // must not follow the match within its clause
	sent  *regexp.Regexp // must not occur in the match's sentence
	lits  []string       // anchors; nil: run on every sentence
	wide  bool           // the pattern may cross a 。: run it on the whole line
}

// matcher finds the matches of many patterns in one pass.
type matcher struct {
	pats   []pattern
	byRune map[rune][]anchorRef
	always []int // patterns without anchors
}

type anchorRef struct {
	lit string
	pat int
}

func newMatcher(tables [][]cue) *matcher {
	m := &matcher{byRune: map[rune][]anchorRef{}}
	for ti, tab := range tables {
		for _, c := range tab {
			p := pattern{table: ti, code: c.Code, re: regexp.MustCompile(c.Pat), lits: anchors(c.Pat)}
			if c.Neg != "" {
				p.neg = regexp.MustCompile(`^(?:` + c.Neg + `)`)
			}
			if c.Sent != "" {
				p.sent = regexp.MustCompile(c.Sent)
			}
			p.wide = strings.Contains(c.Pat, `[^\n]`)
			id := len(m.pats)
			m.pats = append(m.pats, p)
			if p.lits == nil {
				m.always = append(m.always, id)
			}
			for _, l := range p.lits {
				r, _ := utf8.DecodeRuneInString(l)
				m.byRune[r] = append(m.byRune[r], anchorRef{l, id})
			}
		}
	}
	return m
}

// hit is one match of a cue in the text.
type hit struct {
	pat        int // index into matcher.pats
	start, end int // byte offsets in the normalized text
}

// scan returns every match of every pattern in s, in text order.
// sentences are the [start, end) ranges a pattern's window is cut to.
func (m *matcher) scan(s string, sents []sentence) []hit {
	// every anchor occurrence, per pattern
	at := make([][]int, len(m.pats))
	for i, r := range s {
		for _, a := range m.byRune[r] {
			if strings.HasPrefix(s[i:], a.lit) {
				if h := at[a.pat]; len(h) == 0 || h[len(h)-1] != i {
					at[a.pat] = append(at[a.pat], i)
				}
			}
		}
	}
	var out []hit
	run := func(id, from, to int) {
		p := &m.pats[id]
		if p.sent != nil && p.sent.MatchString(s[from:to]) {
			return
		}
		for _, x := range p.re.FindAllStringIndex(s[from:to], -1) {
			if p.neg != nil && p.neg.MatchString(s[from+x[1]:to]) {
				continue
			}
			out = append(out, hit{id, from + x[0], from + x[1]})
		}
	}
	for id := range m.pats {
		if m.pats[id].lits == nil {
			continue
		}
		last := -1
		for _, p := range at[id] {
			if p < last {
				continue
			}
			a, b := window(s, sents, p, m.pats[id].wide)
			a = max(a, last)
			last = b
			run(id, a, b)
		}
	}
	for _, id := range m.always {
		for _, sn := range sents {
			run(id, sn.start, sn.end)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].pat < out[j].pat
	})
	return out
}

// clauseEnd is the end of the clause that goes on at byte p: the next 、
// after hiragana (a verb or particle), or to.
func clauseEnd(s string, p, to int) int {
	for i := p; i < to; {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '、' && i > 0 && clauseBreak(s[:i]) {
			return i
		}
		i += n
	}
	return to
}

// window is the sentence around byte p, or its line for wide patterns.
func window(s string, sents []sentence, p int, wide bool) (int, int) {
	if wide {
		a := strings.LastIndexByte(s[:p], '\n') + 1
		b := strings.IndexByte(s[p:], '\n')
		if b < 0 {
			return a, len(s)
		}
		return a, p + b
	}
	i := sort.Search(len(sents), func(i int) bool { return sents[i].end > p })
	if i < len(sents) && sents[i].start <= p {
		return sents[i].start, sents[i].end
	}
	return p, p
}

// phrase is a single pattern used outside the cue tables, run with its
// anchors as a cheap prefilter.
type phrase struct {
	re   *regexp.Regexp
	lits []string
}

func newPhrase(pat string) *phrase { return &phrase{re: regexp.MustCompile(pat), lits: anchors(pat)} }

func (p *phrase) mayMatch(s string) bool {
	if p.lits == nil {
		return true
	}
	for _, x := range p.lits {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// In reports whether the phrase occurs in s.
func (p *phrase) In(s string) bool { return p.mayMatch(s) && p.re.MatchString(s) }

// Find returns the first match in s, or nil.
func (p *phrase) Find(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re.FindStringIndex(s)
}

// FindAll returns every match in s.
func (p *phrase) FindAll(s string) [][]int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re.FindAllStringIndex(s, -1)
}
