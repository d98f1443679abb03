// Package orgkind says what kind of body an organization is — a city, a
// prefecture, a board of education or public school, a university, a
// hospital, a company … — from its name (and, for names without a legal
// form, the sector read for it), so that a search can answer "schools"
// whoever runs them. The municipalities are a list derived from the
// gazetteer in ../shared/data/gazetteer (local-governments.csv,
// code4fukui/localgovjp, CC0); TestListMatchesGazetteer rebuilds it.
package orgkind

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
)

// The kinds, in the order of casebook.OrgKinds.
const (
	Municipality = "municipality"
	Prefecture   = "prefecture"
	SchoolBoard  = "school_board"
	National     = "national"
	University   = "university"
	School       = "school"
	Hospital     = "hospital"
	Company      = "company"
	Nonprofit    = "nonprofit"
	Other        = "other"
)

//go:embed municipalities.txt
var municipalityList string

// municipalities by first rune, longest first, for prefix matching.
var municipalities = func() map[rune][]string {
	out := map[rune][]string{}
	for _, n := range strings.Fields(municipalityList) {
		r := []rune(n)[0]
		out[r] = append(out[r], n)
	}
	for _, ns := range out {
		sort.Slice(ns, func(i, j int) bool { return len(ns[i]) > len(ns[j]) })
	}
	return out
}()

var prefectures = strings.Fields(`北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県
新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県
島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県`)

var (
	schoolBoardRE  = regexp.MustCompile(`教育委員会|教委|教育庁|[都道府県市区町村]立.*(?:小学校|中学校|高等学校|高校|特別支援学校|義務教育学校|中等教育学校|幼稚園)|^(?:都立|道立|府立|県立|市立|区立|町立|村立)(?:小学校|中学校|高等学校|高校|特別支援学校)`)
	hospitalRE     = regexp.MustCompile(`病院(?:機構)?$|病院|クリニック|医院|診療所|医療センター|歯科|薬局|^医療法人|^社会医療法人`)
	notHospitalRE  = regexp.MustCompile(`病院局`)
	universityRE   = regexp.MustCompile(`大学|高等専門学校|高専$`)
	schoolRE       = regexp.MustCompile(`^学校法人|小学校|中学校|高等学校|高校$|学園$|学院$|幼稚園|専門学校|予備校|塾$`)
	nationalRE     = regexp.MustCompile(`^(?:内閣府|デジタル庁|復興庁|総務省|法務省|外務省|財務省|文部科学省|厚生労働省|農林水産省|経済産業省|国土交通省|環境省|防衛省|警察庁|金融庁|消費者庁|こども家庭庁|国税庁|特許庁|個人情報保護委員会|公正取引委員会|会計検査院|人事院|日本年金機構)|(?:省|庁|労働局|財務局|財務事務所|運輸局|法務局|税務署|国税局|ハローワーク|公共職業安定所|労働基準監督署|年金事務所|裁判所|検察庁|刑務所|自衛隊)$|^独立行政法人|^国立研究開発法人|^大学共同利用機関法人`)
	companyRE      = regexp.MustCompile(`株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|（株）|（有）|,?\s*Inc\.?$|Co\.,?\s*Ltd|Corporation$|Limited$|LLC$|GmbH$|銀行$|信用金庫$|証券$|保険$|生命$|ホールディングス$|グループ$`)
	nonprofitRE    = regexp.MustCompile(`^(?:一般社団法人|公益社団法人|一般財団法人|公益財団法人|特定非営利活動法人|NPO法人|社会福祉法人|生活協同組合|宗教法人)|協会$|組合$|連合会$|協議会$|機構$|財団$|連盟$|学会$|社会福祉協議会|共済|商工会`)
	localBodyRE    = regexp.MustCompile(`^[\p{Han}\p{Hiragana}\p{Katakana}ー]{1,8}[市区町村](?:役所|役場|議会|消防本部|消防局|水道局|上下水道局|交通局)?$|[市区町村](?:役所|役場)`)
	businessSector = map[string]bool{"retail_ec": true, "finance": true, "it_telecom": true, "manufacturing": true, "logistics": true, "services": true}
)

// Of is the kind of the organization named name, with the sector read
// for it ("" when unknown). An empty name is Other.
func Of(name, sector string) string {
	n := strings.NewReplacer(" ", "", "　", "").Replace(name)
	switch {
	case n == "":
		return Other
	case schoolBoardRE.MatchString(n):
		return SchoolBoard
	case hospitalRE.MatchString(n) && !notHospitalRE.MatchString(n):
		return Hospital
	case universityRE.MatchString(n):
		return University
	case nationalRE.MatchString(n):
		return National
	case schoolRE.MatchString(n):
		return School
	case companyRE.MatchString(n):
		return Company
	case nonprofitRE.MatchString(n):
		return Nonprofit
	}
	if k := public(n); k != "" {
		return k
	}
	if businessSector[sector] {
		return Company
	}
	if sector == "public" {
		return Municipality
	}
	return Other
}

// public: a prefecture or a municipality (its office, a department of
// it), by the gazetteer, or a name of a local body's form.
func public(n string) string {
	rest := n
	pref := ""
	for _, p := range prefectures {
		if strings.HasPrefix(n, p) {
			pref, rest = p, n[len(p):]
			break
		}
	}
	if isMunicipality(rest) {
		return Municipality
	}
	if pref != "" {
		return Prefecture
	}
	if localBodyRE.MatchString(n) {
		return Municipality
	}
	return ""
}

// cityWards are the wards of the designated cities (大阪市阿倍野区 and
// 阿倍野区), as the list names them after their city.
var cityWards = func() map[string]bool {
	out := map[string]bool{}
	for _, n := range strings.Fields(municipalityList) {
		if city, ward, ok := strings.Cut(n, "市"); ok && city != "" && strings.HasSuffix(ward, "区") && ward != "区" {
			out[n], out[ward] = true, true
		}
	}
	return out
}()

// CityWard reports whether name is a ward of a designated city (大阪市
// 此花区, 阿倍野区): its office (阿倍野区役所) is a body of its own, where a
// city's or a Tokyo ward's office is the municipality itself. A name
// some designated city's ward shares with a Tokyo ward (中央区) counts.
func CityWard(name string) bool { return cityWards[name] }

// isMunicipality: s begins with the name of a municipality (横須賀市,
// 大阪市北区, 阿倍野区役所 → 阿倍野区).
func isMunicipality(s string) bool {
	if s == "" {
		return false
	}
	for _, m := range municipalities[[]rune(s)[0]] {
		if strings.HasPrefix(s, m) {
			return true
		}
	}
	return false
}
