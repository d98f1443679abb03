package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"casebook/jtext"
)

// What a line of a page is, from its shape alone: the site's chrome
// (menus, breadcrumbs, footers), a separator between entries, a date line
// (a notice's or an entry's date, maybe with a label or a category), or
// text. Pages of every kind are built of these.

type lineKind uint8

const (
	lineText lineKind = iota
	lineBlank
	lineSep    // ――――, -----, ====: a rule between entries
	lineChrome // menus, breadcrumbs, copyright, page navigation
	lineDate   // a date alone, with at most a label, a time or a category
)

type line struct {
	start, end int    // byte offsets in the normalized text, end before "\n"
	text       string // trimmed
	runes      int
	kind       lineKind
	heading    bool // an HTML heading
	list       bool // starts with a list or section marker
	crumb      bool // a breadcrumb ("ホーム > お知らせ > …"), a kind of chrome
	date       int  // index of the date that starts a date line, else -1
	dateLabel  string
}

var (
	// listMarkerRE starts list items and numbered sections.
	listMarkerRE = regexp.MustCompile(`^(?:[・•\-*■□◆◇●○◎※▼▽▶►>→〇]|\d{1,2}\s*[.)、]|\d{1,2}[ \t]+[^\d\s]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}[、.]|[ア-ン][.)]|第\d+[条章節]?|Q\d*[.:]|A\d*[.:]|[A-Za-z][.)]\s|【)`)
	copyrightRE  = regexp.MustCompile(`(?i)copyright|©|\(c\)\s|all rights reserved`)
	crumbRE      = regexp.MustCompile(`^(?:ホーム|HOME|Home|トップ|TOP|Top|トップページ|現在地|ホーム画面)?\s*[^\s>]{0,30}\s*>\s*\S`)
	navWords     = []string{"ページの先頭へ", "ページトップへ", "ページの先頭に戻る", "このページの先頭へ", "ページのトップへ", "一覧へ戻る", "一覧に戻る",
		"続きを読む", "前のページ", "次のページ", "メニューを飛ばして本文へ", "本文へ移動", "文字サイズ", "サイトマップ", "印刷する", "シェア ポスト",
		"記事をもっと見る", "前の記事", "次の記事", "トップへ戻る", "PAGE TOP", "ページの先頭です"}
	dateLabelRE = regexp.MustCompile(`^(?:[【\[(]?(?:公表日|発表日|掲載日|公開日|発行日|最終更新日|更新日|作成日|投稿日|配信日|リリース日|日付|報道発表日)[】\])]?\s*[::]?\s*)`)
)

func isSepLine(t string) bool {
	if utf8.RuneCountInString(t) < 3 {
		return false
	}
	for _, r := range t {
		if !strings.ContainsRune("-―─━=＝_*＊~〜・･◆◇■□●○※+ ", r) {
			return false
		}
	}
	return strings.Trim(t, " ・･") != ""
}

// isChrome: a line of the site's frame, not of the notice.
func isChrome(t string) bool {
	if strings.Count(t, "|") >= 2 || strings.Count(t, " / ") >= 2 {
		return !strings.Contains(t, "。")
	}
	if copyrightRE.MatchString(t) {
		return true
	}
	for _, w := range navWords {
		if strings.Contains(t, w) && utf8.RuneCountInString(t) <= utf8.RuneCountInString(w)+20 {
			return true
		}
	}
	if strings.HasPrefix(t, "«") || strings.HasPrefix(t, "<") || strings.HasSuffix(t, "»") {
		return true
	}
	// a row of short menu words: "サービス 企業情報 採用情報 ニュース お問い合わせ"
	if f := strings.Fields(t); len(f) >= 4 && !strings.ContainsAny(t, "。、,") {
		short := 0
		for _, w := range f {
			if n := utf8.RuneCountInString(w); n <= 8 {
				short++
			}
		}
		return short == len(f)
	}
	return false
}

// classifyLines gives each line its kind; dates are the text's date
// matches (a date line starts with one).
func classifyLines(s string, dates []jtext.DateMatch, headings map[int]bool) []line {
	var out []line
	di := 0
	for pos := 0; pos <= len(s); {
		end := strings.IndexByte(s[pos:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += pos
		}
		raw := s[pos:end]
		t := strings.TrimSpace(raw)
		l := line{start: pos, end: end, text: t, runes: utf8.RuneCountInString(t), date: -1, heading: headings[pos]}
		lead := pos + strings.Index(raw, t)
		for di < len(dates) && dates[di].Start < lead {
			di++
		}
		switch {
		case t == "":
			l.kind = lineBlank
		case isSepLine(t):
			l.kind = lineSep
		case isDateLine(s, t, lead, dates, di, &l):
			l.kind = lineDate
		case crumbRE.MatchString(t) && !strings.Contains(t, "。") && (strings.Count(t, ">") >= 2 || crumbStartRE.MatchString(t)):
			l.kind, l.crumb = lineChrome, true
		case isChrome(t):
			l.kind = lineChrome
		}
		if l.kind == lineText && listMarkerRE.MatchString(t) {
			l.list = true
		}
		out = append(out, l)
		if end == len(s) {
			break
		}
		pos = end + 1
	}
	return out
}

var sentenceGoesOnRE = regexp.MustCompile(`^(?:、|,|に|から|まで|の|には|頃|ごろ|以降|付で|付け)`)

var crumbStartRE = regexp.MustCompile(`^(?:ホーム|HOME|Home|トップ|TOP|Top|トップページ|現在地)`)

// isDateLine: the line starts (after a label) with a full date or a month
// and holds little else: a time, 付, 発表, a category after "|".
func isDateLine(s, t string, lead int, dates []jtext.DateMatch, di int, l *line) bool {
	off := 0
	if m := dateLabelRE.FindString(t); m != "" {
		off = len(m)
		l.dateLabel = m
	} else if strings.HasPrefix(t, "■") || strings.HasPrefix(t, "◆") {
		off = len("■")
	}
	for off < len(t) && t[off] == ' ' {
		off++
	}
	k := di
	for k < len(dates) && dates[k].Start < lead+off {
		k++
	}
	if k >= len(dates) || dates[k].Start != lead+off || dates[k].Kind != jtext.Absolute || dates[k].Date.Month == 0 {
		return false
	}
	rest := strings.TrimSpace(s[dates[k].End:min(len(s), lead+len(t))])
	if strings.Contains(rest, "。") || sentenceGoesOnRE.MatchString(rest) {
		return false // "平成27年4月13日、職員が…": a sentence that starts with a date
	}
	if strings.HasPrefix(rest, "|") || utf8.RuneCountInString(rest) <= 24 {
		l.date = k
		return true
	}
	return false
}

// sentence is a sentence of the text: split at 。！？ outside brackets and
// at line ends (lines that only wrapped were joined by the normalization).
type sentence struct {
	start, end int
	advice     bool // advice or a request to readers (…ください, お願い)
	hypo       bool // hypothetical (万一…場合, もしも…たら) or general (…を防ぐための対策, 事故の事例)
}

var (
	adviceRE = newPhrase(`ですか|ますか|お願い(いた)?します|お願い申し上げ|ご注意|ください|くださいます|いただきますよう|いただけますよう|ないようお願い|ないよう(に)?ご|ご確認を|ご用心|ますか[?？]?$|ていますか|でしょうか|しましょう|ましょう。|おすすめします`)
	hypoRE   = newPhrase(`万一|万が一|もしも|もし[、,]|仮に|場合(は|に|には|、|の)|ような場合|たら[、,]|(?:[^よ]|^)れば[、,]|際には|おそれがある場合|(?:し|く|っ|れ)ても[、,]|たら――|たら。|ったら|されたら|られたら|を防ぐ|を防止する|防止のため|の事例(?:を|と|で|は|から|に|が)|事例を|について学|(?:する|される|すれば|なる)と[、,]|(?:る|い)こと(?:も|が)あります|(?:る|い)こと(?:も|が)ある。|一般的`)
)

func splitSentences(s string, lines []line) []sentence {
	var out []sentence
	start := -1
	depth := 0
	flush := func(end int) {
		if start >= 0 && strings.TrimSpace(s[start:end]) != "" {
			sn := sentence{start: start, end: end}
			txt := s[start:end]
			sn.advice = adviceRE.In(txt)
			sn.hypo = hypoRE.In(txt)
			out = append(out, sn)
		}
		start = -1
		depth = 0
	}
	for _, l := range lines {
		if l.kind == lineBlank {
			flush(l.start)
			continue
		}
		if start < 0 {
			start = l.start
		}
		for i := l.start; i < l.end; {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			switch r {
			case '(', '「', '『', '【':
				depth++
			case ')', '」', '』', '】':
				if depth > 0 {
					depth--
				}
			case '。', '!', '?':
				if depth == 0 || r != '。' {
					flush(i)
					if i < l.end {
						start = i
					}
				}
			}
		}
		if start >= 0 {
			flush(l.end)
		}
	}
	if start >= 0 {
		flush(len(s))
	}
	return out
}

// startsWithDate: a timeline row or a dated heading ("R4.11.1 ― …").
func startsWithDate(t string) bool {
	return dateStartRE.MatchString(t)
}

var dateStartRE = regexp.MustCompile(`^(?:\(?\d{1,2}\)\s*)?(?:\d{4}[/.\-年]|(?:令和|平成|昭和)(?:元|\d{1,2})[年.]|[RH]\d{1,2}\.|\d{1,2}月\d{1,2}日|\d{1,2}/\d{1,2}\s)[^、,]*?(?:\s|\t|―|$)`)
