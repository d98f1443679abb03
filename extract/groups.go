package extract

import (
	"regexp"
	"strconv"
	"strings"

	"casebook"
	"casebook/jtext"
)

// Groups of people: a notice that gives figures for different sets of
// data ("クレジットカード決済をされたお客様4,583名で、…情報は以下のとおり:
// カード名義人名, カード番号 …" and "顧客情報を入力したお客様65,520名で、
// …: 氏名, 住所 …") has one group per figure, each with the items its
// sentence names or the list under it introduces. Two figures of one set
// (4,748件 of cards, 4,583名 of card holders) are one group, the people's
// figure kept. With fewer than two groups there are none.

type group struct {
	c     jtext.Count
	items []string
}

func (v *view) readGroups() []casebook.Group {
	var gs []group
	for _, c := range v.counts {
		if c.End > v.zone || c.Start < v.body || c.Value < 2 || !(c.People() || c.Unit == "件") || v.countTier(c) < 2 {
			continue
		}
		if si := v.d.sentAt(c.Start); si >= 0 && strings.Contains(v.d.sentText(si), "内訳") && !v.d.lines[v.d.lineAt(c.Start)].list {
			continue // a total over the parts listed under it
		}
		items := v.itemsOfCount(c)
		if len(items) == 0 {
			continue
		}
		gs = append(gs, group{c, items})
	}
	// one set given twice is one group: one figure, the same items, or
	// item sets one inside the other with figures of one size
	var out []group
	for _, g := range gs {
		merged := false
		for i, o := range out {
			same := g.c.Value == o.c.Value || subset(g.items, o.items) && subset(o.items, g.items) ||
				(subset(g.items, o.items) || subset(o.items, g.items)) && sameSize(g.c.Value, o.c.Value)
			if !same {
				continue
			}
			if better(g, o) {
				out[i] = group{g.c, union(g.items, o.items)}
			} else {
				out[i].items = union(g.items, o.items)
			}
			merged = true
			break
		}
		if !merged {
			out = append(out, g)
		}
	}
	if len(out) < 2 {
		return nil
	}
	res := make([]casebook.Group, len(out))
	for i, g := range out {
		res[i] = casebook.Group{Count: g.c.Value, DataItems: orderBy(g.items, casebook.DataItems), Confirmed: v.confirmedFor(g.items)}
		v.evidence("affected.groups."+strconv.Itoa(i), g.c.Start, g.c.End)
	}
	return res
}

// itemsOfCount: the data items that belong to count c in its sentence —
// after it ("8,540名の氏名、住所"), else before it back to the count
// before ("氏名、電話番号(約3,600名分)、並びに…氏名、住所(約820名分)") —
// or, for the sentence's last count, in the list under a sentence that
// introduces one (…情報は以下のとおりです。).
func (v *view) itemsOfCount(c jtext.Count) []string {
	d := v.d
	si := d.sentAt(c.Start)
	if si < 0 {
		return nil
	}
	sn := d.sents[si]
	prevEnd, nextStart := sn.start, sn.end
	last := true
	for _, o := range v.counts {
		if o.End <= c.Start && o.End > prevEnd && o.Start >= sn.start {
			prevEnd = o.End
		}
		// (a figure in brackets right after is the same set's: "2,061名(2,114件)")
		if o.Start >= c.End && o.Start < nextStart && !bracketRE.MatchString(d.s[c.End:o.Start]) {
			nextStart, last = o.Start, false
		}
	}
	a, b := prevEnd, c.Start
	if ofRE.MatchString(d.s[c.End:min(len(d.s), c.End+12)]) {
		a, b = c.End, nextStart
	}
	var items []string
	for _, h := range v.hitsOf(tabItems) {
		if h.start >= a && h.end <= b {
			items = append(items, v.code(h))
		}
	}
	if last && listIntroRE.In(d.s[c.End:sn.end]) {
		items = append(items, v.listItemsAfter(d.lineAt(sn.end-1))...)
	}
	return uniq(items)
}

var (
	ofRE        = regexp.MustCompile(`^\s*(?:分)?\s*の`)
	bracketRE   = regexp.MustCompile(`^\s*[(（]\s*$`)
	listIntroRE = newPhrase(`以下|次の|下記`)
)

// listItemsAfter: the items of the list that starts after line li.
func (v *view) listItemsAfter(li int) []string {
	d := v.d
	var items []string
	seen := false
	for k := li + 1; k < v.lineB && k <= li+25; k++ {
		l := d.lines[k]
		if l.kind == lineBlank {
			if seen && !(k+1 < v.lineB && d.lines[k+1].list) {
				break
			}
			continue
		}
		if !l.list && (l.runes > 40 || strings.Contains(l.text, "。")) {
			break
		}
		seen = true
		for _, h := range v.hitsOf(tabItems) {
			if h.start >= l.start && h.start < l.end {
				items = append(items, v.code(h))
			}
		}
	}
	return items
}

// confirmedFor: a leak of one of items is stated as fact ("クレジットカー
// ド情報(4,748件)が漏えいし、").
func (v *view) confirmedFor(items []string) bool {
	d := v.d
	for si := v.sentA; si < v.sentB; si++ {
		sn := d.sents[si]
		if sn.start < v.body || sn.start >= v.zone || sn.hypo || sn.advice {
			continue
		}
		txt := d.s[sn.start:sn.end]
		for _, m := range factRE.FindAll(txt) {
			if v.factKind(txt, m) != factPlain {
				continue
			}
			cs, _ := d.clause(si, sn.start+m[0])
			for _, h := range v.hitsOf(tabItems) {
				if h.start >= cs && h.end <= sn.start+m[0] && contains(items, v.code(h)) {
					return true
				}
			}
		}
	}
	return false
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}

func union(a, b []string) []string { return uniq(append(append([]string(nil), a...), b...)) }

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sameSize(a, b int64) bool { return a*2 >= b && b*2 >= a }

// better: of two figures of one set, the people over the records, then the
// one with more items.
func better(g, o group) bool {
	if g.c.People() != o.c.People() {
		return g.c.People()
	}
	return len(g.items) > len(o.items)
}
