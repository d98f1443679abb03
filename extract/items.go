package extract

import (
	"regexp"
	"sort"
	"strings"

	"casebook"
)

// Data items: the item words (氏名, 住所, カード番号 …) that stand where a
// notice says what leaked: in a sentence about the leak, or in a list or
// section under a heading or an opening sentence that introduces it
// (漏えいした情報:, 閲覧された可能性のある情報, …は以下のとおりです).
// Words in a clause that denies them (…は含まれておりません), in advice
// to readers, or in sentences about something else (a password changed,
// a photo service) are no items.

var (
	itemCtxRE   = newPhrase(`このうち|対象|持ち出|流出|漏えい|漏洩|漏れ|閲覧|盗|紛失|誤送|誤って|掲載|アクセスでき|可能性|おそれ|恐れ|以下|項目|含まれ|記載され|記され|記録され|入力され|保存され|保管され|情報は|見える|見ること|読み取れ|公開され|外部に出|抜き取|渡った|失われ|記載して|記載した|記入した|記した|保存した|記録した|提供し|不正に入手|取得していた|取得されていた|参照|分かる|わかる|できる状態|照会|漏らし|印字|印刷され`)
	itemNegRE   = newPhrase(`含まれて(?:おりません|いません|いない)|含まれていないこと|ございません|保持しておりません|保持していない|保有しておりません|持っていない|確認されていません|確認されておりません|確認されていない|記録もございません|対象外|を除く|は含まれ(?:ません|ない)|暗号化(?:された状態|して(?:保存|保管|おり|い)|・|済み)|漏えいしていない|漏洩していない|流出していない|影響はない|影響はありません|ことはありません|ことはございません|ではありません`)
	managedRE   = newPhrase(`管理する|保有する|取り扱う|取得し|登録いただ`)
	countInRE   = regexp.MustCompile(`\d[\d,]*\s*(?:件|名|人)`)
	topicRE     = regexp.MustCompile(`^[^、。]{0,20}(?:については|は)`)
	strongRE    = newPhrase(`流出|漏えい|漏洩|漏れ|閲覧|盗|紛失|誤送|掲載|見える|外部に出|抜き取|取得していた|取得されていた`)
	itemIntroRE = regexp.MustCompile(`(?:[::】]|情報|項目|内容|もの|データ)\s*$|(?:以下|次|下記)の(?:とおり|通り|\d+項目|項目|情報)|次の(?:\d|[一二三四五六七八九十])+項目|項目(?:は|が|です)|情報(?:は|ですか)|どんな情報|どのような情報`)
)

func (v *view) readItems() []string {
	d := v.d
	var found []string
	hits := v.hitsOf(tabItems)
	for i, h := range hits {
		// a word inside a longer item word is that item (名義人の名前)
		if i > 0 && h.end <= hits[i-1].end && h.start >= hits[i-1].start {
			continue
		}
		if h.start < v.body && v.title >= 0 {
			continue
		}
		si := d.sentAt(h.start)
		if si < 0 {
			continue
		}
		sn := d.sents[si]
		if sn.advice || sn.hypo {
			continue
		}
		li := d.lineAt(h.start)
		if d.lines[li].kind == lineChrome || v.inContactBlock(li) {
			continue
		}
		cs, ce := d.clauseOf(si, h.start, h.end)
		if itemNegRE.In(d.s[h.start:ce]) || itemNegRE.In(d.s[cs:ce]) && !strongRE.In(d.s[cs:h.start]) {
			continue
		}
		// a topic whose sentence ends in a denial: "写真データは暗号化・別
		// 管理のため、流出は確認されていない"
		if topicRE.MatchString(d.s[h.end:ce]) && itemNegRE.In(d.s[ce:max(ce, sn.end)]) && !strongRE.In(d.s[cs:h.start]) {
			continue
		}
		txt := d.s[sn.start:sn.end]
		inCtx := itemCtxRE.In(txt) && !(managedRE.In(txt) && !strongRE.In(txt) && !countInRE.MatchString(txt))
		if !inCtx && !v.itemSection(li) {
			continue
		}
		code := v.code(h)
		if code == "government_id" && myNumberWordRE.MatchString(d.s[h.start:h.end]) {
			v.myNumberSeen = true
		}
		found = append(found, code)
		v.evidence("data_items."+code, h.start, h.end)
	}
	return orderBy(uniq(found), casebook.DataItems)
}

// itemSection: line li is in a list or block under a heading or an
// opening line that introduces what leaked.
func (v *view) itemSection(li int) bool {
	d := v.d
	for k := li - 1; k >= max(v.lineA, li-12); k-- {
		l := d.lines[k]
		switch {
		case l.kind == lineBlank:
			continue
		case l.kind != lineText:
			return false
		}
		intro := l.runes <= 60 && !strings.HasSuffix(l.text, "。") || itemIntroRE.MatchString(l.text)
		if intro && itemCtxRE.In(l.text) && !itemNegRE.In(l.text) {
			return true
		}
		// the lines of the list itself (・氏名、住所 / short lines / a row of
		// nouns: 学生番号、氏名、性別、所属、…)
		if l.list || l.runes <= 40 && !strings.HasSuffix(l.text, "。") || strings.Count(l.text, "、") >= 3 && !strings.Contains(l.text, "。") {
			continue
		}
		return false
	}
	return false
}

func orderBy(codes []string, vocab []casebook.Term) []string {
	idx := map[string]int{}
	for i, t := range vocab {
		idx[t.Code] = i
	}
	sort.SliceStable(codes, func(i, j int) bool { return idx[codes[i]] < idx[codes[j]] })
	return codes
}

// uniq keeps the first of each code.
func uniq(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
