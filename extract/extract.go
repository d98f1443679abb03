// Package extract turns the text of Japanese breach notices into incident
// records (the record contract in ../shared/spec/record.md). The text is
// analysed once (analysis.go: normalization, lines, sentences, dates,
// counts, cue words and organization names), cut into its entries
// (segment.go), and each entry is read by one small reader per field:
// title.go, kind.go, organization.go, sector.go, dates.go, affected.go,
// items.go, causes.go, responses.go and findings.go. Each reader takes what
// the analysis found inside its entry; none scans the text again. The
// package is pure: no I/O. The words the readers look for are data, in
// cues.go.
package extract

import (
	"fmt"
	"runtime/debug"
	"sort"

	"casebook"
	"casebook/jtext"
)

// Options tune extraction of one text.
type Options struct {
	// Headings are code-point offsets of lines that were HTML headings.
	Headings []int
	// PageTitle is the HTML page's <title>: a place where a company page
	// names its notice or itself when the text does not.
	PageTitle string
}

// Extract reads every incident in text. Records come in text order and
// their spans tile the text. Nothing a text contains may take the process
// down: a panic inside extraction (a bug) becomes a *PanicError for this
// text alone.
func (x *Extractor) Extract(text string, o Options) (recs []casebook.Record, err error) {
	defer func() {
		if r := recover(); r != nil {
			recs, err = nil, &PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	return x.extract(text, o), nil
}

// PanicError is a bug met while extracting one text.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("extraction failed (a casebook bug, please report it with this notice): %v", e.Value)
}

func (x *Extractor) extract(text string, o Options) []casebook.Record {
	d := analyse(text, o)
	segs := x.segment(d)
	out := make([]casebook.Record, 0, len(segs))
	for _, sg := range segs {
		out = append(out, x.read(d, sg))
	}
	return out
}

// view is one segment as the readers see it: the analysis's findings that
// lie inside it, and what earlier readers decided.
type view struct {
	d            *doc
	m            *Model
	sg           segment
	rec          *casebook.Record
	lineA        int // lines [lineA, lineB)
	lineB        int
	sentA        int // sentences [sentA, sentB)
	sentB        int
	hits         []hit
	orgs         []orgMention
	counts       []jtext.Count
	dates        []jtext.DateMatch
	title        int // the title's first line, -1 when none
	titleLast    int // the title's last line
	body         int // byte offset where the body starts (after the title)
	zone         int // byte offset where the notice proper ends (commentary, footers)
	third        bool
	regulator    bool
	ownDate      jtext.Date // the notice's or entry's own date (context for year-less dates)
	ownIsEntry   bool       // ownDate is the date a digest or news list gives its entry
	titleDate    bool       // ownDate decorates the title (a digest's copy of a notice)
	timeline     bool       // … standing before it (【2023年6月29日】…: a timeline's entry)
	ownFromPage  bool       // ownDate is the page's, a context only
	resolved     []dateAt
	kindProb     float64    // the kind model's probability of the kind chosen
	orgPick      *orgCand   // the organization's candidate, when one was chosen
	ks           *kindSigns // (read once by kindSigns)
	itemHits     []hit      // (read once by hitsOf, for the zone itemZone)
	itemZone     int
	myNumberSeen bool // the items reader kept a hit of 個人番号
}

func newView(d *doc, sg segment) *view {
	v := &view{d: d, sg: sg, title: -1, titleLast: -1}
	v.lineA = sort.Search(len(d.lines), func(i int) bool { return d.lines[i].start >= sg.start })
	v.lineB = sort.Search(len(d.lines), func(i int) bool { return d.lines[i].start >= sg.end })
	v.sentA = sort.Search(len(d.sents), func(i int) bool { return d.sents[i].start >= sg.start })
	v.sentB = sort.Search(len(d.sents), func(i int) bool { return d.sents[i].start >= sg.end })
	a := sort.Search(len(d.hits), func(i int) bool { return d.hits[i].start >= sg.start })
	b := sort.Search(len(d.hits), func(i int) bool { return d.hits[i].start >= sg.end })
	v.hits = d.hits[a:b]
	a = sort.Search(len(d.orgs), func(i int) bool { return d.orgs[i].start >= sg.start })
	b = sort.Search(len(d.orgs), func(i int) bool { return d.orgs[i].start >= sg.end })
	v.orgs = d.orgs[a:b]
	a = sort.Search(len(d.counts), func(i int) bool { return d.counts[i].Start >= sg.start })
	b = sort.Search(len(d.counts), func(i int) bool { return d.counts[i].Start >= sg.end })
	v.counts = d.counts[a:b]
	a = sort.Search(len(d.dates), func(i int) bool { return d.dates[i].Start >= sg.start })
	b = sort.Search(len(d.dates), func(i int) bool { return d.dates[i].Start >= sg.end })
	v.dates = d.dates[a:b]
	v.body, v.zone = sg.start, sg.end
	return v
}

func (x *Extractor) read(d *doc, sg segment) casebook.Record {
	v := newView(d, sg)
	v.m = x.m
	rec := casebook.Record{}
	v.rec = &rec
	s, e := d.span(sg.start, sg.end)
	if sg.end == len(d.s) {
		e = d.t.RuneLen()
	}
	rec.Span = casebook.Span{Start: s, End: e}
	rec.Title = v.readTitle()
	rec.Kind = v.decideKind()
	if !rec.IsIncident() {
		return rec
	}
	v.zone = v.commentaryStart()
	v.third = v.thirdPerson()
	rec.Organization = v.decideOrganization()
	if rec.Organization == "" && sg.office.name != "" {
		// a retold list's entry about the office its sentence refers
		// back to (また同区役所では): that office, as sure as the reference
		rec.Organization = displayName(sg.office)
		v.evidence("organization", sg.office.start, sg.office.end)
		v.confidence("organization", officeReference)
	}
	rec.Sector = v.decideSector(rec.Organization)
	rec.Causes = v.decideCauses(v.readCauses())
	rec.Dates = v.decideDates()
	rec.Affected = v.decideAffected()
	rec.DataItems = orderBy(v.decideSet(decItems, v.readItems()), casebook.DataItems)
	rec.Responses = orderBy(v.decideSet(decResp, v.readResponses()), casebook.Responses)
	rec.Contractor = contractorRE.In(d.s[v.body:v.zone])
	rec.MyNumber = v.readMyNumber(rec.DataItems)
	rec.CommunicationsSecrecy = v.readSecrecy()
	if rec.Contractor {
		rec.Processor = v.readProcessor(rec.Organization)
	}
	if rec.Kind == casebook.KindRegulator {
		// (an action the text tells nothing more of has no findings)
		rec.Findings = v.readFindings()
		if law := v.readLaw(); law != "" {
			if rec.Findings == nil {
				rec.Findings = &casebook.Findings{}
			}
			rec.Findings.Law = law
		}
	}
	// a field is right only if the record is one: its confidence is
	// the field's given the kind, times the kind's
	if v.kindProb > 0 {
		for k, c := range rec.Confidence {
			rec.Confidence[k] = c * v.kindProb
		}
	}
	return rec
}

// officeReference is the confidence of an organization read from a
// reference back to the office another sentence named.
const officeReference = 0.6

var contractorRE = newPhrase(`受託|委託を受け|委託先|委託業者|業務委託|開発委託|再委託|委託元|委託している|委託していた|運営委託|保守委託|委託して`)

// evidence records where a field was read (the first place only).
func (v *view) evidence(field string, a, b int) {
	if a < v.sg.start || b > v.sg.end || a >= b {
		return
	}
	if v.rec.Evidence == nil {
		v.rec.Evidence = map[string]casebook.Span{}
	}
	if _, ok := v.rec.Evidence[field]; !ok {
		s, e := v.d.span(a, b)
		v.rec.Evidence[field] = casebook.Span{Start: s, End: e}
	}
}

// hitsOf returns the segment's hits of one cue table, before the zone's end.
func (v *view) hitsOf(table int) []hit {
	if table == tabItems && v.itemHits != nil && v.itemZone == v.zone {
		return v.itemHits // (groups ask for them once per count)
	}
	var out []hit
	for _, h := range v.hits {
		if cues.pats[h.pat].table == table && h.start < v.zone {
			out = append(out, h)
		}
	}
	if table == tabItems {
		v.itemHits, v.itemZone = out, v.zone
	}
	return out
}

func (v *view) code(h hit) string { return cues.pats[h.pat].code }

// text is the normalized text of the segment from the body to the zone end.
func (v *view) text() string { return v.d.s[v.body:v.zone] }
