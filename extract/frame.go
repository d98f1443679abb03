package extract

import (
	"regexp"
	"strings"
)

// The frame of a page of entries: the site's header, the page's title and
// lead before its first entry; its page links, related links and footer
// after its last. The frame tells of no entry, and read with the first or
// the last it would lend that entry the page's words and dates, so it is
// cut off as a segment of its own (not an incident). An article whose own
// opening is its first incident (entries cut at paragraphs) keeps it.

var (
	// a line that leads elsewhere: page links, archives, tags, footers
	navLineRE = regexp.MustCompile(`次のページ|前のページ|次へ|前へ|ページの先頭|ページトップ|トップへ|に戻る|へ戻る|を見る|をもっと見る|一覧へ|Copyright|©|\(C\)|All [Rr]ights|カテゴリー?\s*[::]|タグ\s*[::]|アーカイブ|月別|バックナンバー|サイトマップ|利用規約|プライバシーポリシー|運営会社|^[<＜«]|[>＞»]$`)
	// a row of a table of counts: 紛失 19 7 26, 盗難 | 1 | 0 | 1
	countCellRE = regexp.MustCompile(`[\s|]\d[\d,]*\s*(?:件|人|名)?\s*\|?\s*$`)
	monthLineRE = regexp.MustCompile(`^\d{4}年\s*\d{1,2}月$|^\d{4}[/.]\d{1,2}$`)
)

// frameHeader reports whether the lines before the first entry are the
// page's frame: the entries have titles of their own (not paragraphs),
// what comes before the first holds a lead or a table of counts, is not
// the voice of the organization whose page it is (its own lead belongs
// to its first entry) and tells, with its date, no incident of its own.
func frameHeader(d *doc, first entryStart) bool {
	if first.key == "para" {
		return false
	}
	end := d.lines[first.line].start
	some := false
	for i := 0; i < first.line; i++ {
		some = some || d.lines[i].kind != lineBlank
	}
	if !some || ownPage(d) {
		return false
	}
	// a site's name and a page's title alone are the first entry's head
	// (labelled so); a lead or a table of counts is a section of its own
	rows := 0
	for i := 0; i < first.line; i++ {
		if countCellRE.MatchString(d.lines[i].text) {
			rows++
		}
	}
	if r, n := substantive(d.lines, 0, first.line); !(n >= 1 && r >= 40 || rows >= 3) {
		return false
	}
	di := 0
	for _, sn := range d.sents {
		if sn.start >= end {
			break
		}
		for di < len(d.dates) && d.dates[di].End <= sn.start {
			di++
		}
		dated := false
		for k := di; k < len(d.dates) && d.dates[k].Start < sn.end; k++ {
			dated = dated || d.dates[k].Date.Day > 0
		}
		if dated && strings.Contains(d.s[sn.start:sn.end], "。") && incidentText(d, sn.start, min(sn.end, end)) {
			return false
		}
	}
	return true
}

// (本市 not in 熊本市: the word starts after no other kanji)
var ownVoiceRE = newPhrase(`(?:^|[^\p{Han}])(?:本市|当市|本県|当県|本町|当町|本村|本区|当区|弊社|当社|本学|当大学|当院|当病院|当行|当金庫|当組合|当機構|当財団|当センター)`)

// ownPage: the page speaks for the organization whose entries it lists
// (本市は…, 当院の…): its header and footer, which name it, are its
// entries' frame, not a page's.
func ownPage(d *doc) bool {
	return ownVoiceRE.In(d.s)
}

// footerStart returns the line where the page's footer begins after the
// last entry, whose title is line title; -1 when none. From the end back,
// the footer's blocks (lines between blank lines) tell of no incident but
// in their links; it starts at the first block of links, chrome or
// related articles, or at short lines just before it.
func footerStart(d *doc, title int) int {
	if ownPage(d) {
		return -1
	}
	type block struct {
		a     int
		links bool
		prose bool
	}
	var quiet []block // from the end back
	i := len(d.lines) - 1
	for i > title {
		for i > title && d.lines[i].kind == lineBlank {
			i--
		}
		a := i
		for a-1 > title && d.lines[a-1].kind != lineBlank {
			a--
		}
		if i <= title || a == title+1 && d.lines[title].kind != lineBlank {
			break // (the entry's own body, under its title)
		}
		related := d.lines[a].runes <= 20 && relatedHeadRE.In(d.lines[a].text)
		b := block{a: a, links: related}
		ok := true
		for j := a; j <= i && ok; j++ {
			l := d.lines[j]
			switch {
			case l.kind == lineChrome || navLineRE.MatchString(l.text):
				b.links = true
			case related || l.kind == lineSep || monthLineRE.MatchString(l.text):
			case incidentText(d, l.start, l.end):
				ok = false
			default:
				b.prose = b.prose || strings.Contains(l.text, "。") || l.runes >= 40
			}
		}
		if !ok {
			break
		}
		quiet = append(quiet, b)
		i = a - 1
	}
	start := -1
	for k := len(quiet) - 1; k >= 0; k-- { // from the top of the quiet run down
		if quiet[k].links {
			start = quiet[k].a
			// short lines just before the links are the footer's too
			for k+1 < len(quiet) && !quiet[k+1].prose && !quiet[k+1].links {
				k++
				start = quiet[k].a
			}
			break
		}
	}
	return start
}
