package appi

// Safeguard is one duty of the catalogue: a section of the PPC general
// guideline's section 10 「講ずべき安全管理措置の内容」 or a related article.
type Safeguard struct {
	ID         string   `json:"id"`
	Group      string   `json:"group"`       // 組織的安全管理措置 …
	Title      string   `json:"title"`       // the guideline's heading
	Article    string   `json:"article"`     // current article (令和3年改正後)
	OldArticle string   `json:"old_article"` // the article before 2022-04-01
	Questions  []string `json:"questions"`   // our checklist questions
	Measures   []string `json:"countermeasures"`
}

// Catalogue is casebook's safeguard catalogue. The structure follows the
// PPC guideline; the questions and countermeasures are casebook's own.
var Catalogue = []Safeguard{
	{ID: "10-1", Group: "基本方針", Title: "基本方針の策定", Article: "23", OldArticle: "20",
		Questions: []string{
			"個人データの安全管理に関する基本方針を文書にし、社内外に示していますか。",
			"基本方針に問い合わせ・苦情の窓口を明記していますか。",
		},
		Measures: []string{"事業者名、法令遵守、安全管理措置、問い合わせ窓口を含む基本方針を定め、公表する。"}},
	{ID: "10-2", Group: "規律の整備", Title: "個人データの取扱いに係る規律の整備", Article: "23", OldArticle: "20",
		Questions: []string{
			"取得・利用・保存・提供・削除・廃棄の各段階について、取扱方法と責任者を定めた規程がありますか。",
			"メールの一斉送信や外部への持ち出しなど、ミスが起きやすい作業の手順を決めていますか。",
			"規程は業務やシステムの変更に合わせて見直していますか。",
		},
		Measures: []string{"取扱規程を段階ごとに整備し、一斉送信・持ち出し・委託の手順を具体的に定める。"}},
	{ID: "10-3(1)", Group: "組織的安全管理措置", Title: "組織体制の整備", Article: "23", OldArticle: "20",
		Questions: []string{
			"個人データの取扱いの責任者を置き、担当者と役割を明確にしていますか。",
			"法令違反や漏えいの兆候に気づいた従業者が、責任者へすぐ報告できる経路がありますか。",
			"扱う個人データの量に見合った管理部署・人員を確保していますか。",
		},
		Measures: []string{"責任者と担当者の任命、報告連絡体制の明文化、複数部署の役割分担。"}},
	{ID: "10-3(2)", Group: "組織的安全管理措置", Title: "個人データの取扱いに係る規律に従った運用", Article: "23", OldArticle: "20",
		Questions: []string{
			"規程どおりに運用されているかを、ログや記録で確かめられますか。",
			"データベースの検索・出力、媒体の持ち出し、削除・廃棄の記録を残していますか。",
			"例外運用を認める場合、期限と代わりの管理策を決め、守られているか確認していますか。",
		},
		Measures: []string{"操作ログ・持ち出し記録の取得と定期確認、例外運用の期限管理。"}},
	{ID: "10-3(3)", Group: "組織的安全管理措置", Title: "個人データの取扱状況を確認する手段の整備", Article: "23", OldArticle: "20",
		Questions: []string{
			"どのシステム・媒体にどんな個人データがあるか、台帳で把握していますか。",
			"台帳に項目・利用目的・責任部署・アクセス権者を記録していますか。",
		},
		Measures: []string{"個人データ台帳を作り、項目・保管場所・アクセス権者を定期的に更新する。"}},
	{ID: "10-3(4)", Group: "組織的安全管理措置", Title: "漏えい等事案に対応する体制の整備", Article: "23", OldArticle: "20",
		Questions: []string{
			"漏えい等を知ってから3〜5日以内に個人情報保護委員会へ速報できる手順がありますか。",
			"確報の期限(30日、不正目的のおそれがあれば60日)を数え、管理する担当を決めていますか。",
			"本人への通知、公表、再発防止策の検討までの流れを事前に決めていますか。",
			"委託先や現場からの第一報がすぐ責任者に届く仕組みがありますか。",
		},
		Measures: []string{"インシデント対応手順(事実調査・原因究明・PPC報告・本人通知・公表)の整備と訓練。"}},
	{ID: "10-3(5)", Group: "組織的安全管理措置", Title: "取扱状況の把握及び安全管理措置の見直し", Article: "23", OldArticle: "20",
		Questions: []string{
			"個人データの取扱状況を定期的に点検・監査していますか。",
			"監査は研修の実施確認だけでなく、実際のデータの扱い方まで確かめていますか。",
			"他部署や外部による監査を受けていますか。",
		},
		Measures: []string{"取扱状況の定期点検と内部・外部監査、結果に基づく措置の見直し。"}},
	{ID: "10-4", Group: "人的安全管理措置", Title: "従業者の教育", Article: "23", OldArticle: "20",
		Questions: []string{
			"全従業者(派遣・委託要員を含む)に、個人データの扱い方を定期的に教育していますか。",
			"教育の内容は、自社で起こりうる事故(誤送信、持ち出し、詐欺)に即していますか。",
			"秘密保持の義務を就業規則や誓約書で定めていますか。",
		},
		Measures: []string{"事例に基づく定期研修、理解度確認、秘密保持誓約。"}},
	{ID: "10-5(1)", Group: "物理的安全管理措置", Title: "個人データを取り扱う区域の管理", Article: "23", OldArticle: "20",
		Questions: []string{
			"個人データを扱う区域・端末を決め、入退室や私物の持ち込みを管理していますか。",
			"個人データを扱う端末で、インターネットやメールの利用を制限していますか。",
		},
		Measures: []string{"管理区域・取扱区域の設定、入退室管理、専用端末化。"}},
	{ID: "10-5(2)", Group: "物理的安全管理措置", Title: "機器及び電子媒体等の盗難等の防止", Article: "23", OldArticle: "20",
		Questions: []string{
			"個人データを保存した機器・書類を施錠保管していますか。",
			"ノートPCやUSBメモリの所在を台帳で管理していますか。",
		},
		Measures: []string{"施錠保管、セキュリティワイヤー、媒体台帳。"}},
	{ID: "10-5(3)", Group: "物理的安全管理措置", Title: "電子媒体等を持ち運ぶ場合の漏えい等の防止", Article: "23", OldArticle: "20",
		Questions: []string{
			"個人データを持ち出すときは、許可と記録を必須にしていますか。",
			"持ち出す電子媒体は暗号化・パスワード保護していますか。",
			"書類の運搬・郵送で封緘や追跡できる方法を使っていますか。",
		},
		Measures: []string{"持ち出し許可制、媒体の暗号化、追跡可能な運搬。"}},
	{ID: "10-5(4)", Group: "物理的安全管理措置", Title: "個人データの削除及び機器、電子媒体等の廃棄", Article: "23", OldArticle: "20",
		Questions: []string{
			"書類はシュレッダー等で復元できない方法で廃棄していますか。",
			"機器の廃棄・返却時にデータを消去し、その記録(委託先の証明書)を残していますか。",
		},
		Measures: []string{"復元不能な消去・破砕、廃棄記録と証明書の保管。"}},
	{ID: "10-6(1)", Group: "技術的安全管理措置", Title: "アクセス制御", Article: "23", OldArticle: "20",
		Questions: []string{
			"個人データにアクセスできる者を業務上必要な範囲に限っていますか。",
			"退職・異動・契約終了時にアカウントやアクセスキーをすぐ無効にしていますか。",
			"クラウドストレージの公開設定や不要なアクセスキーを定期的に点検していますか。",
		},
		Measures: []string{"最小権限、アカウント・キーの棚卸し、クラウド設定の定期点検。"}},
	{ID: "10-6(2)", Group: "技術的安全管理措置", Title: "アクセス者の識別と認証", Article: "23", OldArticle: "20",
		Questions: []string{
			"管理画面やメール、VPNに多要素認証を使っていますか。",
			"推測されやすいパスワードや使い回しを禁止していますか。",
		},
		Measures: []string{"多要素認証、パスワードポリシー、ログイン試行の監視。"}},
	{ID: "10-6(3)", Group: "技術的安全管理措置", Title: "外部からの不正アクセス等の防止", Article: "23", OldArticle: "20",
		Questions: []string{
			"OS・ミドルウェア・ECサイトのアプリケーションやVPN機器の脆弱性を、速やかに修正していますか。",
			"決済画面や入力フォームの改ざんを検知する仕組みがありますか。",
			"ウイルス対策ソフトを導入し、ソフトのインストールを制限していますか。",
			"ログを定期的に分析し、不正アクセスの兆候を検知していますか。",
		},
		Measures: []string{"脆弱性管理、WAF・改ざん検知、EDR、インストール制限、ログ監視。"}},
	{ID: "10-6(4)", Group: "技術的安全管理措置", Title: "情報システムの使用に伴う漏えい等の防止", Article: "23", OldArticle: "20",
		Questions: []string{
			"システムの設計・改修時に、他人の情報が表示されないか試験していますか。",
			"メールの宛先は BCC や一斉配信システムを使い、送信前に複数人で確認していますか。",
			"個人データを含むファイルの送信・保存を暗号化していますか。",
			"業務上不要なクラウドサービスやWebサイトへの接続を制限していますか。",
		},
		Measures: []string{"設計時の安全性検証と試験、送信前確認、暗号化、接続先制限。"}},
	{ID: "10-7", Group: "外的環境の把握", Title: "外的環境の把握", Article: "23", OldArticle: "20",
		Questions: []string{
			"外国で個人データを取り扱う(外国のクラウドを含む)場合、その国の制度を把握していますか。",
			"外国の委託先・保存先を一覧にし、本人に情報提供できるようにしていますか。",
		},
		Measures: []string{"保存先・委託先の国の制度を把握し、必要な措置を講じる。"}},
	{ID: "art24", Group: "従業者の監督", Title: "従業者の監督", Article: "24", OldArticle: "21",
		Questions: []string{
			"従業者(派遣社員を含む)が規程を守っているか、監督していますか。",
			"不正な持ち出しや私的利用を検知できる仕組みがありますか。",
		},
		Measures: []string{"操作ログ監視、持ち出し制限、定期的な自己点検とその検証。"}},
	{ID: "art25", Group: "委託先の監督", Title: "委託先の監督", Article: "25", OldArticle: "22",
		Questions: []string{
			"委託先を選ぶとき、安全管理措置の水準を確認していますか。",
			"委託契約に安全管理措置、再委託の条件、事故時の報告を定めていますか。",
			"委託先の自己点検に任せず、監査などで取扱状況を確かめていますか。",
			"開発委託先が使うクラウド環境やアクセスキーの管理を確認していますか。",
		},
		Measures: []string{"委託先の選定基準、契約条項、定期監査、委託終了時のデータ・キーの返却・削除確認。"}},
	{ID: "art26", Group: "漏えい等の報告等", Title: "漏えい等の報告・本人通知", Article: "26", OldArticle: "22の2",
		Questions: []string{
			"報告対象事態(要配慮・財産的被害・不正目的・1,000人超)を判定する基準がありますか。",
			"本人への通知の方法と文案を用意していますか。",
			"通知が難しい場合の代わりの措置(公表、問い合わせ窓口)を決めていますか。",
		},
		Measures: []string{"報告要否の判定表、速報・確報の期限管理、本人通知文案と窓口の準備。"}},
}

// OldToNew maps pre-2022 article numbers of the private-sector chapter to
// the current ones, so older notices citing 第20条 map correctly.
var OldToNew = map[string]string{"20": "23", "21": "24", "22": "25", "22の2": "26",
	"15": "17", "16": "18", "17": "20", "18": "21", "19": "22", "23": "27", "24": "28"}

// SafeguardByID returns the catalogue entry with id.
func SafeguardByID(id string) (Safeguard, bool) {
	for _, s := range Catalogue {
		if s.ID == id {
			return s, true
		}
	}
	return Safeguard{}, false
}
