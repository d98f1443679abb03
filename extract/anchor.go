package extract

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"unicode/utf8"
)

// Go's regexp runs every cue as an NFA over every byte; with dozens of
// cues that is the whole cost of extraction. Most cues cannot match
// without one of a few literal words (改ざん, 紛失, …), so each cue keeps
// those "anchors", one pass over the text finds them all, and a cue's
// regexp runs only on the lines that hold one of its anchors.

// anchors returns literals of which every match of pat contains at least
// one, or nil when there is no such set.
func anchors(pat string) []string {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil
	}
	set := required(re.Simplify())
	if len(set) == 0 {
		return nil
	}
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
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
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

// anchorIndex finds the anchors of many cues in one pass.
type anchorIndex struct {
	byRune map[rune][]anchorRef
}

type anchorRef struct {
	lit string
	cue int
}

func newAnchorIndex(cues [][]string) *anchorIndex {
	ix := &anchorIndex{byRune: map[rune][]anchorRef{}}
	for id, lits := range cues {
		for _, l := range lits {
			r, _ := utf8.DecodeRuneInString(l)
			ix.byRune[r] = append(ix.byRune[r], anchorRef{l, id})
		}
	}
	return ix
}

// scan returns, per cue id, the byte offsets where its anchors occur.
func (ix *anchorIndex) scan(s string, ncues int) [][]int {
	hits := make([][]int, ncues)
	for i, r := range s {
		refs := ix.byRune[r]
		for _, a := range refs {
			if strings.HasPrefix(s[i:], a.lit) {
				if h := hits[a.cue]; len(h) == 0 || h[len(h)-1] != i {
					hits[a.cue] = append(hits[a.cue], i)
				}
			}
		}
	}
	return hits
}

// cueSet is a table of cues with their anchors.
type cueSet struct {
	cues []compiledCue
	ix   *anchorIndex
	anch [][]string
	line []bool // the pattern may cross a 。, so it runs on whole lines
}

func newCueSet(cs []cue) *cueSet {
	set := &cueSet{cues: compile(cs)}
	for _, c := range cs {
		set.anch = append(set.anch, anchors(c.Pat))
		set.line = append(set.line, strings.Contains(c.Pat, `[^\n]`) || !strings.Contains(c.Pat, `[^。`) && strings.Contains(c.Pat, "{"))
	}
	set.ix = newAnchorIndex(set.anch)
	return set
}

// matches holds the matches of every cue of a set in one text.
type matches struct {
	set  *cueSet
	s    string
	hits [][]int
}

func (set *cueSet) in(s string) *matches {
	return &matches{set: set, s: s, hits: set.ix.scan(s, len(set.cues))}
}

// find returns the matches of cue i in text order.
func (m *matches) find(i int) [][]int {
	c := m.set.cues[i]
	if m.set.anch[i] == nil {
		return c.re.FindAllStringIndex(m.s, -1)
	}
	// Run on the window around each anchor: the sentence (a cue's gaps
	// never cross a 。) or, for patterns that may, the line.
	var out [][]int
	last := -1
	for _, p := range m.hits[i] {
		if p < last {
			continue
		}
		ls := strings.LastIndexByte(m.s[:p], '\n') + 1
		le := strings.IndexByte(m.s[p:], '\n')
		if le < 0 {
			le = len(m.s)
		} else {
			le += p
		}
		if !m.set.line[i] {
			if k := strings.LastIndex(m.s[ls:p], "。"); k >= 0 {
				ls += k + len("。")
			}
			if k := strings.Index(m.s[p:le], "。"); k >= 0 {
				le = p + k + len("。")
			}
		}
		if ls < last {
			ls = last
		}
		last = le
		for _, x := range c.re.FindAllStringIndex(m.s[ls:le], -1) {
			out = append(out, []int{ls + x[0], ls + x[1]})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// has reports whether any anchor of cue i occurs at all (a cheap test
// before running its regexp).
func (m *matches) has(i int) bool { return m.set.anch[i] == nil || len(m.hits[i]) > 0 }

// hasIn reports whether an anchor of cue i occurs in s[a:b].
func (m *matches) hasIn(i, a, b int) bool {
	if m.set.anch[i] == nil {
		return true
	}
	h := m.hits[i]
	k := sort.SearchInts(h, a)
	return k < len(h) && h[k] < b
}

// lineAnchored wraps a single regexp with its anchors, for the patterns
// used outside the cue tables.
type lineAnchored struct {
	re   *regexp.Regexp
	lits []string
}

func newLineAnchored(pat string) *lineAnchored {
	return &lineAnchored{re: regexp.MustCompile(pat), lits: anchors(pat)}
}

// contains reports whether any anchor literal is in s (true when the
// pattern has none).
func (l *lineAnchored) mayMatch(s string) bool {
	if l.lits == nil {
		return true
	}
	for _, x := range l.lits {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func (l *lineAnchored) MatchString(s string) bool { return l.mayMatch(s) && l.re.MatchString(s) }

func (l *lineAnchored) FindAllStringIndex(s string, n int) [][]int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindAllStringIndex(s, n)
}

func (l *lineAnchored) FindStringIndex(s string) []int {
	if !l.mayMatch(s) {
		return nil
	}
	return l.re.FindStringIndex(s)
}

// literalHits returns the offsets of every occurrence of the literals of
// an alternation of words (faster than running it as a regexp).
type literalSet struct{ ix *anchorIndex }

func newLiteralSet(pat string) *literalSet {
	lits := strings.Split(pat, "|")
	return &literalSet{newAnchorIndex([][]string{lits})}
}

func (l *literalSet) hits(s string) []int { return l.ix.scan(s, 1)[0] }
