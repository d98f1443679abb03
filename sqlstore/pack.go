package sqlstore

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Text and JSON are stored compressed: a notice's text, its records, a
// case's merged view and search text make most of a database, and a
// casebook should take no more than a few times the text it holds. A
// packed value is a zero byte, the dictionary's version, then DEFLATE
// data with a preset dictionary of the words notices use (short texts
// compress far better with it). A value that does not start with a zero
// byte is stored as is (short values, and databases from before).

const packMin = 96 // shorter values are stored as they are

// packDict is version 1 of the preset dictionary: phrases of Japanese
// breach notices and of casebook's JSON, written by the casebook team.
// (Never change it: add a version instead.)
const packDict = `{"kind":"breach_notice","title":"","organization":"","sector":"","dates":{"occurred_from":null,"occurred_to":null,"discovered":null,"announced":null,"reported_ppc":null,"reported_ppc_final":null,"reported_police":null,"regulator_action":null},"affected":{"count":null,"approximate":false,"confirmed":false},"data_items":["name","address","phone","email","birthdate"],"causes":["unauthorized_access"],"responses":["notified_individuals","reported_ppc","reported_police","staff_training"],"span":{"start":0,"end":0},"file":"","evidence":{"organization":{"start":0,"end":0},"dates.announced":{"start":0,"end":0},"data_items.name":{"start":0,"end":0},"causes.misdelivery":{"start":0,"end":0}}}
株式会社 有限会社 一般社団法人 医療法人社団 学校法人 市役所 教育委員会 個人情報保護委員会 警察署
不正アクセスによる個人情報漏えいに関するお詫びとお知らせ
このたび、弊社が運営する「」におきまして、第三者による不正アクセスを受け、お客様の個人情報が漏えいした可能性があることが判明いたしました。
お客様をはじめ関係者の皆様に多大なるご迷惑とご心配をおかけしましたことを、深くお詫び申し上げます。
クレジットカード情報 クレジットカード番号 有効期限 セキュリティコード カード名義人名 氏名 住所 電話番号 メールアドレス 生年月日 性別 会員ID パスワード
第三者調査機関によるフォレンジック調査の結果、システムの脆弱性を突いた不正アクセスにより、決済画面が改ざんされていたことが確認されました。
個人情報保護委員会に報告いたしました。所轄の警察署に被害を相談しております。対象となるお客様には、個別にご連絡のうえお詫び申し上げております。
メールの誤送信による個人情報の漏えいについて 本来BCCで送信すべきところ、誤ってTO欄に入力して送信しました。
個人情報を含むUSBメモリの紛失について 書類を紛失したことが判明いたしました。
ランサムウェアによるサイバー攻撃 サーバーが暗号化されたことを確認しました。ネットワークから隔離いたしました。
再発防止策 全従業員を対象とした研修を実施し、再発防止に努めてまいります。今後は
【お問い合わせ先】 お客様相談窓口 電話番号:0120- 受付時間 平日 年 月 日 名 件 人 約 万 可能性があります。が判明しました。いたしました。
２０２４年５月２０日
株式会社ミナトマルシェ

弊社が運営する「みなと海産オンラインストア」への不正アクセスによる個人情報漏えいに関するお詫びとお知らせ

このたび、弊社が運営する「みなと海産オンラインストア」（以下「本サイト」といいます。）におきまして、第三者による不正アクセスを受け、お客様のクレジットカード情報（１，２０４件）が漏えいした可能性があることが判明いたしました。

１．経緯
２０２４年１月１５日、一部のクレジットカード会社から、本サイトを利用したお客様のクレジットカード情報の漏えい懸念について連絡を受け、同日、本サイトでのカード決済を停止いたしました。
同時に、第三者調査機関によるフォレンジック調査を開始いたしました。２０２４年３月２９日、調査機関による調査が完了し、２０２２年１０月３日～２０２４年１月１５日の期間に本サイトで購入されたお客様のクレジットカード情報が漏えいし、一部のお客様のクレジットカード情報が不正利用された可能性があることを確認いたしました。

２．個人情報漏えい状況
（１）原因
本サイトのシステムの一部の脆弱性をついたことによる第三者の不正アクセスにより、ペイメントアプリケーションの改ざんが行われたため。
（２）漏えいの可能性があるお客様
２０２２年１０月３日～２０２４年１月１５日の期間中に本サイトにおいてクレジットカード決済をされたお客様１，１８７名で、漏えいした可能性のある情報は以下のとおりです。
・カード名義人名
・クレジットカード番号
・有効期限
・セキュリティコード

３．お客様へのお願い
既に弊社では、クレジットカード会社と連携し、漏えいした可能性のあるクレジットカードによる取引のモニタリングを継続して実施しております。
お客様がクレジットカードの差し替えをご希望される場合、カード再発行の手数料につきましてはお客様にご負担をお掛けしないよう、弊社よりクレジットカード会社に依頼しております。

４．再発防止策
弊社は調査結果を踏まえてシステムのセキュリティ対策および監視体制の強化を行い、再発防止を図ってまいります。
なお、個人情報保護委員会には２０２４年１月１７日に報告済みであり、所轄警察署にも２０２４年１月２２日に被害申告しております。

５．お問い合わせ窓口
みなと海産オンラインストア　カード情報漏えい専用窓口
電話番号：0120-000-000（受付時間 10:00～17:00）
令和５年７月３日

メールの誤送信による個人情報の漏えいについて（お詫び）

みどり市役所　子育て支援課

このたび、子育て支援課において、イベント参加申込者へのご案内メールを送信する際に、メールアドレスを「BCC」欄に入力すべきところ、誤って「TO」欄に入力して送信したため、受信者間で他の方のメールアドレスが表示される事案が発生しました。

１　発生日時
令和５年６月３０日（金）午後３時ごろ

２　漏えいした情報
イベント参加申込者１５２名のメールアドレス

３　経緯
６月３０日（金）午後３時ごろ、担当職員が申込者１５２名に一斉送信しました。
同日午後４時、受信者の方からのご指摘により誤送信が判明しました。
７月１日（土）、対象の皆様に電子メールにてお詫びするとともに、当該メールの削除をお願いしました。

４　再発防止策
複数の宛先にメールを送信する際は、一斉メール配信システムを利用し、送信前に複数の職員で確認することを徹底します。また、全職員を対象に研修を実施します。
`

var (
	writers = sync.Pool{New: func() any {
		w, _ := flate.NewWriterDict(nil, 4, []byte(packDict))
		return w
	}}
)

// pack compresses s for storage.
func pack(s string) []byte {
	if len(s) < packMin {
		return []byte(s)
	}
	var buf bytes.Buffer
	buf.Grow(len(s)/2 + 8)
	buf.Write([]byte{0, 1})
	w := writers.Get().(*flate.Writer)
	w.Reset(&buf)
	io.WriteString(w, s)
	w.Close()
	writers.Put(w)
	return buf.Bytes()
}

var readers = sync.Pool{New: func() any { return flate.NewReaderDict(bytes.NewReader(nil), []byte(packDict)) }}

// unpack reads a stored value.
func unpack(b []byte) (string, error) {
	if len(b) == 0 || b[0] != 0 {
		return string(b), nil
	}
	if len(b) < 2 || b[1] != 1 {
		return "", fmt.Errorf("stored value: unknown packing %v", b[:min(2, len(b))])
	}
	r := readers.Get().(io.ReadCloser)
	defer readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(b[2:]), []byte(packDict)); err != nil {
		return "", fmt.Errorf("stored value: %w", err)
	}
	var out strings.Builder
	out.Grow(len(b) * 3)
	if _, err := io.Copy(&out, r); err != nil {
		return "", fmt.Errorf("stored value: %w", err)
	}
	return out.String(), nil
}

// unmarshalPacked decodes stored JSON.
func unmarshalPacked(b []byte, v any) error {
	s, err := unpack(b)
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(s), v)
}
