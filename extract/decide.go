package extract

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"casebook"
	"casebook/jtext"
	"casebook/linear"
)

// The readers' decisions. Each reader's rules find the candidates and
// score them as before; here the candidates are described by features
// (the rules' own view among them) and the model of the decision picks
// one, or none. Without a model the rules decide.

const (
	decOrg    = "organization"
	decSector = "sector"
	decCount  = "count"
	decDates  = "dates"
	decItems  = "data_items"
	decCauses = "causes"
	decResp   = "responses"
	decMain   = "main_cause"
)

// fvec is a candidate's features, all indicators: names under a prefix
// (a decision's, or a decision's and a class's) and names of their own.
// The model weighs prefix+name; deciding looks the weights up without
// building the names, training builds them once.
type fvec struct {
	prefix string
	names  []string
	own    []string
}

func (f fvec) vector() linear.Vector {
	out := make(linear.Vector, 0, len(f.names)+len(f.own))
	for _, n := range f.names {
		out = append(out, linear.Feature{Name: f.prefix + n, Value: 1})
	}
	for _, n := range f.own {
		out = append(out, linear.Feature{Name: n, Value: 1})
	}
	return out
}

func (f fvec) score(m *linear.Model) float64 {
	return m.ScoreNames(f.prefix, f.names) + m.ScoreNames("", f.own)
}

// vectors are the candidates of a training example.
func vectors(fs []fvec) []linear.Vector {
	out := make([]linear.Vector, len(fs))
	for i, f := range fs {
		out[i] = f.vector()
	}
	return out
}

// probs are the model's probabilities of the candidates of one choice.
func probs(m *linear.Model, fs []fvec) []float64 {
	scores := make([]float64, len(fs))
	for i, f := range fs {
		scores[i] = f.score(m)
	}
	return linear.Softmax(scores)
}

// argmax is the index of the highest probability.
func argmax(p []float64) int {
	best := 0
	for i := range p {
		if p[i] > p[best] {
			best = i
		}
	}
	return best
}

// sameValue compares values as the scorer does: normalized, blanks dropped.
func sameValue(a, b string) bool {
	return a != "" && jtext.StripSpaces(jtext.NormString(a)) == jtext.StripSpaces(jtext.NormString(b))
}

var orgKindNames = map[orgKind]string{orgCompany: "company", orgCorp: "corp", orgPublic: "public", orgSchool: "school",
	orgHospital: "hospital", orgAssoc: "assoc", orgFinance: "finance", orgPolice: "police", orgRegulator: "regulator",
	orgMedia: "media", orgUnknown: "unknown"}

// orgOption is one choice of the organization decision: a candidate, the
// page title's name, or none.
type orgOption struct {
	cand *orgCand
	name string // what the record says when it is chosen
	fs   []string
}

func (v *view) orgOptions(oc orgChoice) []orgOption {
	d := v.d
	var out []orgOption
	bestScore := -100.0
	for _, c := range oc.cands {
		bestScore = max(bestScore, c.score)
	}
	// a list's row or a headline that names a school by its kind only
	// (【茨城県】市立小学校): the place before it is where, not who
	head := v.headText()
	unnamed := unnamedInstRE.MatchString(head)
	for _, c := range oc.cands {
		if unnamed && c.kind == orgPublic && slices.Contains(prefectures, c.core) {
			continue // the prefecture the school is in
		}
		if c.kind == orgPublic && slices.Contains(prefectures, c.core) && v.placeLead(head, c.core) {
			continue // 兵庫県 神戸中央郵便局における…: where, not who
		}
		fs := []string{"cand"}
		add := func(ok bool, f string) {
			if ok {
				fs = append(fs, f)
			}
		}
		add(c == oc.best, "rulebest")
		add(c.score == bestScore, "top")
		fs = append(fs, "score="+bucket(int(c.score), 0, 1, 3, 5, 8, 12), "kind="+orgKindNames[c.kind],
			"mentions="+bucket(len(c.mentions), 2, 3, 5))
		// roles in the order first seen: a score summed in map order
		// would differ in its last bits from run to run
		var roles []string
		seen := map[string]int{}
		for _, r := range c.roles {
			if seen[r] == 0 {
				roles = append(roles, r)
			}
			seen[r]++
		}
		for _, r := range roles {
			fs = append(fs, "role="+r)
			if seen[r] > 1 {
				fs = append(fs, "role="+r+"+")
			}
			add(v.regulator, "reg&role="+r)
			add(v.third, "art&role="+r)
			add(v.sg.multi, "multi&role="+r)
		}
		add(c.strong, "strong")
		add(c.selfKind, "selfKind")
		form, label, latin := false, false, true
		first := c.mentions[0]
		inTitle, chrome, after := false, false, false
		for _, m := range c.mentions {
			form = form || m.form != "" && !m.labelForm
			label = label || m.labelForm
			if m.start < first.start {
				first = m
			}
			li := d.lineAt(m.start)
			inTitle = inTitle || v.title >= 0 && li >= v.title && li <= v.titleLast
			chrome = chrome || d.lines[li].kind == lineChrome
			after = after || m.start >= v.zone
		}
		for _, r := range c.core {
			latin = latin && r < 0x80
		}
		add(form, "form")
		add(label, "labelForm")
		add(inTitle, "inTitle")
		add(chrome, "inChrome")
		add(after, "afterZone")
		add(latin, "latin")
		add(first.start < v.body, "beforeBody")
		fs = append(fs, "firstLine="+bucket(d.lineAt(first.start)-v.lineA, 1, 3, 6, 12, 30),
			"len="+bucket(utf8.RuneCountInString(c.core), 3, 5, 8, 13))
		add(strings.HasSuffix(c.core, "社"), "sha")
		out = append(out, orgOption{cand: c, name: displayName(displayMention(c)), fs: fs})
	}
	if oc.page != "" {
		out = append(out, orgOption{name: oc.page, fs: []string{"pagetitle"}})
	}
	none := []string{"none", "none&best=" + bucket(int(bestScore), 0, 1, 3, 5, 8), "none&cands=" + bucket(len(oc.cands), 1, 2, 4)}
	if v.regulator {
		none = append(none, "none&reg")
	}
	if v.third {
		none = append(none, "none&art")
	}
	if v.sg.multi {
		none = append(none, "none&multi")
	}
	return append(out, orgOption{fs: none})
}

func orgVectors(opts []orgOption) []fvec {
	out := make([]fvec, len(opts))
	for i, o := range opts {
		out[i] = fvec{prefix: "org:", names: o.fs}
	}
	return out
}

// decideOrganization picks the organization among the candidates.
func (v *view) decideOrganization() string {
	m := v.m.get(decOrg)
	if m == nil {
		return v.readOrganization()
	}
	oc := v.orgCandidates()
	opts := v.orgOptions(oc)
	p := probs(m, orgVectors(opts))
	o := opts[argmax(p)]
	v.orgPick = o.cand
	if o.name == "" {
		return ""
	}
	if o.cand != nil {
		dm := displayMention(o.cand)
		v.evidence("organization", dm.start, dm.end)
	}
	v.confidence("organization", p[argmax(p)])
	var others []string
	for _, i := range ranked(p) {
		if n := opts[i].name; n != "" && n != o.name && p[i] >= minCandidate && !slices.Contains(others, n) && len(others) < 3 {
			others = append(others, n)
		}
	}
	v.candidates("organization", others)
	return o.name
}

// minCandidate is the least probability of a value offered to a reviewer
// as another candidate.
const minCandidate = 0.05

// ranked lists the indexes of p, the likeliest first.
func ranked(p []float64) []int {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	return idx
}

// candidates records the other values a field's decision found likely.
func (v *view) candidates(field string, others []string) {
	if len(others) == 0 {
		return
	}
	if v.rec.Candidates == nil {
		v.rec.Candidates = map[string][]string{}
	}
	v.rec.Candidates[field] = others
}

// orgExample teaches the organization decision on a gold record; it
// returns the candidate that holds the gold name, if one does.
func (v *view) orgExample(gold string) (linear.Choice, *orgCand) {
	opts := v.orgOptions(v.orgCandidates())
	right := make([]bool, len(opts))
	found := false
	var pick *orgCand
	for i, o := range opts {
		if o.cand == nil {
			right[i] = o.name != "" && sameValue(o.name, gold)
			found = found || right[i]
			continue
		}
		for _, mn := range o.cand.mentions {
			if sameValue(displayName(mn), gold) {
				right[i], found = true, true
				pick = o.cand
			}
		}
	}
	if !found && gold == "" {
		right[len(opts)-1] = true
	}
	// (a gold name no candidate holds teaches nothing: the example is skipped)
	return linear.Choice{Cands: vectors(orgVectors(opts)), Right: right}, pick
}

// confidence records the probability that a field's value is right.
func (v *view) confidence(field string, p float64) {
	if v.rec.Confidence == nil {
		v.rec.Confidence = map[string]float64{}
	}
	v.rec.Confidence[field] = p
}

// sectorFeatures describes the organization and the text for the sector
// decision; each is weighed by sector.
func (v *view) sectorFeatures(org string, cand *orgCand) ([]string, sectorSigns) {
	sg := v.sectorSignals(org)
	fs := []string{"bias", "rule=" + sg.rule}
	if sg.head != "" {
		fs = append(fs, "head="+sg.head)
	}
	if sg.word != "" {
		fs = append(fs, "word="+sg.word)
	}
	if sg.best != "" {
		fs = append(fs, "text="+sg.best)
	}
	name := []rune(strings.ReplaceAll(org, " ", ""))
	switch {
	case len(name) == 0:
		fs = append(fs, "noorg")
	default:
		fs = append(fs, "suf1="+string(name[len(name)-1:]))
		if len(name) >= 2 {
			fs = append(fs, "suf2="+string(name[len(name)-2:]))
		}
		for _, f := range prefixForms {
			if strings.HasPrefix(string(name), f) {
				fs = append(fs, "prefix="+f)
				break
			}
		}
		if companyFormRE.MatchString(org) {
			fs = append(fs, "company")
		}
	}
	if cand != nil {
		fs = append(fs, "kind="+orgKindNames[cand.kind])
	}
	if v.regulator {
		fs = append(fs, "regulator")
	}
	return fs, sg
}

// unnamedInstRE: a school named by its kind and founder only.
var unnamedInstRE = regexp.MustCompile(`(?:^|[\s　】\]|、])(?:[都道府県市区町村]立|私立|国立)(?:の)?(?:小学校|中学校|高等学校|高校|中等教育学校|特別支援学校|大学|保育園|保育所|幼稚園|こども園)`)

// placeLead: the head names the prefecture as a word of its own, then
// another organization's name (a list's row: 2024年7月5日 重要なお知らせ
// 兵庫県 神戸中央郵便局におけるお客さま情報の紛失).
func (v *view) placeLead(head, pref string) bool {
	k := strings.Index(head, pref)
	if k < 0 {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(head[:k]); k > 0 && unicode.IsLetter(r) {
		return false // 東京都職員, 大阪府警: part of a word
	}
	rest := head[k+len(pref):]
	if !strings.HasPrefix(rest, " ") && !strings.HasPrefix(rest, "】") {
		return false
	}
	rest = strings.TrimLeft(rest, " 】")
	for _, o := range v.orgs {
		if o.core != pref && strings.HasPrefix(rest, v.d.s[o.start:o.end]) {
			return true
		}
	}
	return false
}

// headText is the segment's title, or its first line without one.
func (v *view) headText() string {
	d := v.d
	if v.title >= 0 {
		return d.s[d.lines[v.title].start:d.lines[v.titleLast].end]
	}
	for i := v.lineA; i < v.lineB; i++ {
		if d.lines[i].kind != lineBlank {
			return d.lines[i].text
		}
	}
	return ""
}

// sectorOptions weighs the features by each sector, with the text's cue
// count for that sector.
func sectorOptions(fs []string, sg sectorSigns) []fvec {
	out := make([]fvec, len(casebook.Sectors))
	for i, t := range casebook.Sectors {
		var own []string
		if n := sg.scores[t.Code]; n > 0 {
			b := bucket(n, 2, 3, 5, 9)
			own = append(own, "sector:"+t.Code+"&cues="+b, "sector:cues="+b)
		}
		if t.Code == sg.rule {
			own = append(own, "sector:isrule")
		}
		if t.Code == sg.head {
			own = append(own, "sector:ishead")
		}
		if t.Code == sg.word {
			own = append(own, "sector:isword")
		}
		out[i] = fvec{prefix: "sector:" + t.Code + "&", names: fs, own: own}
	}
	return out
}

func (v *view) decideSector(org string) string {
	m := v.m.get(decSector)
	if m == nil {
		return v.readSector(org)
	}
	fs, sg := v.sectorFeatures(org, v.orgPick)
	p := probs(m, sectorOptions(fs, sg))
	best := argmax(p)
	v.confidence("sector", p[best])
	var others []string
	for _, i := range ranked(p) {
		if i != best && p[i] >= minCandidate && len(others) < 2 {
			others = append(others, casebook.Sectors[i].Code)
		}
	}
	v.candidates("sector", others)
	return casebook.Sectors[best].Code
}

func (v *view) sectorExample(org, gold string, cand *orgCand) linear.Choice {
	fs, sg := v.sectorFeatures(org, cand)
	right := make([]bool, len(casebook.Sectors))
	for i, t := range casebook.Sectors {
		right[i] = t.Code == gold
	}
	return linear.Choice{Cands: vectors(sectorOptions(fs, sg)), Right: right}
}

// setTables are the cue tables of the three set fields.
var setTables = map[string]int{decItems: tabItems, decCauses: tabCauses, decResp: tabResponses}

// codeFeatures describes, for each code of a set field that the segment's
// cue words name, where and how they stand; rule is the rules' set.
func (v *view) codeFeatures(table int, rule []string) ([]string, [][]string) {
	d := v.d
	type where struct {
		n, title, plain, advice, after, chrome, related, neg, list int
		first                                                      int
	}
	by := map[string]*where{}
	var codes []string
	for _, h := range v.hits {
		if cues.pats[h.pat].table != table || h.start < v.sg.start {
			continue
		}
		c := v.code(h)
		w := by[c]
		if w == nil {
			w = &where{first: h.start}
			by[c] = w
			codes = append(codes, c)
		}
		w.n++
		li := d.lineAt(h.start)
		si := d.sentAt(h.start)
		switch {
		case v.title >= 0 && li >= v.title && li <= v.titleLast:
			w.title++
		case h.start >= v.zone:
			w.after++
		case d.lines[li].kind == lineChrome:
			w.chrome++
		case d.related != nil && d.related[li]:
			w.related++
		case si >= 0 && (d.sents[si].advice || d.sents[si].hypo):
			w.advice++
		default:
			w.plain++
		}
		if si >= 0 {
			cs, ce := d.clauseOf(si, h.start, h.end)
			if causeNegRE.In(d.s[h.end:max(h.end, ce)]) || itemNegRE.In(d.s[cs:max(cs, ce)]) {
				w.neg++
			}
		}
		if d.lines[li].list {
			w.list++
		}
	}
	inRule := map[string]bool{}
	for _, c := range rule {
		inRule[c] = true
		if by[c] == nil {
			by[c] = &where{first: v.sg.end}
			codes = append(codes, c)
		}
	}
	out := make([][]string, len(codes))
	for i, c := range codes {
		w := by[c]
		fs := []string{"bias", "code=" + c}
		if inRule[c] {
			fs = append(fs, "rule", "rule&code="+c)
		} else {
			fs = append(fs, "norule")
		}
		fs = append(fs, "n="+bucket(w.n, 1, 2, 3, 5, 9), "plain="+bucket(w.plain, 1, 2, 4))
		for _, x := range []struct {
			n    int
			name string
		}{{w.title, "title"}, {w.advice, "advice"}, {w.after, "after"}, {w.chrome, "chrome"}, {w.related, "related"}, {w.neg, "neg"}, {w.list, "list"}} {
			if x.n > 0 {
				fs = append(fs, x.name)
				if x.n == w.n {
					fs = append(fs, "only:"+x.name)
				}
			}
		}
		if w.n > 0 {
			fs = append(fs, "firstAt="+bucket(10*(w.first-v.sg.start)/max(1, v.sg.end-v.sg.start), 1, 3, 6, 9))
		}
		if v.sg.multi {
			fs = append(fs, "multi")
		}
		if v.regulator {
			fs = append(fs, "regulator")
		}
		if v.third {
			fs = append(fs, "article")
		}
		if table == tabCauses {
			for _, k := range rule {
				for _, x := range subsumes[k] {
					if x == c {
						fs = append(fs, "subsumed")
					}
				}
			}
		}
		out[i] = fs
	}
	return codes, out
}

// decideSet chooses the codes of a set field: each code its cue words
// name is in when its model gives it even odds or better.
func (v *view) decideSet(decision string, rule []string) []string {
	m := v.m.get(decision)
	if m == nil {
		return rule
	}
	codes, fss := v.codeFeatures(setTables[decision], rule)
	var out []string
	for i, c := range codes {
		if c == "unknown" {
			continue
		}
		p := linear.Sigmoid(fvec{prefix: decision + ":", names: fss[i]}.score(m))
		if p >= 0.5 {
			out = append(out, c)
			v.confidence(decision+"."+c, p)
		}
	}
	return out
}

func (v *view) setExamples(decision string, rule, gold []string) []linear.Choice {
	codes, fss := v.codeFeatures(setTables[decision], rule)
	in := map[string]bool{}
	for _, g := range gold {
		in[g] = true
	}
	var out []linear.Choice
	for i, c := range codes {
		if c == "unknown" {
			continue
		}
		out = append(out, linear.YesNo(fvec{prefix: decision + ":", names: fss[i]}.vector(), in[c]))
	}
	return out
}

// decideCauses chooses the causes: the rules' order among those kept
// (the main cause first), then the model's own by probability.
func (v *view) decideCauses(rule []string) []string {
	if v.m.get(decCauses) == nil {
		return rule
	}
	chosen := v.decideSet(decCauses, rule)
	in := map[string]bool{}
	for _, c := range chosen {
		in[c] = true
	}
	var out []string
	for _, c := range rule {
		if in[c] {
			out = append(out, c)
			delete(in, c)
		}
	}
	var rest []string
	for _, c := range chosen {
		if in[c] {
			rest = append(rest, c)
		}
	}
	sort.SliceStable(rest, func(i, j int) bool {
		return v.rec.Confidence["causes."+rest[i]] > v.rec.Confidence["causes."+rest[j]]
	})
	out = append(out, rest...)
	if len(out) == 0 {
		return []string{"unknown"}
	}
	return out
}

// countOptions describes each count of the segment as the people
// affected, and none.
func (v *view) countOptions(cs []countCand, best int) []fvec {
	d := v.d
	var largest int64
	seen := map[int64]int{}
	for _, c := range cs {
		if c.tier >= 2 {
			largest = max(largest, c.c.Value)
		}
		seen[c.c.Value]++
	}
	out := make([]fvec, 0, len(cs)+1)
	maxTier := 0
	for i, cc := range cs {
		c := cc.c
		maxTier = max(maxTier, cc.tier)
		fs := []string{"cand", "tier=" + string(rune('0'+cc.tier)), "unit=" + strings.TrimSuffix(c.Unit, "分"),
			"value=" + bucket(int(min(c.Value, 1<<30)), 2, 10, 100, 1000, 10000, 100000, 1000000)}
		add := func(ok bool, f string) {
			if ok {
				fs = append(fs, f)
			}
		}
		add(i == best, "rulepick")
		add(strings.HasSuffix(c.Unit, "分"), "bun")
		add(c.People(), "people")
		add(c.Prefix != "", "prefix="+c.Prefix)
		add(c.Approximate, "approx")
		add(c.Value == largest && cc.tier >= 2, "largest")
		add(seen[c.Value] > 1, "repeated")
		li := d.lineAt(c.Start)
		add(v.title >= 0 && li >= v.title && li <= v.titleLast, "inTitle")
		add(d.lines[li].list, "list")
		add(countLabelRE.MatchString(strings.TrimRight(d.s[d.lines[li].start:c.Start], " ")), "label")
		if si := d.sentAt(c.Start); si >= 0 {
			add(leakWordRE.In(d.sentText(si)), "leakSent")
			add(d.sents[si].advice || d.sents[si].hypo, "advice")
			add(v.causeIn(si), "causeSent")
			add(v.itemsIn(si), "itemsSent")
		}
		add(partsRE.MatchString(d.s[max(v.sg.start, c.Start-40):c.Start]), "part")
		fs = append(fs, "at="+bucket(10*(c.Start-v.sg.start)/max(1, v.sg.end-v.sg.start), 1, 3, 6, 9))
		out = append(out, fvec{prefix: "count:", names: fs})
	}
	none := []string{"none", "none&cands=" + bucket(len(cs), 1, 2, 4, 8), "none&maxTier=" + string(rune('0'+maxTier))}
	if v.regulator {
		none = append(none, "none&reg")
	}
	return append(out, fvec{prefix: "count:", names: none})
}

func (v *view) decideAffected() *casebook.Affected {
	m := v.m.get(decCount)
	if m == nil {
		return v.readAffected()
	}
	cs, best := v.countCandidates()
	p := probs(m, v.countOptions(cs, best))
	k := argmax(p)
	a := &casebook.Affected{}
	if k < len(cs) {
		v.setCount(a, cs[k].c)
		v.confidence("affected.count", p[k])
	}
	a.Confirmed = v.confirmed() || misdelivered(v.rec.Causes)
	if a.Count != nil {
		a.Groups = v.readGroups()
	}
	return a
}

func (v *view) countExample(gold *casebook.Affected) linear.Choice {
	cs, best := v.countCandidates()
	right := make([]bool, len(cs)+1)
	if gold == nil || gold.Count == nil {
		right[len(cs)] = true
	} else {
		for i, c := range cs {
			right[i] = c.c.Value == *gold.Count
		}
	}
	return linear.Choice{Cands: vectors(v.countOptions(cs, best)), Right: right}
}
func bucket(n int, edges ...int) string {
	for _, e := range edges {
		if n < e {
			return "<" + strconv.Itoa(e)
		}
	}
	return ">=" + strconv.Itoa(edges[len(edges)-1])
}
