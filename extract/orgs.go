package extract

import (
	"casebook/orgkind"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Organization names, found once per text. Japanese names of
// organizations are marked by what they are: a legal form before or
// after the name (株式会社X, X株式会社, 学校法人X), a public body's word
// after a place (X県, X市, X省, X教育委員会), or an institution's word
// after a name (X大学, X病院, X協会). The finder reads the name next to
// such a mark; which of the names a notice is about is the reader's
// business (organization.go).

type orgKind uint8

const (
	orgCompany   orgKind = iota // 株式会社, 有限会社, 合同会社 …
	orgCorp                     // other 法人: 一般社団法人, 医療法人, 学校法人 …
	orgPublic                   // prefecture, municipality, ministry, agency, board of education
	orgSchool                   // 大学, 高等学校 …
	orgHospital                 // 病院, クリニック …
	orgAssoc                    // 協会, 組合, 機構, 財団 …
	orgFinance                  // 銀行, 信用金庫 …
	orgPolice                   // 警察, 県警, 警視庁
	orgRegulator                // 個人情報保護委員会
	orgMedia                    // 新聞社, 通信社
	orgUnknown   orgKind = 255  // a name without a mark of what it is
)

type orgMention struct {
	start, end int    // byte offsets of the name in the normalized text
	name       string // as written (normalized), maybe with blanks
	core       string // without legal form, prefecture and blanks: what clusters forms of one name
	kind       orgKind
	form       string // the legal form as written, when there is one
	labelForm  bool   // the legal form stands apart like a letterhead label (国立大学法人 岡山大学)
	pref       string // a prefecture written before a municipal body (東京都 of 東京都青梅市)
}

// Legal forms written before the name, longest first.
var prefixForms = []string{"特定非営利活動法人", "地方独立行政法人", "国立研究開発法人", "独立行政法人", "一般社団法人", "公益社団法人",
	"一般財団法人", "公益財団法人", "社会医療法人", "医療法人社団", "医療法人財団", "社会福祉法人", "国立大学法人", "公立大学法人",
	"生活協同組合", "医療法人", "学校法人", "宗教法人", "NPO法人", "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)"}

// Legal forms written after the name.
var suffixForms = []string{"株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)", "健康保険組合"}

// prefectures: the 47 (facts, not cues).
var prefectures = strings.Fields(`北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県
新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県
島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県`)

// national bodies (facts): ministries, agencies and commissions.
var nationalBodies = strings.Fields(`個人情報保護委員会 公正取引委員会 原子力規制委員会 内閣府 デジタル庁 復興庁 総務省 法務省 外務省 財務省
文部科学省 厚生労働省 農林水産省 経済産業省 国土交通省 環境省 防衛省 警察庁 金融庁 消費者庁 こども家庭庁 国税庁 特許庁 気象庁
海上保安庁 出入国在留管理庁 文化庁 スポーツ庁 林野庁 水産庁 資源エネルギー庁 中小企業庁 観光庁 宮内庁 会計検査院 人事院`)

// institution words after a name, longest first, with the kind they make.
var institutionWords = []struct {
	word string
	kind orgKind
}{
	{"大学附属病院", orgHospital}, {"大学病院", orgHospital}, {"医療センター", orgHospital}, {"高等専門学校", orgSchool},
	{"特別支援学校", orgSchool}, {"中等教育学校", orgSchool}, {"高等学校", orgSchool}, {"短期大学", orgSchool},
	{"社会福祉協議会", orgAssoc}, {"商工会議所", orgAssoc}, {"教育委員会", orgPublic}, {"信用保証協会", orgFinance},
	{"信用金庫", orgFinance}, {"信用組合", orgFinance}, {"保険会社", orgFinance}, {"中学校", orgSchool}, {"小学校", orgSchool}, {"幼稚園", orgSchool},
	{"保育園", orgSchool}, {"こども園", orgSchool}, {"連合会", orgAssoc}, {"協議会", orgAssoc}, {"事業団", orgAssoc},
	{"振興会", orgAssoc}, {"新聞社", orgMedia}, {"通信社", orgMedia}, {"労働局", orgPublic}, {"財務局", orgPublic}, {"上下水道局", orgPublic}, {"水道局", orgPublic}, {"交通局", orgPublic},
	{"企業局", orgPublic}, {"病院局", orgPublic}, {"消防局", orgPublic}, {"消防本部", orgPublic}, {"郵便局", orgCompany},
	{"運輸局", orgPublic}, {"法務局", orgPublic}, {"税務署", orgPublic}, {"警察署", orgPolice}, {"大学", orgSchool},
	{"高校", orgSchool}, {"学園", orgSchool}, {"学院", orgSchool}, {"病院", orgHospital}, {"クリニック", orgHospital},
	{"医院", orgHospital}, {"旅館", orgCompany}, {"診療所", orgHospital}, {"協会", orgAssoc}, {"学会", orgAssoc}, {"組合", orgAssoc}, {"生協", orgAssoc},
	{"機構", orgAssoc}, {"財団", orgAssoc}, {"銀行", orgFinance}, {"市教委", orgPublic}, {"県教委", orgPublic},
	{"町教委", orgPublic}, {"村教委", orgPublic}, {"区教委", orgPublic}, {"府警", orgPolice}, {"県警", orgPolice},
}

// notNames are words that precede an institution word or legal form
// without naming one: 当協会, 委託元病院, 同社.
var notNames = regexp.MustCompile(`^(?:当|同|本|弊|各|全|他|貴|御|某|旧|新|元|現|前|大|小|中|両|諸|関係|関連|委託元|委託先|外部|一部|近隣|地元|市内|県内|国内|海外|大手|複数|主要|民間|公立|私立|国立|県立|市立|町立|村立|医療|総合|地域|地方|金融|専門|親|子|グループ|運営|発行|提携|加盟|加入|取引|その他|上記|下記|該当|対象|付属|附属|本件|今回|当該|所轄|管轄|監督|利用|登録|会員|担当|保健|健康|支援|市民|県民|一般|同様|同種|最寄り|地域の|\d+)$`)

// stopKana are hiragana that end a name: particles and verb endings.
const stopKana = "のはがをにでとへもやうくすつぬむゆるぐずぶたてだしれかよ"

func isNameRune(r rune) bool {
	return isKanji(r) || isKatakana(r) || r == '・' || r == '&' || r == '.' || r == '-' || r == '\'' ||
		r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func isLatin(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// scanBack reads a name that ends at byte i, backward: name characters,
// a blank only inside a katakana name split by the layout ("NTTコム
// オンライン"), hiragana only inside a compound (鹿児島くみあい食品).
func scanBack(s string, i int) int {
	start := i
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		switch {
		case r == '・':
			// a middle dot joins the words of a katakana or Latin name
			// (マネースクウェア・ジャパン), not a list of names (病院・大阪府)
			p, _ := utf8.DecodeLastRuneInString(s[:j-n])
			nx, _ := utf8.DecodeRuneInString(s[j:])
			if (isKatakana(p) || isLatin(p)) && (isKatakana(nx) || isLatin(nx)) && j < i {
				j -= n
				start = j
				continue
			}
		case isNameRune(r):
			j -= n
			start = j
			continue
		case r == ' ' && j-1 > 0:
			p, _ := utf8.DecodeLastRuneInString(s[:j-1])
			nx, _ := utf8.DecodeRuneInString(s[j:])
			if isKatakana(p) && (isKatakana(nx) || isLatin(nx)) && j < i {
				j--
				continue
			}
		case isHiragana(r):
			k := j
			for k > 0 {
				q, m := utf8.DecodeLastRuneInString(s[:k])
				if !isHiragana(q) {
					break
				}
				k -= m
			}
			q, _ := utf8.DecodeLastRuneInString(s[:k])
			afterKanji := k > 0 && (isKanji(q) || isKatakana(q))
			if afterKanji && j == i && !publicFounder(s[:k]) {
				break // hiragana right after a kanji, and nothing else: a verb's ending (手がける)
			}
			inPlace := endsInPlace(s[:k]) && !strings.ContainsAny(s[k:j], "のはがをにでとへもや")
			if off, ok := kanaNameStart(s[k:j], afterKanji && !inPlace); ok {
				j = k + off
				start = j
				if off > 0 {
					break // the name begins inside the run, after a verb's ending
				}
				continue
			}
		}
		break
	}
	// a name does not hold what happened to it: a table's columns run
	// together (サイバー攻撃アフラック生命保険株式会社) begin after the event
	if loc := incidentNounRE.FindAllStringIndex(s[start:i], -1); loc != nil {
		start += loc[len(loc)-1][1]
	}
	// a name does not begin with the blank or punctuation
	for start < i && (s[start] == ' ' || s[start] == '.' || s[start] == '-' || s[start] == '&') {
		start++
	}
	return start
}

// incidentNounRE: words of an incident that no organization's name holds.
var incidentNounRE = regexp.MustCompile(`攻撃|不正アクセス|漏洩|漏えい|流出|感染|被害|紛失|誤送信|誤送付|盗難`)

// publicFounder: s ends in the founder of a public school or hospital
// (県立, 市立, 国立), after which a name in hiragana may follow
// (県立あさひ高等学校).
func publicFounder(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	if r != '立' {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return strings.ContainsRune("都道府県市町村区国公私", p)
}

// verbBefore: the "name" s[a:b] is only hiragana right after a kanji: a
// verb's ending (…を手がける株式会社X), not a name.
func verbBefore(s string, a, b int) bool {
	for _, r := range s[a:b] {
		if !isHiragana(r) {
			return false
		}
	}
	q, _ := utf8.DecodeLastRuneInString(s[:a])
	return isKanji(q)
}

// kanaInflections: the endings and particles that follow a kanji stem in
// running text (受託する, 管理している), longest first.
var kanaInflections = []string{"していた", "している", "しており", "される", "された", "による", "にある", "である", "から", "より", "まで",
	"する", "した", "して", "いる", "いた", "ある", "あった", "れる", "れた", "せる", "なる", "なった", "った", "の", "が", "は", "を", "に", "で", "と", "へ", "も", "や", "う", "く", "す", "る", "た"}

// endsInPlace: s ends in a prefecture's name, with or without 都府県
// (鹿児島くみあい食品): hiragana after it go on the name.
func endsInPlace(s string) bool {
	for _, p := range prefectures {
		stem := strings.TrimRight(p, "都府県")
		if p == "北海道" {
			stem = p
		}
		if strings.HasSuffix(s, p) || utf8.RuneCountInString(stem) >= 2 && strings.HasSuffix(s, stem) {
			return true
		}
	}
	return false
}

// kanaNameStart decides where a name begins in a run of hiragana read
// backward from a name: the whole run when it starts the phrase (かえで市,
// ひがし工業大学), the whole run when it sits inside a kanji compound
// (鹿児島くみあい食品), or the part after a verb's ending (受託するこすもす
// フードサービス). ok is false when no name part is in the run.
func kanaNameStart(run string, afterKanji bool) (int, bool) {
	n := utf8.RuneCountInString(run)
	if !afterKanji {
		return 0, n >= 2 && n <= 8
	}
	for _, inf := range kanaInflections {
		if strings.HasPrefix(run, inf) {
			rest := run[len(inf):]
			if utf8.RuneCountInString(rest) >= 2 {
				return len(inf), true
			}
			return 0, false
		}
	}
	if n >= 2 && !strings.ContainsAny(run, "のはがをにでとへもや") && !strings.ContainsRune(stopKana, lastRune(run)) {
		return 0, true
	}
	return 0, false
}

func isBoundary(r rune) bool {
	return r == ' ' || r == '\n' || r == '、' || r == '。' || r == '「' || r == '(' || r == '【' || r == '・'
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// scanFwd reads a name that starts at byte i (after a legal form).
func scanFwd(s string, i int) int {
	j := i
	if j < len(s) && s[j] == ' ' {
		if r, _ := utf8.DecodeRuneInString(s[j+1:]); isNameRune(r) {
			j++ // "株式会社 NTT ドコモ", "国立大学法人 新潟大学"
		}
	}
	end := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if r == ' ' {
			p, _ := utf8.DecodeLastRuneInString(s[:j])
			nx, _ := utf8.DecodeRuneInString(s[j+1:])
			if isLatin(p) && isNameRune(nx) && !isHiragana(nx) {
				j++
				continue
			}
			break
		}
		if isHiragana(r) {
			// hiragana in a name (有限会社なごみ, 株式会社あけぼの保険): a run
			// that does not start with a particle
			k := j
			for k < len(s) {
				q, m := utf8.DecodeRuneInString(s[k:])
				if !isHiragana(q) {
					break
				}
				k += m
			}
			run := s[j:k]
			nx, _ := utf8.DecodeRuneInString(s[k:])
			inside := isKanji(nx) || isKatakana(nx) || isLatin(nx)
			particle := false
			for _, p := range []string{"の", "が", "は", "を", "に", "で", "と", "へ", "も", "や", "から", "より", "まで", "など"} {
				if strings.HasPrefix(run, p) && (j > i || utf8.RuneCountInString(run) <= 2) {
					particle = true
				}
			}
			if particle || !inside && utf8.RuneCountInString(run) < 2 {
				break
			}
			j = k
			end = j
			continue
		}
		if !isNameRune(r) {
			break
		}
		if r == '・' {
			p, _ := utf8.DecodeLastRuneInString(s[:j])
			nx, _ := utf8.DecodeRuneInString(s[j+n:])
			if !(isKatakana(p) || isLatin(p)) || !(isKatakana(nx) || isLatin(nx)) {
				break
			}
		}
		if strings.HasPrefix(s[j:], "及び") || strings.HasPrefix(s[j:], "並びに") {
			break
		}
		j += n
		end = j
	}
	for end > i && (s[end-1] == '.' || s[end-1] == '-' || s[end-1] == ' ') {
		end--
	}
	if utf8.RuneCountInString(s[i:end]) > 32 {
		return i
	}
	return end
}

// groupCountRE: a name followed by a count of companies (九州電力など5).
var groupCountRE = regexp.MustCompile(`(?:など|等|ほか)\d*$`)

// deptSuffixRE: a department written onto a name without a blank.
var deptSuffixRE = regexp.MustCompile(`(?:総務部総務課|総務部|総務課|管理部|広報部|広報課|事務局|経営企画室|お客様相談室|お客様相談窓口|お客様センター|コールセンター|相談窓口|窓口)$`)

// roleSuffixRE: a person's role written onto a name (WELgee代表理事,
// 九州電力など5社): the name ends before it.
var roleSuffixRE = regexp.MustCompile(`(?:代表取締役社長|代表取締役|代表理事|理事長|取締役|社長|会長|副社長|専務|常務|代表者|代表|学長|院長|病院長|校長|所長|局長|部長|課長|室長|担当者|広報担当|など\d*社|等\d*社|ほか\d*社|\d+社)$`)

func addMention(out []orgMention, m orgMention) []orgMention {
	m.name = strings.TrimSpace(m.name)
	if m.name == "" {
		return out
	}
	if loc := roleSuffixRE.FindStringIndex(m.name); loc != nil && loc[0] > 0 && m.kind != orgPublic {
		m.end -= len(m.name) - loc[0]
		m.name = m.name[:loc[0]]
	}
	if loc := deptSuffixRE.FindStringIndex(m.name); loc != nil && loc[0] > 0 {
		m.end -= len(m.name) - loc[0]
		m.name = m.name[:loc[0]]
	}
	m.core = coreName(m.name)
	if m.kind == orgUnknown && strings.HasSuffix(m.core, "社") {
		m.core = strings.TrimSuffix(m.core, "社")
	}
	if m.core == "" || utf8.RuneCountInString(m.core) < 2 && m.kind != orgPublic {
		return out
	}
	return append(out, m)
}

// coreName is a name without legal form, prefecture prefix of a municipal
// body, 教委 shorthand and blanks: the key that clusters its forms.
func coreName(name string) string {
	c := strings.ReplaceAll(name, " ", "")
	for _, f := range prefixForms {
		c = strings.TrimPrefix(c, f)
	}
	for _, f := range suffixForms {
		c = strings.TrimSuffix(c, f)
	}
	if p, rest := splitPrefecture(c); p != "" && rest != "" {
		c = rest
	}
	if strings.HasSuffix(c, "教委") {
		c = strings.TrimSuffix(c, "教委") + "教育委員会"
	}
	return c
}

// splitPrefecture splits 東京都青梅市 into 東京都 and 青梅市 when what
// follows the prefecture is a municipal body (not 三重県立…, 山口県信用…).
func splitPrefecture(name string) (string, string) {
	for _, p := range prefectures {
		if strings.HasPrefix(name, p) && len(name) > len(p) {
			rest := name[len(p):]
			if municipalRE.MatchString(rest) {
				return p, rest
			}
		}
	}
	return "", name
}

var municipalRE = regexp.MustCompile(`^[^\s]{1,6}?[市区町村](?:役所|役場|教育委員会|教委|議会)?(?:[^\s]{0,12}(?:協会|委員会))?$`)

// findOrgs finds every organization name in the normalized text.
func findOrgs(s string, lines []line) []orgMention {
	var out []orgMention
	// legal forms before or after the name
	for _, f := range prefixForms {
		for off := 0; ; {
			k := strings.Index(s[off:], f)
			if k < 0 {
				break
			}
			at := off + k
			off = at + len(f)
			if back := scanBack(s, at); back < at && isSuffixForm(f) && !strings.HasSuffix(s[back:at], "名") && !strings.HasSuffix(s[back:at], "名称") && !verbBefore(s, back, at) {
				// X株式会社: the form ends a name written before it
				out = addMention(out, orgMention{start: back, end: at + len(f), name: s[back : at+len(f)], kind: formKind(f), form: f})
				continue
			}
			end := scanFwd(s, at+len(f))
			if end <= at+len(f) {
				continue
			}
			name := s[at:end]
			label := len(name) > len(f) && name[len(f)] == ' ' && institutionName(name[len(f)+1:])
			out = addMention(out, orgMention{start: at, end: end, name: name, kind: formKind(f), form: f, labelForm: label})
		}
	}
	for _, f := range []string{"健康保険組合"} {
		for off := 0; ; {
			k := strings.Index(s[off:], f)
			if k < 0 {
				break
			}
			at := off + k
			off = at + len(f)
			if back := scanBack(s, at); back < at {
				out = addMention(out, orgMention{start: back, end: at + len(f), name: s[back : at+len(f)], kind: orgAssoc, form: f})
			}
		}
	}
	// national bodies
	for _, b := range nationalBodies {
		for off := 0; ; {
			k := strings.Index(s[off:], b)
			if k < 0 {
				break
			}
			at := off + k
			off = at + len(b)
			kind := orgPublic
			if b == "個人情報保護委員会" {
				kind = orgRegulator
			}
			out = addMention(out, orgMention{start: at, end: at + len(b), name: b, kind: kind})
		}
	}
	for _, w := range []string{"警視庁", "道警"} {
		for off := 0; ; {
			k := strings.Index(s[off:], w)
			if k < 0 {
				break
			}
			out = addMention(out, orgMention{start: off + k, end: off + k + len(w), name: w, kind: orgPolice})
			off += k + len(w)
		}
	}
	// institutions: X大学, X病院, X協会, X教育委員会 …
	for _, iw := range institutionWords {
		for off := 0; ; {
			k := strings.Index(s[off:], iw.word)
			if k < 0 {
				break
			}
			at := off + k
			off = at + len(iw.word)
			if overlapsAny(out, at, at+len(iw.word)) {
				continue
			}
			back := scanBack(s, at)
			if back >= at {
				continue
			}
			name := s[back:at]
			if notNames.MatchString(strings.ReplaceAll(name, " ", "")) || allDigits(name) {
				continue
			}
			out = addMention(out, orgMention{start: back, end: at + len(iw.word), name: s[back : at+len(iw.word)], kind: iw.kind})
		}
	}
	// prefectures and municipalities
	for _, m := range findPublic(s, out) {
		if !placeOfAnother(s, m) {
			out = append(out, m)
		}
	}
	// X社: a company named by its short name (エムケイ社, フォトクリエイト社)
	for off := 0; ; {
		k := strings.Index(s[off:], "社")
		if k < 0 {
			break
		}
		at := off + k
		off = at + len("社")
		nx, _ := utf8.DecodeRuneInString(s[off:])
		if isKanji(nx) || isKatakana(nx) || overlapsAny(out, at, off) {
			continue
		}
		back := scanBack(s, at)
		for back < at && (s[back] == '.' || s[back] >= '0' && s[back] <= '9') {
			back++ // a section number before 弊社 ("3.弊社の対応")
		}
		name := s[back:at]
		// 関西電力をはじめとする電力大手8社: the company named first
		if k := strings.Index(s[max(0, back-len("をはじめ")):at], "をはじめ"); k >= 0 {
			k += max(0, back-len("をはじめ"))
			if b := scanBack(s, k); b < k && !overlapsAny(out, b, k) && !strings.ContainsAny(s[b:k], "0123456789") {
				out = addMention(out, orgMention{start: b, end: k, name: s[b:k], kind: orgUnknown})
			}
			continue
		}
		if utf8.RuneCountInString(name) < 2 || notNames.MatchString(name) || strings.ContainsRune("弊当同本貴御各他自全", lastRune(name)) || strings.HasSuffix(name, "会") || strings.HasSuffix(name, "本") ||
			strings.HasSuffix(name, "自") || strings.HasSuffix(name, "他") || allDigits(name) || !hasKanaOrLatin(name) {
			continue
		}
		out = addMention(out, orgMention{start: back, end: off, name: s[back:off], kind: orgUnknown})
		// the others a count of companies names before it (関西電力や九州電力
		// など5社): the first-named is the subject of record
		if groupCountRE.MatchString(name) {
			for at := back; ; {
				p := strings.TrimSuffix(strings.TrimSuffix(s[:at], "や"), "、")
				if len(p) == at {
					break
				}
				b := scanBack(s, len(p))
				if n := utf8.RuneCountInString(s[b:len(p)]); n < 2 || n > 20 || overlapsAny(out, b, len(p)) || notNames.MatchString(s[b:len(p)]) || strings.ContainsAny(s[b:len(p)], "0123456789") {
					break
				}
				out = addMention(out, orgMention{start: b, end: len(p), name: s[b:len(p)], kind: orgUnknown})
				at = b
			}
		}
	}
	out = append(out, quotedCompanies(s, out)...)
	// police written as X県警察 / X府警察
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].end > out[j].end
	})
	// keep the longest of overlapping mentions
	var kept []orgMention
	for _, m := range out {
		if n := len(kept); n > 0 && m.start < kept[n-1].end {
			if m.end-m.start > kept[n-1].end-kept[n-1].start {
				kept[n-1] = m
			}
			continue
		}
		kept = append(kept, m)
	}
	for i := range kept {
		if p, _ := splitPrefecture(strings.ReplaceAll(kept[i].name, " ", "")); p != "" {
			kept[i].pref = p
		}
		if strings.HasSuffix(kept[i].name, "警察") || strings.HasSuffix(kept[i].name, "県警") {
			kept[i].kind = orgPolice
		}
	}
	return kept
}

// quotedBusinessWords: what an article calls a company before quoting
// its name (人材派遣会社「ひまわりスタッフ」, 通販大手「X」).
var quotedBusinessWords = []string{"会社", "企業", "業者", "事業者", "メーカー", "大手", "法人", "チェーン", "運営元"}

// quotedCompanies finds such names and their other mentions in the text.
func quotedCompanies(s string, have []orgMention) []orgMention {
	var out []orgMention
	for off := 0; ; {
		k := strings.Index(s[off:], "「")
		if k < 0 {
			break
		}
		open := off + k
		off = open + len("「")
		before := false
		for _, w := range quotedBusinessWords {
			before = before || strings.HasSuffix(s[:open], w)
		}
		if !before {
			continue
		}
		end := strings.Index(s[off:], "」")
		if end < 0 {
			break
		}
		name := s[off : off+end]
		if n := utf8.RuneCountInString(name); n < 2 || n > 20 || strings.ContainsAny(name, "「。、 \n\t") ||
			overlapsAny(have, off, off+end) || overlapsAny(out, off, off+end) || notNames.MatchString(name) {
			continue
		}
		for o := 0; ; {
			k := strings.Index(s[o:], name)
			if k < 0 {
				break
			}
			at := o + k
			o = at + len(name)
			if !overlapsAny(have, at, o) && !overlapsAny(out, at, o) {
				out = addMention(out, orgMention{start: at, end: o, name: name, kind: orgUnknown})
			}
		}
	}
	return out
}

// hasKanaOrLatin: a short company name is written in katakana or Latin
// letters at least in part (エムケイ社), unlike kanji compounds (神社, 支社).
func hasKanaOrLatin(s string) bool {
	for _, r := range s {
		if isKatakana(r) || isLatin(r) {
			return true
		}
	}
	return false
}

func isSuffixForm(f string) bool {
	for _, x := range suffixForms {
		if x == f {
			return true
		}
	}
	return false
}

func formKind(f string) orgKind {
	switch f {
	case "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)":
		return orgCompany
	case "医療法人", "医療法人社団", "医療法人財団", "社会医療法人":
		return orgHospital
	case "国立大学法人", "公立大学法人", "学校法人":
		return orgSchool
	case "生活協同組合":
		return orgAssoc
	}
	return orgCorp
}

// institutionName reports whether a name is an institution's (大学, 病院 …)
// rather than a company's: a legal form set apart before it is a label.
func institutionName(name string) bool {
	for _, iw := range institutionWords {
		if strings.HasSuffix(name, iw.word) && (iw.kind == orgSchool || iw.kind == orgHospital) {
			return true
		}
	}
	return false
}

func overlapsAny(ms []orgMention, a, b int) bool {
	for _, m := range ms {
		if a < m.end && m.start < b {
			return true
		}
	}
	return false
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// municipalNext: what may follow 市/町/村/区 when it ends a place name
// (a particle, punctuation, or the body's own word: 役所, 長, 立 …); a
// kanji compound (市民, 町内, 区分) is no place.
const municipalNext = "役長立教議職総健保福企環消水病図"

// findPublic finds prefectures (from the list) and municipalities.
func findPublic(s string, have []orgMention) []orgMention {
	var out []orgMention
	for _, p := range prefectures {
		for off := 0; ; {
			k := strings.Index(s[off:], p)
			if k < 0 {
				break
			}
			at := off + k
			off = at + len(p)
			if overlapsAny(have, at, at+len(p)) {
				continue
			}
			end := at + len(p)
			nx, _ := utf8.DecodeRuneInString(s[end:])
			if nx == '立' || nx == '警' || isKanji(nx) && !strings.ContainsRune(municipalNext, nx) && !municipalAhead(s, end) {
				continue // 県立, 県警, 県内 (a name goes on)
			}
			if municipalAhead(s, end) {
				continue // the municipality after it carries the prefecture
			}
			out = addMention(out, orgMention{start: at, end: end, name: p, kind: orgPublic})
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != '市' && r != '町' && r != '村' && r != '区' {
			i += n
			continue
		}
		end := i + n
		nx, _ := utf8.DecodeRuneInString(s[end:])
		okNext := !isKanji(nx) && !isKatakana(nx) || strings.ContainsRune(municipalNext, nx)

		if okNext && !overlapsAny(have, i, end) && !overlapsAny(out, i, end) {
			back := scanBack(s, i)
			if back == i {
				back = kanaPlaceAfterPrefecture(s, i)
			}
			name := s[back:i]
			// a place name is short; the prefecture may be written before it
			if p, rest := splitPrefecture(name + string(r)); p != "" {
				name = strings.TrimSuffix(rest, string(r))
			}
			if nr := utf8.RuneCountInString(name); nr >= 1 && nr <= 5 && !notNames.MatchString(name) && !strings.ContainsAny(name, "0123456789 ・") &&
				!strings.HasSuffix(name, "都") && !strings.HasSuffix(name, "市") {
				if r == '区' && strings.HasPrefix(s[end:], "役所") && orgkind.CityWard(s[back:end]) {
					// a designated city's ward office names itself (阿倍野区役所)
					end += len("役所")
				}
				out = addMention(out, orgMention{start: back, end: end, name: s[back:end], kind: orgPublic})
			}
		}
		i = end
	}
	return out
}

// placeOfAnother: a public body's name that only says where another is:
// alone in brackets after a name (アイン薬局鶴見店(横浜市鶴見区)), or an
// address's (本社:東京都新宿区, 所在地: …).
func placeOfAnother(s string, m orgMention) bool {
	before := strings.TrimRight(s[max(0, m.start-24):m.start], " ")
	for _, p := range prefectures {
		before = strings.TrimSuffix(before, p)
	}
	after := s[m.end:]
	switch {
	case strings.HasSuffix(before, "(") && (strings.HasPrefix(after, ")") || strings.HasPrefix(after, "、以下")):
		return true
	case addressLabelRE.MatchString(before):
		return true
	case strings.HasSuffix(before, "=") && photoCaptionRE.MatchString(lineBefore(s, m.start)):
		return true // (写真)関西電力本店=大阪市北区: where the picture was taken
	}
	return false
}

// photoCaptionRE: a photo's caption (its place after =).
var photoCaptionRE = regexp.MustCompile(`^\s*(?:\(写真\)|写真\s*[:：]|\[写真\])`)

// lineBefore is the text of s's line up to i.
func lineBefore(s string, i int) string {
	return s[strings.LastIndexByte(s[:i], '\n')+1 : i]
}

var addressLabelRE = regexp.MustCompile(`(?:本社|本店|本部|所在地|住所|所在)\s*[:：]\s*$`)

// kanaPlaceAfterPrefecture reads a municipality written in hiragana
// right after its prefecture (東京都こだま市, 埼玉県さいたま市), which
// scanBack takes for a verb's ending after a kanji; i is the byte of 市.
func kanaPlaceAfterPrefecture(s string, i int) int {
	k, n := i, 0
	for k > 0 && n <= 6 {
		q, m := utf8.DecodeLastRuneInString(s[:k])
		if !isHiragana(q) {
			break
		}
		k -= m
		n++
	}
	if n < 2 || n > 6 {
		return i
	}
	for _, p := range prefectures {
		if strings.HasSuffix(s[:k], p) {
			return k - len(p)
		}
	}
	return i
}

// municipalAhead reports whether a municipality name starts at s[i]
// (after a prefecture: 東京都青梅市).
func municipalAhead(s string, i int) bool {
	n := 0
	for j := i; j < len(s) && n < 6; {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !isKanji(r) && !isHiragana(r) {
			return false
		}
		n++
		j += w
		if (r == '市' || r == '町' || r == '村' || r == '区') && n >= 2 {
			nx, _ := utf8.DecodeRuneInString(s[j:])
			return !isKanji(nx) || strings.ContainsRune(municipalNext, nx)
		}
	}
	return false
}
