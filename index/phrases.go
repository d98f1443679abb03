package index

import (
	"hash/fnv"
	"slices"
)

// Phrases of four characters or more that people search breach notices
// for: a case is filed under each one its text contains, so a search for
// one is exact without reading any text (longer terms are otherwise the
// intersection of their triples, confirmed against each case's text, and
// the common ones hold most cases). Folded forms (package sqlstore's
// Fold: NFKC, lower case, today's kanji). Changing the list changes
// Version.
var phraseList = []string{
	// what happened
	"不正アクセス", "サイバー攻撃", "ランサムウェア", "ランサムウエア", "マルウェア", "マルウエア", "エモテット", "emotet",
	"ウイルス感染", "不正ログイン", "なりすまし", "フィッシング", "サポート詐欺", "標的型攻撃", "リスト型攻撃", "パスワードリスト攻撃",
	"ブルートフォース", "sqlインジェクション", "クロスサイトスクリプティング", "脆弱性", "ぜい弱性", "改ざん", "改竄", "書き換え",
	"スキミング", "webスキミング", "決済画面", "ペイメントアプリケーション", "決済代行", "誤送信", "誤送付", "誤配信", "誤発送", "誤配送",
	"誤掲載", "誤表示", "設定不備", "設定ミス", "設定誤り", "アクセス権限", "公開設定", "クラウドストレージ", "アクセスキー",
	"紛失", "置き忘れ", "盗難", "車上荒らし", "持ち出し", "不正な持ち出し", "内部不正", "元従業員", "名簿業者", "誤廃棄",
	"情報漏えい", "情報漏洩", "個人情報漏えい", "個人情報漏洩", "漏えい等", "漏洩等", "流出", "情報流出", "個人情報流出",
	"第三者による不正アクセス", "外部からの不正アクセス", "サーバーへの不正アクセス", "不正アクセスを受け",
	// what leaked
	"個人情報", "個人データ", "顧客情報", "会員情報", "お客様情報", "患者情報", "従業員情報", "利用者情報", "個人番号", "マイナンバー",
	"氏名", "住所", "電話番号", "メールアドレス", "生年月日", "クレジットカード", "クレジットカード情報", "クレジットカード番号",
	"カード番号", "カード情報", "有効期限", "セキュリティコード", "カード名義人", "口座番号", "口座情報", "パスワード", "ログインid",
	"会員id", "購入履歴", "注文履歴", "診療情報", "健康診断", "要配慮個人情報", "成績", "学籍番号", "顔写真",
	// what was done
	"個人情報保護委員会", "個人情報保護法", "警察署", "被害届", "遺失物届", "第三者調査機関", "フォレンジック", "フォレンジック調査",
	"外部専門家", "再発防止", "再発防止策", "二段階認証", "多要素認証", "二要素認証", "お問い合わせ窓口", "専用窓口", "コールセンター",
	"お詫び申し上げます", "ご迷惑とご心配", "可能性があります", "おそれがあります", "判明しました", "確認されました",
	"行政指導", "行政上の対応", "業務改善命令", "勧告", "指導", "報告徴収", "立入検査", "安全管理措置", "委託先", "委託元",
	// who
	"教育委員会", "市役所", "県庁", "小学校", "中学校", "高等学校", "大学病院", "医療法人", "株式会社", "有限会社", "学校法人",
	"地方公共団体", "健康保険組合", "信用金庫", "オンラインショップ", "オンラインストア", "通販サイト", "ecサイト", "会員サイト",
	"ホームページ", "ウェブサイト", "webサイト", "メールサーバー", "ファイルサーバー", "サーバー", "ネットワーク", "usbメモリ",
	"ノートパソコン", "パソコン", "スマートフォン", "クラウドサービス", "システム",
}

// PhraseKeyBase: phrase keys are negative numbers below it, and every
// facet key is above (facets are loaded whole; phrases, like grams, one
// by one).
const PhraseKeyBase = -(Key(1) << 40)

// PhraseKey is the key of a phrase (a 50-bit hash below PhraseKeyBase).
func PhraseKey(p string) Key {
	h := fnv.New64a()
	h.Write([]byte(p))
	return PhraseKeyBase - Key(h.Sum64()&(1<<50-1))
}

// IsFacet reports whether a key is a facet (or special) key: one of the
// few a search cache loads whole.
func IsFacet(k Key) bool { return k < 0 && k > PhraseKeyBase }

// automaton finds every phrase in a text in one pass (Aho–Corasick).
type automaton struct {
	next []map[rune]int32
	fail []int32
	out  [][]int32 // phrase numbers ending at the state
}

var phrases = func() *automaton {
	a := &automaton{next: []map[rune]int32{{}}, fail: []int32{0}, out: [][]int32{nil}}
	for i, p := range phraseList {
		st := int32(0)
		for _, r := range p {
			nx, ok := a.next[st][r]
			if !ok {
				nx = int32(len(a.next))
				a.next = append(a.next, map[rune]int32{})
				a.fail = append(a.fail, 0)
				a.out = append(a.out, nil)
				a.next[st][r] = nx
			}
			st = nx
		}
		a.out[st] = append(a.out[st], int32(i))
	}
	// failure links, breadth first
	queue := []int32{}
	for _, nx := range a.next[0] {
		queue = append(queue, nx)
	}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		for r, nx := range a.next[st] {
			queue = append(queue, nx)
			f := a.fail[st]
			for {
				if t, ok := a.next[f][r]; ok && t != nx {
					a.fail[nx] = t
					break
				}
				if f == 0 {
					a.fail[nx] = 0
					break
				}
				f = a.fail[f]
			}
			a.out[nx] = append(a.out[nx], a.out[a.fail[nx]]...)
		}
	}
	return a
}()

// phraseKeys appends the keys of the phrases text contains.
func phraseKeys(text string, buf []uint64) []uint64 {
	a := phrases
	st := int32(0)
	var seen []int32
	for _, r := range text {
		for {
			if nx, ok := a.next[st][r]; ok {
				st = nx
				break
			}
			if st == 0 {
				break
			}
			st = a.fail[st]
		}
		for _, p := range a.out[st] {
			if !slices.Contains(seen, p) {
				seen = append(seen, p)
				buf = append(buf, uint64(phraseKeys64[p]))
			}
		}
	}
	return buf
}

var phraseKeys64 = func() []Key {
	out := make([]Key, len(phraseList))
	for i, p := range phraseList {
		out[i] = PhraseKey(p)
	}
	return out
}()

var phraseSet = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range phraseList {
		m[p] = true
	}
	return m
}()
