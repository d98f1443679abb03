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
func anchors(pat string) []string { return literals(pat, required) }

// leading is the set of literals every match of pat begins with (nil:
// none).
func leading(pat string) []string { return literals(pat, prefixes) }

// literals is the literal set of (the simplified) pat that of computes;
// nil when pat does not parse or a member is empty.
func literals(pat string, of func(*syntax.Regexp) []string) []string {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil
	}
	set := of(re.Simplify())
	for _, s := range set {
		if s == "" {
			return nil
		}
	}
	return set
}

func prefixes(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture:
		return prefixes(re.Sub[0])
	case syntax.OpConcat:
		return prefixes(re.Sub[0])
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s := prefixes(sub)
			if s == nil {
				return nil
			}
			out = append(out, s...)
		}
		return out
	}
	return nil
}

// shortest is the rune length of the shortest literal in set.
func shortest(set []string) int {
	n := 1 << 30
	for _, s := range set {
		n = min(n, utf8.RuneCountInString(s))
	}
	return n
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
			if short := shortest(s); short > bestLen {
				best, bestLen = s, short
			}
		}
		return best
	}
	return nil
}

// maxRunes is the most code points a match of re can span, or -1 when
// unbounded.
func maxRunes(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpCapture:
		return maxRunes(re.Sub[0])
	case syntax.OpQuest:
		return maxRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return -1
	case syntax.OpRepeat:
		if re.Max < 0 {
			return -1
		}
		n := maxRunes(re.Sub[0])
		if n < 0 {
			return -1
		}
		return n * re.Max
	case syntax.OpConcat:
		total := 0
		for _, sub := range re.Sub {
			n := maxRunes(sub)
			if n < 0 {
				return -1
			}
			total += n
		}
		return total
	case syntax.OpAlternate:
		most := 0
		for _, sub := range re.Sub {
			n := maxRunes(sub)
			if n < 0 {
				return -1
			}
			most = max(most, n)
		}
		return most
	}
	return -1
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
	reach int            // bytes a match can reach either side of an anchor (-1: unbounded)
	// head is re anchored at its start, set when every match begins with
	// one of lits: each anchor is then tried where it stands instead of
	// searching its window from every position.
	head *regexp.Regexp
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

// branches splits a pattern at its top-level "|": each branch is matched
// on its own, with anchors of its own, so that a cue of twenty phrasings
// runs only the phrasings whose words occur.
func branches(pat string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '\\':
			i++
		case '(', '[':
			if pat[i] == '[' {
				// a class: skip to its end
				for j := i + 1; j < len(pat); j++ {
					if pat[j] == '\\' {
						j++
						continue
					}
					if pat[j] == ']' && j > i+1 {
						i = j
						break
					}
				}
				continue
			}
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, pat[start:i])
				start = i + 1
			}
		}
	}
	return append(out, pat[start:])
}

func newMatcher(tables [][]cue) *matcher {
	m := &matcher{byRune: map[rune][]anchorRef{}}
	for ti, tab := range tables {
		var split []cue
		for _, c := range tab {
			for _, b := range branches(c.Pat) {
				split = append(split, cue{Code: c.Code, Pat: b, Neg: c.Neg, Sent: c.Sent})
			}
		}
		for _, c := range split {
			p := pattern{table: ti, code: c.Code, re: regexp.MustCompile(c.Pat), lits: anchors(c.Pat)}
			if lits := leading(c.Pat); lits != nil && shortest(lits) >= shortest(p.lits) {
				p.lits, p.head = lits, regexp.MustCompile(`^(?:`+c.Pat+`)`)
			}
			if c.Neg != "" {
				p.neg = regexp.MustCompile(`^(?:` + c.Neg + `)`)
			}
			if c.Sent != "" {
				p.sent = regexp.MustCompile(c.Sent)
			}
			p.wide = strings.Contains(c.Pat, `[^\n]`)
			p.reach = -1
			if re, err := syntax.Parse(c.Pat, syntax.Perl); err == nil && !strings.Contains(c.Pat, "^") {
				// (a pattern anchored at the start reads its whole window)
				if n := maxRunes(re.Simplify()); n >= 0 {
					p.reach = 4 * n // a code point is at most four bytes
				}
			}
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
	// run looks for pattern id in s[from:to], inside the sentence (or
	// line) [sa, sb) its exclusions are checked against
	run := func(id, from, to, sa, sb int) {
		p := &m.pats[id]
		if p.sent != nil && p.sent.MatchString(s[sa:sb]) {
			return
		}
		for _, x := range p.re.FindAllStringIndex(s[from:to], -1) {
			if p.neg != nil && p.neg.MatchString(s[from+x[1]:sb]) {
				continue
			}
			out = append(out, hit{id, from + x[0], from + x[1]})
		}
	}
	for id := range m.pats {
		if m.pats[id].lits == nil {
			continue
		}
		if m.pats[id].head != nil {
			m.runHeads(s, sents, id, at[id], &out)
			continue
		}
		lastA, lastB := -1, -1
		for _, p := range at[id] {
			sa, sb := window(s, sents, p, m.pats[id].wide)
			a, b := sa, sb
			if r := m.pats[id].reach; r >= 0 {
				// a match that holds this anchor lies within its reach
				a, b = max(a, p-r), min(b, p+r)
				for a > 0 && a < len(s) && s[a]&0xC0 == 0x80 {
					a--
				}
				for b < len(s) && b > 0 && s[b]&0xC0 == 0x80 {
					b++
				}
			}
			if a == lastA && b == lastB {
				continue // the same window as the anchor before
			}
			lastA, lastB = a, b
			run(id, a, b, sa, sb)
		}
	}
	for _, id := range m.always {
		for _, sn := range sents {
			run(id, sn.start, sn.end, sn.start, sn.end)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		if out[i].pat != out[j].pat {
			return out[i].pat < out[j].pat
		}
		return out[i].end < out[j].end
	})
	// overlapping windows find a match twice
	uniq := out[:0]
	for i, h := range out {
		if i > 0 && h == out[i-1] {
			continue
		}
		uniq = append(uniq, h)
	}
	return uniq
}

// runHeads tries pattern id at each of its anchors, which are where its
// matches begin. Like a search of the window, a match found hides the
// anchors inside it.
func (m *matcher) runHeads(s string, sents []sentence, id int, at []int, out *[]hit) {
	p := &m.pats[id]
	lastSent, excluded, end := -1, false, -1
	for _, a := range at {
		if a < end {
			continue
		}
		sa, sb := window(s, sents, a, p.wide)
		if sa != lastSent {
			lastSent, end = sa, -1
			excluded = p.sent != nil && p.sent.MatchString(s[sa:sb])
		}
		if excluded {
			continue
		}
		b := sb
		if p.reach >= 0 && a+p.reach < b {
			b = a + p.reach
			for b < len(s) && s[b]&0xC0 == 0x80 {
				b++
			}
		}
		x := p.head.FindStringIndex(s[a:b])
		if x == nil {
			continue
		}
		end = a + x[1]
		if p.neg != nil && p.neg.MatchString(s[end:sb]) {
			continue
		}
		*out = append(*out, hit{id, a, end})
	}
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

// phrase is a single pattern used outside the cue tables (a reader's
// context words: 可能性|おそれ, 判明|発覚 …). Like the cues, it is split into
// its branches; a text is scanned once for all their anchors and only the
// branches whose anchors occur are run — a branch whose matches begin
// with its anchors only where they stand.
type phrase struct {
	branches []*regexp.Regexp
	heads    []*regexp.Regexp // the branch anchored at its start, if its anchors begin every match
	always   []int            // branches without anchors
	byRune   map[rune][]anchorRef
}

func newPhrase(pat string) *phrase {
	p := &phrase{byRune: map[rune][]anchorRef{}}
	for _, b := range branches(pat) {
		id := len(p.branches)
		p.branches = append(p.branches, regexp.MustCompile(b))
		var head *regexp.Regexp
		lits := anchors(b)
		if l := leading(b); l != nil && shortest(l) >= shortest(lits) {
			lits, head = l, regexp.MustCompile(`^(?:`+b+`)`)
		}
		p.heads = append(p.heads, head)
		if lits == nil {
			p.always = append(p.always, id)
		}
		for _, l := range lits {
			r, _ := utf8.DecodeRuneInString(l)
			p.byRune[r] = append(p.byRune[r], anchorRef{l, id})
		}
	}
	return p
}

// occurrence is an anchor of branch pat at byte at of the text.
type occurrence struct{ pat, at int }

// occurrences lists, in text order, where the anchors of the branches
// occur in s: every place for a branch with a head, the first for others.
func (p *phrase) occurrences(s string) []occurrence {
	var out []occurrence
	var seen []bool
	for i, r := range s {
		for _, a := range p.byRune[r] {
			if !strings.HasPrefix(s[i:], a.lit) {
				continue
			}
			if p.heads[a.pat] == nil {
				if seen == nil {
					seen = make([]bool, len(p.branches))
				}
				if seen[a.pat] {
					continue
				}
				seen[a.pat] = true
			} else if n := len(out); n > 0 && out[n-1] == (occurrence{a.pat, i}) {
				continue
			}
			out = append(out, occurrence{a.pat, i})
		}
	}
	return out
}

// In reports whether the phrase occurs in s.
func (p *phrase) In(s string) bool {
	for _, id := range p.always {
		if p.branches[id].MatchString(s) {
			return true
		}
	}
	for _, o := range p.occurrences(s) {
		if h := p.heads[o.pat]; h != nil {
			if h.MatchString(s[o.at:]) {
				return true
			}
		} else if p.branches[o.pat].MatchString(s) {
			return true
		}
	}
	return false
}

// Find returns the leftmost match in s, or nil.
func (p *phrase) Find(s string) []int {
	var best []int
	keep := func(m []int) {
		if m != nil && (best == nil || m[0] < best[0] || m[0] == best[0] && m[1] > best[1]) {
			best = m
		}
	}
	for _, id := range p.always {
		keep(p.branches[id].FindStringIndex(s))
	}
	for _, o := range p.occurrences(s) {
		if h := p.heads[o.pat]; h != nil {
			if best != nil && o.at > best[0] {
				continue
			}
			if m := h.FindStringIndex(s[o.at:]); m != nil {
				keep([]int{o.at, o.at + m[1]})
			}
		} else {
			keep(p.branches[o.pat].FindStringIndex(s))
		}
	}
	return best
}

// FindAll returns the matches in s, in text order, without overlaps
// (the leftmost, then the longest, wins).
func (p *phrase) FindAll(s string) [][]int {
	var all [][]int
	for _, id := range p.always {
		all = append(all, p.branches[id].FindAllStringIndex(s, -1)...)
	}
	var ends []int // per branch with a head: the end of its last match
	for _, o := range p.occurrences(s) {
		h := p.heads[o.pat]
		if h == nil {
			all = append(all, p.branches[o.pat].FindAllStringIndex(s, -1)...)
			continue
		}
		if ends == nil {
			ends = make([]int, len(p.branches))
		}
		if o.at < ends[o.pat] {
			continue // inside this branch's match before, as a search would skip it
		}
		if m := h.FindStringIndex(s[o.at:]); m != nil {
			all = append(all, []int{o.at, o.at + m[1]})
			ends[o.pat] = o.at + max(m[1], 1)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i][0] != all[j][0] {
			return all[i][0] < all[j][0]
		}
		return all[i][1] > all[j][1]
	})
	out := all[:0]
	end := -1
	for _, m := range all {
		if m[0] >= end {
			out = append(out, m)
			end = m[1]
		}
	}
	return out
}
