package extract

import (
	"regexp"
	"strings"
)

// Facts the law needs beyond the record contract: whether 個人番号 or 通信
// の秘密 leaked (番号法, 電気通信事業法), the 委託先 the incident happened
// at, and the law a regulator acted under. Each is read from the segment's
// own analysis: the item hits, the organization mentions, the sentences.

var (
	myNumberWordRE = regexp.MustCompile(`マイナンバー|個人番号`)
	secrecyRE      = regexp.MustCompile(`通信の秘密`)
	// a 委託先 named before or after the word that says it is one:
	// 業務を委託している株式会社X, 委託先であるX, X（以下「委託先」）, Xに委託
	processorBeforeRE = regexp.MustCompile(`(?:委託して(?:い|お)る|委託していた|委託する|委託先(?:である|の|:)?|委託業者(?:である|の)?|受託(?:者|事業者|業者)(?:である|の)?|再委託先(?:である|の)?)\s*「?$`)
	processorAfterRE  = regexp.MustCompile(`^」?\s*(?:[(（]\s*以下[「『]?(?:委託先|受託者|受託事業者)|[(（]\s*(?:委託先|受託者)\s*[)）]|(?:[(（][^)）]{0,40}[)）])?\s*(?:に|へ)[^。、]{0,24}委託し|(?:[(（][^)）]{0,40}[)）])?\s*(?:が|は)[^。]{0,20}受託)`)
	// lawNames: laws a regulator acts under, the APPI among them (the
	// first is what the text calls it, the second how casebook names it).
	lawNameRE = regexp.MustCompile(`電気通信事業法|電気事業法|ガス事業法|銀行法|保険業法|金融商品取引法|資金決済(?:に関する)?法|割賦販売法|貸金業法|信託業法|医療法|職業安定法|労働者派遣法|特定商取引(?:に関する)?法|番号法|行政手続における特定の個人を識別するための番号の利用等に関する法律|マイナンバー法|個人情報保護法|個人情報の保護に関する法律`)
)

// readMyNumber: an item hit of 個人番号 (マイナンバー) that the items
// reader kept (not denied, not advice) — it notes them as it reads.
func (v *view) readMyNumber(items []string) bool {
	for _, c := range items {
		if c == "government_id" {
			return v.myNumberSeen
		}
	}
	return false
}

// readSecrecy: the segment says 通信の秘密 leaked (not that it did not).
func (v *view) readSecrecy() bool {
	d := v.d
	text := d.s[v.body:v.zone]
	for _, m := range secrecyRE.FindAllStringIndex(text, -1) {
		a, b := v.body+m[0], v.body+m[1]
		si := d.sentAt(a)
		if si < 0 || d.sents[si].advice || d.sents[si].hypo {
			continue
		}
		_, ce := d.clauseOf(si, a, b)
		if itemNegRE.In(d.s[a:max(ce, d.sents[si].end)]) {
			continue
		}
		return true
	}
	return false
}

// readProcessor: the 委託先 the text names as one, other than the
// organization.
func (v *view) readProcessor(org string) string {
	d := v.d
	own := coreName(org)
	for _, m := range v.orgs {
		if m.start < v.body || m.start >= v.zone || m.kind == orgPublic || m.kind == orgRegulator || m.kind == orgPolice || m.kind == orgMedia {
			continue
		}
		if m.core == "" || m.core == own || own != "" && (strings.Contains(own, m.core) || strings.Contains(m.core, own)) {
			continue
		}
		before := d.s[max(v.body, m.start-40):m.start]
		after := d.s[m.end:min(v.zone, m.end+80)]
		if processorBeforeRE.MatchString(before) || processorAfterRE.MatchString(after) {
			return strings.ReplaceAll(m.name, " ", "")
		}
	}
	return ""
}

// readLaw: the law a regulator other than the PPC acted under, as the
// first law its text names; "" when it names the APPI or none.
func (v *view) readLaw() string {
	first := ""
	for _, m := range lawNameRE.FindAllString(v.d.s[v.body:v.zone], -1) {
		switch m {
		case "個人情報保護法", "個人情報の保護に関する法律":
			return ""
		case "行政手続における特定の個人を識別するための番号の利用等に関する法律", "マイナンバー法":
			m = "番号法"
		case "資金決済に関する法律":
			m = "資金決済法"
		case "特定商取引に関する法律":
			m = "特定商取引法"
		}
		if first == "" {
			first = m
		}
	}
	return first
}
