package extract

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"casebook"
	"casebook/linear"
)

// Learning the decisions from labelled notices. Each labelled text is
// analysed once and turned into examples: every candidate of every
// decision with its features and whether the gold records say it is
// right. Segmentation learns from the gold cuts of the page; the readers
// learn on each gold record's own span, as they would read it once the
// page is cut. Training then fits one linear model per decision.

// Labelled is a text with its gold records (spans tile the text).
type Labelled struct {
	Name    string
	Group   string // the set it is cross-validated by: one writer and theme
	Text    string
	Options Options
	Gold    []casebook.Record
}

// Examples is what one text teaches, by decision.
type Examples map[string][]linear.Choice

// Teach returns the examples of one labelled text. A text that makes the
// reading fail (a casebook bug) teaches nothing and is named in the error.
func Teach(l Labelled) (ex Examples, err error) {
	defer func() {
		if r := recover(); r != nil {
			ex, err = nil, fmt.Errorf("%s: %w", l.Name, &PanicError{Value: r, Stack: debug.Stack()})
		}
	}()
	return teach(l), nil
}

func teach(l Labelled) Examples {
	d := analyse(l.Text, l.Options)
	ex := Examples{}
	gold := append([]casebook.Record(nil), l.Gold...)
	sort.Slice(gold, func(i, j int) bool { return gold[i].Span.Start < gold[j].Span.Start })
	var starts []int
	for _, g := range gold {
		starts = append(starts, d.t.NormOffset(g.Span.Start))
	}
	ex[decSegment] = segExamples(d, starts)
	segs := goldSegments(d, starts)
	for i, sg := range segs {
		g := &gold[i]
		v := newView(d, sg)
		rec := casebook.Record{}
		v.rec = &rec
		v.readTitle()
		if c, ok := v.titleExample(g.Title); ok {
			ex.add(decTitle, c)
		}
		rule := v.readKind()
		if !v.kindIsCertain() {
			ex.add(decKind, linear.Choice{Cands: vectors(kindCandidates(v.kindFeatures(rule))), Right: kindRight(g.Kind)})
		}
		if !g.IsIncident() {
			continue
		}
		// the fields, read as the record's gold kind says
		v.regulator = g.Kind == casebook.KindRegulator
		v.zone = v.commentaryStart()
		v.third = v.thirdPerson()
		oc, cand := v.orgExample(g.Organization)
		ex.add(decOrg, oc)
		ex.add(decSector, v.sectorExample(g.Organization, g.Sector, cand))
		rec.Causes = v.readCauses()
		causes := g.Causes
		if len(causes) == 1 && causes[0] == "unknown" {
			causes = nil
		}
		ex.add(decCauses, v.setExamples(decCauses, rec.Causes, causes)...)
		ex.add(decDates, v.dateExamples(g.Dates)...)
		ex.add(decCount, v.countExample(g.Affected))
		ex.add(decItems, v.setExamples(decItems, v.readItems(), g.DataItems)...)
		ex.add(decResp, v.setExamples(decResp, v.readResponses(), g.Responses)...)
	}
	return ex
}

func (ex Examples) add(decision string, c ...linear.Choice) {
	ex[decision] = append(ex[decision], c...)
}

func kindRight(k casebook.Kind) []bool {
	out := make([]bool, len(kinds))
	for i, x := range kinds {
		out[i] = x == k
	}
	return out
}

// goldSegments are the segments of the gold cuts (byte offsets of the
// normalized text, the first at 0), each with its title and date lines
// found as for the model's cuts.
func goldSegments(d *doc, starts []int) []segment {
	p := newPage(d)
	var segs []segment
	for i, s := range starts {
		sg := segment{start: s, end: len(d.s), title: -1, date: -1, multi: len(starts) > 1}
		if i+1 < len(starts) {
			sg.end = starts[i+1]
		}
		li := d.lineAt(s)
		switch {
		case len(starts) == 1:
			if len(p.rule) == 1 {
				sg = p.rule[0]
			}
		case i == 0:
			if len(starts) > 1 {
				if e := p.firstEntryBefore(d.lineAt(starts[1])); e != nil {
					sg.title, sg.date = e.title, e.date
				}
			}
		case d.lines[li].start >= s-3: // the entry starts its line
			sg.title, sg.date = p.entryAt(li)
		}
		if sg.title >= 0 && (d.lines[sg.title].start < sg.start || d.lines[sg.title].start >= sg.end) {
			sg.title = -1
		}
		if sg.date >= 0 && (d.lines[sg.date].start < sg.start || d.lines[sg.date].start >= sg.end) {
			sg.date = -1
		}
		segs = append(segs, sg)
	}
	return segs
}

// TrainOptions tune training.
type TrainOptions struct {
	L2 float64 // the penalty on squared weights; DefaultTrainOptions' when zero
	// GoldCuts makes CrossValidate read each text cut where its gold
	// records are: the readers' figures with segmentation taken out.
	GoldCuts bool
	// RuleScale scales the penalty of the features that say what the
	// rules decided.
	RuleScale float64
	// Without lists decisions to leave to the rules (to measure what a
	// decision's model adds).
	Without []string
}

// DefaultTrainOptions are the options the bundled model is trained with.
// L2 2 is the middle of the plateau cross-validation by group shows
// (pooled field F1 0.827–0.828 from 1.5 to 2.5, 0.824 at 1 and at 4): the
// models had leaned on cues seen in a single group.
var DefaultTrainOptions = TrainOptions{L2: 2, RuleScale: 1, Without: []string{decSegment}}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.L2 == 0 {
		o.L2 = DefaultTrainOptions.L2
	}
	if o.RuleScale == 0 {
		o.RuleScale = DefaultTrainOptions.RuleScale
	}
	if o.Without == nil {
		o.Without = DefaultTrainOptions.Without
	}
	return o
}

// scale is the penalty of a feature: the rules' own verdict is a prior
// the models may lean on (a light penalty); every other feature must earn
// its weight across the groups.
func (o TrainOptions) scale(name string) float64 {
	if strings.Contains(name, "rule") {
		return o.RuleScale
	}
	return 1
}

// Train fits every decision's model to the examples.
func Train(exs []Examples, o TrainOptions, trained string) *Model {
	o = o.withDefaults()
	m := &Model{Trained: trained, Decisions: map[string]*linear.Model{}}
	byDecision := map[string][]linear.Choice{}
	var names []string
	for _, ex := range exs {
		for dec, cs := range ex {
			if _, ok := byDecision[dec]; !ok {
				names = append(names, dec)
			}
			byDecision[dec] = append(byDecision[dec], cs...)
		}
	}
	sort.Strings(names)
	for _, dec := range names {
		if slices.Contains(o.Without, dec) {
			continue
		}
		m.Decisions[dec] = linear.Train(byDecision[dec], linear.Options{L2: o.L2, Scale: o.scale})
	}
	return m
}

// CrossValidate returns every text's records as read by a model trained
// without its group: the figure for notices casebook has not seen. A text
// whose reading fails (a casebook bug) has no records, and is named in
// the error; the others are read.
func CrossValidate(docs []Labelled, exs []Examples, o TrainOptions) ([][]casebook.Record, error) {
	groups := map[string]bool{}
	for _, l := range docs {
		groups[l.Group] = true
	}
	out := make([][]casebook.Record, len(docs))
	var errs []error
	for g := range groups {
		var train []Examples
		for i, l := range docs {
			if l.Group != g {
				train = append(train, exs[i])
			}
		}
		x := New(Train(train, o, "all groups but "+g))
		for i, l := range docs {
			if l.Group == g {
				recs, err := x.readLabelled(l, o.GoldCuts)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", l.Name, err))
					continue
				}
				for k := range recs {
					recs[k].File = l.Name
				}
				out[i] = recs
			}
		}
	}
	return out, errors.Join(errs...)
}

// readLabelled reads a labelled text, cut by the model or where its gold
// records are; a panic (a bug) is the text's error.
func (x *Extractor) readLabelled(l Labelled, goldCuts bool) (recs []casebook.Record, err error) {
	if !goldCuts {
		return x.Extract(l.Text, l.Options)
	}
	defer func() {
		if r := recover(); r != nil {
			recs, err = nil, &PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	return x.extractAt(l), nil
}

// extractAt reads a labelled text cut where its gold records are.
func (x *Extractor) extractAt(l Labelled) []casebook.Record {
	d := analyse(l.Text, l.Options)
	gold := append([]casebook.Record(nil), l.Gold...)
	sort.Slice(gold, func(i, j int) bool { return gold[i].Span.Start < gold[j].Span.Start })
	var starts []int
	for _, g := range gold {
		starts = append(starts, d.t.NormOffset(g.Span.Start))
	}
	var out []casebook.Record
	for _, sg := range goldSegments(d, starts) {
		out = append(out, x.read(d, sg))
	}
	return out
}

// Describe lists a model's decisions and sizes, for people.
func (m *Model) Describe() string {
	var b strings.Builder
	var names []string
	for n := range m.Decisions {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%-14s %5d weights\n", n, len(m.Decisions[n].Weights))
	}
	return b.String()
}

// Learn teaches a model from labelled texts; trained says what from. The
// texts that teach nothing (their reading fails) are named in the error;
// the model learns from the others.
func Learn(docs []Labelled, trained string) (*Model, error) {
	exs := make([]Examples, 0, len(docs))
	var errs []error
	for _, l := range docs {
		ex, err := Teach(l)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		exs = append(exs, ex)
	}
	return Train(exs, TrainOptions{}, trained), errors.Join(errs...)
}
