// Package index defines casebook's search index: which keys a case is
// filed under and which keys a query reads. A case's folded text is filed
// under every character, pair and triple of characters in it (so a query
// of one, two or three characters is answered exactly by one key, and a
// longer one by the intersection of its triples, confirmed against the
// text); its title and organization under the same grams in namespaces of
// their own (for relevance and the organization filter); and its codes
// and dates under facet keys (cause, data item, sector, kind, year,
// month, a band of people affected). Keys are 64-bit integers so the
// posting lists (roaring bitmaps of case numbers, in the database) are
// found by integer comparison. The package is pure: no I/O.
package index

import (
	"slices"
	"strconv"
	"unicode/utf8"
)

// Version changes whenever keys change meaning; an index of another
// version is rebuilt.
const Version = 6

// Key is an index key: a gram (positive) or a facet (negative).
type Key = int64

// Special keys of a segment.
const (
	KeyDeleted Key = -1 // case numbers this segment's writes made obsolete
	KeySort    Key = -2 // the sort keys of the segment's cases (packed)
	KeyAll     Key = -3 // every case the segment holds
	KeyNoDate  Key = -4 // cases without a date
)

// Gram namespaces: the first character of a gram is shifted into a range
// of its own, so a title gram never equals a text gram.
const (
	nsText = 0
	nsHead = 0x110001 // after every code point + 1
)

// slot is a character's value in a gram key (never 0: 0 means "none").
func slot(r rune) uint64 { return uint64(r) + 1 }

// gramKeys appends the distinct gram keys of text in namespace ns.
// Grams do not cross line breaks or blanks. Characters outside the Basic
// Multilingual Plane are filed only in the text namespace.
func gramKeys(text string, ns uint64, buf []uint64) []uint64 {
	var r1, r2 uint64 // the two characters before (0: none)
	mark := func(v uint64) uint64 {
		if ns == nsText {
			return v
		}
		return v - 1 + ns
	}
	for _, r := range text {
		if r == '\n' || r == ' ' || r == '\t' || r == '\r' || r == utf8.RuneError {
			r1, r2 = 0, 0
			continue
		}
		if ns != nsText && r > 0xFFFF {
			r1, r2 = 0, 0
			continue
		}
		c := slot(r)
		buf = append(buf, mark(c))
		if r2 != 0 {
			buf = append(buf, mark(r2)<<21|c)
			if r1 != 0 {
				buf = append(buf, mark(r1)<<42|r2<<21|c)
			}
		}
		r1, r2 = r2, c
	}
	return buf
}

// CaseKeys returns the distinct keys a case is filed under: the grams of
// its folded search text and of its folded title-and-organization head,
// and the phrases its text contains. (Phrase keys are negative: as
// uint64 they sort after every gram.)
func CaseKeys(text, head string, buf []uint64) []uint64 {
	buf = gramKeys(text, nsText, buf[:0])
	buf = gramKeys(head, nsHead, buf)
	buf = phraseKeys(text, buf)
	slices.Sort(buf)
	return slices.Compact(buf)
}

// Plan is how to find the cases containing a term: the intersection of
// Keys, exact when Exact, else to be confirmed against the text.
type Plan struct {
	Term  string
	Keys  []Key
	Exact bool
}

func plan(term string, ns uint64) Plan {
	rs := []rune(term)
	p := Plan{Term: term, Exact: len(rs) <= 3}
	if len(rs) == 0 {
		return p
	}
	if ns == nsText && len(rs) > 3 && phraseSet[term] {
		return Plan{Term: term, Keys: []Key{PhraseKey(term)}, Exact: true}
	}
	if ns != nsText {
		for _, r := range rs {
			if r > 0xFFFF {
				return Plan{Term: term} // no key: confirm against the text
			}
		}
	}
	if len(rs) <= 3 {
		p.Keys = []Key{wholeKey(rs, ns)}
		return p
	}
	// every triple of the term
	for i := 0; i+3 <= len(rs); i++ {
		p.Keys = append(p.Keys, wholeKey(rs[i:i+3], ns))
	}
	slices.Sort(p.Keys)
	p.Keys = slices.Compact(p.Keys)
	return p
}

// wholeKey is the key of a gram of 1–3 characters.
func wholeKey(rs []rune, ns uint64) Key {
	mark := func(v uint64) uint64 {
		if ns == nsText {
			return v
		}
		return v - 1 + ns
	}
	switch len(rs) {
	case 1:
		return Key(mark(slot(rs[0])))
	case 2:
		return Key(mark(slot(rs[0]))<<21 | slot(rs[1]))
	}
	return Key(mark(slot(rs[0]))<<42 | slot(rs[1])<<21 | slot(rs[2]))
}

// TextPlan plans a folded term over the case text.
func TextPlan(term string) Plan { return plan(term, nsText) }

// HeadPlan plans a folded term over the title and organization.
func HeadPlan(term string) Plan { return plan(term, nsHead) }

// HasBlank reports whether a term holds a character no gram holds (a
// line break or blank), so that it cannot be planned.
func HasBlank(term string) bool {
	for _, r := range term {
		if r == '\n' || r == ' ' || r == '\t' || r == '\r' {
			return true
		}
	}
	return false
}

// Facet keys: negative numbers in ranges of their own. Codes are numbered
// by their place in casebook's vocabularies (Version changes when one is
// reordered).
const (
	facetCause  = 1000
	facetItem   = 2000
	facetSector = 3000
	facetKind   = 4000
	facetBand   = 5000
	facetFlag   = 6000
	facetOrg    = 7000
	facetYear   = 10000 // + year
	facetMonth  = 100000
)

// CauseKey and the others are the facet keys of a code's position in its
// vocabulary.
func CauseKey(i int) Key   { return -(facetCause + Key(i)) }
func ItemKey(i int) Key    { return -(facetItem + Key(i)) }
func SectorKey(i int) Key  { return -(facetSector + Key(i)) }
func KindKey(i int) Key    { return -(facetKind + Key(i)) }
func FlagKey(i int) Key    { return -(facetFlag + Key(i)) }
func OrgKindKey(i int) Key { return -(facetOrg + Key(i)) }

// YearKey is the facet key of a year.
func YearKey(y int) Key { return -(facetYear + Key(y)) }

// MonthKey is the facet key of a month (2024-05 → 202405).
func MonthKey(y, m int) Key { return -(facetMonth + Key(y*100+m)) }

// MonthOf returns the year and month of a month key, and whether it is one.
func MonthOf(k Key) (y, m int, ok bool) {
	v := -k - facetMonth
	if v < 100001 || v > 999912 {
		return 0, 0, false
	}
	return int(v / 100), int(v % 100), true
}

// YearOf returns the year of a year key, and whether it is one.
func YearOf(k Key) (int, bool) {
	v := -k - facetYear
	if v < 1000 || v > 9999 {
		return 0, false
	}
	return int(v), true
}

// Bands of people affected: band b holds counts in [BandLow(b), BandLow(b+1)).
// Four bands a decade, so a minimum or the largest counts need few cases
// checked one by one.
var bandLows = func() []int64 {
	out := []int64{0, 1}
	for p := int64(1); p <= 1e10; p *= 10 {
		for _, m := range []int64{2, 3, 5, 10} {
			if v := p * m; v > out[len(out)-1] {
				out = append(out, v)
			}
		}
	}
	return out
}()

// Bands is the number of bands.
func Bands() int { return len(bandLows) }

// Band returns the band of a count of people.
func Band(n int64) int {
	i, _ := slices.BinarySearch(bandLows, n+1)
	return i - 1
}

// BandLow is the smallest count in band b.
func BandLow(b int) int64 { return bandLows[b] }

// BandKey is the facet key of a band.
func BandKey(b int) Key { return -(facetBand + Key(b)) }

// Date packs an ISO date (YYYY-MM-DD) as YYYYMMDD, 0 when none.
func Date(iso string) uint32 {
	if len(iso) < 10 {
		return 0
	}
	y, e1 := strconv.Atoi(iso[:4])
	m, e2 := strconv.Atoi(iso[5:7])
	d, e3 := strconv.Atoi(iso[8:10])
	if e1 != nil || e2 != nil || e3 != nil {
		return 0
	}
	return uint32(y*10000 + m*100 + d)
}
