package extract

import (
	"regexp"
	"strings"
)

// The sector follows what the organization is first: its name's head word
// (病院 → healthcare, 教育委員会 → public, 大学 → education, 協会 →
// nonprofit), then words of its name (銀行, 運輸, 製作所), then the
// business the notice describes (通販サイト, 学習塾, 物流).

// sectorHeads: the head of a name, tried in order (the more specific
// first: 大学病院 before 大学, 信用保証協会 before 協会).
var sectorHeads = []struct {
	code string
	re   *regexp.Regexp
}{
	{"nonprofit", regexp.MustCompile(`(健康保険組合|社会福祉協議会|生活協同組合|生協|協同組合)$|^(特定非営利活動法人|NPO法人|一般社団法人|公益社団法人|一般財団法人|公益財団法人)`)},
	{"finance", regexp.MustCompile(`(銀行|信用金庫|信用組合|信用保証協会|証券|保険|生命|損保|信託|ファイナンス|クレジット|カード)(株式会社)?$|^株式会社.*(銀行|証券|保険|信託)$`)},
	{"healthcare", regexp.MustCompile(`(大学病院|大学附属病院|病院|医院|クリニック|診療所|医療センター|薬局|歯科)$|^(医療法人|社会医療法人|社会福祉法人)|病院$`)},
	{"public", regexp.MustCompile(`(教育委員会|教委|役所|役場|省|庁|労働局|財務局|運輸局|法務局|税務署|議会|[都道府県市区町村])$|地方独立行政法人`)},
	{"education", regexp.MustCompile(`(大学|短期大学|高等専門学校|高等学校|高校|中学校|小学校|特別支援学校|学園|学院|幼稚園|保育園|こども園)$|^(学校法人|国立大学法人|公立大学法人)`)},
	{"nonprofit", regexp.MustCompile(`(協会|学会|連盟|連合会|協議会|振興会|事業団|財団|組合|機構|会議所)$`)},
}

// sectorWords: words of a company's name.
var sectorWords = []struct {
	code string
	re   *regexp.Regexp
}{
	{"finance", regexp.MustCompile(`銀行|証券|保険|ファイナンス|信託|キャピタル|ペイメント|クレジット|リース|マネー|アセット`)},
	{"logistics", regexp.MustCompile(`運輸|物流|運送|急便|郵便|倉庫|ロジスティクス|ロジ|宅配|海運|航空|鉄道|交通|エクスプレス|通運`)},
	{"it_telecom", regexp.MustCompile(`通信|テレコム|ドコモ|ソフトバンク|KDDI|NTT|ネットワーク|システム|ソフト|データ|クラウド|インターネット|IT|アイティ|デジタル|ネット|コム$|テック|Tech|情報サービス|モバイル`)},
	{"services", regexp.MustCompile(`印刷|旅行|ホテル|旅館|人材|転職|求人|職業紹介|スタッフ|派遣|不動産|地所|住宅|コンサル|警備|葬祭|ブライダル|美容|エステ|レンタカー|カーシェア|モビリティ|引越|サービス`)},
	{"manufacturing", regexp.MustCompile(`製作所|製造|工業|工場|電機|電子|化学|製薬|自動車|重工|精機|精工|精密|機械|工機|金属|鉄鋼|製鋼|製紙|食品|酒造|製菓|化成|樹脂|繊維|紡績|メーカー`)},
	{"retail_ec", regexp.MustCompile(`ショップ|ストア|商店|百貨店|スーパー|マート|販売|通販`)},
	{"education", regexp.MustCompile(`塾|予備校|教育|スクール|ゼミナール|学習`)},
}

var companyFormRE = regexp.MustCompile(`株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)`)

// weakNameSectors: sectors a company's name suggests but the business the
// notice describes may override (a maker selling online, a car dealer).
var weakNameSectors = map[string]bool{"manufacturing": true, "it_telecom": true, "logistics": true, "services": true, "retail_ec": true}

func (v *view) readSector(org string) string { return v.sectorSignals(org).rule }

// sectorSigns is what the sector rules see: the business the text
// describes (cue counts by sector), what the name's head or words say,
// and their verdict.
type sectorSigns struct {
	scores     map[string]int
	best       string // the sector the text describes most
	head, word string // what the name's head, or its words, say
	rule       string
}

func (v *view) sectorSignals(org string) sectorSigns {
	// what the text describes, scored
	sg := sectorSigns{scores: map[string]int{}}
	bestN := 0
	company := companyFormRE.MatchString(org)
	for _, h := range v.hitsOf(tabSector) {
		c := v.code(h)
		if company && (c == "nonprofit" || c == "public") {
			continue // a company is neither, whatever its members are called
		}
		sg.scores[c]++
		if sg.scores[c] > bestN {
			sg.best, bestN = c, sg.scores[c]
		}
	}
	name := strings.ReplaceAll(org, " ", "")
	if name != "" {
		for _, h := range sectorHeads {
			if h.re.MatchString(name) {
				sg.head = h.code
				break
			}
		}
		for _, w := range sectorWords {
			if w.re.MatchString(name) {
				sg.word = w.code
				break
			}
		}
	}
	switch {
	case sg.head != "":
		sg.rule = sg.head
	case sg.word != "":
		sg.rule = sg.word
		// a maker that runs a shop, a dealer named 自動車: the business the
		// notice describes, when it says so clearly
		if weakNameSectors[sg.word] && sg.best != "" && sg.best != sg.word && bestN >= 3 && bestN >= 2*sg.scores[sg.word]+2 {
			sg.rule = sg.best
		}
	case sg.best != "":
		sg.rule = sg.best
	default:
		sg.rule = "other"
	}
	return sg
}
