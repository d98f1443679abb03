package resolve

import (
	"regexp"

	"casebook"
	"slices"
	"strings"
	"unicode/utf8"
)

// Names are what a notice calls the shop, service or system it is about:
// the words in its brackets (「e-ca公式サイト」) and its katakana words that
// are not the words every notice uses (メールアドレス, サーバー …). A 調査結果
// report names the service of the first notice; two notices of one
// organization that name different services tell of different incidents.

var (
	bracketed = regexp.MustCompile(`[「『]([^「」『』。\n]{2,40})[」』]`)
	katakana  = regexp.MustCompile(`[ァ-ヺー]{4,}`)
)

// commonKatakana are katakana words of any notice (and their stems).
var commonKatakana = strings.Fields(`メールアドレス メール アドレス パスワード クレジットカード カード セキュリティコード セキュリティ
	フォレンジック ランサムウェア マルウェア ウイルス ウィルス サーバー サーバ システム ホームページ ウェブサイト サイト
	ネットワーク インターネット パソコン ファイル データ クラウドストレージ クラウド ストレージ アカウント ログイン
	サービス アプリ アプリケーション オンラインストア オンラインショップ ネットショップ ショップ ストア ポイントカード
	ポイント モニタリング リスト フィッシング ソフトウェア ソフト プログラム ページ メールマガジン メルマガ
	アクセス ユーザー ユーザ コンピュータ コンピューター プライバシー ポリシー ガイドライン マニュアル チェック
	ダウンロード アップロード フォーム エラー トラブル グループ センター サポート コールセンター ダイヤル
	ファクス ファックス プリンター タブレット スマートフォン スマホ テレビ ニュース プレスリリース リリース
	インシデント サイバー ベンダー パートナー コンサルタント ホールディングス グループ会社 ストレージ バックアップ
	ゼロデイ パッチ アップデート バージョン ライセンス オプション プラン キャンペーン プレゼント クーポン
	マイナンバー マイナンバーカード カルテ レセプト ホスト ホストコンピュータ ホストコンピューター
	インフラ データベース オンプレミス クラウドサービス ネットワーク機器 ベンダー
	サイトマップ トップページ ページトップ カテゴリー カテゴリ メニュー コンテンツ ランキング スポーツ エンタメ
	ニュースルーム イベント セミナー レポート クリック スクロール キーワード ツイート コメント シェア フォロー
	フォルダー フォルダ ログアウト マイページ ヘルプ サイトポリシー アクセシビリティ ウェブアクセシビリティ リンク バナー`)

// Names returns the distinctive names in a record's text, in order of
// appearance, without repeats.
func Names(text string) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if utf8.RuneCountInString(s) >= 2 && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, m := range bracketed.FindAllStringSubmatch(text, -1) {
		if !common(m[1]) {
			add(m[1])
		}
	}
	for _, w := range katakana.FindAllString(text, -1) {
		if !common(w) {
			add(w)
		}
	}
	if len(out) > maxNames {
		out = out[:maxNames]
	}
	return out
}

// maxNames bounds the names a record keeps (a long notice names many
// things; the first are what it is about).
const maxNames = 12

// common: a katakana word every notice may use, or one made of them
// (データベース as データベース, not データ and an unknown ベース).
func common(w string) bool {
	if w == "" {
		return true
	}
	for _, c := range commonKatakana {
		if rest, ok := strings.CutPrefix(w, c); ok && common(rest) {
			return true
		}
	}
	return false
}

// otherNames are the names that are not the organization's own name (or
// a part of it): every notice of an organization names it.
func otherNames(names []string, orgKey string) []string {
	if orgKey == "" {
		return names
	}
	var out []string
	for _, n := range names {
		k := casebook.OrgKey(n)
		if k == "" || strings.Contains(orgKey, k) || strings.Contains(k, orgKey) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// sharedName is a name both lists hold, or one holds inside another
// (「e-ca公式サイト」 and e-ca), "" when none.
func sharedName(a, b []string) string {
	for _, x := range a {
		for _, y := range b {
			if x == y || utf8.RuneCountInString(x) >= 4 && strings.Contains(y, x) || utf8.RuneCountInString(y) >= 4 && strings.Contains(x, y) {
				return x
			}
		}
	}
	return ""
}
