package extract

import (
	"regexp"
	"strings"
)

// A news article may retell a body's list of incidents in prose, one or
// two sentences each, every one led by the office it happened at:
// "阿倍野区役所では4月27日、…。さらに4月中に…ミスもあった。淀川区役所では、…"
// Its entries start inside lines, at the sentences that name another
// office as their subject (Xでは, Xでも), at "また同区役所では" (another
// incident of the same office) and at "さらに"/"このほか" sentences that
// tell of another event, once the article has three or more of the first
// kind. The first of them stays with the article's lead.

// officeLeadRE: what may stand before the office that leads a sentence.
var officeLeadRE = regexp.MustCompile(`^(?:また|さらに|一方|このほか|ほかにも)?[、,]?\s*`)

// sameOfficeRE: another incident of the office named before.
var sameOfficeRE = regexp.MustCompile(`^(?:また|さらに)?[、,]?\s*同(?:区役所|市役所|区|市|町|村|校|病院|局|事務所|センター)(?:では|でも)`)

// furtherEventRE: a sentence that goes on to another event of the same
// office (さらに4月中に…ミスもあった).
var furtherEventRE = regexp.MustCompile(`^(?:さらに|このほか|ほかにも)[、,]?`)

// mishapRE: the words a retold list calls an incident by.
var mishapRE = regexp.MustCompile(`ミス|事故|取り違え|別人`)

// minOfficeLeads: fewer sentences led by an office are one article's.
const minOfficeLeads = 3

// sentenceCuts cuts a single article into the incidents it retells, or
// returns nil when it retells fewer than minOfficeLeads.
func sentenceCuts(d *doc) []segment {
	type cut struct {
		at     int        // byte offset of the sentence
		office orgMention // the office it tells of, when another sentence named it
	}
	var cuts []cut
	offices := map[string]bool{}
	leads := 0
	var last orgMention // the office of the latest office-led sentence
	for _, sn := range d.sents {
		if sn.advice || sn.hypo {
			continue
		}
		li := d.lineAt(sn.start)
		if d.lines[li].kind != lineText || d.related[li] {
			continue
		}
		txt := d.s[sn.start:sn.end]
		if o, ok := officeLed(d, sn.start, txt); ok {
			cuts = append(cuts, cut{at: sn.start})
			offices[o.core] = true
			last = o
			leads++
			continue
		}
		if leads > 0 && (sameOfficeRE.MatchString(txt) || furtherEventRE.MatchString(txt) && (incidentWords.In(txt) || mishapRE.MatchString(txt))) {
			cuts = append(cuts, cut{at: sn.start, office: last})
		}
	}
	if leads < minOfficeLeads || len(offices) < 2 {
		return nil
	}
	var segs []segment
	start := 0
	var office orgMention
	for _, c := range cuts[1:] {
		segs = append(segs, segment{start: start, end: c.at, title: -1, date: -1, multi: true, office: office})
		start, office = c.at, c.office
	}
	end := len(d.s)
	var footer []segment
	if f := footerStart(d, d.lineAt(start)); f > 0 && d.lines[f].start > start {
		end = d.lines[f].start
		footer = []segment{{start: end, end: len(d.s), title: f, date: -1, multi: true, notIncident: true}}
	}
	segs = append(segs, segment{start: start, end: end, title: -1, date: -1, multi: true, office: office})
	return append(segs, footer...)
}

// officeLed returns the public body or institution that leads the
// sentence at p as its subject (X区役所では, X病院でも).
func officeLed(d *doc, p int, txt string) (orgMention, bool) {
	lead := officeLeadRE.FindString(txt)
	for _, o := range d.orgs {
		if o.start != p+len(lead) {
			continue
		}
		switch o.kind {
		case orgPublic, orgSchool, orgHospital:
		default:
			return orgMention{}, false
		}
		rest := d.s[o.end:min(len(d.s), o.end+len("では"))]
		if strings.HasPrefix(rest, "では") || strings.HasPrefix(rest, "でも") {
			return o, true
		}
	}
	return orgMention{}, false
}
