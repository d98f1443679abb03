package casebook

import "strings"

// Term is one code of a vocabulary with its Japanese label.
type Term struct {
	Code  string
	Label string
}

// Sectors, data items, causes and responses in contract order.
var (
	Sectors = []Term{
		{"retail_ec", "小売・EC"}, {"education", "教育"}, {"healthcare", "医療・福祉"},
		{"public", "官公庁・自治体"}, {"finance", "金融・保険"}, {"it_telecom", "情報通信"},
		{"manufacturing", "製造"}, {"logistics", "運輸・物流"}, {"services", "サービス"},
		{"nonprofit", "非営利団体"}, {"other", "その他"},
	}
	DataItems = []Term{
		{"name", "氏名"}, {"address", "住所"}, {"phone", "電話番号"}, {"fax", "FAX番号"},
		{"email", "メールアドレス"}, {"birthdate", "生年月日"}, {"age", "年齢"}, {"gender", "性別"},
		{"school", "学校名"}, {"grades", "成績"}, {"employer", "勤務先"}, {"photo", "写真・動画"},
		{"customer_id", "会員ID等"}, {"password", "パスワード"}, {"card_holder", "カード名義人"},
		{"card_number", "カード番号"}, {"card_expiry", "カード有効期限"}, {"card_cvv", "セキュリティコード"},
		{"bank_account", "口座情報"}, {"order_history", "購入履歴"}, {"health", "健康・診療情報"},
		{"government_id", "公的ID"},
	}
	Causes = []Term{
		{"unauthorized_access", "不正アクセス"}, {"web_skimming", "Webスキミング(決済画面改ざん)"},
		{"ransomware", "ランサムウェア"}, {"malware", "マルウェア"},
		{"account_compromise", "アカウント不正ログイン"}, {"social_engineering", "ソーシャルエンジニアリング"},
		{"misconfiguration", "設定不備"}, {"misdelivery", "誤送付・誤送信"},
		{"publishing_error", "誤表示・誤掲載"}, {"loss", "紛失"}, {"theft", "盗難"},
		{"insider_misuse", "内部不正・持ち出し"}, {"improper_disposal", "誤廃棄"},
		{"defacement", "Web改ざん"}, {"unknown", "不明"},
	}
	Responses = []Term{
		{"service_suspended", "サービス停止"}, {"forensic_investigation", "第三者調査"},
		{"notified_individuals", "本人通知"}, {"call_center", "専用窓口"},
		{"password_reset", "パスワード変更"}, {"mfa", "多要素認証"},
		{"reported_ppc", "個人情報保護委員会へ報告"}, {"reported_police", "警察へ届出"},
		{"apology_gift", "お詫びの品"}, {"card_monitoring", "カード利用監視"},
		{"card_reissue_free", "カード再発行手数料負担"}, {"access_revoked", "アクセス権停止"},
		{"staff_training", "従業者教育"},
	}
	Kinds = []Term{
		{string(KindBreach), "漏えい等の公表"}, {string(KindRegulator), "行政上の対応"},
		{string(KindNotIncident), "事案ではない"},
	}
	// Actions a regulator takes (a record's findings).
	Actions = []Term{
		{"guidance", "指導・助言"}, {"recommendation", "勧告"}, {"order", "命令"},
		{"report_request", "報告等の求め"}, {"business_improvement_order", "業務改善命令等"},
		{"administrative_guidance", "行政指導"},
	}
	// Regimes: the rules a case is judged under.
	Regimes = []Term{
		{RegimeAPPI2022, "改正個人情報保護法(2022年4月1日施行)"}, {RegimeGuideline2017, "告示による努力義務(2022年3月まで)"},
		{RegimePublic2022, "行政機関等(法68条・規則43条)"}, {RegimeLocalOrdinance, "地方公共団体の条例(2023年3月まで)"},
		{RegimePublic2003, "行政機関個人情報保護法等(2022年3月まで)"},
	}
	// OrgKinds: what kind of body the organization is (package orgkind
	// reads it from the name), so that a search finds schools whoever runs
	// them.
	OrgKinds = []Term{
		{"municipality", "市区町村"}, {"prefecture", "都道府県"}, {"school_board", "教育委員会・公立学校"},
		{"national", "国の機関"}, {"university", "大学"}, {"school", "学校(私立等)"}, {"hospital", "病院・医療機関"},
		{"company", "企業"}, {"nonprofit", "団体・法人"}, {"other", "その他・不明"},
	}
	// DutyRegimes label the regimes of a reporting duty.
	DutyRegimes = []Term{
		{DutyAPPI, "個人情報保護法"}, {DutyMyNumber, "番号法"}, {DutyTelecom, "電気通信事業法"},
		{DutyFinancial, "金融業法"}, {DutyProcessor, "委託先"}, {DutyRegulator, "規制当局の措置"},
	}
	// DutyStatuses label the states of a duty.
	DutyStatuses = []Term{
		{DutyRequired, "報告義務あり"}, {DutyConditional, "条件により報告義務"}, {DutyVoluntary, "任意・努力義務"},
		{DutyNotRequired, "報告義務なし"}, {DutyNotJudged, "判定対象外"},
	}
	// ReportStatuses label the statuses of the reports to the PPC.
	ReportStatuses = []Term{
		{StatusOnTime, "期限内"}, {StatusLate, "期限超過"}, {StatusWithinGuide, "目安(3〜5日)以内"},
		{StatusBeyondGuide, "目安(3〜5日)超過"}, {StatusUnknown, "不明"}, {StatusNotRequired, "報告不要"},
		{StatusVoluntary, "任意(当時は努力義務)"}, {StatusNotJudged, "判定対象外"},
	}
)

// Label returns the Japanese label of code in vocabulary v, or the code itself.
func Label(v []Term, code string) string {
	for _, t := range v {
		if t.Code == code {
			return t.Label
		}
	}
	return code
}

// Known reports whether code belongs to vocabulary v.
func Known(v []Term, code string) bool {
	for _, t := range v {
		if t.Code == code {
			return true
		}
	}
	return false
}

// TSRCause maps a cause to the categories Tokyo Shoko Research publishes
// (ウイルス感染・不正アクセス / 誤表示・誤送信 / 紛失・誤廃棄 / 不正持ち出し・盗難 / その他).
func TSRCause(cause string) string {
	switch cause {
	case "unauthorized_access", "web_skimming", "ransomware", "malware",
		"account_compromise", "social_engineering", "defacement":
		return "ウイルス感染・不正アクセス"
	case "misdelivery", "publishing_error", "misconfiguration":
		return "誤表示・誤送信"
	case "loss", "improper_disposal":
		return "紛失・誤廃棄"
	case "insider_misuse", "theft":
		return "不正持ち出し・盗難"
	}
	return "その他"
}

// JNSACause maps a cause to the categories of the JNSA incident survey.
func JNSACause(cause string) string {
	switch cause {
	case "loss":
		return "紛失・置忘れ"
	case "misdelivery", "publishing_error":
		return "誤操作"
	case "unauthorized_access", "web_skimming", "account_compromise", "social_engineering", "defacement":
		return "不正アクセス"
	case "ransomware", "malware":
		return "ワーム・ウイルス"
	case "misconfiguration":
		return "設定ミス"
	case "theft":
		return "盗難"
	case "insider_misuse":
		return "内部犯罪・内部不正行為"
	case "improper_disposal":
		return "管理ミス"
	}
	return "その他"
}

// CodeOf finds the code a user means in vocabulary v: the code itself, its
// Japanese label, or one part of a label written as several (誤送信 of
// 誤送付・誤送信, Webスキミング of Webスキミング(決済画面改ざん)).
func CodeOf(v []Term, s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, t := range v {
		if s == t.Code || s == t.Label {
			return t.Code, true
		}
	}
	for _, t := range v {
		for _, part := range strings.FieldsFunc(t.Label, func(r rune) bool { return r == '・' || r == '(' || r == ')' || r == '、' }) {
			if s == part {
				return t.Code, true
			}
		}
	}
	return "", false
}
