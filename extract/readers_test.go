package extract

import (
	"fmt"
	"strings"
	"testing"

	"casebook"
)

// Table tests per reader. Each text is a short notice written for the
// test, in the language notices use; one field is checked. They test the
// rules (the candidates and the rules' own verdict), without a model.

// rulesOnly extracts with the rules alone.
func rulesOnly(text string) []casebook.Record { return New(&Model{}).extract(text, Options{}) }

func one(t *testing.T, text string) casebook.Record {
	t.Helper()
	var recs []casebook.Record
	for _, r := range rulesOnly(text) {
		if r.IsIncident() {
			recs = append(recs, r)
		}
	}
	if len(recs) != 1 {
		t.Fatalf("%d incidents in %q", len(recs), text)
	}
	return recs[0]
}

func TestOrganizationReader(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"a facility named by its kind in front, in the letterhead",
			"ご予約のお客様へ\n\nホテルなぎさ\n2025年3月4日\n\n当館の予約管理画面に第三者が不正にログインし、お客様の氏名と電話番号が閲覧された可能性があります。", "ホテルなぎさ"},
		{"a facility word inside a sentence is no letterhead",
			"お詫び\n\n2025年3月4日\n株式会社うみかぜ\n\n当社が運営するホテルなぎさの予約システムに不正アクセスがあり、お客様の氏名が流出した可能性があります。", "株式会社うみかぜ"},
		{"letterhead under the date",
			"不正アクセスに関するお詫び\n\n2025年4月1日\n株式会社みずうみ商会\n\n当社のサーバーが不正アクセスを受け、お客様の氏名が流出した可能性があります。", "株式会社みずうみ商会"},
		{"the name a notice gives itself",
			"お詫び\n\n当社グループの株式会社あおば物流（以下「当社」といいます。）において、お客様情報を記載した書類を紛失しました。\n\n株式会社あおばホールディングス", "株式会社あおば物流"},
		{"a news lead's subject, its formal name",
			"大学でメール誤送信\n\n2025年5月10日\n\n国立大学法人しらゆき大学は9日、学生120人のメールアドレスを誤って送信したと発表した。同大によると、担当職員がBCCに入力すべきところをTOに入力した。", "国立大学法人しらゆき大学"},
		{"an insurer named by its trade",
			"保険会社で顧客情報流出\n\n2025年5月10日\n\nみどり保険会社は9日、委託先へのサイバー攻撃により顧客300人の氏名が流出したと発表した。", "みどり保険会社"},
		{"a prefecture before a city is dropped",
			"市でUSB紛失\n\n2025年6月2日\n\n東京都こだま市は1日、市民50人分の氏名を保存したUSBメモリを紛失したと発表した。", "こだま市"},
		{"the school, not the prefecture that runs the site",
			"青森県\nトップ > 教育 > 報道発表\n\n生徒の個人情報の誤掲載について\n\n県立あさひ高等学校が作成した資料に、生徒の氏名を誤って掲載していました。\n\n問い合わせ先\n青森県立あさひ高等学校", "青森県立あさひ高等学校"},
		{"a third party named by its alias is not the organization",
			"カード情報流出のお詫び\n\n2025年3月3日\nおおぞら株式会社\n\n決済サービスを提供する株式会社ほしかげ（以下「ほしかげ社」）より、ほしかげ社のシステムへの不正アクセスにより当社サイトのカード情報が流出したとの連絡を受けました。ほしかげ社は調査中です。", "おおぞら株式会社"},
		{"the subject of a regulator's action",
			"株式会社ゆきみに対する個人情報の保護に関する法律に基づく行政上の対応について\n\n令和7年2月1日\n個人情報保護委員会\n\n個人情報保護委員会は、本日、株式会社ゆきみ（以下「ゆきみ社」という。）に対し、法第147条に基づく指導を行った。", "株式会社ゆきみ"},
		{"a brand only: no organization",
			"こもれびショップ\n\nメール誤送信のお詫び\n\n当店からお送りしたメールで、お客様のメールアドレスが他のお客様に表示される状態となりました。", ""},
		{"a group company the notice introduces is not who speaks",
			"各位\n\n会 社 名　株式会社あさなぎ製作所\n\n連結子会社におけるランサムウェア被害について\n\n当社の連結子会社であるアサナギ・ヨーロッパ（所在地：ドイツ、以下「ANE社」といいます。）において、ランサムウェア被害が発生しました。ANE社のサーバが暗号化され、ANE社の従業員の氏名が流出した可能性があります。ANE社は調査を進めています。", "株式会社あさなぎ製作所"},
		{"the name a digest's entry field gives",
			"申告書データの流出について\n\n対象組織：株式会社ほたる工房\n\n国税庁から受託したデータ入力業務を無断で再委託し、納税者の氏名や住所を含む申告書の画像約70万件が外部に流出した。国税庁は同社を指名停止とした。", "株式会社ほたる工房"},
		{"a headline's kind of work is no one's name",
			"市民20人の健診結果など漏えい　特定保健指導の委託先に不正アクセス\n\n2024年1月10日\n\n兵庫県かぜの市が特定保健指導のために契約している業者のシステムが不正アクセスを受け、市民20人分の個人情報が外部に漏れた。", "かぜの市"},
		{"the first-named of a regulator's subjects; a photo's place is where",
			"東電など5社に業務改善命令　顧客情報の不正閲覧で\n\n2023/4/17\n\n(写真)東西電力本店=大阪市北区\n\n経済産業省は17日、東西電力や南北電力など5社に対し、電気事業法に基づく業務改善命令を出した。新電力の顧客情報を不正に閲覧していた。", "東西電力"},
		{"the company a list of companies is headed by",
			"電力会社による顧客情報の不正閲覧に関する指導\n\n委員会は、東西電力をはじめとする電力大手8社と、その子会社7社の計15社で顧客データベースの管理に不備があったと認め、各社に指導を行いました。", "東西電力"},
		{"police and regulators are never the organization",
			"USB紛失のお知らせ\n\n2025年1月5日\n株式会社ひだまり\n\n当社社員がUSBメモリを紛失し、警察署に遺失物届を提出しました。個人情報保護委員会にも報告しております。", "株式会社ひだまり"},
	}
	for _, tt := range tests {
		if got := one(t, tt.text).Organization; got != tt.want {
			t.Errorf("%s: organization %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSectorReader(t *testing.T) {
	tests := []struct{ org, text, want string }{
		{"株式会社みずうみ病院ネット", "不正アクセスがありました。", "it_telecom"},
		{"医療法人社団さくら会", "不正アクセスがありました。", "healthcare"},
		{"かぜの市教育委員会", "不正アクセスがありました。", "public"},
		{"かぜの市立第一中学校", "不正アクセスがありました。", "education"},
		{"やまびこ健康保険組合", "不正アクセスがありました。", "nonprofit"},
		{"やまなみ信用保証協会", "不正アクセスがありました。", "finance"},
		{"かぜの市防犯協会", "不正アクセスがありました。", "nonprofit"},
		{"日本コトリ学会", "不正アクセスがありました。", "nonprofit"},
		{"株式会社うみかぜ", "当社が運営するオンラインショップで不正アクセスがあり、ご注文のお客様のカード情報が流出しました。", "retail_ec"},
		{"株式会社あおば食品", "当社が運営する通販サイトの注文画面が改ざんされ、商品をご購入のお客様のカード情報が流出しました。オンラインショップは停止しています。", "retail_ec"},
	}
	for _, tt := range tests {
		text := "個人情報流出のお詫び\n\n2025年4月1日\n" + tt.org + "\n\n" + tt.text
		if got := one(t, text).Sector; got != tt.want {
			t.Errorf("%s: sector %q, want %q", tt.org, got, tt.want)
		}
	}
}

func TestDatesReader(t *testing.T) {
	type dates = map[string]string
	tests := []struct {
		name string
		text string
		want dates
	}{
		{"a notice's own date; year-less dates take its year, the nearest",
			"メール誤送信のお詫び\n\n令和7年1月10日\n株式会社ことり\n\n12月27日、担当者が顧客30名に案内メールを送信した際、宛先をBCCではなくTO欄に入力して送信しました。12月28日にお客様からのご指摘で判明しました。",
			dates{"announced": "2025-01-10", "occurred_from": "2024-12-27", "occurred_to": "2024-12-27", "discovered": "2024-12-28"}},
		{"a period under its label",
			"不正アクセスに関するお知らせ\n\n2025年5月1日\n株式会社ことり\n\n■漏えいした可能性のある期間\n2024年11月3日～2025年2月14日\n\n当社サイトが不正アクセスを受けました。",
			dates{"occurred_from": "2024-11-03", "occurred_to": "2025-02-14", "announced": "2025-05-01"}},
		{"reports to the PPC and the police",
			"ランサムウェア被害のご報告\n\n2025年3月10日\n株式会社ことり\n\n2025年2月3日、サーバーがランサムウェアに感染していることを確認しました。同月5日に個人情報保護委員会へ速報を提出し、同月6日に警察に被害を相談しました。3月4日に確報を提出しました。",
			dates{"discovered": "2025-02-03", "reported_ppc": "2025-02-05", "reported_police": "2025-02-06", "reported_ppc_final": "2025-03-04", "announced": "2025-03-10"}},
		{"a news lead's day is the announcement; the dateline is not",
			"病院で患者情報流出か\n\n2025年8月20日\n\nこまち記念病院は19日、患者300人分の氏名が流出した可能性があると発表した。同病院によると、8月12日に不審な通信を検知した。",
			dates{"announced": "2025-08-19", "discovered": "2025-08-12"}},
		{"a discovery told right after the dated event",
			"メール誤送信について\n\n令和6年9月9日\nかぜの市\n\n令和6年9月2日午前10時ごろ、職員が市民45名にメールを送信しました。送信の直後に職員が誤りに気付きました。",
			dates{"occurred_from": "2024-09-02", "occurred_to": "2024-09-02", "discovered": "2024-09-02", "announced": "2024-09-09"}},
		{"a date told with its hour opens the story of what happened then",
			"名簿の紛失について\n\n令和6年6月3日\nかぜの市\n\n令和6年5月28日（火曜日）午後5時過ぎ、民生委員が名簿の入ったリュックサックを電車の網棚に載せ、降りる際に置いたままにしました。同日中に警察署へ届け出ました。",
			dates{"occurred_from": "2024-05-28", "occurred_to": "2024-05-28", "reported_police": "2024-05-28", "announced": "2024-06-03"}},
		{"a date under a discovery's label",
			"個人情報の漏えいについて\n\n令和7年4月14日\nかぜの市教育委員会\n\n1　事故の概要\n　市立第一中学校の教諭が、生徒8名の成績が見られる状態の調査書を保護者に配信しました。\n（1）確認日時\n　令和7年4月9日（水曜日）午後1時30分頃\n（2）閲覧できる状態となった個人情報\n　生徒8名の氏名、成績",
			dates{"discovered": "2025-04-09", "announced": "2025-04-14"}},
		{"a state that lasted until it was put right",
			"個人情報の閲覧可能状態について\n\n2025年7月1日\n株式会社ことり\n\n2025年5月10日に公開したアンケートフォームの設定に誤りがあり、他の回答者の回答を閲覧できる状態となっていました。6月20日にご指摘を受け、同日、設定を修正しました。",
			dates{"occurred_from": "2025-05-10", "occurred_to": "2025-06-20", "discovered": "2025-06-20", "announced": "2025-07-01"}},
	}
	for _, tt := range tests {
		r := one(t, tt.text)
		for _, f := range casebook.DateFields {
			got := ""
			if p := r.Dates.Field(f); *p != nil {
				got = **p
			}
			if got != tt.want[f] {
				t.Errorf("%s: %s = %q, want %q", tt.name, f, got, tt.want[f])
			}
		}
	}
}

func TestAffectedReader(t *testing.T) {
	tests := []struct {
		name          string
		text          string
		count         int64 // 0: none
		approx, confd bool
	}{
		{"a labelled count", "不正アクセスについて\n\n2025年1月1日\n株式会社ことり\n\n当社サーバーが不正アクセスを受けました。\n\n■対象件数\n12,345件", 12345, false, false},
		{"people over records", "流出のお詫び\n\n当社サイトの不正アクセスにより、お客様のクレジットカード情報（4,120件）が流出し、お客様の個人情報（38,000名）が流出した可能性があります。", 38000, false, true},
		{"kanji numerals", "紛失のお詫び\n\n当社社員が約三千人分の顧客名簿を紛失しました。", 3000, true, false},
		{"recipients are not the people affected", "誤配信のお詫び\n\n保護者215人に、1学級27人分の氏名と成績が分かる資料を誤って配信し、資料が流出しました。", 27, false, true},
		{"mails sent are not people", "不正ログインのお詫び\n\n当社のメールアカウントが乗っ取られ、迷惑メール3,000通が送信されました。", 0, false, false},
		{"staff are not people affected", "紛失のお詫び\n\n当社の職員2名がノートパソコンを紛失しました。パソコンには顧客150名分の氏名が保存されていました。", 150, false, false},
		{"a headline's noun ending tells a leak", "ことりモバイルの情報漏洩事例\n業務用パソコン1台をなくしたことで、1,321名分の個人情報が漏洩", 1321, false, true},
		{"a possible leak is not confirmed", "不正アクセスについて\n\n約2万人分のメールアドレスが漏えいした可能性があります。", 20000, true, false},
		{"a leak elsewhere is not this one", "不正ログインについて\n\n他社サービス等で流出したIDとパスワードを用いた不正ログインが行われ、会員500名の氏名が閲覧されたおそれがあります。", 500, false, false},
	}
	for _, tt := range tests {
		r := one(t, tt.text)
		var got int64
		if r.Affected.Count != nil {
			got = *r.Affected.Count
		}
		if got != tt.count || r.Affected.Approximate != tt.approx || r.Affected.Confirmed != tt.confd {
			t.Errorf("%s: count %d approx %v confirmed %v; want %d %v %v", tt.name, got, r.Affected.Approximate, r.Affected.Confirmed, tt.count, tt.approx, tt.confd)
		}
	}
}

func TestItemsReader(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"a list under its heading", "流出のお詫び\n\n当社サイトが不正アクセスを受けました。\n\n■流出した可能性のある情報\n・氏名\n・住所\n・電話番号\n・メールアドレス", "name,address,phone,email"},
		{"a denied clause", "流出のお詫び\n\n漏えいしたのはメールアドレスだけで、氏名や住所、クレジットカード情報は含まれておりません。", "email"},
		{"generic card information is the card number", "流出のお詫び\n\n当社サイトで入力されたクレジットカード情報が流出した可能性があります。", "card_number"},
		{"a password changed is no item", "不正ログインのお詫び\n\n不正ログインを受けた会員の氏名が閲覧された可能性があるため、パスワードを変更しました。", "name"},
		{"the attack's passwords are no item", "不正ログインのお詫び\n\n他社から漏れたIDとパスワードを試すリスト型攻撃により、会員の氏名と生年月日が閲覧されたおそれがあります。", "name,birthdate"},
		{"contact details of the office are no item", "紛失のお詫び\n\n顧客100名の氏名と住所を記載した書類を紛失しました。\n\n【お問い合わせ先】\n株式会社ことり 総務部\n電話番号：0120-000-000", "name,address"},
		{"a notice sent to someone else bears a name", "誤送付のお詫び\n\n保育料の決定通知書を、同姓同名の別人に誤って送付しました。", "name"},
		{"health data", "紛失のお詫び\n\n患者120名分の氏名、病名、処方内容を記載した書類を紛失しました。", "name,health"},
	}
	for _, tt := range tests {
		if got := strings.Join(one(t, tt.text).DataItems, ","); got != tt.want {
			t.Errorf("%s: items %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCausesReader(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"skimming carries the intrusion", "カード情報流出のお詫び\n\n当社サイトへの不正アクセスにより決済画面が改ざんされ、入力されたカード情報が窃取されていました。", "web_skimming"},
		{"an intrusion into a provider's system stays", "カード情報流出のお詫び\n\n当社が組み込んでいた外部事業者のサービスが不正アクセスを受けて改ざんされ、決済画面で入力されたカード情報が流出しました。", "web_skimming,unauthorized_access"},
		{"a mail account taken over", "お詫び\n\n職員のメールアカウントが第三者に不正にログインされ、迷惑メールの送信に使われました。", "account_compromise"},
		{"a scam before the malware", "お詫び\n\n職員がサポート詐欺の偽の警告画面に誘導され、遠隔操作ソフトをインストールし、パソコンが遠隔操作されました。", "social_engineering,malware"},
		{"a ransom demanded after an intrusion, nothing encrypted", "お詫び\n\n委託先のサーバーに身代金の要求を伴う不正アクセスが行われ、お客さまの氏名が漏えいしました。", "ransomware,unauthorized_access"},
		{"an infection that encrypted carries the intrusion", "お詫び\n\n不正アクセスによりサーバーがランサムウェアに感染し、ファイルが暗号化され、身代金を要求されました。", "ransomware"},
		{"theft, not loss", "盗難のお詫び\n\n社員の車が車上荒らしに遭い、顧客情報を保存したノートパソコンが盗まれました。", "theft"},
		{"a suspicion ruled out", "お詫び\n\n当初、ウイルス感染の疑いがありましたが、調査の結果、感染した端末は見つかりませんでした。メールアカウントに不正ログインされたものと判断しました。", "account_compromise"},
		{"advice is no cause", "不審メールへの注意のお願い\n\n当社を装ったフィッシングメールにご注意ください。なお、当社社員が顧客名簿を誤って廃棄していたことが判明しました。", "improper_disposal"},
	}
	for _, tt := range tests {
		if got := strings.Join(one(t, tt.text).Causes, ","); got != tt.want {
			t.Errorf("%s: causes %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestResponsesReader(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"what was done", "流出のお詫び\n\n当社サイトが不正アクセスを受け、お客様情報が流出しました。直ちにサイトを停止し、第三者調査機関に調査を依頼しました。個人情報保護委員会に報告し、警察にも相談しております。対象のお客様には個別にご連絡いたします。専用のお問い合わせ窓口を設置しました。",
			"service_suspended,forensic_investigation,notified_individuals,call_center,reported_ppc,reported_police"},
		{"advice to readers is not done", "不正ログインのお詫び\n\n会員アカウントに不正ログインがありました。お客様におかれましては、パスワードの変更をお願いいたします。", ""},
		{"a regulator's finding of what was missing", "株式会社ほたるに対する行政上の対応について\n\n個人情報保護委員会は、株式会社ほたるに対し指導を行った。同社は従業者の教育を実施していたものの、その内容は不十分であった。", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(one(t, tt.text).Responses, ","); got != tt.want {
			t.Errorf("%s: responses %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKindReader(t *testing.T) {
	tests := []struct {
		name string
		text string
		want casebook.Kind
	}{
		{"a template with blanks", "【文例】個人情報流出のお詫び\n\n株式会社○○○○\n\nこのたび、弊社サーバーに不正アクセスがあり、○○名のお客様情報が流出したおそれがあります。", casebook.KindNotIncident},
		{"a seminar", "情報漏えい対策セミナー開催のご案内\n\n顧客情報が流出したら、どう対応すべきでしょうか。事例を交えて解説します。参加費無料。", casebook.KindNotIncident},
		{"a privacy policy", "個人情報保護方針\n\n当社は、個人情報の漏えい等の事故が発生した場合には、速やかに報告します。", casebook.KindNotIncident},
		{"a regulator's action", "株式会社あかねに対する個人情報の保護に関する法律に基づく行政上の対応について\n\n個人情報保護委員会は、本日、株式会社あかねに対し、法第148条第1項に基づく勧告を行った。", casebook.KindRegulator},
		{"a ministry's guidance", "総務省\n\n株式会社つばさ通信に対する措置（指導）\n\n総務省は、本日、株式会社つばさ通信に対し、通信の秘密の漏えいについて、文書で行政指導を行いました。", casebook.KindRegulator},
		{"a warning against mail sent in the city's name", "かぜの市をかたった不審なメールについて\n\n本市の名前を使った不審なメールが出回っています。添付ファイルを開くとウイルスに感染するおそれがあります。市のパソコンが感染したために送られているものではありません。", casebook.KindNotIncident},
		{"a warning heading over a product's flaw", "ことりルーターをご利用の皆様へ\nVPN機能の脆弱性に関する重要なお願い\n\n一部のバージョンでは、VPNの認証情報が読み取られ、社内への不正なアクセスや個人情報の漏えいにつながるおそれがあります。最新版への更新をお願いします。", casebook.KindNotIncident},
		{"an explainer whose topic is an incident", "メール誤送信の防止方法｜起きてしまったときのお詫びと対応まで解説\n\n毎日たくさんのメールを送っていると、誰でも一度は宛先を誤って送信してしまいます。個人情報が流出した場合は、本人へのおわびと報告が必要です。", casebook.KindNotIncident},
		{"a primer", "ランサムウェア対策の基本　中小企業が今すぐできる5つのこと\n\nランサムウェアに感染すると、データが暗号化され、業務が止まってしまいます。バックアップをネットワークから切り離して保管しましょう。", casebook.KindNotIncident},
		{"a course's name in a notice is no primer", "「高校生活入門講座」申込者の個人情報の漏洩について\n\n2025年6月2日\n学校法人ことり学園\n\n本学園が5月30日に公開した申込フォームの設定に誤りがあり、申込者42名の氏名とメールアドレスが、他の申込者から閲覧できる状態になっていたことが判明しました。6月1日に設定を修正しました。関係の皆様に深くお詫び申し上げます。", casebook.KindBreach},
		{"a company's periodic filing", "株式会社ことり(9999) 2024年9月期 決算短信\n\n1.経営成績等の概況\n\n当期は、当社サーバーへの不正アクセスにより顧客情報が流出した可能性があり、調査費用を特別損失に計上しました。", casebook.KindNotIncident},
		{"a warning after its own infection is a notice", "弊社従業員を装った不審なメールについて\n\n2025年11月15日、弊社従業員のパソコンがマルウェア「Emotet」に感染し、保存されていたメールアドレスが窃取されたことを確認いたしました。弊社従業員を装った不審なメールが送信されております。添付ファイルを開かずに削除してください。", casebook.KindBreach},
		{"a scam's screen quoted is no infection of one's own", "サポート詐欺にご注意ください\n\nインターネットを使っている最中に、突然「ウイルスに感染しました」といった偽の警告画面を出し、電話をかけさせる手口です。画面の番号には電話しないでください。", casebook.KindNotIncident},
		{"a warning that apologizes for its own incident", "弊社社員を装った不審なメールに関するお詫び\n\n弊社社員のパソコンがウイルスに感染し、お取引先様のメールアドレス300件が流出しました。", casebook.KindBreach},
		{"a notice", "USBメモリ紛失のお詫び\n\n当社社員が顧客200名分の氏名を保存したUSBメモリを紛失しました。", casebook.KindBreach},
	}
	for _, tt := range tests {
		rs := rulesOnly(tt.text)
		if len(rs) != 1 || rs[0].Kind != tt.want {
			t.Errorf("%s: %d records, kind %v; want %v", tt.name, len(rs), rs[0].Kind, tt.want)
		}
	}
}

func TestTitleReader(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"after the site's menus and breadcrumb", "株式会社ことり\nホーム | 会社案内 | お知らせ | お問い合わせ\nホーム > お知らせ > 不正アクセスに関するお詫び\n\n不正アクセスに関するお詫び\n\n2025年1月1日\n\n当社サーバーが不正アクセスを受けました。", "不正アクセスに関するお詫び"},
		{"a title broken over two lines", "弊社サーバーへの不正アクセスによる個人情報漏えいに関する\nお詫びとご報告\n\n2025年1月1日\n株式会社ことり\n\n当社サーバーが不正アクセスを受けました。", "弊社サーバーへの不正アクセスによる個人情報漏えいに関するお詫びとご報告"},
		{"letter-spaced (PDF)", "個 人 情 報 の 流 出 に つ い て ( お 詫 び )\n\n当社サーバーが不正アクセスを受けました。", "個 人 情 報 の 流 出 に つ い て ( お 詫 び )"},
	}
	for _, tt := range tests {
		if got := one(t, tt.text).Title; got != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, got, tt.want)
		}
	}
}

// Rows sorted under headings ((1)紛失, (2)盗難): each heading starts the
// entry under it and tells its cause.
func TestEntriesUnderHeadings(t *testing.T) {
	text := "事故の発生状況(2025年1月)\n\n2025年1月に公表された学校・教育機関の情報セキュリティ事故は、合計12件でした。主な事故は次のとおりです。\n\n(1)紛失・置き忘れ\n兵庫県　2025年1月3日　市立小学校　USBメモリ　26件\n三重県　2025年1月22日　市立中学校　書類　36件\n(2)盗難\n神奈川県　2025年1月22日　私立大学　パソコン　2,016件\n(3)誤送信\n佐賀県　2025年1月15日　県教育委員会　電子メール　30件\n"
	var got []string
	recs, err := Extract(text, Options{}) // (rows tell no event: the rules alone call them no incidents)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.IsIncident() {
			got = append(got, strings.Join(r.Causes, "+"))
		}
	}
	if want := []string{"loss", "loss", "theft", "misdelivery"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("causes %q, want %q", got, want)
	}
}

func TestSegmentation(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		kinds string // of the records in order: b breach, r regulator, n not incident
	}{
		{"a digest with rule lines and another post",
			"セキュリティ週報\n\n――――――――\n\n■株式会社あおい、不正アクセスで会員情報流出の可能性\n\n株式会社あおいは10日、会員1,000人の情報が流出した可能性があると発表した。\n\n――――――――\n\n■みどり市、個人情報を含む書類を紛失\n\nみどり市は11日、市民20人分の書類を紛失したと発表した。\n\n――――――――\n\n◆編集部からのお知らせ\n\n来週は休刊します。次号は再来週の月曜日にお届けする予定です。どうぞよろしくお願いいたします。\n",
			"bnbnbn"[:0] + "bbn"},
		{"a notice with sections is one",
			"不正アクセスに関するお詫び\n\n2025年1月1日\n株式会社ことり\n\n■概要\n当社サーバーが不正アクセスを受けました。お客様の氏名が流出した可能性があります。\n\n■原因\nサーバーの脆弱性を悪用されたものと判明しました。詳しくは調査中です。\n\n■今後の対応\n再発防止策を講じてまいります。ご迷惑をおかけし申し訳ございません。",
			"b"},
		{"a digest's lead and footer are its frame",
			"情報セキュリティ事例集\nホーム > 事例 > 2025年\n\n個人情報漏えいの事例を振り返る\n\n個人情報の漏えいは年々増えており、誰にとっても他人事ではありません。ここでは最近の主な事例をまとめます。\n\n■株式会社あおい、会員情報が流出\n株式会社あおいは、不正アクセスにより会員1,000人の氏名が流出したと発表した。\n\n■みどり市、書類を紛失\nみどり市は、市民20人分の書類を紛失したと発表した。\n\n＜ 前へ　1　2　次へ ＞\nCopyright (C) 事例集 All Rights Reserved.\n",
			"nbbn"},
		{"a table of counts before the entries is its own",
			"事故件数 2025年1月\n\n原因 | 官庁 | 民間 | 計\n紛失 | 3 | 1 | 4\n誤送付 | 2 | 0 | 2\n計 | 5 | 1 | 6\n\n■あおい町、名簿を紛失\nあおい町は、職員が町民30人分の名簿を紛失したと発表した。\n\n■株式会社みどり、顧客情報を誤送付\n株式会社みどりは、顧客10人分の情報を別の顧客に誤送付したと発表した。\n",
			"nbb"},
		{"a lead that tells a dated incident is the first entry's",
			"不正アクセス被害を振り返る\n\n2025年1月10日、株式会社あおいが不正アクセスで顧客情報が流出したと発表し、同様の被害が広がっている。\n\n■株式会社あおい、顧客情報が流出\n株式会社あおいは、不正アクセスにより顧客500人の氏名とメールアドレスが流出した可能性があると発表した。\n\n■みどり市、市民情報が流出\nみどり市は、不正アクセスにより市民20人分の氏名が流出したと発表した。\n",
			"bb"},
		{"an organization's own page keeps its lead and footer",
			"みどり市\nホーム > 報道発表\n\n事務処理誤りの公表\n\n本市で1月に報告を受けた事務処理誤りの概要をお知らせします。関係者の皆様にご迷惑をおかけしました。\n\n■みどり市、名簿を紛失\nみどり市は、職員が市民30人分の名簿を紛失したと発表した。\n\n■みどり市、通知書を誤送付\nみどり市は、市民10人分の通知書を別の市民に誤送付したと発表した。\n\nページの先頭へ\nCopyright みどり市\n",
			"bb"},
		{"a news list with dates",
			"ニュース一覧\n\n2025年3月1日 10:00｜社会\nあおい商事、顧客名簿を紛失\nあおい商事は2月28日、顧客500人分の名簿を紛失したと発表した。\n\n2025年2月27日 9:00｜地域\n市の花まつり、今年も開催へ\n市は花まつりを4月に開くと発表した。屋台も出る予定で、多くの人出が見込まれている。\n\n2025年2月26日 18:00｜社会\nみなと病院で患者情報誤送信\nみなと病院は26日、患者10人分の情報を誤送信したと発表した。\n",
			"bnb"},
	}
	for _, tt := range tests {
		var got strings.Builder
		for _, r := range rulesOnly(tt.text) {
			got.WriteByte(map[casebook.Kind]byte{casebook.KindBreach: 'b', casebook.KindRegulator: 'r', casebook.KindNotIncident: 'n'}[r.Kind])
		}
		if got.String() != tt.kinds {
			t.Errorf("%s: records %q, want %q", tt.name, got.String(), tt.kinds)
		}
	}
}

func TestFindingsReader(t *testing.T) {
	text := "株式会社すずらんに対する個人情報の保護に関する法律に基づく行政上の対応について\n\n令和7年4月1日\n個人情報保護委員会\n\n個人情報保護委員会は、本日、株式会社すずらんに対し、法第147条に基づく指導を行うとともに、法第146条第1項に基づき報告を求めた。\n\n1 法律上の問題点（法第23条）\n(1) 組織体制の整備が不十分であったこと\n同社では、責任者が置かれていなかった(10-3(1)組織体制の整備)。\n(2) アクセス者の識別と認証が不十分であったこと\n同社では、共用のIDが使われていた。"
	r := one(t, text)
	if r.Kind != casebook.KindRegulator || r.Findings == nil {
		t.Fatalf("kind %v findings %v", r.Kind, r.Findings)
	}
	if got := strings.Join(r.Findings.Actions, ","); got != "guidance,report_request" {
		t.Errorf("actions %q", got)
	}
	if got := strings.Join(r.Findings.Articles, ","); got != "23,146,147" {
		t.Errorf("articles %q", got)
	}
	if got := strings.Join(r.Findings.Safeguards, ","); got != "10-3(1),10-6(2)" {
		t.Errorf("safeguards %q", got)
	}
	if r.Dates.RegulatorAction == nil || *r.Dates.RegulatorAction != "2025-04-01" {
		t.Errorf("regulator_action %v", r.Dates.RegulatorAction)
	}
}

func TestGroupsReader(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"two sets, each with its list",
			"カード情報流出のお詫び\n\n当社サイトが不正アクセスを受け、お客様のクレジットカード情報(1,210件)が漏えいし、また、お客様の個人情報(9,800名)が漏えいした可能性があります。\n\n(1)カード情報が漏えいした可能性のあるお客様\n期間中にカード決済をされたお客様1,180名で、漏えいした可能性のある情報は以下のとおりです。\n・カード名義人名\n・クレジットカード番号\n・有効期限\n\n(2)その他の個人情報が漏えいした可能性のあるお客様\n会員登録をされたお客様9,800名で、漏えいした可能性のある情報は以下のとおりです。\n・氏名\n・住所\n・メールアドレス\n",
			"1180:card_holder,card_number,card_expiry:true 9800:name,address,email:false"},
		{"two sets in one sentence",
			"ランサムウェア被害のご報告\n\n暗号化されたサーバーには、取引先のご担当者の氏名、会社名及びメールアドレス(約3,000名分)、並びに従業員の氏名、住所及びマイナンバー(約500名分)が保存されていました。",
			"3000:name,email,employer:false 500:name,address,government_id:false"},
		{"a total over its parts is no group",
			"誤送信のお詫び\n\n漏えいした者は120名であり、その内訳は次のとおりです。\n・メールアドレスが漏えいした職員 100名\n・氏名及び電話番号が漏えいした方 20名\n",
			"100:email:true 20:name,phone:true"},
		{"one set given twice is none",
			"流出のお詫び\n\n会員3,000名の氏名とメールアドレスが流出した可能性があります。\n\n■対象\n会員 3,000名(氏名、メールアドレス)",
			""},
	}
	for _, tt := range tests {
		r := one(t, tt.text)
		var parts []string
		for _, g := range r.Affected.Groups {
			parts = append(parts, fmt.Sprintf("%d:%s:%v", g.Count, strings.Join(g.DataItems, ","), g.Confirmed))
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("%s: groups %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestEventAnnouncement(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"日時：2025年12月4日\n定員：100名\n参加費：無料\n申込方法：フォーム", true},
		{"■会場：本社ホール\n■講師：山田氏", true},
		{"【定員】30名\n【受講料】5,000円", true},
		{"発生日時：2025年7月1日\n対象者：お客様120名", false}, // a notice of a leak
		{"お問い合わせ窓口：0120-000-000\n受付時間：9時〜17時", false},
	} {
		if got := eventAnnouncement(c.text); got != c.want {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
}

func TestProductPage(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"■主な機能\n・誤送信防止\n■導入実績\n1,200社\n価格：月額500円\n無料トライアル", true},
		{"価格：1,980円(税込)\n送料無料", false}, // a misprinted price notice names a price, nothing else
		{"お客様のクレジットカード情報が流出した可能性があります。月額500円のサービスをご利用の方", false},
	} {
		if got := productPage(c.text); got != c.want {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
}

// A regulator's action the text tells nothing more of (no regulator
// named, no article, no safeguard) has no findings, and reading it must
// not fail: it once took the whole batch down.
func TestRegulatorActionWithoutFindings(t *testing.T) {
	text := "電力会社による新電力顧客情報の不正閲覧に関する指導\n\n大手電力会社の社員らが、子会社を通じて競合する新電力の顧客情報を不正に閲覧していた問題です。"
	rs := rulesOnly(text)
	if len(rs) != 1 || rs[0].Kind != casebook.KindRegulator {
		t.Fatalf("%d records, want one regulator action: %+v", len(rs), rs)
	}
	if rs[0].Findings != nil {
		t.Errorf("findings %+v, want none", rs[0].Findings)
	}
}

// A table whose header counts what leaked (流出件数): each row's count is
// of a leak.
func TestTableHeaderConfirmsRows(t *testing.T) {
	text := "ECサイトの情報漏洩事件の一覧\n\n近年の事件を、公開日・社名・流出件数の順に載せています。\n公開日 | 社名 | 流出件数 | 流出内容 |\n" +
		"2021/1/18 | 株式会社アカネ | 162 |\n|\n2021/1/19 | 株式会社アオバ | 1,293 |\n|\n2021/2/8 | 株式会社キハダ | 203 |\n|\n\n原因の多くはECサイトを狙った不正アクセスです。\n"
	recs, err := Extract(text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		if !r.IsIncident() {
			continue
		}
		n++
		if r.Affected == nil || !r.Affected.Confirmed {
			t.Errorf("%s: affected %+v, want confirmed", r.Title, r.Affected)
		}
	}
	if n < 2 {
		t.Errorf("%d incidents, want the table's rows", n)
	}
}

// Pages that are no incident by definition stay so with the weights
// casebook ships, however the kind model weighs their incident words.
func TestDefinitionalKindsWithModel(t *testing.T) {
	texts := map[string]string{
		"a primer":                     "ランサムウェア対策の基本　中小企業が今すぐできる5つのこと\n\n2025年8月1日　セキュリティコラム編集部\n\nランサムウェアによる被害は、大企業だけの問題ではありません。ランサムウェアに感染すると、サーバーやパソコンのデータが暗号化され、業務が止まってしまいます。さらに、暗号化の前にデータを盗み出し、「支払わなければ公開する」と脅す手口も一般的になりました。\n\n1. VPN機器などのソフトウェアを最新の状態に保つ\n2. バックアップをネットワークから切り離して保管する\n3. 多要素認証を導入する\n4. 従業員への教育を行う",
		"a warning in the city's name": "かぜの市をかたった不審なメールについて\n\n更新日：2020年10月1日\n\n本市の名前を使った怪しいメールが出回っていることがわかりました。メールに付いているファイルを開くと、パソコンがウイルスに感染する仕組みになっています。なお、このメールは、市のパソコンやシステムがウイルスに感染したために送られているものではありません。添付ファイルは開かず、そのまま削除してください。",
	}
	for name, text := range texts {
		recs, err := Extract(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if r.IsIncident() {
				t.Errorf("%s: read as %s", name, r.Kind)
			}
		}
	}
}
