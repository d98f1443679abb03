package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"casebook"
	"casebook/jtext"
)

// Findings of a regulator's action, as its text states them: what it did
// (指導, 勧告, 命令, 報告等の求め; a ministry's 行政指導 or 業務改善命令),
// the APPI articles it cites as breached or as the basis of its action
// (numbered as today: 旧20条 is 23), and the guideline's safeguards it
// names as deficient (10-3(1) 組織体制の整備 …), by number or by name.

var (
	ministryRE    = regexp.MustCompile(`総務省|金融庁|経済産業省|厚生労働省|国土交通省|文部科学省|財務局|消費者庁|国税庁|農林水産省`)
	articleRE     = regexp.MustCompile(`(個人情報保護法|個人情報の保護に関する法律(?:\s*\([^)]{0,40}\))?|法)\s*第\s*(\d+)\s*条(?:\s*の\s*(\d+))?`)
	otherLawRE    = regexp.MustCompile(`(番号|事業|公務員|防止|取引|基本|施行|規則|手続)法?\s*$`)
	breachRE      = newPhrase(`不備|違反|反する|問題点|問題があ|なされておらず|行われなかった|不十分|規定による|規定に基づ|に基づく|に基づき|基づいて`)
	safeguardIDRE = regexp.MustCompile(`10\s*-\s*([1-7])\s*(?:\(\s*(\d)\s*\))?`)
	orderRE       = regexp.MustCompile(`(?:緊急)?命令(?:を行|を発出|を決定|を出|を下)|第\s*148\s*条第\s*[23]\s*項`)
	recommendRE   = regexp.MustCompile(`勧告(?:を行|を決定|を実施|した|しました)|第\s*148\s*条第\s*1\s*項`)
	reportReqRE   = regexp.MustCompile(`報告(?:等)?を?(?:求め|するよう求め)|報告等の求め|報告の求め|立入検査|資料の提出を求め|実地調査|第\s*146\s*条`)
	deficientRE   = newPhrase(`不備|不十分|問題点|問題があ|不適切|欠如|怠|行われていなかった|されていなかった|しておらず|されておらず`)
)

// safeguardNames: the guideline's own titles of its sections.
var safeguardNames = []struct{ name, id string }{
	{"組織体制の整備", "10-3(1)"}, {"規律に従った運用", "10-3(2)"}, {"取扱状況を確認する手段", "10-3(3)"},
	{"漏えい等事案に対応する体制", "10-3(4)"}, {"取扱状況の把握及び安全管理措置の見直し", "10-3(5)"},
	{"従業者の教育", "10-4"}, {"取り扱う区域の管理", "10-5(1)"}, {"盗難等の防止", "10-5(2)"},
	{"持ち運ぶ場合の漏えい等の防止", "10-5(3)"}, {"機器、電子媒体等の廃棄", "10-5(4)"}, {"アクセス制御", "10-6(1)"},
	{"識別と認証", "10-6(2)"}, {"外部からの不正アクセス等の防止", "10-6(3)"},
	{"情報システムの使用に伴う漏えい等の防止", "10-6(4)"}, {"外的環境の把握", "10-7"},
	{"委託先の監督", "art25"}, {"委託先に対する必要かつ適切な監督", "art25"}, {"従業者の監督", "art24"},
}

var safeguardGroups = []struct{ name, id string }{
	{"組織的安全管理措置", "10-3"}, {"人的安全管理措置", "10-4"}, {"物理的安全管理措置", "10-5"}, {"技術的安全管理措置", "10-6"},
}

// oldArticles maps article numbers before the 2022-04-01 amendment to
// today's.
var oldArticles = map[string]string{"20": "23", "21": "24", "22": "25", "22の2": "26", "23": "27", "40": "146", "41": "147", "42": "148"}

func (v *view) readFindings() *casebook.Findings {
	d := v.d
	f := &casebook.Findings{}
	text := d.s[v.body:v.zone]
	ministry := false
	head := d.s[v.sg.start:min(v.sg.end, v.body+600)]
	if ministryRE.MatchString(head) && !strings.Contains(head, "個人情報保護委員会") {
		ministry = true
		f.Regulator = regulatorName(head)
	} else if strings.Contains(d.s[v.sg.start:v.zone], "個人情報保護委員会") {
		f.Regulator = "個人情報保護委員会"
	}
	var actions []string
	add := func(a string) { actions = append(actions, a) }
	for si := v.sentA; si < v.sentB; si++ {
		sn := d.sents[si]
		if sn.start < v.body {
			continue
		}
		t := d.s[sn.start:sn.end]
		switch {
		case ministry && strings.Contains(t, "行政指導"), ministry && strings.Contains(t, "指導") && regActRE.In(t):
			add("administrative_guidance")
		case strings.Contains(t, "指導") && (regActRE.In(t) || strings.Contains(t, "条の規定による指導") || strings.Contains(t, "に基づく指導")):
			add("guidance")
		}
		if strings.Contains(t, "業務改善命令") || strings.Contains(t, "業務停止命令") || strings.Contains(t, "是正命令") {
			add("business_improvement_order")
		} else if orderRE.MatchString(t) {
			add("order")
		}
		if recommendRE.MatchString(t) && !strings.Contains(t, "勧告を経ることなく") {
			add("recommendation")
		}
		if reportReqRE.MatchString(t) && !strings.Contains(t, "報告を受け") {
			add("report_request")
		}
	}
	f.Actions = orderCodes(uniq(actions), []string{"guidance", "recommendation", "order", "report_request", "business_improvement_order", "administrative_guidance"})
	// articles cited as breached or as the basis
	before2022 := false
	if v.rec.Dates != nil && v.rec.Dates.RegulatorAction != nil {
		if dt, err := jtext.ParseISO(*v.rec.Dates.RegulatorAction); err == nil && dt.Before(jtext.Date{Year: 2022, Month: 4, Day: 1}) {
			before2022 = true
		}
	}
	var arts []string
	for _, m := range articleRE.FindAllStringSubmatchIndex(text, -1) {
		pre := text[max(0, m[0]-12):m[0]]
		if text[m[2]:m[3]] == "法" && (otherLawRE.MatchString(pre) || ministry) {
			continue // another law's article (a ministry's "法" is its own law)
		}
		si := d.sentAt(v.body + m[0])
		if si < 0 || !breachRE.In(d.sentText(si)) && !regActRE.In(d.sentText(si)) {
			continue
		}
		n := text[m[4]:m[5]]
		if m[6] >= 0 {
			n += "の" + text[m[6]:m[7]]
		}
		if before2022 {
			if x, ok := oldArticles[n]; ok {
				n = x
			}
		}
		if strings.Contains(n, "の") {
			continue
		}
		// the duty to report, cited as the basis of the organization's own
		// report ("法第26条第1項の規定に基づき…報告を提出"), is no finding
		if (n == "26" || n == "68") && !deficientRE.In(d.sentText(si)) && !strings.Contains(d.sentText(si), "違反") {
			continue
		}
		arts = append(arts, n)
	}
	arts = uniq(arts)
	sort.Slice(arts, func(i, j int) bool { a, _ := strconv.Atoi(arts[i]); b, _ := strconv.Atoi(arts[j]); return a < b })
	f.Articles = arts
	// safeguards named as deficient: by number or name in a deficiency
	// statement or under one (a heading "(1) …が不十分であったこと")
	var sgs []string
	groups := map[string]bool{}
	for si := v.sentA; si < v.sentB; si++ {
		sn := d.sents[si]
		if sn.start < v.body {
			continue
		}
		t := d.s[sn.start:sn.end]
		deficient := deficientRE.In(t) || v.underDeficiency(si)
		if !deficient {
			continue
		}
		for _, m := range safeguardIDRE.FindAllStringSubmatch(t, -1) {
			id := "10-" + m[1]
			if m[2] != "" {
				id += "(" + m[2] + ")"
			}
			sgs = append(sgs, id)
		}
		for _, n := range safeguardNames {
			if strings.Contains(t, n.name) {
				sgs = append(sgs, n.id)
			}
		}
		if deficientRE.In(t) {
			for _, g := range safeguardGroups {
				if strings.Contains(t, g.name) {
					groups[g.id] = true
				}
			}
		}
	}
	for _, g := range safeguardGroups {
		if !groups[g.id] {
			continue
		}
		covered := false
		for _, s := range sgs {
			if strings.HasPrefix(s, g.id) {
				covered = true
			}
		}
		if !covered {
			sgs = append(sgs, g.id)
		}
	}
	f.Safeguards = uniq(sgs)
	if len(f.Actions) == 0 && len(f.Articles) == 0 && len(f.Safeguards) == 0 && f.Regulator == "" {
		return nil
	}
	return f
}

// regulatorName is the ministry or bureau that acted, as the head of its
// text names it ("関東財務局", "総務省").
func regulatorName(head string) string {
	loc := ministryRE.FindStringIndex(head)
	if loc == nil {
		return ""
	}
	start := loc[0]
	if strings.HasPrefix(head[loc[0]:], "財務局") {
		start = scanBack(head, loc[0]) // 関東財務局
	}
	return head[start:loc[1]]
}

// underDeficiency: sentence si is in a block under a heading that states
// a deficiency ("(1) 組織体制の整備…が不十分であったこと").
func (v *view) underDeficiency(si int) bool {
	d := v.d
	li := d.lineAt(d.sents[si].start)
	for k := li - 1; k >= max(v.lineA, li-6); k-- {
		l := d.lines[k]
		if l.kind == lineBlank {
			continue
		}
		if (l.list || sectionNumRE.MatchString(l.text)) && l.runes <= 80 {
			return deficientRE.In(l.text)
		}
	}
	return false
}

func orderCodes(xs, order []string) []string {
	idx := map[string]int{}
	for i, c := range order {
		idx[c] = i
	}
	sort.SliceStable(xs, func(i, j int) bool { return idx[xs[i]] < idx[xs[j]] })
	return xs
}
