// Package resolve decides which records tell of one incident, so that a
// case gathers a first notice, its follow-ups, the news and digest copies
// about it and the regulator's action on it, and never two incidents of
// one organization. It weighs the facts two records share: agreeing days
// and titles count for, contradicting days, causes and data count against,
// and some contradictions rule a pair apart whatever agrees. The package
// is pure: the stores ask it, and keep the cases.
package resolve

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"casebook"
)

// Verdict is the comparison of two records: whether they tell of one
// incident and the facts that decided it, for the case page to show.
type Verdict struct {
	Same  bool `json:"same"`
	Score int  `json:"score"`
	// Agreed and Contradicted name the facts, e.g. "発覚日 2024-01-10".
	Agreed       []string `json:"agreed,omitempty"`
	Contradicted []string `json:"contradicted,omitempty"`
	// Veto is the contradiction that rules the pair apart, if any.
	Veto string `json:"veto,omitempty"`
}

// threshold is the score two records need to be one incident. The
// weights below are set so that one agreeing day of discovery or
// occurrence, or the same title, reaches it alone, and a count, a day
// of report or of announcement each needs another fact beside it.
const threshold = 2

// Weights of the facts.
const (
	weightIncidentDay = 2 // discovered or occurred_from, the same day
	weightTitle       = 2 // the same title and kind
	weightReportDay   = 1 // a report to the PPC or the police the same day
	weightAnnounced   = 1 // announced the same day (a news copy)
	weightCount       = 1 // the same count of people (10 or more)
	// the same count of 1,000 or more with two significant digits or more
	weightDistinctCount = 2
	weightRareCause     = 1 // the same uncommon cause, announced within weeks
	weightName          = 1 // a shop, service or system both texts name
)

// Windows in days.
const (
	// incidentWindow: days of discovery or occurrence further apart are
	// different incidents (a follow-up may move the start of an intrusion
	// back, which its words say).
	incidentWindow = 45
	// announcedWindow: notices announced further apart are different
	// incidents unless one of them is a follow-up or a regulator's action.
	announcedWindow = 45
	// movedBack: how far a later report may move the start of an
	// intrusion back.
	movedBack = 365
	// followUpWindow: even a follow-up or a regulator's action comes
	// within this many days of the first notice.
	followUpWindow = 3 * 365
)

// followUp matches the titles of later reports on an incident.
var followUp = regexp.MustCompile(`第\s*(?:[2-9２-９]|[1１][0-9０-９]|[二三四五六七八九十])\s*報|続報|最終報|調査結果|経過報告|進捗|追加のお知らせ|再発防止策|調査報告|対応状況|報告書|【更新】|\(更新\)`)

// IsFollowUp reports whether a record's title says it is a later report
// on an incident (第2報, 調査結果のご報告, 最終報告 …).
func IsFollowUp(r *casebook.Record) bool { return followUp.MatchString(r.Title) }

// Same reports whether a and b tell of one incident.
func Same(a, b *casebook.Record) bool { return Compare(a, b).Same }

// Compare weighs the facts of two records. The organizations must be the
// same (casebook.OrgKey); then no veto may hold (the first found ends the
// comparison) and the agreeing facts must outweigh the contradicting ones
// by the threshold. It is
// conservative: two incidents in one case miscount every statistic,
// while a duplicate case is only untidy.
func Compare(a, b *casebook.Record) Verdict {
	var v Verdict
	if !a.IsIncident() || !b.IsIncident() {
		v.Veto = "事故ではない"
		return v
	}
	rel, named := relateOrgs(a, b)
	ka, kb := casebook.OrgKey(a.Organization), casebook.OrgKey(b.Organization)
	switch {
	case rel == orgNone && (ka == "" || kb == ""):
		v.Veto = "組織が不明"
		return v
	case rel == orgNone:
		v.Veto = "組織が異なる"
		return v
	}
	if fa, fb := casebook.LegalForm(a.Organization), casebook.LegalForm(b.Organization); fa != "" && fb != "" && fa != fb {
		v.Veto = "法人格が異なる (" + fa + " と " + fb + ")"
		return v
	}
	c := &comparison{v: &v, a: a, b: b}
	regulator := a.Kind == casebook.KindRegulator || b.Kind == casebook.KindRegulator
	da, db := a.Dates, b.Dates
	if da == nil {
		da = &casebook.Dates{}
	}
	if db == nil {
		db = &casebook.Dates{}
	}
	sameDay := false // one agreeing day counts once (found the day it happened)
	for _, f := range []struct {
		name, label string
	}{{"discovered", "発覚日"}, {"occurred_from", "発生日"}} {
		x, y := *da.Field(f.name), *db.Field(f.name)
		if x == nil || y == nil {
			continue
		}
		d, ok := casebook.DaysApart(*x, *y)
		switch {
		case !ok:
		case d == 0 && sameDay:
			c.v.Agreed = append(c.v.Agreed, f.label+" "+*x)
		case d == 0:
			sameDay = true
			c.agree(weightIncidentDay, f.label+" "+*x)
		case d > incidentWindow && !(f.name == "occurred_from" && d <= movedBack && c.later()):
			c.veto(fmt.Sprintf("%sが%d日離れている (%s と %s)", f.label, d, *x, *y))
			return v
		default:
			// days weeks apart: a later report that corrects one, or a
			// notice read wrongly; weighed, not vetoed
			c.contradict(1, fmt.Sprintf("%sが異なる (%s と %s)", f.label, *x, *y))
			c.dayConflict = true
		}
	}
	for _, f := range []struct {
		name, label string
	}{{"reported_ppc", "委員会への報告日"}, {"reported_ppc_final", "確報の日"}, {"reported_police", "警察への届出日"}} {
		x, y := *da.Field(f.name), *db.Field(f.name)
		if x != nil && y != nil && *x == *y {
			c.agree(weightReportDay, f.label+" "+*x)
		}
	}
	if x, y := da.Announced, db.Announced; x != nil && y != nil {
		d, ok := casebook.DaysApart(*x, *y)
		switch {
		case !ok:
		case d == 0:
			c.agree(weightAnnounced, "公表日 "+*x)
		case d > followUpWindow:
			c.veto(fmt.Sprintf("公表日が%d日離れている (%s と %s)", d, *x, *y))
			return v
		case d > announcedWindow && !regulator && !c.later():
			c.veto(fmt.Sprintf("公表日が%d日離れ、続報でも行政の対応でもない (%s と %s)", d, *x, *y))
			return v
		}
	}
	if x, y := count(a), count(b); x > 0 && y > 0 {
		switch {
		case sameCount(a.Affected, b.Affected):
			switch {
			case x == y && distinctive(x):
				// 37,000 or 2,417 people: two incidents of one organization
				// hardly count alike
				c.agree(weightDistinctCount, fmt.Sprintf("人数 %d", x))
			case x >= 10:
				c.agree(weightCount, fmt.Sprintf("人数 %d", x))
			}
		case !c.later():
			// a copy gives the count of its source; a changed count without
			// a later report's words is another notice
			c.veto(fmt.Sprintf("人数が異なり、続報でもない (%d と %d)", x, y))
			return v
		case x*4 < y || y*4 < x:
			c.contradict(1, fmt.Sprintf("続報の人数が大きく異なる (%d と %d)", x, y))
		}
		// (a later report often revises the count after its investigation)
	}
	if known(a.Causes) && known(b.Causes) && !sameCause(a.Causes, b.Causes) {
		c.veto("原因が異なる")
		return v
	} else if cause := rareCause(a.Causes, b.Causes); cause != "" && !apart(da.Announced, db.Announced, announcedWindow) {
		// an organization rarely suffers two ransomware attacks within weeks
		c.agree(weightRareCause, "原因 "+casebook.Label(casebook.Causes, cause))
	}
	if len(a.DataItems) > 0 && len(b.DataItems) > 0 && !overlap(a.DataItems, b.DataItems) {
		c.contradict(1, "漏えいした情報が重ならない")
	}
	na, nb := otherNames(otherNames(a.Names, ka), kb), otherNames(otherNames(b.Names, ka), kb)
	if n := sharedName(na, nb); n != "" {
		// the same shop, service or system named (not the organization)
		c.agree(weightName, "名称「"+n+"」")
	} else if len(na) > 0 && len(nb) > 0 && !regulator && c.later() {
		// a later report names the service of the first notice (a
		// regulator's action names laws and programmes instead)
		c.contradict(1, "続報が別のサービスを挙げている")
	}
	c.titles(a, b)
	need := threshold
	switch rel {
	case orgAlias:
		// two names of one body, or of two bodies one contains (a
		// prefecture and its school): one more fact must agree
		need++
		v.Agreed = append(v.Agreed, "組織名 "+a.Organization+" と "+b.Organization)
	case orgNamed:
		need++
		v.Agreed = append(v.Agreed, "本文が組織「"+named+"」を挙げる")
	}
	v.Same = v.Score >= need
	return v
}

type comparison struct {
	v           *Verdict
	a, b        *casebook.Record
	dayConflict bool // a day of discovery or occurrence differs
	isLater     int  // IsFollowUp of either, once asked: 0 not yet, 1 no, 2 yes
}

// later: either record is a later report. It is asked only where it
// matters (a title's regular expression is the dearest test here).
func (c *comparison) later() bool {
	if c.isLater == 0 {
		c.isLater = 1
		if IsFollowUp(c.a) || IsFollowUp(c.b) {
			c.isLater = 2
		}
	}
	return c.isLater == 2
}

// titles compares the titles without the words that mark a later report
// or a copy (【第2報】, (続報), the organization's name before a news
// headline): the same title is a copy or the next report of one notice;
// a later report whose title names another matter is about another
// incident.
func (c *comparison) titles(a, b *casebook.Record) {
	if a.Kind != b.Kind {
		return
	}
	x, y := titleStem(a), titleStem(b)
	if utf8.RuneCountInString(x) < minStem || utf8.RuneCountInString(y) < minStem {
		return
	}
	if x == y {
		c.agree(weightTitle, "件名")
		if c.dayConflict {
			// a copy or the next report of one notice tells the same days;
			// one title used again for another incident does not
			c.contradict(1, "件名が同じで日付が異なる")
		}
		return
	}
	// a news headline or a list's entry tells of a notice in its own
	// words, but names the same thing: 生活保護法調剤券, 「e-ca公式サイト」
	terms := sharedTerms(x, y)
	n := 0
	for _, t := range terms {
		n += utf8.RuneCountInString(t)
	}
	fact := "件名の語「" + strings.Join(terms, "」「") + "」"
	d := dice(x, y)
	switch {
	case n >= longTerm:
		c.agree(weightTitle, fact)
	case n >= shortTerm:
		c.agree(weightTitle-1, fact)
	case d >= 0.6:
		c.agree(weightTitle-1, "件名が近い")
	case d < 0.3 && (repeatsTitle.MatchString(a.Title) || repeatsTitle.MatchString(b.Title)):
		// 第2報 or 続報 repeats the first notice's title; this one names
		// another matter
		c.contradict(1, "続報の件名が別の件を指す")
	}
}

// Lengths in characters of the terms two titles share, beyond the words
// every notice uses, that count as naming the same thing.
const (
	longTerm  = 8
	shortTerm = 5
)

// commonWords are the words of any notice's title: they never make two
// titles name the same thing.
var commonWords = regexp.MustCompile(`個人情報の保護に関する法律|法律に基づく|行政上の対応|行政指導|業務改善命令|勧告|指導|命令|措置|対応|再発防止策?|お願い|ご案内|ご連絡|重要|個人情報|情報|漏えい|漏洩|流出|誤送付|誤送信|誤配布|誤掲載|紛失|盗難|所在不明|お詫び|おわび|お知らせ|ご報告|報告|について|に関する|における|による|不正アクセス|不正ログイン|ランサムウェア|サイバー攻撃|マルウェア|ウイルス|感染|被害|事案|事故|発生|可能性|おそれ|お客様|お客さま|顧客|会員|従業員|職員|調査結果|調査|第\s*[0-9０-９一二三四五六七八九十]+\s*報|続報|クレジットカード|カード|メールアドレス|メール|ホームページ|ウェブサイト|サイト|サーバー?|システム|パソコン|USBメモリ|書類|文書|通知書|名簿|データ|ファイル|[0-9０-９,，.万千百億]+(?:件|人|名)分?|[0-9０-９]+年|[0-9０-９]+月|[0-9０-９]+日|[、。,.「」『』()（）【】\[\]\s　・:：/／]`)

// sharedTerms are the stretches of text, minTerm characters or longer,
// two title stems share outside the common words, longest first: the
// longest, then the longest of what is left, and so on.
func sharedTerms(a, b string) []string {
	ra := []rune(commonWords.ReplaceAllString(a, "\x00"))
	rb := []rune(commonWords.ReplaceAllString(b, "\x00"))
	var out []string
	for {
		i, j, n := longestCommon(ra, rb)
		if n < minTerm {
			return out
		}
		out = append(out, string(ra[i:i+n]))
		// (a stretch counts once: blank it on both sides)
		for k := 0; k < n; k++ {
			ra[i+k], rb[j+k] = 0, 1
		}
	}
}

// minTerm: shorter shared stretches (区の, 通知) say nothing.
const minTerm = 3

// longestCommon is the longest stretch of runes a and b share, without
// the blank rune 0: its start in a and in b and its length.
func longestCommon(a, b []rune) (ia, ib, n int) {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] && a[i-1] != 0 {
				cur[j] = prev[j-1] + 1
				if cur[j] > n {
					n, ia, ib = cur[j], i-cur[j], j-cur[j]
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return ia, ib, n
}

// repeatsTitle marks a later report that repeats its first notice's
// title (【第2報】…, …(続報)); a report of results (調査結果のご報告)
// usually has a title of its own.
var repeatsTitle = regexp.MustCompile(`第\s*(?:[2-9２-９]|[1１][0-9０-９]|[二三四五六七八九十])\s*報|続報|【更新】|\(更新\)`)

// minStem: shorter title stems (調査結果のご報告 without its subject) say
// nothing of which incident they tell.
const minStem = 6

var (
	stemMarks = regexp.MustCompile(`[【\[(（]?\s*(?:第\s*[0-9０-９一二三四五六七八九十]+\s*報|続報|最終報告?|更新|お詫び)\s*[】\])）]?`)
	stemTail  = regexp.MustCompile(`(?:に関する|についての|における|の|調査結果|ご報告|報告|お知らせ|お詫び|について|と|及び|および|・|\s)+$`)
)

// titleStem is a title without the marks of a later report or copy.
func titleStem(r *casebook.Record) string {
	t := r.Title
	if org := r.Organization; org != "" {
		if rest, ok := strings.CutPrefix(t, org); ok {
			t = strings.TrimLeft(rest, "、, 　")
		}
	}
	t = stemMarks.ReplaceAllString(t, "")
	return stemTail.ReplaceAllString(t, "")
}

// dice is the Dice coefficient of two strings' character bigrams.
func dice(a, b string) float64 {
	ga, gb := bigrams(a), bigrams(b)
	if len(ga) == 0 || len(gb) == 0 {
		return 0
	}
	n := 0
	for g, k := range ga {
		n += min(k, gb[g])
	}
	total := 0
	for _, k := range ga {
		total += k
	}
	for _, k := range gb {
		total += k
	}
	return 2 * float64(n) / float64(total)
}

func bigrams(s string) map[string]int {
	r := []rune(s)
	out := map[string]int{}
	for i := 0; i+1 < len(r); i++ {
		out[string(r[i:i+2])]++
	}
	return out
}

func (c *comparison) agree(w int, fact string) {
	c.v.Score += w
	c.v.Agreed = append(c.v.Agreed, fact)
}

func (c *comparison) contradict(w int, fact string) {
	c.v.Score -= w
	c.v.Contradicted = append(c.v.Contradicted, fact)
}

func (c *comparison) veto(fact string) {
	if c.v.Veto == "" {
		c.v.Veto = fact
	}
	c.v.Contradicted = append(c.v.Contradicted, fact)
}

// sameCount: the counts are equal, or equal at the precision of an
// approximate one (約1万人 and 12,345人).
func sameCount(a, b *casebook.Affected) bool {
	x, y := *a.Count, *b.Count
	if x == y {
		return true
	}
	if a.Approximate && roundTo(y, x) == x || b.Approximate && roundTo(x, y) == y {
		return true
	}
	// a count of thousands written round (3万2000) is the exact one rounded
	if x >= 1000 && x%1000 == 0 && roundTo(y, x) == x || y >= 1000 && y%1000 == 0 && roundTo(x, y) == y {
		return true
	}
	return false
}

// roundTo rounds n down to the precision of approx (its trailing zeros):
// roundTo(12345, 10000) = 10000.
func roundTo(n, approx int64) int64 {
	unit := int64(1)
	for approx >= unit*10 && approx%(unit*10) == 0 {
		unit *= 10
	}
	return n / unit * unit
}

// distinctive: a count of 1,000 or more not written as one digit and
// zeros (37,000 and 2,417, not 3,000 or 10,000).
func distinctive(n int64) bool {
	if n < 1000 {
		return false
	}
	for n%10 == 0 {
		n /= 10
	}
	return n >= 10
}

func count(r *casebook.Record) int64 {
	if r.Affected == nil || r.Affected.Count == nil {
		return 0
	}
	return *r.Affected.Count
}

// rareCause is a cause both records name that few incidents have: an
// organization's misdelivery or loss may well be another one, its
// ransomware within the same weeks hardly.
func rareCause(a, b []string) string {
	for _, c := range a {
		switch c {
		case "ransomware", "web_skimming", "malware", "account_compromise", "defacement", "insider_misuse", "misconfiguration":
			if slices.Contains(b, c) {
				return c
			}
		}
	}
	return ""
}

// apart: both dates are given and more than window days apart.
func apart(x, y *string, window int) bool {
	if x == nil || y == nil {
		return false
	}
	d, ok := casebook.DaysApart(*x, *y)
	return ok && d > window
}

func known(causes []string) bool {
	return len(causes) > 0 && causes[0] != "unknown"
}

// sameCause: the two records share a cause, or one says only 不正アクセス
// where the other names the kind of intrusion (a follow-up often says
// less than the first notice, or more).
func sameCause(a, b []string) bool {
	return overlap(a, b) || slices.Contains(a, "unauthorized_access") && intrusion(b) ||
		slices.Contains(b, "unauthorized_access") && intrusion(a)
}

func intrusion(causes []string) bool {
	for _, c := range causes {
		switch c {
		case "web_skimming", "ransomware", "malware", "account_compromise", "defacement":
			return true
		}
	}
	return false
}

func overlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
