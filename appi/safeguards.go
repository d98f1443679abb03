package appi

import (
	"fmt"
	"sort"
	"strings"

	"casebook"
)

// causeSafeguards maps causes to the safeguards they implicate.
var causeSafeguards = map[string][]struct{ id, why string }{
	"unauthorized_access": {{"10-6(3)", "外部からの不正アクセスを防げなかった"}},
	"web_skimming":        {{"10-6(3)", "ECサイトの脆弱性を突かれ決済画面が改ざんされた"}, {"10-6(4)", "改ざんに長期間気づかなかった(改ざん検知・設計時の安全性)"}},
	"ransomware":          {{"10-6(3)", "ランサムウェアの侵入を許した(脆弱性・VPN機器等の管理)"}, {"10-3(4)", "暗号化被害からの復旧と事実調査の体制が問われる"}},
	"malware":             {{"10-6(3)", "マルウェアの侵入・実行を防げなかった"}, {"10-4", "不審なメール・ソフトへの注意を徹底できていない"}},
	"account_compromise":  {{"10-6(2)", "アカウントに不正ログインされた(認証の強度)"}},
	"social_engineering":  {{"10-4", "詐欺・なりすましに従業者が応じた"}, {"10-6(3)", "遠隔操作ソフト等の導入を技術的に止められなかった"}},
	"misconfiguration":    {{"10-6(1)", "設定・アクセスキーの管理不備でデータに到達できた"}, {"10-3(5)", "設定の点検・見直しが行われていなかった"}},
	"misdelivery":         {{"10-6(4)", "誤送信・誤送付を防ぐ仕組み(送信前確認・一斉配信システム)がなかった"}, {"10-4", "宛先の扱い(BCC等)についての教育が不足"}},
	"publishing_error":    {{"10-6(4)", "システムや掲載の誤りで他人の情報が見える状態になった(設計・試験の不備)"}, {"10-3(2)", "公開・移行作業の手順どおりの運用が確認されていない"}},
	"loss":                {{"10-5(3)", "個人データを記録した媒体・書類の持ち運び中に紛失した"}, {"10-5(2)", "媒体の所在管理が不十分"}},
	"theft":               {{"10-5(2)", "機器・書類の盗難を防げなかった"}, {"10-5(3)", "持ち運ぶ媒体の暗号化等の備えが問われる"}},
	"insider_misuse":      {{"art24", "従業者による持ち出しを防げなかった(従業者の監督)"}, {"10-3(2)", "規律に従った運用をログ等で確認できていない"}, {"10-6(4)", "私用クラウド・SNS等への持ち出し経路を制限していない"}},
	"improper_disposal":   {{"10-5(4)", "個人データを含む書類・機器を誤って廃棄した"}},
	"defacement":          {{"10-6(3)", "Webサイトの改ざんを許した"}},
}

// safeguards lists the duties a case implicates: first what a regulator
// itself found deficient (source "regulator", in its order), then what
// casebook infers from the causes and the reports (source "casebook", in
// the catalogue's order), each cited by the article of that time. Under a
// regime without a duty to report, no report failure is inferred.
func safeguards(r *casebook.Record, j *casebook.Judgement) []casebook.SafeguardHit {
	var regulator, inferred []casebook.SafeguardHit
	seen := map[string]bool{}
	hit := func(id, source, reason string) casebook.SafeguardHit {
		seen[id] = true
		sg, _ := SafeguardByID(id)
		title, now := sg.Title, sg.Article
		if title == "" {
			title = groupTitle(id)
			now = "23"
		}
		return casebook.SafeguardHit{ID: id, Article: articleThen(j.Law, now), Title: title, Source: source, Reason: reason}
	}
	if f := r.Findings; f != nil {
		who := f.Regulator
		if who == "" {
			who = "規制当局"
		}
		for _, id := range f.Safeguards {
			if seen[id] {
				continue
			}
			title := groupTitle(id)
			if sg, ok := SafeguardByID(id); ok {
				title = sg.Title
			}
			regulator = append(regulator, hit(id, casebook.SourceRegulator, who+"の指摘: "+title+"が不十分"))
		}
	}
	infer := func(id, reason string) {
		if !seen[id] && !coveredBy(id, seen) {
			inferred = append(inferred, hit(id, casebook.SourceCasebook, reason))
		}
	}
	for _, c := range r.Causes {
		for _, m := range causeSafeguards[c] {
			infer(m.id, casebook.Label(casebook.Causes, c)+": "+m.why)
		}
	}
	if r.Contractor {
		infer("art25", "委託先が関与している: 委託先における取扱状況の把握・監督が問われる")
	}
	prelim, final := j.Reports.Prelim, j.Reports.Final
	if j.Law.Judged() {
		switch {
		case prelim.Day != nil && prelim.Status == casebook.StatusBeyondGuide:
			infer("10-3(4)", fmt.Sprintf("発覚から速報まで%d日(目安の3〜5日を%d日超過): 漏えい等事案に対応する体制が機能していない", *prelim.Day, prelim.LateBy))
		case final.Day != nil && final.Status == casebook.StatusLate:
			infer("10-3(4)", fmt.Sprintf("発覚から確報まで%d日(期限超過%d日): 漏えい等事案に対応する体制が機能していない", *final.Day, final.LateBy))
		}
		switch {
		case final.Status == casebook.StatusLate:
			infer("art26", fmt.Sprintf("確報が法定の期限(%d日)を%d日過ぎた", j.Deadlines.FinalDays, final.LateBy))
		case len(j.Reportable.Items) > 0 && !j.NotifyIndividuals.Stated:
			infer("art26", "報告対象事態に当たるが、公表文から本人への通知が確認できない")
		}
	}
	sort.SliceStable(inferred, func(a, b int) bool { return catalogueIndex(inferred[a].ID) < catalogueIndex(inferred[b].ID) })
	return append(regulator, inferred...)
}

// coveredBy: a section the regulator named as a whole (10-6) covers its
// sub-items.
func coveredBy(id string, seen map[string]bool) bool {
	if i := strings.IndexByte(id, '('); i > 0 {
		return seen[id[:i]]
	}
	return false
}

// groupTitle names a whole section a regulator may cite (10-3 組織的安全管理措置).
func groupTitle(id string) string {
	switch id {
	case "10-3":
		return "組織的安全管理措置"
	case "10-4":
		return "人的安全管理措置"
	case "10-5":
		return "物理的安全管理措置"
	case "10-6":
		return "技術的安全管理措置"
	}
	return id
}

func catalogueIndex(id string) int {
	for i, s := range Catalogue {
		if s.ID == id {
			return i
		}
	}
	return len(Catalogue)
}
