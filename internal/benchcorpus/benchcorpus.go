// Package benchcorpus writes synthetic breach notices for benchmarks and
// for tests that need many cases: varied organizations (companies,
// municipalities, schools, hospitals), dates over a decade, causes, counts
// in every written form, data items, responses, lengths from a short news
// item to a long notice with its timeline, and vocabulary from common
// (個人情報, 不正アクセス) to rare (a product or place named once). The
// text is written by casebook's team from the shapes of real notices; it
// is generated, not copied. A seed makes the same corpus every time.
package benchcorpus

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"casebook"
)

// Corpus generates notices from a seed.
type Corpus struct {
	r    *rand.Rand
	n    int
	rare string // the last notice's product name, if it names one
	// followUps is the share of notices that are later reports or news
	// copies of an earlier incident (none unless WithFollowUps).
	followUps float64
	recent    []incident // the latest incidents, for follow-ups to pick
	incident  int        // the incident of the last notice
}

// incident is what a follow-up repeats of the first notice.
type incident struct {
	first     int // the number of its first notice
	org, kind string
	cause     cause
	product   string
	day, ann  date
	title     string
	people    int
	items     []string
	followUps int
}

// recentIncidents bounds the incidents follow-ups are drawn from.
const recentIncidents = 2000

// WithFollowUps makes a share p of the notices (from 0 to 1) tell of an
// incident an earlier notice told of: its 第2報 or 調査結果, a revised
// count, or a news article about it. Incident says which.
func (c *Corpus) WithFollowUps(p float64) *Corpus {
	c.followUps = p
	return c
}

// Incident is the number of the notice that first told of the last
// notice's incident: the notice's own number, or an earlier one when it
// is a follow-up. Two notices tell of one incident exactly when their
// Incident is the same.
func (c *Corpus) Incident() int { return c.incident }

// New returns a corpus that makes the same notices for the same seed.
func New(seed uint64) *Corpus {
	return &Corpus{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func (c *Corpus) pick(xs []string) string { return xs[c.r.IntN(len(xs))] }

func (c *Corpus) chance(p float64) bool { return c.r.Float64() < p }

var (
	kanaNames  = strings.Fields("みなと さくら ひかり あおば しらかば つばさ ほしぞら はやぶさ こだま やまびこ かもめ すずらん ひまわり あさひ みどり なぎさ こもれび ゆうなぎ はなみずき もみじ")
	kanjiNames = strings.Fields("東邦 北斗 大和 中央 西海 南海 北陸 東海 関西 九州 富士 白山 青葉 若葉 朝日 昭栄 協和 共栄 三協 日進 明和 光陽 双葉 栄光 新星 丸山 高砂 松風 桜井 千代田")
	kataNames  = strings.Fields("アルファ ベスト ネクスト グローバル スマイル ライフ ハート クリエイト リンク プラス ソフト ブライト フューチャー トラスト エース ユニオン サンライズ オーシャン フォレスト スター")
	bizWords   = strings.Fields("商事 物産 システムズ 化粧品 精工 運輸 不動産 ホールディングス 食品 電機 通販 トラベル 保険サービス 出版 印刷 工業 製薬 ソリューションズ 住宅 スタッフ 観光 家具 医療サービス 建設 ロジスティクス")
	forms      = strings.Fields("株式会社 株式会社 株式会社 株式会社 有限会社 合同会社")
	places     = strings.Fields("青葉台 みなみ野 ひばりが丘 さくら 若松 北原 川辺 東山 西原 朝霧 白浜 緑ヶ丘 中川 大野 小松 本郷 桜台 浜田 高森 水沢")
	prefs      = strings.Fields("北海道 青森県 宮城県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 新潟県 長野県 静岡県 愛知県 京都府 大阪府 兵庫県 岡山県 広島県 福岡県 熊本県 沖縄県")
	kataSyl    = strings.Fields("ア カ サ タ ナ ハ マ ヤ ラ ワ イ キ シ チ ニ ヒ ミ リ ウ ク ス ツ ヌ フ ム ユ ル エ ケ セ テ ネ ヘ メ レ オ コ ソ ト ノ ホ モ ヨ ロ ン ガ ザ ダ バ パ ド ビ ピ ー")
)

// organization returns a name, its kind and whether the notice speaks as a
// public body.
func (c *Corpus) organization() (name, kind string) {
	switch x := c.r.IntN(100); {
	case x < 62:
		base := c.pick(kanaNames)
		switch c.r.IntN(3) {
		case 1:
			base = c.pick(kanjiNames)
		case 2:
			base = c.pick(kataNames)
		}
		// most organizations publish one notice: names are many (about a
		// million of them)
		base += c.pick(kanjiNames)
		if c.chance(0.5) {
			base = c.pick(places) + base
		}
		name = base + c.pick(bizWords)
		if c.chance(0.8) {
			return c.pick(forms) + name, "company"
		}
		return name + c.pick(forms), "company"
	case x < 74:
		return c.pick(places) + c.pick([]string{"市", "町", "市", "村"}), "city"
	case x < 80:
		return c.pick(prefs) + "立" + c.pick(places) + c.pick([]string{"高等学校", "中学校", "特別支援学校"}), "school"
	case x < 86:
		return c.pick([]string{"学校法人", "国立大学法人", "公立大学法人"}) + c.pick(kanjiNames) + c.pick([]string{"大学", "学園"}), "university"
	case x < 93:
		return c.pick([]string{"医療法人社団", "医療法人", "社会医療法人"}) + c.pick(kanaNames) + c.pick([]string{"会", "記念病院", "クリニック"}), "hospital"
	default:
		return c.pick([]string{"一般社団法人", "公益財団法人", "特定非営利活動法人"}) + c.pick(kanaNames) + c.pick([]string{"協会", "財団", "ネットワーク", "振興会"}), "association"
	}
}

// product is a rare word: a shop, a service or a system named once.
func (c *Corpus) product() string {
	var b strings.Builder
	for i := 0; i < 3+c.r.IntN(4); i++ {
		b.WriteString(c.pick(kataSyl))
	}
	return b.String() + c.pick([]string{"オンラインストア", "会員サイト", "クラウド", "予約システム", "ポイントカード", "アプリ", "ネットショップ", "管理システム"})
}

type date struct{ y, m, d int }

func (d date) String() string { return fmt.Sprintf("%d年%d月%d日", d.y, d.m, d.d) }

func (d date) era() string {
	if d.y >= 2019 && (d.y > 2019 || d.m >= 5) {
		if d.y == 2019 {
			return fmt.Sprintf("令和元年%d月%d日", d.m, d.d)
		}
		return fmt.Sprintf("令和%d年%d月%d日", d.y-2018, d.m, d.d)
	}
	return fmt.Sprintf("平成%d年%d月%d日", d.y-1988, d.m, d.d)
}

func (d date) md() string { return fmt.Sprintf("%d月%d日", d.m, d.d) }

// after returns a date n days later (months of 28 days keep it simple).
func (d date) after(n int) date {
	d.d += n
	for d.d > 28 {
		d.d -= 28
		d.m++
		if d.m > 12 {
			d.m, d.y = 1, d.y+1
		}
	}
	return d
}

// count writes a number of people as notices do.
func (c *Corpus) count() (int, string) {
	var n int
	switch x := c.r.IntN(100); {
	case x < 30:
		n = 1 + c.r.IntN(99)
	case x < 65:
		n = 100 + c.r.IntN(4900)
	case x < 90:
		n = 5000 + c.r.IntN(95000)
	default:
		n = 100000 + c.r.IntN(2900000)
	}
	unit := c.pick([]string{"名", "人", "件", "名分", "人分"})
	switch c.r.IntN(5) {
	case 0:
		return n, fmt.Sprintf("%d%s", n, unit)
	case 1:
		if n >= 10000 {
			return n / 10000 * 10000, fmt.Sprintf("約%d万%s", n/10000, unit)
		}
		return n, fmt.Sprintf("約%s%s", comma(n), unit)
	default:
		return n, comma(n) + unit
	}
}

func comma(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	return b.String()
}

var itemWords = strings.Fields("氏名 住所 電話番号 メールアドレス 生年月日 性別 年齢 勤務先 会員ID パスワード 購入履歴 クレジットカード番号 有効期限 セキュリティコード 口座番号 病名 診療内容 成績 学籍番号 顔写真 マイナンバー")

// cause is one way a leak happens, with the words a notice uses for it.
type cause struct {
	titles []string
	events []string // what happened, with {D} for the date
	items  []string // the items it tends to lose
}

var causes = []cause{
	{[]string{"弊社が運営する「{P}」への不正アクセスによる個人情報漏えいに関するお詫びとお知らせ", "{P}における不正アクセスに関するご報告", "【第{K}報】不正アクセスによるお客様情報流出について"},
		[]string{"{D}、一部のクレジットカード会社から、{P}を利用したお客様のクレジットカード情報の漏えい懸念について連絡を受け、同日、カード決済を停止いたしました。", "第三者調査機関による調査の結果、{P}のシステムの一部の脆弱性を突いた不正アクセスにより、決済画面が改ざんされ、入力されたカード情報が外部に送信される状態になっていたことが判明しました。"},
		[]string{"氏名", "クレジットカード番号", "有効期限", "セキュリティコード", "メールアドレス"}},
	{[]string{"メール誤送信による個人情報の漏えいについて(お詫び)", "メールアドレス流出に関するお詫び", "一斉送信メールにおける誤送信について"},
		[]string{"{D}、担当者が{P}のご利用者へご案内メールを送信する際、メールアドレスをBCC欄に入力すべきところ、誤ってTO欄に入力して送信しました。", "送信後まもなく、受信者の方からのご指摘により誤りが判明いたしました。"},
		[]string{"メールアドレス", "氏名"}},
	{[]string{"個人情報を含むUSBメモリの紛失について", "書類の紛失に関するお詫び", "個人情報を記載した名簿の紛失について"},
		[]string{"{D}、職員が個人情報を記録したUSBメモリを庁舎外に持ち出した後、所在が分からなくなっていることに気付きました。", "関係する場所を捜索しましたが、現在まで発見に至っておりません。警察署に遺失物届を提出しております。"},
		[]string{"氏名", "住所", "電話番号", "生年月日"}},
	{[]string{"ランサムウェア被害に関するお知らせ", "サイバー攻撃によるシステム障害について(第{K}報)", "弊社サーバーへのランサムウェア攻撃について"},
		[]string{"{D}、社内のサーバーのファイルが暗号化され、脅迫文が表示されていることを確認いたしました。直ちに当該サーバーをネットワークから隔離いたしました。", "外部専門家によるフォレンジック調査の結果、VPN機器の脆弱性を悪用して侵入されたものと判明しました。"},
		[]string{"氏名", "住所", "電話番号", "メールアドレス", "勤務先"}},
	{[]string{"元従業員による顧客情報の持ち出しについて", "従業員による個人情報の不正な持ち出しに関するお詫び"},
		[]string{"{D}、お客様からのお問い合わせを契機に社内で調査を行ったところ、元従業員が在職中に顧客情報を私用のメールアドレスに送信し、持ち出していたことが判明しました。", "警察に相談するとともに、持ち出された情報の削除を求めております。"},
		[]string{"氏名", "電話番号", "住所", "購入履歴"}},
	{[]string{"不正ログインによる個人情報流出について", "会員サイトへの不正ログインの発生について", "{P}におけるリスト型攻撃による不正ログインについて"},
		[]string{"{D}、{P}において、他社サービスから流出したと思われるIDとパスワードを用いた不正ログインを検知しました。", "不正ログインが確認されたアカウントのパスワードを無効化し、二段階認証の導入を進めております。"},
		[]string{"氏名", "メールアドレス", "会員ID", "購入履歴", "生年月日"}},
	{[]string{"クラウドストレージの設定不備による個人情報の外部閲覧について", "アクセス権限の設定誤りによる情報公開について"},
		[]string{"{D}、外部の研究者からの連絡により、{P}で利用しているクラウドストレージの公開設定に誤りがあり、第三者が閲覧できる状態となっていたことが判明しました。", "同日中にアクセス権限の設定を修正し、外部から閲覧できない状態といたしました。"},
		[]string{"氏名", "メールアドレス", "勤務先", "電話番号"}},
	{[]string{"ホームページへの個人情報の誤掲載について", "申込者名簿の誤掲載に関するお詫び"},
		[]string{"{D}、ホームページに掲載したお知らせに、誤って申込者の名簿ファイルを添付したまま公開していたことが判明しました。", "ご指摘を受け、直ちにファイルを削除いたしました。"},
		[]string{"氏名", "年齢", "電話番号"}},
	{[]string{"Emotetへの感染に関するお詫び", "弊社従業員を装った不審なメールについて"},
		[]string{"{D}、弊社従業員のパソコンがマルウェア「Emotet」に感染し、保存されていたメールアドレスが窃取されたことを確認いたしました。", "弊社従業員を装った不審なメールが送信されております。添付ファイルを開かずに削除してください。"},
		[]string{"メールアドレス", "氏名"}},
	{[]string{"配送伝票控えの盗難について", "車上荒らしによる書類の盗難について"},
		[]string{"{D}、営業担当者の車両が車上荒らしに遭い、顧客情報を記載した書類が盗まれる被害が発生しました。", "ただちに警察に被害を届け出ております。"},
		[]string{"氏名", "住所", "電話番号"}},
	{[]string{"患者様の個人情報を含む書類の誤送付について", "診療情報提供書のFAX誤送信について"},
		[]string{"{D}、紹介先の医療機関に送るべき書類を、番号を押し間違えて別の事業所へ送信いたしました。", "受信先から連絡を受け、書類を回収いたしました。"},
		[]string{"氏名", "生年月日", "病名", "診療内容"}},
}

var responses = []string{
	"対象となるお客様には、個別にご連絡のうえお詫び申し上げております。",
	"個人情報保護委員会に{R}に報告いたしました。",
	"所轄の警察署に{R}に被害を相談しております。",
	"専用のお問い合わせ窓口を設置いたしました。",
	"全従業員を対象に個人情報の取扱いに関する研修を実施いたします。",
	"第三者調査機関によるフォレンジック調査を実施しております。",
	"クレジットカード会社と連携し、不正利用のモニタリングを継続して実施しております。",
	"再発行の手数料はお客様にご負担をお掛けしないよう、カード会社に依頼しております。",
	"サービスを一時停止し、セキュリティ対策を講じた上で再開いたします。",
	"送信前に複数の担当者が宛先を確認する体制に改めます。",
}

var fillers = []string{
	"お客様をはじめ関係者の皆様に多大なるご迷惑とご心配をおかけしましたことを、深くお詫び申し上げます。",
	"弊社では、今回の事態を厳粛に受け止め、再発防止に努めてまいります。",
	"現時点で、本件による二次被害の報告は受けておりません。",
	"なお、{P}以外のサービスには影響はございません。",
	"{PL}の事業所で受け付けた書類についても、保管状況を確認しております。",
	"身に覚えのない請求がないか、ご確認をお願いいたします。",
	"不審な電話やメールにはご注意ください。",
	"本件に関するお問い合わせは、下記窓口までお願いいたします。",
	"調査の進捗に応じて、改めてお知らせいたします。",
	"対象期間中に{P}をご利用いただいたお客様が対象です。",
}

// Notice writes notice number i: its text and the organization it names.
func (c *Corpus) Notice(i int) (text, org string) {
	var p string
	if c.followUps > 0 && len(c.recent) > 0 && c.chance(c.followUps) {
		text, org, p = c.followUp()
	} else {
		c.incident = i
		text, org, p = c.notice()
	}
	c.rare = ""
	if strings.Contains(text, p) {
		c.rare = p
	}
	return text, org
}

// Rare is the product, shop or service the last notice named: a name
// no other notice is likely to use (its stem is 3–6 random syllables),
// or "" when the notice named none.
func (c *Corpus) Rare() string { return c.rare }

func (c *Corpus) notice() (text, org, product string) {
	org, kind := c.organization()
	cs := causes[c.r.IntN(len(causes))]
	if kind == "city" || kind == "school" {
		// public bodies mostly lose, misdeliver and publish by mistake
		cs = causes[[]int{1, 2, 7}[c.r.IntN(3)]]
	}
	p := c.product()
	d := date{2015 + c.r.IntN(12), 1 + c.r.IntN(12), 1 + c.r.IntN(28)}
	ann := d.after(5 + c.r.IntN(60))
	rep := d.after(1 + c.r.IntN(30))
	write := func(d date) string {
		if kind == "city" || kind == "school" || c.chance(0.2) {
			return d.era()
		}
		return d.String()
	}
	fill := strings.NewReplacer("{P}", p, "{PL}", c.pick(places), "{K}", fmt.Sprint(1+c.r.IntN(3)), "{R}", rep.md())
	var b strings.Builder
	title := fill.Replace(c.pick(cs.titles))
	style := c.r.IntN(10)
	if style < 2 {
		// a news item: third person, short
		fmt.Fprintf(&b, "%s、%s\n\n%s\n\n", org, title, write(ann))
		people, ct := c.count()
		c.remember(incident{org: org, kind: kind, cause: cs, product: p, day: d, ann: ann, title: title, people: people, items: cs.items})
		fmt.Fprintf(&b, "%sは%d日、%sの個人情報%sが流出した可能性があると発表した。", org, ann.d, c.pick([]string{"顧客", "会員", "利用者", "住民"}), ct)
		fmt.Fprintf(&b, "同社によると、%s", fill.Replace(strings.ReplaceAll(cs.events[0], "{D}", d.md())))
		b.WriteString("\n")
		return b.String(), org, p
	}
	fmt.Fprintf(&b, "%s\n\n%s\n%s\n\n", title, write(ann), org)
	b.WriteString(fill.Replace(strings.ReplaceAll(cs.events[0], "{D}", write(d))))
	b.WriteString(fill.Replace(c.pick(fillers)))
	b.WriteString("\n\n")
	if style >= 5 {
		b.WriteString("1. 経緯\n")
		b.WriteString(fill.Replace(strings.ReplaceAll(cs.events[1], "{D}", d.md())))
		b.WriteString("\n\n")
	}
	// what leaked
	people, ct := c.count()
	items := append([]string(nil), cs.items...)
	for k := 0; k < c.r.IntN(3); k++ {
		items = append(items, c.pick(itemWords))
	}
	c.remember(incident{org: org, kind: kind, cause: cs, product: p, day: d, ann: ann, title: title, people: people, items: casebook.Uniq(items)})
	if c.chance(0.5) {
		fmt.Fprintf(&b, "■漏えいした可能性のある情報\n対象: %s\n", ct)
		for _, it := range casebook.Uniq(items) {
			fmt.Fprintf(&b, "・%s\n", it)
		}
	} else {
		fmt.Fprintf(&b, "お客様%sの%sが漏えいした可能性があります。\n", ct, strings.Join(casebook.Uniq(items), "、"))
	}
	b.WriteString("\n")
	// responses
	n := 1 + c.r.IntN(5)
	for _, k := range c.r.Perm(len(responses))[:n] {
		b.WriteString(fill.Replace(responses[k]))
	}
	b.WriteString("\n")
	// length: long notices repeat their explanations and apologies
	for k := 0; k < c.r.IntN(1+style); k++ {
		b.WriteString(fill.Replace(c.pick(fillers)))
	}
	b.WriteString("\n\n【お問い合わせ先】\n")
	fmt.Fprintf(&b, "%s %s\n電話番号: 0120-%03d-%03d\n", org, c.pick([]string{"お客様相談室", "総務部", "広報課", "事務局"}), c.r.IntN(1000), c.r.IntN(1000))
	c.n++
	return b.String(), org, p
}

// remember keeps an incident for follow-ups (only when there are any).
func (c *Corpus) remember(in incident) {
	if c.followUps == 0 {
		return
	}
	in.first = c.incident
	if len(c.recent) == recentIncidents {
		c.recent = c.recent[1:]
	}
	c.recent = append(c.recent, in)
}

// followUp writes a later notice about one of the recent incidents: the
// organization's next report (its 第N報, the result of its
// investigation, often with a revised count) or a news article about it.
func (c *Corpus) followUp() (text, org, product string) {
	k := c.r.IntN(len(c.recent))
	in := &c.recent[k]
	in.followUps++
	c.incident = in.first
	fill := strings.NewReplacer("{P}", in.product, "{PL}", c.pick(places), "{K}", fmt.Sprint(1+in.followUps), "{R}", in.day.after(3).md())
	var b strings.Builder
	people := in.people
	if c.chance(0.4) {
		// a news article, days after the notice
		ann := in.ann.after(c.r.IntN(4))
		fmt.Fprintf(&b, "%s、%s\n\n%s\n\n", in.org, fill.Replace(in.title), ann)
		fmt.Fprintf(&b, "%sは%d日、%sの個人情報%s人が流出した可能性があると発表した。", in.org, ann.d, c.pick([]string{"顧客", "会員", "利用者", "住民"}), comma(people))
		fmt.Fprintf(&b, "同社によると、%s\n", fill.Replace(strings.ReplaceAll(in.cause.events[0], "{D}", in.day.md())))
		return b.String(), in.org, in.product
	}
	// the organization's next report
	ann := in.ann.after(7 + c.r.IntN(80))
	title := c.pick([]string{"【第{K}報】" + in.title, in.title + "(続報)", in.title + "(第{K}報)", "{P}に関する調査結果のご報告"})
	if c.chance(0.5) {
		people += people * (1 + c.r.IntN(3)) / 2 // the investigation found more
	}
	fmt.Fprintf(&b, "%s\n\n%s\n%s\n\n", fill.Replace(title), ann, in.org)
	fmt.Fprintf(&b, "%sにお知らせいたしました件について、調査の結果をご報告いたします。", in.ann)
	b.WriteString(fill.Replace(strings.ReplaceAll(in.cause.events[0], "{D}", in.day.String())))
	b.WriteString(fill.Replace(in.cause.events[1]))
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "■漏えいした可能性のある情報\n対象: %s人\n", comma(people))
	for _, it := range in.items {
		fmt.Fprintf(&b, "・%s\n", it)
	}
	b.WriteString("\n")
	b.WriteString(fill.Replace(c.pick(responses)))
	b.WriteString(fill.Replace(c.pick(fillers)))
	b.WriteString("\n")
	return b.String(), in.org, in.product
}

// Grouping scores how cases grouped the notices against the generator's
// truth, by pairs of notices: a pair in one case is right when both tell
// of one incident.
type Grouping struct {
	Joined int `json:"joined_pairs"` // pairs of notices in one case
	Right  int `json:"right_pairs"`  // of those, pairs of one incident
	Truth  int `json:"truth_pairs"`  // pairs of notices of one incident
	// WrongCases are the cases that hold notices of different incidents.
	WrongCases int     `json:"wrong_cases"`
	Precision  float64 `json:"precision"`
	Recall     float64 `json:"recall"`
}

// ScoreGrouping scores cases (each a list of notice numbers) given the
// incident of each notice (Incident after Notice(i)).
func ScoreGrouping(cases [][]int, incident []int) Grouping {
	var g Grouping
	for _, notices := range cases {
		ns := casebook.Uniq(notices)
		wrong := false
		for x := range ns {
			for y := x + 1; y < len(ns); y++ {
				g.Joined++
				if incident[ns[x]] == incident[ns[y]] {
					g.Right++
				} else {
					wrong = true
				}
			}
		}
		if wrong {
			g.WrongCases++
		}
	}
	size := map[int]int{}
	for _, inc := range incident {
		size[inc]++
	}
	for _, n := range size {
		g.Truth += n * (n - 1) / 2
	}
	g.Precision, g.Recall = 1, 1
	if g.Joined > 0 {
		g.Precision = float64(g.Right) / float64(g.Joined)
	}
	if g.Truth > 0 {
		g.Recall = float64(g.Right) / float64(g.Truth)
	}
	return g
}
