package extract

import "testing"

// What the law needs beyond the record contract: 個人番号 and 通信の秘密
// that leaked (not denied), the 委託先 named as one, the law a regulator
// acted under.
func TestRegimeFacts(t *testing.T) {
	tests := []struct {
		name, text         string
		myNumber, secrecy  bool
		processor, lawName string
	}{
		{"My Number leaked", "書類紛失のお詫び\n\n従業員150名分の氏名、住所、個人番号(マイナンバー)を記載した書類を紛失しました。", true, false, "", ""},
		{"My Number denied", "不正アクセスのお詫び\n\n氏名とメールアドレスが流出した可能性があります。運転免許証の画像も含まれます。マイナンバーは含まれておりません。", false, false, "", ""},
		{"secrecy leaked", "お詫び\n\n設定の誤りにより、お客様の通信履歴が閲覧可能でした。当該情報は通信の秘密に該当します。", false, true, "", ""},
		{"secrecy denied", "個人情報の漏えいに関するお詫び\n\n設定の誤りにより会員500名の氏名が閲覧可能な状態でした。なお、通信の秘密に該当する情報は含まれておりません。", false, false, "", ""},
		{"a contractor before its name", "業務委託先における個人情報の漏えいのおそれについて\n\n令和6年6月14日\nみどり市\n\n市が封入業務を委託している株式会社ひかり印刷がランサムウェアの被害を受け、市民500人分の氏名と住所が漏えいしたおそれがあります。", false, false, "株式会社ひかり印刷", ""},
		{"a contractor after its name", "お詫び\n\n株式会社あさひ(以下「当社」)は、発送業務を株式会社そよかぜ物流(以下「委託先」)に委託しております。委託先のサーバーが不正アクセスを受け、顧客の氏名が流出しました。", false, false, "株式会社そよかぜ物流", ""},
		{"a ministry's own law", "総務省\n\n株式会社つばさ通信に対する措置\n\n総務省は、本日、株式会社つばさ通信に対し、電気通信事業法第28条に基づく報告が遅延したことについて、文書で行政指導を行いました。", false, false, "", "電気通信事業法"},
		{"the PPC under the APPI", "株式会社あかねに対する個人情報の保護に関する法律に基づく行政上の対応について\n\n個人情報保護委員会は、本日、株式会社あかねに対し、法第148条第1項に基づく勧告を行った。", false, false, "", ""},
	}
	x := New(Bundled())
	for _, tt := range tests {
		rs, err := x.Extract(tt.text, Options{})
		if err != nil || len(rs) != 1 {
			t.Fatalf("%s: %d records, %v", tt.name, len(rs), err)
		}
		r := rs[0]
		law := ""
		if r.Findings != nil {
			law = r.Findings.Law
		}
		if tt.processor != "" && r.Organization != "みどり市" && r.Organization != "株式会社あさひ" {
			t.Errorf("%s: the 委託先 taken for the organization: %q", tt.name, r.Organization)
		}
		if r.MyNumber != tt.myNumber || r.CommunicationsSecrecy != tt.secrecy || r.Processor != tt.processor || law != tt.lawName {
			t.Errorf("%s: my_number %v secrecy %v processor %q law %q; want %v %v %q %q", tt.name, r.MyNumber, r.CommunicationsSecrecy, r.Processor, law, tt.myNumber, tt.secrecy, tt.processor, tt.lawName)
		}
	}
}
