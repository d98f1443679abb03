package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// line is one line of the normalized text.
type line struct {
	start, end int    // byte offsets in the normalized text, end before "\n"
	text       string // trimmed
	heading    bool   // came from an HTML heading
}

func splitLines(s string) []line {
	var out []line
	pos := 0
	for pos <= len(s) {
		i := strings.IndexByte(s[pos:], '\n')
		end := len(s)
		if i >= 0 {
			end = pos + i
		}
		out = append(out, line{start: pos, end: end, text: strings.TrimSpace(s[pos:end])})
		if i < 0 {
			break
		}
		pos = end + 1
	}
	return out
}

var (
	tagRE          = regexp.MustCompile(`^【[^】]{1,60}】\s*`)
	leadDateRE     = regexp.MustCompile(`^(?:■|◆|●|\[)?\s*(\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|(?:令和|平成)(?:元|\d{1,2})年\d{1,2}月\d{1,2}日)\s*\]?[\s:|]+`)
	trailDateRE    = regexp.MustCompile(`\s+\(?(\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}|\d{4}年\s*\d{1,2}月\s*\d{1,2}日|(?:令和|平成)(?:元|\d{1,2})年\s*\d{1,2}月\s*\d{1,2}日)\)?\s*$`)
	noticeEndRE    = regexp.MustCompile(`(お詫び|おわび|お知らせ|ご報告|ご案内|ご説明|ご連絡|について|に関して|の件|行政上の対応|指導等?|勧告|命令|発生|判明|公表|報告)[)\]」』]?\s*(\((お詫び|おわび|お知らせ|ご報告|第\d+報|続報|最終報|更新|訂正)\)|第\d+報|続報|最終報)?[\s!?]*$|(お詫びと|お知らせと|ご報告と)`)
	incidentTermRE = regexp.MustCompile(`個人情報|個人データ|顧客情報|会員情報|情報漏|漏えい|漏洩|流出|不正アクセス|サイバー攻撃|ランサムウェア|誤送信|誤送付|誤配|紛失|盗難|不正ログイン|ウイルス|マルウェア|感染|セキュリティインシデント|改ざん|行政上の対応|不正利用|誤掲載|誤表示|流失|漏れ|情報セキュリティ事故|メール誤`)
	listMarkerRE   = regexp.MustCompile(`^(?:[・•\-*■□◆◇●○◎※▼▽▶>→]|\d{1,2}\s*[.)、.]|\d{1,2}\s|\(\d{1,2}\)|[一二三四五六七八九十]+[、..]|[ア-ン][..)]|第\d+[条章節]|Q\d|[A-Za-z][.)]\s)`)
	selfRefRE      = regexp.MustCompile(`^(弊社|当社|本学|本校|当院|当館|当法人|当協会|当組合|当市|当町|当村|本市|本県|当県|当行|当金庫)`)
	regTitleRE     = regexp.MustCompile(`に対する.{0,60}(行政上の対応|勧告|指導|命令)|行政上の対応について`)
	scoreWords     = newLiteralSet(`個人情報|個人データ|漏えい|漏洩|流出|不正アクセス|サイバー攻撃|ランサムウェア|誤送信|誤送付|紛失|盗難|お詫び|委員会|不正利用|不正ログイン|感染|被害`)
)

// titleShape reports whether a line could be a heading: not blank, not too
// long, and not a sentence.
func titleShape(text string) bool {
	n := utf8.RuneCountInString(text)
	if n < 4 || n > 200 {
		return false
	}
	return !strings.HasSuffix(text, "。")
}

// titleInfo classifies a line as a notice title.
type titleInfo struct {
	strong    bool // an incident notice's title
	decorated bool // with a tag 【…】 or a date, as digest pages write them
	other     bool // a decorated or heading line that is no notice title: another post
}

func classifyTitle(l line, prevBlank bool) titleInfo {
	text := l.text
	// A title follows a blank line, unless it is a heading or decorated
	// like a digest's entries (text copied with single line breaks).
	if !prevBlank && !l.heading && !tagRE.MatchString(text) && !leadDateRE.MatchString(text) && !trailDateRE.MatchString(text) {
		return titleInfo{}
	}
	if !titleShape(text) {
		return titleInfo{}
	}
	core := text
	decorated, dated := false, false
	if m := tagRE.FindString(core); m != "" {
		core, decorated = core[len(m):], true
	}
	if m := leadDateRE.FindString(core); m != "" {
		core, decorated, dated = core[len(m):], true, true
	}
	if m := trailDateRE.FindStringIndex(core); m != nil {
		core, decorated, dated = core[:m[0]], true, true
	}
	if !decorated && listMarkerRE.MatchString(core) {
		return titleInfo{}
	}
	// Body text has 【項目】-style tags too; only a dated or heading line
	// marks another post.
	otherPost := titleInfo{other: dated || l.heading, decorated: dated}
	if utf8.RuneCountInString(core) < 8 {
		return otherPost
	}
	if !incidentTermRE.MatchString(core) {
		return otherPost
	}
	// HTML headings are explicit structure: a heading with incident words
	// is a title even when it reads like a headline (「顧客情報が流出か」).
	notice := noticeEndRE.MatchString(core) || regTitleRE.MatchString(core) || l.heading
	if !notice {
		return otherPost
	}
	org := len(findOrgs(core)) > 0 || selfRefRE.MatchString(core) || regTitleRE.MatchString(core)
	if !(decorated || org || l.heading) {
		return titleInfo{}
	}
	return titleInfo{strong: true, decorated: decorated}
}

// seg is a segment of the normalized text.
type seg struct {
	start, end  int // byte offsets
	title       int // index of the title line, -1 when none
	notIncident bool
}

// segment cuts a text into incidents and what is no incident. A page with
// several notice titles is cut at each; when the titles on a page carry
// decorations (a 【tag】 or a date), only decorated lines count, so section
// headings inside a notice do not cut it. A long run at the end of a
// segment with no incident vocabulary, starting at a heading-like line, is
// an unrelated post (digest blogs mix them in).
func segment(s string, lines []line) []seg {
	type cand struct {
		idx int
		ti  titleInfo
	}
	var strong, others []cand
	decoratedCount, headingCount := 0, 0
	prevBlank := true
	for i, l := range lines {
		if l.text == "" {
			prevBlank = true
			continue
		}
		ti := classifyTitle(l, prevBlank)
		switch {
		case ti.strong:
			strong = append(strong, cand{i, ti})
			if ti.decorated {
				decoratedCount++
			}
			if l.heading {
				headingCount++
			}
		case ti.other:
			others = append(others, cand{i, ti})
		}
		prevBlank = false
	}
	if decoratedCount >= 2 {
		kept := strong[:0]
		for _, c := range strong {
			if c.ti.decorated {
				kept = append(kept, c)
			}
		}
		strong = kept
	}
	// On a page whose notices carry decorated or heading titles, a line
	// decorated the same way without incident words starts another post.
	if decoratedCount >= 2 || headingCount >= 2 {
		for _, o := range others {
			if (decoratedCount >= 2 && o.ti.decorated) || (headingCount >= 2 && lines[o.idx].heading) {
				strong = append(strong, cand{o.idx, titleInfo{other: true}})
			}
		}
		sort.Slice(strong, func(i, j int) bool { return strong[i].idx < strong[j].idx })
	}
	if len(strong) == 0 {
		return []seg{{start: 0, end: len(s), title: -1}}
	}
	dx := newDensityIndex(s)
	var segs []seg
	// The text before the first title joins the first segment unless it is
	// a long run of something else.
	first := lines[strong[0].idx].start
	if first > 0 && utf8.RuneCountInString(s[:first]) >= 300 && dx.density(0, first) == 0 {
		segs = append(segs, seg{start: 0, end: first, title: -1, notIncident: true})
	} else {
		first = 0
	}
	for k, c := range strong {
		start := lines[c.idx].start
		if k == 0 {
			start = first
		}
		end := len(s)
		if k+1 < len(strong) {
			end = lines[strong[k+1].idx].start
		}
		if c.ti.other {
			// another post: no incident if it has no incident words, else
			// part of the notice before it
			if dx.density(start, end) == 0 && k > 0 {
				segs = append(segs, seg{start: start, end: end, title: c.idx, notIncident: true})
			} else if len(segs) > 0 {
				segs[len(segs)-1].end = end
			} else {
				segs = append(segs, seg{start: start, end: end, title: -1})
			}
			continue
		}
		segs = append(segs, seg{start: start, end: end, title: c.idx})
	}
	if len(strong) < 2 {
		return segs
	}
	// Cut unrelated posts off the end of each incident segment.
	var out []seg
	for _, sg := range segs {
		if sg.notIncident || sg.title < 0 {
			out = append(out, sg)
			continue
		}
		cut := trailingOther(s, lines, sg, dx)
		if cut < 0 {
			out = append(out, sg)
			continue
		}
		out = append(out, seg{start: sg.start, end: lines[cut].start, title: sg.title},
			seg{start: lines[cut].start, end: sg.end, title: cut, notIncident: true})
	}
	return out
}

// trailingOther finds the first heading-like line of a segment after which
// the rest of the segment is long and free of incident vocabulary; it
// returns its line index or -1.
func trailingOther(s string, lines []line, sg seg, dx *densityIndex) int {
	var starts []int
	prevBlank := false
	for i := sg.title + 1; i < len(lines) && lines[i].start < sg.end; i++ {
		l := lines[i]
		if l.text == "" {
			prevBlank = true
			continue
		}
		if prevBlank && titleShape(l.text) && !listMarkerRE.MatchString(l.text) {
			starts = append(starts, i)
		}
		prevBlank = false
	}
	for _, i := range starts {
		if utf8.RuneCountInString(s[lines[i].start:sg.end]) >= 300 && dx.density(lines[i].start, sg.end) == 0 && dx.density(sg.start, lines[i].start) > 0 {
			return i
		}
	}
	return -1
}

// incidentDensity counts incident words per 1,000 code points, rounded
// down, with one stray word in a long text counting as none.
func incidentDensity(s string) int {
	return densityOf(len(scoreWords.hits(s)), utf8.RuneCountInString(s))
}

func densityOf(n, runes int) int {
	if n <= 1 && runes >= 600 {
		return 0
	}
	if n == 0 {
		return 0
	}
	return max(1, n*1000/max(1, runes))
}

// densityIndex answers incidentDensity for any range of one text in
// logarithmic time: the incident words and rune counts are found once.
type densityIndex struct {
	s     string
	words []int // byte offsets of incident words
}

func newDensityIndex(s string) *densityIndex {
	d := &densityIndex{s: s}
	d.words = scoreWords.hits(s)
	return d
}

func (d *densityIndex) density(a, b int) int {
	i := sort.SearchInts(d.words, a)
	j := sort.SearchInts(d.words, b)
	return densityOf(j-i, utf8.RuneCountInString(d.s[a:b]))
}

// cleanTitle removes a digest's tag and date decorations from a title line
// of the original text.
func cleanTitle(orig string) string {
	t := strings.TrimSpace(orig)
	n := normForMatch(t)
	if m := tagRE.FindString(n); m != "" {
		t = dropRunes(t, utf8.RuneCountInString(m))
		n = n[len(m):]
	}
	if m := leadDateRE.FindString(n); m != "" {
		t = dropRunes(t, utf8.RuneCountInString(m))
		n = n[len(m):]
	}
	if m := trailDateRE.FindStringIndex(n); m != nil {
		keep := utf8.RuneCountInString(n[:m[0]])
		t = takeRunes(t, keep)
	}
	return strings.TrimSpace(t)
}

func dropRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[i:]
		}
		n--
	}
	return ""
}

func takeRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
