package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"casebook/linear"
)

// The title decision. The rules' scores (notice endings, incident words,
// headings, the breadcrumb) pick well on a company's page and badly where
// a site's name, a section's label or a news site's masthead looks like a
// title too. Every line that may start a title, alone or with the lines
// that continue it, is an option described by its shape and place; the
// text's first sentence is one more.

const decTitle = "title"

// titleOption is one choice: lines first..last, or the fallback text
// (first -1). A line option's text is read when it is chosen (optionText).
type titleOption struct {
	first, last int
	text        string
	fs          []string
}

// titleLate is how many lines past the first body line may still hold
// the title (a site's blurb with a 。 before the notice's heading).
const titleLate = 6

// maxTitleLines is the most lines a title is broken over.
const maxTitleLines = 4

// trailBracketRE is a note in brackets after a title: (追加情報), 【第2報】.
var trailBracketRE = regexp.MustCompile(`\s*(?:\([^()]{1,14}\)|【[^【】]{1,14}】)\s*$`)

func (v *view) titleOptions(limit int, crumb string, ruleFirst, ruleLast int) []titleOption {
	d := v.d
	end, late := limit, 0
	for i := limit; i < v.lineB && late < titleLate; i++ {
		end = i + 1
		if d.lines[i].kind == lineBlank {
			continue
		}
		late++
		if i > limit && d.lines[i].kind == lineText && strings.Contains(d.lines[i].text, "。") && d.lines[i].runes >= 40 {
			break
		}
	}
	var out []titleOption
	rank := 0
	for i := v.lineA; i < end; i++ {
		entry := i == v.sg.title
		if !titleCandidate(d.lines[i]) && !entry {
			continue
		}
		runes := 0
		for j := i; j < end && j < i+maxTitleLines; j++ {
			if j > i && !titleish(d.lines[j]) {
				break
			}
			runes += d.lines[j].runes
			if runes > 150 {
				break
			}
			fs := v.titleFeatures(i, j, rank, limit, crumb)
			if i == ruleFirst && j == ruleLast {
				fs = append(fs, "pick")
			}
			if entry && j == i {
				fs = append(fs, "entry")
			}
			out = append(out, titleOption{first: i, last: j, fs: fs})
		}
		rank++
	}
	if v.sg.title >= v.lineB || v.sg.title >= end {
		i := v.sg.title
		fs := append(v.titleFeatures(i, i, rank, limit, crumb), "entry", "pick")
		out = append(out, titleOption{first: i, last: i, fs: fs})
	}
	fb := titleOption{first: -1, last: -1, text: v.fallbackTitle(limit), fs: []string{"fallback"}}
	if ruleFirst < 0 {
		fb.fs = append(fb.fs, "pick")
	}
	if fb.text == "" {
		fb.fs = append(fb.fs, "fallback&empty")
	}
	return append(out, fb)
}

// titleFeatures describes lines first..last as a title.
func (v *view) titleFeatures(first, last, rank, limit int, crumb string) []string {
	d := v.d
	var b strings.Builder
	for i := first; i <= last; i++ {
		b.WriteString(d.lines[i].text)
	}
	t := b.String()
	l0, ln := d.lines[first], d.lines[last]
	runes := utf8.RuneCountInString(t)
	fs := []string{"line", "lines=" + bucket(last-first+1, 2, 3, 4), "rank=" + bucket(rank, 1, 2, 3, 5),
		"len=" + bucket(runes, 8, 15, 30, 50, 70, 100)}
	add := func(ok bool, f string) {
		if ok {
			fs = append(fs, f)
		}
	}
	add(first >= limit, "late")
	add(noticeEndRE.MatchString(ln.text), "end")
	add(noticeEndRE.MatchString(trailBracketRE.ReplaceAllString(ln.text, "")), "end&bracket")
	add(strings.HasPrefix(l0.text, "("), "paren&first")
	add(last > first && noticeEndRE.MatchString(l0.text), "end&first")
	add(incidentWords.In(t), "incident")
	add(l0.heading, "heading")
	add(l0.list, "list")
	add(strings.HasPrefix(l0.text, "【"), "bracket")
	add(strings.ContainsAny(t, "|｜"), "pipe")
	add(strings.ContainsAny(t, ">＞"), "arrow")
	add(strings.Contains(t, "、"), "comma")
	add(strings.Contains(t, "「"), "quote")
	add(latinShare(t) >= 0.7, "latin")
	add(addresseeRE.MatchString(ln.text), "addressee")
	add(labelLineRE.MatchString(l0.text), "label")
	add(roleLineRE.MatchString(t) && runes <= 40, "role")
	add(trailDateRE.MatchString(t) || leadDateRE.MatchString(t), "dated")
	add(last > first && strings.HasPrefix(ln.text, "("), "paren&last")
	flat := strings.ReplaceAll(t, " ", "")
	add(crumb != "" && utf8.RuneCountInString(crumb) >= 4 && (strings.Contains(flat, crumb) || strings.Contains(crumb, flat)), "crumb")
	if page := strings.ReplaceAll(d.page, " ", ""); page != "" {
		add(strings.Contains(page, flat), "page")
	}
	for _, o := range v.orgs {
		if o.start >= l0.start && o.end <= ln.end && (o.end-o.start)*10 >= len(t)*7 {
			fs = append(fs, "orgonly")
			break
		}
	}
	// what stands around it: a date line, the start of the segment
	prev, next := v.nonBlank(first, -1), v.nonBlank(last, +1)
	add(prev < 0, "top")
	add(prev >= 0 && d.lines[prev].kind == lineDate, "date&before")
	add(next >= 0 && d.lines[next].kind == lineDate, "date&after")
	add(prev >= 0 && d.lines[prev].kind == lineChrome, "chrome&before")
	add(next >= 0 && noticeEndRE.MatchString(d.lines[next].text) && titleish(d.lines[next]), "end&next")
	return fs
}

// nonBlank is the nearest line before (dir -1) or after (+1) line i in
// the segment that is not blank, -1 when none.
func (v *view) nonBlank(i, dir int) int {
	for j := i + dir; j >= v.lineA && j < v.lineB; j += dir {
		if v.d.lines[j].kind != lineBlank {
			return j
		}
	}
	return -1
}

// latinShare is the share of s's letters that are Latin.
func latinShare(s string) float64 {
	n, latin := 0, 0
	for _, r := range s {
		if r == ' ' {
			continue
		}
		n++
		if r < 0x80 {
			latin++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(latin) / float64(n)
}

// optionText is what the record says when o is chosen.
func (v *view) optionText(o titleOption) string {
	if o.first < 0 {
		return o.text
	}
	return v.titleText(o.first, o.last)
}

func titleVectors(opts []titleOption) []fvec {
	out := make([]fvec, len(opts))
	for i, o := range opts {
		out[i] = fvec{prefix: "title:", names: o.fs}
	}
	return out
}

// titleExample is the title decision's example for a gold title, when an
// option reads it; the view then reads on from that title, as the model
// will be taught to.
func (v *view) titleExample(gold string) (linear.Choice, bool) {
	if v.sg.title >= 0 || gold == "" {
		return linear.Choice{}, false
	}
	limit := v.bodyLine()
	crumb := v.crumbName(limit)
	first, last := v.ruleTitle(limit, crumb)
	opts := v.titleOptions(limit, crumb, first, last)
	right := make([]bool, len(opts))
	some := false
	for i, o := range opts {
		right[i] = sameValue(v.optionText(o), gold)
		if right[i] && !some {
			some = true
			if o.first >= 0 {
				v.setTitle(o.first, o.last)
			} else {
				v.title, v.titleLast, v.body = -1, -1, v.sg.start
			}
		}
	}
	if !some || len(opts) < 2 {
		return linear.Choice{}, false
	}
	return linear.Choice{Cands: vectors(titleVectors(opts)), Right: right}, true
}
