package extract

import (
	"casebook"
	"casebook/jtext"
	"casebook/linear"
)

// The dates decision: for each of the eight roles, one of the segment's
// dates or none. A date is described by the words of its clause (an
// event, a discovery, an announcement, a report to whom), its place (a
// date line, a labelled line, the title, a news lead, a range), its order
// among the segment's dates, and what the rules made of it.

// learnedDateRoles are the roles the model decides; the rules decide the
// others, where cross-validation found the model no better (the groups
// of the labelled sets disagree on when an exposure ends, and reports to
// the PPC or the police are too rare to learn from).
var learnedDateRoles = map[string]bool{"announced": true}

var (
	labelWordRE = newPhrase(`発生|発覚|判明|公表|発表|掲載|更新|報告|届出|期間|日時|送付日|送信日|紛失日|盗難`)
	sokuhouRE   = newPhrase(`速報`)
)

// dateCueWords are the cue classes a date's clause and sentence are read
// for.
var dateCueWords = []struct {
	re   *phrase
	name string
}{{discoverRE, "discover"}, {eventRE, "event"}, {announceRE, "announce"}, {announceNotRE, "announceNot"},
	{ppcWordRE, "ppc"}, {policeWordRE, "police"}, {reportVerbRE, "report"}, {finalRE, "final"}, {sokuhouRE, "sokuhou"},
	{regActDateRE, "regAct"}, {fixRE, "fix"}, {exposureRE, "exposure"}, {actionRE, "action"}, {periodRE, "period"},
	{rangeCtxRE, "rangeCtx"}, {reportNotRE, "reportNot"}}

// dateCues names the cue classes of a date's clause, and those of its
// sentence outside it. A sentence's cue words are found once for all its
// dates (sentCues keeps where).
func (v *view) dateCues(ds []dateAt, x dateAt, sentCues map[int][][][]int) []string {
	d := v.d
	a, cl := v.dateClause(ds, x)
	b := a + len(cl)
	found, ok := sentCues[x.sent]
	if !ok {
		found = make([][][]int, len(dateCueWords))
		if x.sent >= 0 {
			sn := d.sents[x.sent]
			for i, c := range dateCueWords {
				for _, m := range c.re.FindAll(d.s[sn.start:sn.end]) {
					found[i] = append(found[i], []int{sn.start + m[0], sn.start + m[1]})
				}
			}
		}
		sentCues[x.sent] = found
	}
	var fs []string
	for i, c := range dateCueWords {
		if len(found[i]) == 0 {
			continue
		}
		inClause := false
		for _, m := range found[i] {
			inClause = inClause || m[0] >= a && m[1] <= b
		}
		if inClause {
			fs = append(fs, "cl:"+c.name)
		} else {
			fs = append(fs, "sent:"+c.name)
		}
	}
	return fs
}

type dateCand struct {
	x  dateAt
	fs []string
}

// dateCandidates lists the segment's full dates with what describes them.
func (v *view) dateCandidates(ds []dateAt) []dateCand {
	d := v.d
	var out []dateCand
	var full []int
	sentCues := map[int][][][]int{}
	for i, x := range ds {
		if x.d.Full() {
			full = append(full, i)
		}
	}
	var lo, hi jtext.Date
	for k, i := range full {
		if k == 0 || ds[i].d.Before(lo) {
			lo = ds[i].d
		}
		if k == 0 || hi.Before(ds[i].d) {
			hi = ds[i].d
		}
	}
	for k, i := range full {
		x := ds[i]
		fs := v.dateCues(ds, x, sentCues)
		add := func(ok bool, f string) {
			if ok {
				fs = append(fs, f)
			}
		}
		li := d.lineAt(x.start)
		l := d.lines[li]
		add(x.inRange, "rangeEnd")
		add(x.to != nil, "rangeStart")
		add(x.sameDayTo, "sameDay")
		add(x.lead, "lead")
		add(l.kind == lineDate, "dateLine")
		add(l.dateLabel != "", "labelled")
		add(v.title >= 0 && li >= v.title && li <= v.titleLast, "inTitle")
		add(x.start < v.body, "beforeBody")
		add(x.start >= v.zone, "afterZone")
		add(li == v.sg.date, "entryDate")
		if lab := labelWordRE.FindAll(d.s[l.start:x.start]); len(lab) > 0 {
			m := lab[len(lab)-1]
			fs = append(fs, "label="+d.s[l.start+m[0]:l.start+m[1]])
		} else if li > 0 && d.lines[li-1].kind == lineText && d.lines[li-1].runes <= 20 {
			if lab := labelWordRE.FindAll(d.lines[li-1].text); len(lab) > 0 {
				m := lab[len(lab)-1]
				fs = append(fs, "labelAbove="+d.lines[li-1].text[m[0]:m[1]])
			}
		}
		if x.sent >= 0 {
			add(d.sents[x.sent].advice, "advice")
			add(d.sents[x.sent].hypo, "hypo")
		}
		add(fromOnlyRE.MatchString(ahead(d.s, x.end, 60)), "from")
		add(untilRE.MatchString(ahead(d.s, x.end, 20)), "until")
		add(v.discoveryMain(x), "discoveryMain")
		add(v.announcementDay(x), "announcementDay")
		switch {
		case v.ownDate.Full() && x.d == v.ownDate:
			fs = append(fs, "own")
		case v.ownDate.Full() && x.d.Before(v.ownDate):
			fs = append(fs, "beforeOwn")
		case v.ownDate.Full():
			fs = append(fs, "afterOwn")
		}
		add(k == 0, "first")
		add(k == len(full)-1, "last")
		add(!lo.Before(x.d), "earliest")
		add(!x.d.Before(hi), "latest")
		add(v.third, "article")
		add(v.regulator, "regulator")
		out = append(out, dateCand{x: x, fs: fs})
	}
	return out
}

// dateOptions are the choices of one role: every date, then none.
func dateOptions(role string, cs []dateCand, rule *casebook.Dates, ev map[string]casebook.Span, orig func(int) int) []linear.Vector {
	p := "dates:" + role + "&"
	out := make([]linear.Vector, 0, len(cs)+1)
	var ruleVal string
	if f := rule.Field(role); f != nil && *f != nil {
		ruleVal = **f
	}
	evStart, hasEv := ev["dates."+role]
	for _, c := range cs {
		x := make(linear.Vector, 0, len(c.fs)+4)
		x = append(x, linear.Feature{Name: p + "cand", Value: 1})
		for _, f := range c.fs {
			x = append(x, linear.Feature{Name: p + f, Value: 1})
		}
		if c.x.d.String() == ruleVal {
			x = append(x, linear.Feature{Name: p + "ruleval", Value: 1}, linear.Feature{Name: "dates:ruleval", Value: 1})
			if hasEv && evStart.Start == orig(c.x.start) {
				x = append(x, linear.Feature{Name: p + "rule", Value: 1}, linear.Feature{Name: "dates:rule", Value: 1})
			}
		}
		out = append(out, x)
	}
	none := linear.Vector{{Name: p + "none", Value: 1}, {Name: p + "none&n=" + bucket(len(cs), 1, 2, 4, 8), Value: 1}}
	if ruleVal == "" {
		none = append(none, linear.Feature{Name: p + "none&rulenone", Value: 1}, linear.Feature{Name: "dates:none&rulenone", Value: 1})
	}
	return append(out, none)
}

// decideDates chooses the eight dates among the segment's.
func (v *view) decideDates() *casebook.Dates {
	rule := v.readDates()
	m := v.m.get(decDates)
	if m == nil {
		return rule
	}
	cs := v.dateCandidates(v.resolved)
	ev := v.rec.Evidence
	orig := func(b int) int { return v.d.t.OrigOffset(b) }
	out := &casebook.Dates{}
	for _, role := range casebook.DateFields {
		if role == "regulator_action" && !v.regulator {
			continue
		}
		p := m.Probs(dateOptions(role, cs, rule, ev, orig))
		if !learnedDateRoles[role] {
			// the rules' date, with the model's probability of it
			r := *rule.Field(role)
			*out.Field(role) = r
			if r != nil {
				sum := 0.0
				for i, c := range cs {
					if c.x.d.String() == *r {
						sum += p[i]
					}
				}
				v.confidence("dates."+role, sum)
			}
			continue
		}
		k := argmax(p)
		if k == len(cs) {
			delete(v.rec.Evidence, "dates."+role)
			continue
		}
		s := cs[k].x.d.String()
		*out.Field(role) = &s
		if v.rec.Evidence == nil {
			v.rec.Evidence = map[string]casebook.Span{}
		}
		a, b := v.d.span(cs[k].x.start, cs[k].x.end)
		v.rec.Evidence["dates."+role] = casebook.Span{Start: a, End: b}
		v.confidence("dates."+role, p[k])
	}
	return out
}

func (v *view) dateExamples(gold *casebook.Dates) []linear.Choice {
	rule := v.readDates()
	cs := v.dateCandidates(v.resolved)
	orig := func(b int) int { return v.d.t.OrigOffset(b) }
	var out []linear.Choice
	if gold == nil {
		gold = &casebook.Dates{}
	}
	for _, role := range casebook.DateFields {
		if role == "regulator_action" && !v.regulator {
			continue
		}
		want := ""
		if f := gold.Field(role); f != nil && *f != nil {
			want = **f
		}
		right := make([]bool, len(cs)+1)
		any := false
		for i, c := range cs {
			right[i] = want != "" && c.x.d.String() == want
			any = any || right[i]
		}
		if want == "" {
			right[len(cs)] = true
		} else if !any {
			continue // the gold date is none of the text's: nothing to learn
		}
		out = append(out, linear.Choice{Cands: dateOptions(role, cs, rule, v.rec.Evidence, orig), Right: right})
	}
	return out
}
