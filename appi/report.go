package appi

import (
	"fmt"
	"sort"
	"strings"

	"casebook"
)

// ReportItem is one of the nine items of a PPC report (規則8条1項).
type ReportItem struct {
	No      int      `json:"no"`
	Title   string   `json:"title"`
	Text    string   `json:"text"`
	Missing []string `json:"missing,omitempty"` // what the sources do not say
}

const unknown = "(公表文に記載なし)"

// PPCReport drafts the nine items a report to the PPC must contain from
// what the case's sources say, and marks what they do not.
// texts are the texts of the case's documents, from which the draft
// quotes how the leak came to light, its cause and any secondary harm
// (nil quotes nothing).
func PPCReport(c *casebook.Case, j *casebook.Judgement, texts Texts) []ReportItem {
	r := &c.Record
	d := r.Dates
	if d == nil {
		d = &casebook.Dates{}
	}
	val := func(p *string) string {
		if p == nil {
			return unknown
		}
		return *p
	}
	var items []ReportItem
	add := func(no int, title, text string, missing ...string) {
		items = append(items, ReportItem{No: no, Title: title, Text: text, Missing: missing})
	}
	// 1 概要
	var b strings.Builder
	fmt.Fprintf(&b, "事業者: %s\n", orUnknown(r.Organization))
	fmt.Fprintf(&b, "発生日: %s〜%s\n発覚日: %s\n", val(d.OccurredFrom), val(d.OccurredTo), val(d.Discovered))
	fmt.Fprintf(&b, "事案: %s\n", r.Title)
	fmt.Fprintf(&b, "適用した規律: %s\n", j.Law.Note)
	switch {
	case len(j.Reportable.Items) > 0:
		nums := append([]int(nil), j.Reportable.Items...)
		sort.Ints(nums)
		for _, n := range nums {
			rule := "規則7条"
			if j.PublicBody {
				rule = "規則43条"
			}
			fmt.Fprintf(&b, "報告対象事態: %s%d号 — %s\n", rule, n, j.Reportable.Reasons[fmt.Sprint(n)])
		}
	case !j.Law.Judged():
		b.WriteString("報告対象事態: 当時の規律では報告義務なし(任意の報告)\n")
	default:
		b.WriteString("報告対象事態: 公表文からは該当が確認できない(任意の報告)\n")
	}
	if r.MyNumber {
		b.WriteString("マイナンバー(特定個人情報)の有無: あり(番号法の報告を兼ねる)\n")
	} else {
		b.WriteString("マイナンバー(特定個人情報)の有無: " + unknown + "\n")
	}
	if r.Processor != "" {
		b.WriteString("委託先の関与: あり(" + r.Processor + ")\n")
	} else if r.Contractor {
		b.WriteString("委託先の関与: あり\n")
	} else {
		b.WriteString("委託先の関与: " + unknown + "\n")
	}
	for _, d := range j.Duties[min(1, len(j.Duties)):] {
		if d.Status == casebook.DutyRequired || d.Status == casebook.DutyConditional {
			fmt.Fprintf(&b, "他の報告義務: %s(%s) — %s、%s\n", casebook.Label(casebook.DutyRegimes, d.Regime), casebook.Label(casebook.DutyStatuses, d.Status), d.Basis, d.Authority)
		}
	}
	var miss1 []string
	if d.Discovered == nil {
		miss1 = append(miss1, "発覚日")
	}
	if d.OccurredFrom == nil {
		miss1 = append(miss1, "発生日")
	}
	if q, ok := evidenceQuote(c, texts, "dates.discovered"); ok {
		fmt.Fprintf(&b, "発覚の経緯(公表文より): %s\n", q)
		if f := finder(q.text); f != "" {
			fmt.Fprintf(&b, "発見者(公表文の記載から): %s\n", f)
		} else {
			miss1 = append(miss1, "発見者")
		}
	} else {
		miss1 = append(miss1, "発見者", "事実経過の詳細")
	}
	add(1, "概要", strings.TrimSpace(b.String()), miss1...)
	// 2 項目
	if len(r.DataItems) > 0 {
		add(2, "漏えい等が発生し、又は発生したおそれがある個人データの項目", labels(casebook.DataItems, r.DataItems), "媒体", "顧客情報/従業員情報の別")
	} else {
		add(2, "漏えい等が発生し、又は発生したおそれがある個人データの項目", unknown, "項目")
	}
	// 3 本人の数
	if r.Affected != nil && r.Affected.Count != nil {
		t := fmt.Sprintf("%s人", comma(*r.Affected.Count))
		if r.Affected.Approximate {
			t = "約" + t
		}
		if !r.Affected.Confirmed {
			t += "(漏えいのおそれ)"
		}
		for _, g := range r.Affected.Groups {
			t += fmt.Sprintf("\nうち%s %s人(%s)", GroupLabel(g.DataItems), comma(g.Count), labels(casebook.DataItems, g.DataItems))
		}
		add(3, "本人の数", t)
	} else {
		add(3, "本人の数", unknown, "本人の数")
	}
	// 4 原因
	cause := labels(casebook.Causes, r.Causes)
	if len(r.Causes) > 0 {
		if q, ok := evidenceQuote(c, texts, "causes."+r.Causes[0]); ok {
			cause += "\n公表文より: " + q.String()
		}
	}
	if r.Processor != "" {
		add(4, "原因", cause+"\n委託先: "+r.Processor, "原因の詳細")
	} else {
		add(4, "原因", cause, "原因の詳細と行為者(報告者か委託先か)")
	}
	// 5 二次被害
	if q, ok := wordQuote(c, texts, secondaryHarmRE); ok {
		add(5, "二次被害又はそのおそれの有無及びその内容", "公表文より: "+q.String())
	} else {
		add(5, "二次被害又はそのおそれの有無及びその内容", unknown, "二次被害の有無")
	}
	// 6 本人への対応
	var resp []string
	for _, x := range []string{"notified_individuals", "call_center", "apology_gift", "card_monitoring", "card_reissue_free", "password_reset"} {
		if contains(r.Responses, x) {
			resp = append(resp, casebook.Label(casebook.Responses, x))
		}
	}
	if len(resp) > 0 {
		add(6, "本人への対応の実施状況", strings.Join(resp, "、"))
	} else {
		add(6, "本人への対応の実施状況", unknown, "本人通知の実施状況")
	}
	// 7 公表
	if d.Announced != nil {
		add(7, "公表の実施状況", "公表日: "+*d.Announced)
	} else {
		add(7, "公表の実施状況", "公表文あり(公表日の記載なし)", "公表日")
	}
	// 8 再発防止策
	var prev []string
	for _, x := range []string{"staff_training", "mfa", "password_reset", "access_revoked", "service_suspended", "forensic_investigation"} {
		if contains(r.Responses, x) {
			prev = append(prev, casebook.Label(casebook.Responses, x))
		}
	}
	var sg []string
	for _, h := range j.Safeguards {
		if s, ok := SafeguardByID(h.ID); ok && len(s.Measures) > 0 {
			sg = append(sg, s.Measures[0])
		}
	}
	text := "実施済み: " + orJoin(prev) + "\n今後実施予定(casebookの提案): " + joinSentences(sg)
	add(8, "再発防止のための措置", text, "実施済みと今後実施予定の区別")
	// 9 その他
	other := []string{}
	if d.ReportedPolice != nil {
		other = append(other, "警察への届出: "+*d.ReportedPolice)
	} else if contains(r.Responses, "reported_police") {
		other = append(other, "警察への届出: あり")
	}
	if d.ReportedPPC != nil {
		other = append(other, "委員会への速報: "+*d.ReportedPPC)
	}
	add(9, "その他参考となる事項", orJoin(other))
	return items
}

func orUnknown(s string) string {
	if s == "" {
		return unknown
	}
	return s
}

// joinSentences joins whole sentences as sentences (…する。…する。), and
// phrases with 、.
func joinSentences(xs []string) string {
	if len(xs) == 0 {
		return unknown
	}
	var b strings.Builder
	for i, x := range xs {
		if i > 0 && !strings.HasSuffix(xs[i-1], "。") {
			b.WriteString("、")
		}
		b.WriteString(x)
	}
	return b.String()
}

func orJoin(xs []string) string {
	if len(xs) == 0 {
		return unknown
	}
	return strings.Join(xs, "、")
}

func labels(v []casebook.Term, codes []string) string {
	if len(codes) == 0 {
		return unknown
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = casebook.Label(v, c)
	}
	return strings.Join(out, "、")
}

// Answers are an organization's answers to the checklist: for each
// safeguard id, one answer per question in order — true (yes), false (no)
// or nil (not answered; JSON null), which is not counted.
type Answers map[string][]*bool

// Gap is a safeguard with at least one "no", ranked by how many stored
// cases it figures in.
type Gap struct {
	Safeguard Safeguard `json:"safeguard"`
	No        []string  `json:"no"` // the questions answered no
	Cases     int       `json:"cases"`
	CaseIDs   []string  `json:"case_ids"`
}

// Assessment is the result of a self-assessment.
type Assessment struct {
	Score    int      `json:"score"` // percent of questions answered yes
	Answered int      `json:"answered"`
	Yes      int      `json:"yes"`
	Gaps     []Gap    `json:"gaps"`
	Unknown  []string `json:"unknown_ids,omitempty"`
}

// Assess scores answers; caseSafeguards maps case ids to the safeguard
// ids their judgements implicate.
func Assess(a Answers, caseSafeguards map[string][]string) Assessment {
	var out Assessment
	byID := map[string][]string{}
	for cid, ids := range caseSafeguards {
		for _, id := range ids {
			byID[id] = append(byID[id], cid)
		}
	}
	for id := range a {
		if _, ok := SafeguardByID(id); !ok {
			out.Unknown = append(out.Unknown, id)
		}
	}
	sort.Strings(out.Unknown)
	for _, s := range Catalogue {
		ans, ok := a[s.ID]
		if !ok {
			continue
		}
		var no []string
		for i, yes := range ans {
			if i >= len(s.Questions) {
				break
			}
			if yes == nil {
				continue // not answered: not counted either way
			}
			out.Answered++
			if *yes {
				out.Yes++
			} else {
				no = append(no, s.Questions[i])
			}
		}
		if len(no) > 0 {
			ids := append([]string(nil), byID[s.ID]...)
			sort.Strings(ids)
			out.Gaps = append(out.Gaps, Gap{Safeguard: s, No: no, Cases: len(ids), CaseIDs: ids})
		}
	}
	sort.SliceStable(out.Gaps, func(i, j int) bool { return out.Gaps[i].Cases > out.Gaps[j].Cases })
	if out.Answered > 0 {
		out.Score = out.Yes * 100 / out.Answered
	}
	return out
}

// SafeguardsByCase judges every case that each yields and lists the
// safeguard ids each implicates, for ranking self-assessment gaps.
func SafeguardsByCase(each func(fn func(*casebook.Case) error) error) (map[string][]string, map[string]*casebook.Case, error) {
	ids := map[string][]string{}
	cases := map[string]*casebook.Case{}
	err := each(func(c *casebook.Case) error {
		cases[c.ID] = c
		for _, h := range Judge(&c.Record).Safeguards {
			ids[c.ID] = append(ids[c.ID], h.ID)
		}
		return nil
	})
	return ids, cases, err
}
