package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"casebook/jtext"
)

// Legal forms written before the name (株式会社X) and after it (X株式会社).
var (
	prefixFormRE = regexp.MustCompile(`株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|公益社団法人|一般財団法人|公益財団法人|特定非営利活動法人|NPO法人|学校法人|医療法人社団|医療法人財団|医療法人|社会福祉法人|国立大学法人|公立大学法人|地方独立行政法人|独立行政法人|国立研究開発法人|宗教法人|(株)|(有)`)
	suffixFormRE = regexp.MustCompile(`株式会社|有限会社|合同会社|(株)|(有)`)
	// Bodies named by what they are: X大学, X県教育委員会, X市.
	bodyRE = regexp.MustCompile(`(教育委員会|大学病院|大学|高等学校|中学校|小学校|学園|病院|クリニック|協会|協同組合|組合|機構|財団|銀行|信用金庫|信用組合|医院|薬局|役所|役場|(都|道|府|県|市|区|町|村)(?:教育委員会|役所|役場|庁|議会)?)`)
)

// genericBodyRE: words for a kind of body, not the name of one.
var genericBodyRE = regexp.MustCompile(`^(市|区|町|村|県|都|府|道)?(役所|役場|庁|教育委員会|病院|大学|学校|銀行|協会|組合)$`)

// Hiragana that end a name: particles (forwards, "株式会社X"に対する) and,
// reading backwards, also verb endings ("…である" X株式会社).
const (
	stopKanaForward  = "はがをにでへのも"
	stopKanaBackward = "はがをにでとへのもやるたしてだ"
)

func isNameRune(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hiragana, r) ||
		r == 'ー' || r == '・' || r == '&' || r == '.' || r == '-' || r == '々' || r == 'ヶ' ||
		(r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)))
}

// kanaNameStart reports whether s ends in a short run of hiragana that
// begins a sentence or follows punctuation: a kana name (かえで市, あけぼの).
func kanaNameStart(s string) bool {
	k := 0
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if !unicode.Is(unicode.Hiragana, r) {
			return k >= 2 && !isNameRune(r)
		}
		k++
		if k > 5 {
			return false
		}
		s = s[:len(s)-n]
	}
	return k >= 2
}

// allHiragana reports whether s has at least n runes, all hiragana.
func allHiragana(s string, n int) bool {
	c := 0
	for _, r := range s {
		if !unicode.Is(unicode.Hiragana, r) {
			return false
		}
		c++
	}
	return c >= n
}

func isASCIIAlnum(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// honorificRE after a name marks a client or another party (東西市役所様).
var honorificRE = regexp.MustCompile(`^(役所|役場|庁)?\s*(様|さま|殿|御中)`)

type orgMatch struct {
	name       string // as written (normalized), spaces kept
	start, end int
}

// findOrgs finds organization names in normalized text s.
func findOrgs(s string) []orgMatch {
	var out []orgMatch
	for _, m := range prefixFormRE.FindAllStringIndex(s, -1) {
		end := scanForward(s, m[1])
		if end > m[1] {
			out = append(out, orgMatch{s[m[0]:end], m[0], end})
			continue
		}
		if start := scanBackward(s, m[0]); start < m[0] && suffixFormRE.MatchString(s[m[0]:m[1]]) {
			out = append(out, orgMatch{s[start:m[1]], start, m[1]})
		}
	}
	for _, m := range bodyRE.FindAllStringIndex(s, -1) {
		start := scanBackward(s, m[0])
		if start == m[0] {
			continue
		}
		name := s[start:m[1]]
		if utf8.RuneCountInString(name) < 3 || overlaps(out, start, m[1]) || genericBodyRE.MatchString(name) {
			continue
		}
		out = append(out, orgMatch{name, start, m[1]})
	}
	return out
}

func overlaps(ms []orgMatch, a, b int) bool {
	for _, m := range ms {
		if a < m.end && m.start < b {
			return true
		}
	}
	return false
}

// scanForward reads a name after a legal form: name characters, a space
// only between Latin words ("株式会社 NTT ドコモ"), stopping at particles.
func scanForward(s string, i int) int {
	end := i
	j := i
	if j < len(s) && s[j] == ' ' {
		if r, _ := utf8.DecodeRuneInString(s[j+1:]); isASCIIAlnum(r) {
			j++
		}
	}
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if r == ' ' {
			prev, _ := utf8.DecodeLastRuneInString(s[:j])
			next, _ := utf8.DecodeRuneInString(s[j+1:])
			if isASCIIAlnum(prev) && next != utf8.RuneError && (isNameRune(next)) && !unicode.Is(unicode.Hiragana, next) {
				j++
				continue
			}
			break
		}
		if !isNameRune(r) {
			break
		}
		if unicode.Is(unicode.Hiragana, r) && strings.ContainsRune(stopKanaForward, r) && !allHiragana(s[i:j], 1) {
			break
		}
		if strings.HasPrefix(s[j:], "及び") || strings.HasPrefix(s[j:], "および") || strings.HasPrefix(s[j:], "並びに") {
			break
		}
		j += n
		end = j
	}
	if utf8.RuneCountInString(s[i:end]) > 30 {
		return i
	}
	return end
}

// scanBackward reads a name before a legal form or body word.
func scanBackward(s string, i int) int {
	start := i
	j := i
	count := 0
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !isNameRune(r) || r == '・' && count == 0 {
			break
		}
		if unicode.Is(unicode.Hiragana, r) && strings.ContainsRune(stopKanaBackward, r) {
			prev, _ := utf8.DecodeLastRuneInString(s[:j-n])
			next, _ := utf8.DecodeRuneInString(s[j:])
			inWord := strings.ContainsRune(stopKanaForward, r) && unicode.Is(unicode.Hiragana, prev) && unicode.Is(unicode.Hiragana, next)
			if !inWord && !kanaNameStart(s[:j]) {
				break
			}
		}
		if strings.HasSuffix(s[:j], "及び") || strings.HasSuffix(s[:j], "弊社") || strings.HasSuffix(s[:j], "当社") {
			break
		}
		j -= n
		start = j
		count++
		if count > 24 {
			return i
		}
	}
	// a name of hiragana alone is a phrase ("…により"), unless it starts a
	// sentence or follows punctuation (かえで市)
	allKana := start < i
	for _, r := range s[start:i] {
		if !unicode.Is(unicode.Hiragana, r) {
			allKana = false
		}
	}
	if allKana {
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		if start > 0 && isNameRune(before) {
			return i
		}
	}
	return start
}

// cleanOrg normalizes an organization name: spaces dropped except between
// Latin words, several names joined by 及び cut to the first.
func cleanOrg(s string) string {
	for _, sep := range []string{"及び", "および", "並びに", "、"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	var b strings.Builder
	rs := []rune(strings.TrimSpace(s))
	for i, r := range rs {
		if jtext.IsSpace(r) {
			if i > 0 && i+1 < len(rs) && isASCIIAlnum(rs[i-1]) && isASCIIAlnum(rs[i+1]) {
				b.WriteRune(' ')
			}
			continue
		}
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), "・-")
}

// leadingOrgRE: a digest title that starts with a legal-form name and a
// space names the organization by that whole token.
var leadingOrgRE = regexp.MustCompile(`^(?:` + prefixFormRE.String() + `)[^\s「」()]{1,30}(?:\s)`)

var (
	subjectRE      = regexp.MustCompile(`(?:^|\s|(?:` + regulators + `)\s*)([^\s](?:[^「」]{0,60}?))に対(?:する|し)`)
	digestPrefixRE = regexp.MustCompile(`^([^\s「」【】()]{2,30})\s+\S`)
)

// organization finds the responsible entity: the subject of a regulator's
// action, else a name in the title, else the name the notice uses most.
func organization(st *segText) string {
	title := strings.TrimSpace(trailDateRE.ReplaceAllString(leadDateRE.ReplaceAllString(tagRE.ReplaceAllString(st.title, ""), ""), ""))
	if st.rec.Kind == "regulator_action" {
		src := title
		if !strings.Contains(src, "に対") {
			src = st.s
			if len(src) > 2000 {
				src = src[:2000]
			}
		}
		for _, m := range subjectRE.FindAllStringSubmatchIndex(src, -1) {
			cand := strings.TrimSpace(src[m[2]:m[3]])
			cand = regulatorR.ReplaceAllString(cand, "")
			if i := strings.LastIndexAny(cand, "、,"); i >= 0 {
				cand = cand[i+len("、"):]
			}
			cand = strings.TrimSpace(cand)
			if cand == "" || regulatorR.MatchString(cand) {
				continue
			}
			if orgs := findOrgs(cand); len(orgs) > 0 {
				return cleanOrg(cand[orgs[0].start:])
			}
			if utf8.RuneCountInString(cand) <= 30 {
				return cleanOrg(cand)
			}
		}
	}
	titleStart := strings.Index(st.s, st.title)
	if m := leadingOrgRE.FindString(title); m != "" && utf8.RuneCountInString(m) <= 40 && !incidentTermRE.MatchString(m) {
		if titleStart >= 0 {
			st.evidence("organization", titleStart, titleStart+len(st.title))
		}
		return cleanOrg(m)
	}
	for _, o := range findOrgs(title) {
		if regulatorR.MatchString(o.name) || thirdPartyR.MatchString(o.name) {
			continue
		}
		if titleStart >= 0 {
			st.evidence("organization", titleStart, titleStart+len(st.title))
		}
		return cleanOrg(o.name)
	}
	// Count names over the notice proper.
	type score struct {
		n     int
		first int
	}
	scores := map[string]*score{}
	var order []string
	zone := st.s[:st.zone]
	for _, o := range findOrgs(zone) {
		if honorificRE.MatchString(zone[o.end:]) {
			continue
		}
		name := cleanOrg(o.name)
		if regulatorR.MatchString(name) || thirdPartyR.MatchString(name) || utf8.RuneCountInString(name) < 3 {
			continue
		}
		if sc, ok := scores[name]; ok {
			sc.n++
		} else {
			scores[name] = &score{1, o.start}
			order = append(order, name)
		}
	}
	// Names inside a longer name (X社 in X社グループ) add to it.
	best, bestN := "", 0
	for _, name := range order {
		n := scores[name].n
		if n > bestN {
			best, bestN = name, n
		}
	}
	if best != "" {
		if i := strings.Index(st.s, best); i >= 0 {
			st.evidence("organization", i, i+len(best))
		}
		return best
	}
	// A digest's org prefix: "ビー・スクエア 重要・当社…".
	if m := digestPrefixRE.FindStringSubmatch(title); m != nil && !incidentTermRE.MatchString(m[1]) && !noticeEndRE.MatchString(m[1]) {
		return cleanOrg(m[1])
	}
	return ""
}

// weakNameSector: sectors a name suggests but the notice may override.
var weakNameSector = map[string]bool{"manufacturing": true, "it_telecom": true, "logistics": true}

// sector: the organization's name first, then the notice's vocabulary.
func sector(st *segText, org string) string {
	m := sectorTextS.in(st.s[:st.zone])
	best, bestN := "", 0
	for i, c := range sectorTextS.cues {
		n := len(m.find(i))
		if n > bestN {
			best, bestN = c.code, n
		}
	}
	if org != "" {
		for _, c := range sectorNameC {
			if c.re.MatchString(org) {
				// A maker or IT firm selling online is judged by the shop
				// the notice is about.
				if weakNameSector[c.code] && best == "retail_ec" && bestN >= 4 {
					return best
				}
				return c.code
			}
		}
	}
	if best == "" {
		return "other"
	}
	return best
}
