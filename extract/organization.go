package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"casebook/jtext"
)

// The organization: the entity responsible for the data, among the names
// a notice holds. Each name earns weight from where it stands: the title,
// the subject of the lead (Xは22日、…と発表した), the name a notice gives
// itself (X（以下「当社」）), the subject of a regulator's action (Xに対し),
// the letterhead or signature, the site's header, the contact block, the
// copyright line. It loses weight where it is a third party: the one a
// report went to (Xに報告), a notice came from (Xより連絡), a service was
// bought from, police, regulators, news sources. Forms of one name (宮崎
// 大学, 国立大学法人宮崎大学) are one candidate, written in its most
// complete form. With no name of some weight the field stays empty: a
// wrong organization is worse than none.

var (
	announceVerbRE  = newPhrase(`発表|公表|明らかに|お知らせ|出し|報告|謝罪|わび|会見|説明|判明|発覚|掲載|開示|公開し`)
	selfAliasRE     = regexp.MustCompile(`^\s*[(（]\s*(?:[^)）「」]{0,40}[、,。]\s*)?以下[「『](当社|弊社|当法人|本学|当大学|当院|当病院|当協会|当会|当組合|本市|当市|本町|当町|当センター|当機構|当館|当校|本校|当行|当金庫|当財団)[」』]`)
	aliasRE         = regexp.MustCompile(`^\s*[(（]\s*(?:[^)）「」]{0,40}[、,。]\s*)?以下[「『]([^」』]{1,20})[」』]`)
	listRestRE      = regexp.MustCompile(`^(?:[やと、][^、。]{1,20}?)+(?:など|等|ほか)\s*\d*\s*社|^をはじめ(?:とする)?[^、。]{0,30}?\d+\s*社(?:\([^)]*\))?`)
	targetAfterRE   = regexp.MustCompile(`^\s*(?:[(（][^)）]{0,60}[)）])?\s*(?:等)?\s*(?:に対し|に対する|への(?:勧告|指導|命令)|に(?:勧告|行政指導|指導)|及び|および|並びに)`)
	subjectAfterRE  = regexp.MustCompile(`^[」』]?\s*(?:[(（][^)）]{0,40}[)）])?\s*(?:は|が|では|において|にて)(?:\s*\d{1,2}日)?[、,\s]?`)
	thirdAfterRE    = regexp.MustCompile(`^\s*(?:[(（][^)）]{0,60}[)）])?\s*(?:より|から)[^。]{0,20}(?:連絡|報告|指摘|通報|知らせ|情報提供|受託|委託)|^\s*(?:へ|に|と)[^。]{0,12}(?:報告|届け出|届出|相談|連絡|連携|支援|協力|通報|依頼)|^\s*(?:が|の)(?:提供|運営|開発)する|^\s*(?:の報道|によると|によれば|が報じ|のまとめ|の調査|調べ)|^\s*社(?:の|が|より|から)`)
	thirdBeforeRE   = regexp.MustCompile(`(?:委託先|委託元|取引先|提供元|外部事業者|加入協会|主催|共催|協力|後援|出典|提供|運営会社|親会社|子会社)[::の]?\s*$`)
	headlineOwnerRE = regexp.MustCompile(`(?:^|[、\s「]|で)([\p{Katakana}ーA-Za-z0-9・&\p{Han}]{2,20}?)(?:の(?:情報漏(?:洩|えい)|個人情報|顧客情報|会員情報|利用者情報|患者情報|業務委託先|委託先|サーバー?|システム|事例|事件)|に(?:業務改善命令|勧告|行政指導|指導|命令))`)
	titlePrefixRE   = regexp.MustCompile(`^([^\s、,「」()【】]{2,24}?)(?:、|で|が|\s)`)
	leadSubjectRE   = regexp.MustCompile(`^(?:[^、。\n]{0,20}の)?([^\s、。「」()（）]{2,30}?)(?:\s*[(（][^)）]{0,40}[)）])?(?:は|が)(?:\s*\d{1,2}日)?[、,]?`)
	victimAfterRE   = regexp.MustCompile(`^\s*(?:[(（][^)）]{0,40}[)）])?\s*の(?:顧客|個人|会員|利用者|登録者|お客様)?(?:データ|情報|名簿|パソコン|サーバ|システム)`)
	organWords      = regexp.MustCompile(`^(?:教育委員会|役所|役場|議会|消防本部|消防局|水道局|病院)$`)
	selfWords       = []struct {
		word string
		kind []orgKind
	}{
		{"当社", []orgKind{orgCompany}}, {"弊社", []orgKind{orgCompany}}, {"本学", []orgKind{orgSchool}}, {"当大学", []orgKind{orgSchool}},
		{"当院", []orgKind{orgHospital}}, {"当病院", []orgKind{orgHospital}}, {"当協会", []orgKind{orgAssoc, orgFinance}},
		{"当法人", []orgKind{orgCorp, orgHospital, orgSchool, orgAssoc}}, {"当会", []orgKind{orgAssoc, orgCorp}},
		{"当組合", []orgKind{orgAssoc}}, {"本市", []orgKind{orgPublic}}, {"当市", []orgKind{orgPublic}},
		{"当町", []orgKind{orgPublic}}, {"本校", []orgKind{orgSchool}}, {"当校", []orgKind{orgSchool}},
		{"当行", []orgKind{orgFinance}}, {"当金庫", []orgKind{orgFinance}}, {"同大", []orgKind{orgSchool}}, {"同社", []orgKind{orgCompany}},
	}
)

type orgCand struct {
	mentions []orgMention
	roles    []string
	score    float64
	core     string
	kind     orgKind
	strong   bool // named in a title, lead, definition or as a regulator's subject
	selfKind bool // of the kind the notice's self-references name (当社, 本学)
	child    bool // introduced as a group company (連結子会社である…): its parent speaks
}

// subsidiaryRE: a group company introduced as such (連結子会社である
// …), by its name or the short name it is given (以下「SYSCO社」).
var subsidiaryRE = regexp.MustCompile(`子会社(?:である|の|、)?\s*(?:[^。「」]{1,60}以下[、,]?\s*「)?$`)

// nameLabelRE: the label of a name field, in a disclosure's head (会 社
// 名) or a digest's entry (対象組織:).
var nameLabelRE = regexp.MustCompile(`(?:会社名|社名|法人名|団体名|組織名|事業者名|対象組織)[:：]?$`)

// activityRE: a headline's name of a kind of work, not of anyone.
var activityRE = regexp.MustCompile(`(?:指導|業務|事業|調査|検査|健診|手続き?|作業|受付|申請|支援|相談|診療)$`)

// childPenalty weighs down a group company the notice introduces as
// such: the notice is its parent's, whose name heads it.
const childPenalty = 20

// orgChoice is what the organization reader found: the candidates with
// the rules' scores and the rules' pick (nil: none of enough weight), and
// the name the page's <title> gives.
type orgChoice struct {
	cands []*orgCand
	best  *orgCand
	page  string
}

func (v *view) readOrganization() string {
	oc := v.orgCandidates()
	if oc.best == nil {
		return oc.page
	}
	m := displayMention(oc.best)
	v.evidence("organization", m.start, m.end)
	return displayName(m)
}

func (v *view) orgCandidates() orgChoice {
	d := v.d
	var ms []orgMention
	for _, m := range v.orgs {
		if m.start >= v.zone && !v.isFooterLine(d.lineAt(m.start)) {
			continue // commentary after the notice
		}
		ms = append(ms, m)
	}
	ms = append(ms, v.markerlessNames(ms)...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	// a name the notice gives an alias ("株式会社エムケイシステム（以下
	// 「エムケイ社」という。）"): the alias is that name
	alias := map[string]string{}
	for _, m := range ms {
		if a := aliasRE.FindStringSubmatch(d.s[m.end:min(len(d.s), m.end+120)]); a != nil {
			alias[coreName(a[1])] = m.core
			alias[strings.TrimSuffix(coreName(a[1]), "社")] = m.core
		}
	}
	for i := range ms {
		if c, ok := alias[ms[i].core]; ok && ms[i].kind == orgUnknown {
			ms[i].core = c
		}
	}
	selfKinds := v.selfKinds()
	var cands []*orgCand
	for _, m := range ms {
		w, role, strong := v.orgWeight(m)
		if w <= -100 {
			continue
		}
		c := findCand(cands, m)
		if c == nil {
			c = &orgCand{core: m.core, kind: m.kind}
			cands = append(cands, c)
		}
		c.mentions = append(c.mentions, m)
		c.roles = append(c.roles, role)
		c.strong = c.strong || strong
		c.child = c.child || subsidiaryRE.MatchString(v.d.s[max(0, m.start-150):m.start])
		if utf8.RuneCountInString(m.core) > utf8.RuneCountInString(c.core) {
			c.core = m.core
		}
		if m.kind != orgUnknown && (c.kind == orgUnknown || m.kind < c.kind) {
			c.kind = m.kind
		}
		c.score += w
	}
	mergeOrgans(&cands)
	var best *orgCand
	for _, c := range cands {
		// repeated plain mentions count a little, up to a point
		plain := 0
		for _, r := range c.roles {
			if r == "body" {
				plain++
			}
		}
		c.score += 0.5 * float64(min(plain, 6))
		if c.child {
			c.score -= childPenalty
		}
		for _, k := range selfKinds {
			if c.kind == k {
				c.score += 2
				c.selfKind = true
				break
			}
		}
		if best == nil || c.score > best.score {
			best = c
		}
	}
	if best != nil && best.score < 3 && best.score > 0 && loneLegalName(cands, best) {
		best.score = 3 // the only organization with a legal form the notice names
	}
	oc := orgChoice{cands: cands}
	if best != nil && best.score >= 3 {
		oc.best = best
	} else {
		// a company page that names itself only in its <title>
		oc.page = v.pageTitleOrg()
	}
	return oc
}

func findCand(cands []*orgCand, m orgMention) *orgCand {
	for _, c := range cands {
		if sameOrg(c.core, m.core) {
			return c
		}
		for _, o := range c.mentions {
			if sameOrg(o.core, m.core) {
				return c
			}
		}
	}
	return nil
}

// sameOrg: two cores name one organization when equal, or when one ends
// with the other (防犯協会 / 四街道市防犯協会, 神戸高等学校 / 三重県立神戸高等学校).
func sameOrg(a, b string) bool {
	if a == b {
		return true
	}
	if utf8.RuneCountInString(a) > utf8.RuneCountInString(b) {
		a, b = b, a
	}
	return utf8.RuneCountInString(a) >= 3 && strings.HasSuffix(b, a)
}

// mergeOrgans joins a municipality and its organ (名護市 / 名護市教育委員会):
// one candidate, named by the organ.
func mergeOrgans(cands *[]*orgCand) {
	cs := *cands
	for i := 0; i < len(cs); i++ {
		for j := 0; j < len(cs); j++ {
			if i == j || cs[i] == nil || cs[j] == nil {
				continue
			}
			a, b := cs[i], cs[j] // a: the municipality, b: its organ
			if a.kind == orgPublic && strings.HasPrefix(b.core, a.core) && organWords.MatchString(strings.TrimPrefix(b.core, a.core)) && b.strong {
				b.mentions = append(b.mentions, a.mentions...)
				b.roles = append(b.roles, a.roles...)
				b.score += a.score
				cs[i] = nil
			}
		}
	}
	out := cs[:0]
	for _, c := range cs {
		if c != nil {
			out = append(out, c)
		}
	}
	*cands = out
}

// loneLegalName: best is a name with a legal form, in no third party's
// place, and no other candidate has any weight.
func loneLegalName(cands []*orgCand, best *orgCand) bool {
	legal := false
	for i, m := range best.mentions {
		if best.roles[i] == "third" {
			return false
		}
		if m.form != "" {
			legal = true
		}
	}
	for _, c := range cands {
		if c != best && c.score > 0 {
			return false
		}
	}
	return legal
}

// selfKinds: the kinds of organization the notice's self-references name
// (当社 → a company, 本学 → a school).
func (v *view) selfKinds() []orgKind {
	t := v.text()
	var out []orgKind
	for _, w := range selfWords {
		if strings.Contains(t, w.word) {
			out = append(out, w.kind...)
		}
	}
	return out
}

// orgWeight is the weight a mention earns from where it stands; below
// -100 it is no candidate at all.
func (v *view) orgWeight(m orgMention) (float64, string, bool) {
	d := v.d
	s := d.s
	after := s[m.end:min(len(s), m.end+120)]
	before := s[max(v.sg.start, m.start-30):m.start]
	li := d.lineAt(m.start)
	l := d.lines[li]
	switch m.kind {
	case orgPolice, orgRegulator:
		return -1000, "", false
	}
	if v.regulator && m.kind == orgPublic && isNationalBody(m.name) {
		return -1000, "", false // the regulator itself
	}
	if v.regulator {
		// the first of a list of subjects (関西電力や九州電力など5社に対し)
		headed := false
		if m := listRestRE.FindStringIndex(after); m != nil {
			headed = strings.HasPrefix(after, "をはじめ")
			after = after[m[1]:]
		}
		if headed || targetAfterRE.MatchString(after) {
			w := 8.0
			if strings.HasPrefix(strings.TrimSpace(after), "及び") || strings.HasPrefix(strings.TrimSpace(after), "および") {
				w = 9 // the first-named subject
			}
			return w, "target", true
		}
	}
	if selfAliasRE.MatchString(after) {
		return 9, "self", true
	}
	if !v.regulator {
		if a := aliasRE.FindStringSubmatch(after); a != nil && strings.HasSuffix(a[1], "社") && a[1] != "当社" && a[1] != "弊社" {
			return -3, "third", false // another company the notice refers to
		}
	}
	if processorBeforeRE.MatchString(before) || processorAfterRE.MatchString(after) {
		return -4, "processor", false // the 委託先: the client answers for the data
	}
	if thirdAfterRE.MatchString(after) || thirdBeforeRE.MatchString(before) {
		return -4, "third", false
	}
	if nameLabelRE.MatchString(strings.ReplaceAll(s[l.start:m.start], " ", "")) {
		return 7, "named", true // 会 社 名 …, 対象組織: …: the field that names it
	}
	if v.title >= 0 && li >= v.title && li <= v.titleLast {
		if m.kind == orgUnknown {
			return 3, "title", false
		}
		return 7, "title", true
	}
	if si := d.sentAt(m.start); si >= 0 && m.start < v.zone {
		sn := d.sents[si]
		if subjectPosition(s[sn.start:m.start]) {
			if subjectAfterRE.MatchString(after) {
				if announceVerbRE.In(s[m.end:sn.end]) {
					return 5, "lead", true
				}
				return 3, "actor", false
			}
		}
		if victimAfterRE.MatchString(after) {
			return 3, "victim", false
		}
	}
	if v.isLetterhead(l, m) {
		// a letterhead that names the legal entity and its facility
		// (医療法人社団X会 / X病院): the entity answers for the data
		w := 4.0
		if m.form != "" && !m.labelForm {
			w++
		}
		if li == v.firstContentLine() {
			return w, "header", false
		}
		return w, "letterhead", false
	}
	if v.inContactBlock(li) {
		return 3, "contact", false
	}
	if copyrightRE.MatchString(l.text) {
		return 2, "copyright", false
	}
	if m.start >= v.zone {
		return 0, "footer", false
	}
	return 0, "body", false
}

// subjectPosition: what stands before a name in its sentence lets it be
// the subject: nothing, a descriptor (化学メーカーの), or a connective
// clause (これを受けて, 本件を受け、).
func subjectPosition(before string) bool {
	b := strings.TrimRight(strings.TrimSpace(before), "「『")
	if i := strings.LastIndex(b, "、"); i >= 0 {
		b = strings.TrimSpace(b[i+len("、"):])
	}
	if b == "" {
		return true
	}
	n := utf8.RuneCountInString(b)
	// 化学メーカーの X, 100円ショップ「ダイソー」を展開する X
	return strings.HasSuffix(b, "の") && n <= 20 || strings.HasSuffix(b, "て") && n <= 10 ||
		(strings.HasSuffix(b, "る") || strings.HasSuffix(b, "た")) && strings.ContainsAny(b, "をが") && n <= 30
}

func isNationalBody(name string) bool {
	for _, b := range nationalBodies {
		if name == b {
			return true
		}
	}
	return strings.HasSuffix(name, "省") || strings.HasSuffix(name, "庁")
}

// isLetterhead: the mention is (almost) its whole line: a letterhead, a
// signature, a site's name, maybe with a role after it (豊郷町長).
func (v *view) isLetterhead(l line, m orgMention) bool {
	rest := strings.TrimSpace(strings.Replace(l.text, strings.TrimSpace(m.name), "", 1))
	rest = strings.TrimSpace(roleLineRE.ReplaceAllString(rest, ""))
	if rest == "" || strings.HasPrefix(rest, "長") {
		return true
	}
	// a Latin name or a person after the name: "佐川急便株式会社 SAGAWA EXPRESS CO.,LTD."
	f := strings.Fields(rest)
	latin := true
	for _, r := range rest {
		if r >= 0x80 {
			latin = false
			break
		}
	}
	return latin || len(f) <= 2 && utf8.RuneCountInString(rest) <= 12 && !strings.ContainsAny(rest, "。、")
}

// firstContentLine is the first line of the page that is not blank.
func (v *view) firstContentLine() int {
	for i := v.lineA; i < v.lineB; i++ {
		if v.d.lines[i].kind != lineBlank {
			return i
		}
	}
	return -1
}

var contactLabelRE = regexp.MustCompile(`^(?:\d{1,2}\s*[.、)]\s*|\(\d{1,2}\)\s*)?[【\[(■]?\s*(?:本件に関する|このページに関する|本件についての)?\s*(?:お)?(?:問い?合わ?せ|問合せ|照会先|連絡先)`)

// inContactBlock: line li is within a few lines after a contact label.
func (v *view) inContactBlock(li int) bool {
	for k := li; k >= max(v.lineA, li-3); k-- {
		if contactLabelRE.MatchString(v.d.lines[k].text) && v.d.lines[k].runes <= 30 {
			return true
		}
	}
	return false
}

// isFooterLine: a line of the page's footer (copyright, a standalone
// name after the notice): names there still speak for the page.
func (v *view) isFooterLine(li int) bool {
	l := v.d.lines[li]
	return l.kind == lineChrome || copyrightRE.MatchString(l.text) || l.runes <= 40 && !strings.Contains(l.text, "。")
}

// markerlessNames finds names written without a legal form or body word,
// where only their place says they are names: the head of a digest's
// title (旭光通信で…, ダイソー、…) and the subject of a news lead
// (旭光通信が、…と公表).
func (v *view) markerlessNames(have []orgMention) []orgMention {
	d := v.d
	var out []orgMention
	add := func(a, b int) {
		name := strings.TrimSpace(d.s[a:b])
		if utf8.RuneCountInString(name) < 2 || notNames.MatchString(name) || genericName(name) || overlapsAny(have, a, b) || overlapsAny(out, a, b) {
			return
		}
		for _, r := range name {
			if isHiragana(r) || r == ' ' {
				return
			}
		}
		if incidentWords.In(name) || jtext.IsSpace(rune(name[0])) {
			return
		}
		out = append(out, orgMention{start: a, end: b, name: name, core: coreName(name), kind: orgUnknown})
	}
	if v.title >= 0 && v.sg.multi {
		l := d.lines[v.title]
		t := d.s[l.start:l.end]
		off := len(t) - len(strings.TrimLeft(t, " "))
		for _, re := range []*regexp.Regexp{markerRE, serialTagRE, leadDateRE} {
			if m := re.FindStringIndex(t[off:]); m != nil {
				off += m[1]
			}
		}
		if m := titlePrefixRE.FindStringSubmatchIndex(t[off:]); m != nil {
			add(l.start+off+m[2], l.start+off+m[3])
		}
	}
	// a headline that names whose data, or whom a regulator acted on:
	// "ワイモバイルの情報漏洩事例", "標的型攻撃でJTBの個人情報が流出",
	// "金融庁、アリコジャパンに業務改善命令"
	if v.title >= 0 {
		l := d.lines[v.title]
		t := d.s[l.start:l.end]
		for _, m := range headlineOwnerRE.FindAllStringSubmatchIndex(t, -1) {
			if activityRE.MatchString(t[m[2]:m[3]]) {
				continue // 特定保健指導の委託先: whose work, not who
			}
			add(l.start+m[2], l.start+m[3])
		}
	}
	// a facility named by a prefix (ホテルさざなみ, 旅館こまち) on a line of
	// its own near the head of a notice: a letterhead without a legal form
	for li := v.firstContentLine(); li >= 0 && li < len(d.lines) && d.lines[li].start < v.body+400 && d.lines[li].start < v.sg.end; li++ {
		l := d.lines[li]
		if l.kind == lineBlank || l.runes > 16 {
			continue
		}
		if m := facilityNameRE.FindStringIndex(l.text); m != nil {
			a := l.start + strings.Index(d.s[l.start:l.end], l.text)
			if !overlapsAny(have, a, a+m[1]) && !overlapsAny(out, a, a+m[1]) {
				name := l.text[:m[1]]
				out = append(out, orgMention{start: a, end: a + m[1], name: name, core: name, kind: orgCompany})
			}
		}
	}
	if v.third {
		for i := v.sentA; i < v.sentB; i++ {
			sn := d.sents[i]
			if sn.start < v.body || sn.start >= v.zone {
				continue
			}
			txt := d.s[sn.start:sn.end]
			if m := leadSubjectRE.FindStringSubmatchIndex(txt); m != nil && announceVerbRE.In(txt) {
				// "アリコジャパンの高橋和之代表は": a person of the organization
				// before の speaks for it
				if personRoleRE.MatchString(txt[m[2]:m[3]]) {
					if k := strings.LastIndex(txt[:m[2]], "の"); k > 0 {
						a := strings.LastIndexAny(txt[:k], "、。「 ") + 1
						add(sn.start+a, sn.start+k)
					}
					continue
				}
				add(sn.start+m[2], sn.start+m[3])
			}
		}
	}
	return out
}

// personRoleRE: a subject that is a person by their role.
var personRoleRE = regexp.MustCompile(`(?:代表取締役社長|代表取締役|代表理事|理事長|社長|会長|専務|常務|代表|学長|院長|校長|所長|局長|部長|課長|担当者|広報|担当|氏|さん)$`)

// facilityNameRE is a line that is a facility's name with its kind in
// front: ホテル, 旅館, 民宿, 料亭 and the like, then a name of two or more
// kana or kanji.
var facilityNameRE = regexp.MustCompile(`^(?:ホテル|旅館|民宿|料亭|ペンション|温泉旅館)[\p{Hiragana}\p{Katakana}\p{Han}ー・]{2,12}$`)

// pageTitleOrg is the organization the HTML page's <title> names, when
// the page's text names none.
func (v *view) pageTitleOrg() string {
	if v.d.page == "" || v.sg.multi {
		return ""
	}
	for _, m := range findOrgs(v.d.page, nil) {
		if m.kind != orgPolice && m.kind != orgRegulator {
			return displayName(m)
		}
	}
	return ""
}

// genericName: a word for a kind of body, not a name (中学校, 会社, 市).
func genericName(name string) bool {
	for _, iw := range institutionWords {
		if name == iw.word {
			return true
		}
	}
	switch name {
	case "会社", "企業", "団体", "法人", "自治体", "病院", "学校", "事業者", "同社", "同大", "市", "県", "町", "村", "区", "国", "警察", "市役所", "役所", "役場", "町役場", "村役場", "区役所", "県庁", "都庁", "府庁":
		return true
	}
	return false
}

// displayMention picks the form to write: from the mentions in trusted
// places, the one with its legal form (not a letterhead label), else the
// longest.
func displayMention(c *orgCand) orgMention {
	best := -1
	score := func(i int) int {
		m := c.mentions[i]
		s := utf8.RuneCountInString(strings.ReplaceAll(m.name, " ", ""))
		if m.pref != "" {
			s -= utf8.RuneCountInString(m.pref)
		}
		if m.form != "" && !m.labelForm {
			s += 100
		}
		if m.labelForm {
			s -= 200
		}
		if c.roles[i] == "third" {
			s -= 300
		}
		return s
	}
	for i := range c.mentions {
		if best < 0 || score(i) > score(best) {
			best = i
		}
	}
	return c.mentions[best]
}

// displayName writes a mention's name: blanks only between Latin words,
// no prefecture before a municipal body, no letterhead label.
func displayName(m orgMention) string {
	name := m.name
	if m.labelForm {
		if i := strings.IndexByte(name, ' '); i > 0 {
			name = name[i+1:]
		}
	}
	if m.pref != "" {
		if p, rest := splitPrefecture(strings.ReplaceAll(name, " ", "")); p != "" {
			name = rest
		}
	}
	return cleanOrg(name)
}

// cleanOrg drops blanks except between Latin words.
func cleanOrg(s string) string {
	var b strings.Builder
	rs := []rune(strings.TrimSpace(s))
	for i, r := range rs {
		if jtext.IsSpace(r) {
			if i > 0 && i+1 < len(rs) && isLatin(rs[i-1]) && isLatin(rs[i+1]) {
				b.WriteRune(' ')
			}
			continue
		}
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), "・-")
}
