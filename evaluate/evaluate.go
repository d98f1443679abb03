// Package evaluate scores extracted records against hand-made gold
// records: per-field precision, recall and F1, segmentation F1 and
// main-cause accuracy. Records are matched to gold by span overlap.
package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"casebook"
	"casebook/jtext"
)

// ReadGold reads JSON Lines of records, each with "file" and "span".
func ReadGold(r io.Reader) ([]casebook.Record, error) {
	var out []casebook.Record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var rec casebook.Record
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return nil, fmt.Errorf("gold line %d: %w", n, err)
		}
		if rec.File == "" {
			return nil, fmt.Errorf("gold line %d: no \"file\"", n)
		}
		out = append(out, rec)
	}
	return out, sc.Err()
}

// Counts is a tally of one field.
type Counts struct{ TP, FP, FN int }

func (c Counts) P() float64  { return ratio(c.TP, c.TP+c.FP) }
func (c Counts) R() float64  { return ratio(c.TP, c.TP+c.FN) }
func (c Counts) F1() float64 { p, r := c.P(), c.R(); return ratio2(2*p*r, p+r) }

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func ratio2(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// Report is the result of an evaluation.
type Report struct {
	Fields       map[string]*Counts `json:"-"`
	Overall      Counts             `json:"-"`
	Segmentation Counts             `json:"-"`
	MainCause    struct{ Right, Total int }
	Mistakes     []string // one line per wrong field, for people improving rules
	// Calibration counts the predicted slots of the overall figure that
	// carry a confidence, by band, and how many of them were right.
	Calibration [len(Bands)]struct{ Right, Total int }
}

// Bands are the lower bounds of the confidence bands of the calibration
// table.
var Bands = [...]float64{0, 0.5, 0.7, 0.9}

func band(c float64) int {
	b := 0
	for i, lo := range Bands {
		if c >= lo {
			b = i
		}
	}
	return b
}

// confidenceKey is where a record keeps the confidence of a value of a field.
func confidenceKey(field, value string) string {
	switch field {
	case "data_items", "causes", "responses":
		return field + "." + value
	}
	return field
}

// Fields scored, in print order.
var FieldNames = append(append([]string{"kind", "title", "organization", "sector"},
	prefixed("dates.", casebook.DateFields)...),
	"affected.count", "affected.approximate", "affected.confirmed", "data_items", "causes", "responses")

func prefixed(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}

// overallFields are the slots the overall figure counts: organization,
// sector, the eight dates, the count, and each member of the three sets.
// Kind, title and the two flags are reported on their own lines.
var overallFields = append(append([]string{"organization", "sector"}, prefixed("dates.", casebook.DateFields)...),
	"affected.count", "data_items", "causes", "responses")

var overall = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range overallFields {
		m[f] = true
	}
	return m
}()

// matches reports whether two spans are one record: they overlap by at
// least half of the shorter one.
func matches(a, b casebook.Span) bool {
	ov := a.Overlap(b)
	shorter := min(a.Len(), b.Len())
	return ov > 0 && 2*ov >= shorter
}

// Score compares predictions with gold. Both carry "file" and "span".
// Records are matched one to one, largest overlap first, when they
// overlap by at least half of the shorter span; a matched pair is a
// segmentation hit, an unmatched record a miss on its side.
func Score(pred, gold []casebook.Record) *Report {
	rep := &Report{Fields: map[string]*Counts{}}
	for _, f := range FieldNames {
		rep.Fields[f] = &Counts{}
	}
	byFile := func(rs []casebook.Record) map[string][]int {
		m := map[string][]int{}
		for i, r := range rs {
			m[r.File] = append(m[r.File], i)
		}
		return m
	}
	pf, gf := byFile(pred), byFile(gold)
	files := map[string]bool{}
	for f := range pf {
		files[f] = true
	}
	for f := range gf {
		files[f] = true
	}
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		ps, gs := pf[f], gf[f]
		// greedy one-to-one matching by overlap
		type pair struct{ p, g, ov int }
		var pairs []pair
		for _, pi := range ps {
			for _, gi := range gs {
				if ov := pred[pi].Span.Overlap(gold[gi].Span); ov > 0 {
					pairs = append(pairs, pair{pi, gi, ov})
				}
			}
		}
		sort.Slice(pairs, func(i, j int) bool { return pairs[i].ov > pairs[j].ov })
		usedP, usedG := map[int]bool{}, map[int]bool{}
		for _, pr := range pairs {
			if usedP[pr.p] || usedG[pr.g] {
				continue
			}
			p, g := pred[pr.p], gold[pr.g]
			if !matches(p.Span, g.Span) {
				continue
			}
			usedP[pr.p], usedG[pr.g] = true, true
			rep.Segmentation.TP++
			rep.compare(f, &p, &g)
		}
		for _, pi := range ps {
			if !usedP[pi] {
				rep.Segmentation.FP++
				rep.compare(f, &pred[pi], nil)
			}
		}
		for _, gi := range gs {
			if !usedG[gi] {
				rep.Segmentation.FN++
				rep.compare(f, nil, &gold[gi])
			}
		}
	}
	for _, f := range overallFields {
		rep.Overall.add(*rep.Fields[f])
	}
	return rep
}

// values returns a field's values as a set of strings (empty when null).
func values(r *casebook.Record, field string) []string {
	if r == nil {
		return nil
	}
	one := func(s string) []string {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	switch field {
	case "kind":
		return one(string(r.Kind))
	case "title":
		return one(strings.ToLower(jtext.StripSpaces(jtext.NormString(r.Title))))
	}
	if !r.IsIncident() {
		return nil
	}
	switch field {
	case "organization":
		return one(jtext.StripSpaces(jtext.NormString(r.Organization)))
	case "sector":
		return one(r.Sector)
	case "affected.count":
		if r.Affected != nil && r.Affected.Count != nil {
			return one(strconv.FormatInt(*r.Affected.Count, 10))
		}
		return nil
	case "affected.approximate":
		return one(strconv.FormatBool(r.Affected != nil && r.Affected.Approximate))
	case "affected.confirmed":
		return one(strconv.FormatBool(r.Affected != nil && r.Affected.Confirmed))
	case "data_items":
		return r.DataItems
	case "causes":
		return r.Causes
	case "responses":
		return r.Responses
	}
	if strings.HasPrefix(field, "dates.") && r.Dates != nil {
		if p := r.Dates.Field(strings.TrimPrefix(field, "dates.")); p != nil && *p != nil {
			return one(**p)
		}
	}
	return nil
}

func (rep *Report) compare(file string, p, g *casebook.Record) {
	for _, f := range FieldNames {
		pv, gv := values(p, f), values(g, f)
		gs := map[string]bool{}
		for _, v := range gv {
			gs[v] = true
		}
		c := Counts{}
		ps := map[string]bool{}
		for _, v := range pv {
			ps[v] = true
			if gs[v] {
				c.TP++
			} else {
				c.FP++
			}
		}
		for _, v := range gv {
			if !ps[v] {
				c.FN++
			}
		}
		rep.Fields[f].add(c)
		if p != nil && p.Confidence != nil && overall[f] {
			for _, v := range pv {
				if conf, ok := p.Confidence[confidenceKey(f, v)]; ok {
					b := band(conf)
					rep.Calibration[b].Total++
					if gs[v] {
						rep.Calibration[b].Right++
					}
				}
			}
		}
		if c.FP > 0 || c.FN > 0 {
			where := ""
			if g != nil {
				where = fmt.Sprintf("%s[%d:%d] %s", file, g.Span.Start, g.Span.End, short(g.Title))
			} else {
				where = fmt.Sprintf("%s[%d:%d] %s", file, p.Span.Start, p.Span.End, short(p.Title))
			}
			rep.Mistakes = append(rep.Mistakes, fmt.Sprintf("%s: %s: got %v, want %v", where, f, pv, gv))
		}
	}
	if g != nil && g.IsIncident() && len(g.Causes) > 0 {
		rep.MainCause.Total++
		if p != nil && len(p.Causes) > 0 && p.Causes[0] == g.Causes[0] {
			rep.MainCause.Right++
		}
	}
}

func short(s string) string {
	r := []rune(s)
	if len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// Write prints the report as a table.
func (rep *Report) Write(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "%-28s %6s %6s %6s %5s %5s %5s\n", "field", "P", "R", "F1", "TP", "FP", "FN")
	for _, f := range FieldNames {
		c := rep.Fields[f]
		fmt.Fprintf(w, "%-28s %6.3f %6.3f %6.3f %5d %5d %5d\n", f, c.P(), c.R(), c.F1(), c.TP, c.FP, c.FN)
	}
	c := rep.Overall
	fmt.Fprintf(w, "%-28s %6.3f %6.3f %6.3f %5d %5d %5d\n", "OVERALL (fields)", c.P(), c.R(), c.F1(), c.TP, c.FP, c.FN)
	s := rep.Segmentation
	fmt.Fprintf(w, "%-28s %6.3f %6.3f %6.3f %5d %5d %5d\n", "segmentation", s.P(), s.R(), s.F1(), s.TP, s.FP, s.FN)
	fmt.Fprintf(w, "main-cause accuracy: %.3f (%d/%d)\n", ratio(rep.MainCause.Right, rep.MainCause.Total), rep.MainCause.Right, rep.MainCause.Total)
	if verbose {
		for _, m := range rep.Mistakes {
			fmt.Fprintln(w, "  ", m)
		}
	}
}

// JSON returns the report as a JSON-friendly map.
func (rep *Report) JSON() map[string]any {
	fields := map[string]any{}
	for _, f := range FieldNames {
		c := rep.Fields[f]
		fields[f] = map[string]any{"precision": c.P(), "recall": c.R(), "f1": c.F1(), "tp": c.TP, "fp": c.FP, "fn": c.FN}
	}
	return map[string]any{
		"fields":              fields,
		"overall_f1":          rep.Overall.F1(),
		"segmentation_f1":     rep.Segmentation.F1(),
		"main_cause_accuracy": ratio(rep.MainCause.Right, rep.MainCause.Total),
		"mistakes":            rep.Mistakes,
	}
}

// WriteCalibration prints the calibration table: for each confidence
// band, the share of predicted values that were right.
func (rep *Report) WriteCalibration(w io.Writer) {
	fmt.Fprintf(w, "%-12s %7s %6s\n", "confidence", "right", "slots")
	for i, lo := range Bands {
		hi := 1.0
		if i+1 < len(Bands) {
			hi = Bands[i+1]
		}
		c := rep.Calibration[i]
		fmt.Fprintf(w, "%.1f–%.1f %11.3f %6d\n", lo, hi, ratio(c.Right, c.Total), c.Total)
	}
}

// Grouped scores predictions and gold by group (group names a file's
// group), with their pooled total.
type Grouped struct {
	Groups []string
	By     map[string]*Report
	Pooled *Report
}

// ScoreGroups scores each group's files apart and all of them together.
func ScoreGroups(pred, gold []casebook.Record, group func(file string) string) *Grouped {
	g := &Grouped{By: map[string]*Report{}, Pooled: Score(pred, gold)}
	ps, gs := map[string][]casebook.Record{}, map[string][]casebook.Record{}
	for _, r := range pred {
		ps[group(r.File)] = append(ps[group(r.File)], r)
	}
	for _, r := range gold {
		k := group(r.File)
		if _, ok := gs[k]; !ok {
			g.Groups = append(g.Groups, k)
		}
		gs[k] = append(gs[k], r)
	}
	sort.Slice(g.Groups, func(i, j int) bool { return groupLess(g.Groups[i], g.Groups[j]) })
	for _, k := range g.Groups {
		g.By[k] = Score(ps[k], gs[k])
	}
	return g
}

// groupLess orders w2 before w10 (by the number in the name).
func groupLess(a, b string) bool {
	na, ea := strconv.Atoi(strings.TrimLeft(a, "abcdefghijklmnopqrstuvwxyz"))
	nb, eb := strconv.Atoi(strings.TrimLeft(b, "abcdefghijklmnopqrstuvwxyz"))
	if ea == nil && eb == nil && strings.TrimRight(a, "0123456789") == strings.TrimRight(b, "0123456789") {
		return na < nb
	}
	return a < b
}

// Worst is the group with the lowest overall field F1.
func (g *Grouped) Worst() (string, *Report) {
	name := ""
	for _, k := range g.Groups {
		if name == "" || g.By[k].Overall.F1() < g.By[name].Overall.F1() {
			name = k
		}
	}
	return name, g.By[name]
}

// Write prints one line per group, the pooled total and the worst group,
// then the pooled per-field table and calibration.
func (g *Grouped) Write(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "%-8s %5s %7s %7s %7s %7s\n", "group", "recs", "fieldF1", "P", "R", "segF1")
	line := func(name string, r *Report) {
		n := r.Segmentation.TP + r.Segmentation.FN
		fmt.Fprintf(w, "%-8s %5d %7.3f %7.3f %7.3f %7.3f  main cause %.3f (%d/%d)\n", name, n, r.Overall.F1(), r.Overall.P(), r.Overall.R(),
			r.Segmentation.F1(), ratio(r.MainCause.Right, r.MainCause.Total), r.MainCause.Right, r.MainCause.Total)
	}
	for _, k := range g.Groups {
		line(k, g.By[k])
	}
	line("POOLED", g.Pooled)
	name, worst := g.Worst()
	fmt.Fprintf(w, "worst group: %s (field F1 %.3f)\n\n", name, worst.Overall.F1())
	g.Pooled.Write(w, verbose)
	fmt.Fprintln(w)
	g.Pooled.WriteCalibration(w)
}

// JSON returns the grouped figures as a JSON-friendly map.
func (g *Grouped) JSON() map[string]any {
	groups := map[string]any{}
	for _, k := range g.Groups {
		r := g.By[k].JSON()
		delete(r, "mistakes")
		groups[k] = r
	}
	name, worst := g.Worst()
	calib := []map[string]any{}
	for i, lo := range Bands {
		c := g.Pooled.Calibration[i]
		calib = append(calib, map[string]any{"from": lo, "right": c.Right, "total": c.Total, "share_right": ratio(c.Right, c.Total)})
	}
	pooled := g.Pooled.JSON()
	delete(pooled, "mistakes")
	return map[string]any{"groups": groups, "pooled": pooled, "worst_group": name, "worst_f1": worst.Overall.F1(), "calibration": calib}
}
