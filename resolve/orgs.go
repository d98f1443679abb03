package resolve

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"casebook"
)

// Two records can only tell of one incident when they are about one
// organization. Its name is not always written alike: a ward office is
// 阿倍野区 in one list and 阿倍野区役所 in another, a news headline writes
// 日航 for 日本航空 and ヤフー for LINEヤフー, and a news copy or a press
// release may name the company only in its text. orgRelation says how two
// records' organizations relate; a looser relation asks more agreeing
// facts of the pair.

type orgRelation int

const (
	orgNone  orgRelation = iota
	orgSame              // the same key
	orgAlias             // one name is a shorter name of the other (aliasKeys)
	orgNamed             // one record names no organization; its text names the other's
)

// Lengths in characters of organization keys.
const (
	minAlias    = 2 // a shorter name that begins or ends a longer one, or abbreviates it
	minNamed    = 3 // an organization a record's text names
	abbrevReach = 8 // an abbreviation takes its characters from this far into the name
)

// relateOrgs is how the organizations of a and b relate, and the
// organization's name that one record's text gives, for orgNamed.
func relateOrgs(a, b *casebook.Record) (orgRelation, string) {
	ka, kb := orgKey(a.Organization), orgKey(b.Organization)
	switch {
	case ka != "" && ka == kb:
		return orgSame, ""
	case ka != "" && kb != "":
		if aliases(a.Organization, b.Organization) {
			return orgAlias, ""
		}
		return orgNone, ""
	case ka != "":
		if textNames(b, ka) {
			return orgNamed, a.Organization
		}
	case kb != "":
		if textNames(a, kb) {
			return orgNamed, b.Organization
		}
	}
	return orgNone, ""
}

// orgKey is casebook.OrgKey without the word for a public body's
// offices (阿倍野区役所 is 阿倍野区, 〇〇町役場 is 〇〇町).
func orgKey(org string) string {
	k := casebook.OrgKey(org)
	for _, office := range []string{"役所", "役場"} {
		if s, ok := strings.CutSuffix(k, office); ok && utf8.RuneCountInString(s) >= minAlias {
			return s
		}
	}
	return k
}

// aliases: one name is a shorter name of the other (aliasKeys).
func aliases(a, b string) bool {
	return slices.Contains(aliasKeys(a), casebook.OrgKey(b)) || slices.Contains(aliasKeys(b), casebook.OrgKey(a))
}

// textNames: a record without an organization names the organization whose
// key is key, in its title or among the names its text gives.
func textNames(r *casebook.Record, key string) bool {
	if utf8.RuneCountInString(key) < minNamed {
		return false
	}
	if strings.Contains(casebook.OrgKey(r.Title), key) {
		return true
	}
	for _, n := range r.Names {
		// (the whole name: a word of it, ビジネス or スタッフ, names nobody)
		if strings.Contains(casebook.OrgKey(n), key) {
			return true
		}
	}
	return false
}

// Keys are how a store finds the records another record may be one
// incident with, beyond those of the same organization key. A record's
// Stored keys are kept beside it; a new record looks up its OrgKeys among
// the other records' organization keys and its Lookup keys among the
// stored ones. Together they find every pair orgRelation relates: the
// beginnings and ends of a name ("~"), the abbreviations a name allows
// ("~"), and the names a record without an organization gives ("n:").
type Keys struct {
	Stored  []string
	OrgKeys []string
	Lookup  []string
}

// KeysOf returns the keys of a record.
func KeysOf(r *casebook.Record) Keys {
	var k Keys
	key := casebook.OrgKey(r.Organization)

	if key == "" {
		for _, n := range r.Names {
			if nk := casebook.OrgKey(n); utf8.RuneCountInString(nk) >= minNamed {
				k.Stored = appendNew(k.Stored, "n:"+nk)
				k.OrgKeys = appendNew(k.OrgKeys, nk)
			}
		}
		return k
	}
	for _, a := range aliasKeys(r.Organization) {
		k.Stored = appendNew(k.Stored, "~"+a)
		k.OrgKeys = appendNew(k.OrgKeys, a)
	}
	k.Lookup = []string{"~" + key}
	if utf8.RuneCountInString(key) >= minNamed {
		k.Lookup = append(k.Lookup, "n:"+key)
	}
	return k
}

// aliasKeys are the keys of the shorter names an organization may be
// written as: the words it begins or ends with (LINEヤフー株式会社 is LINE
// and ヤフー, ソニー・コンピュータエンタテインメント is ソニー), a public
// body without the word for its offices (阿倍野区役所 is 阿倍野区), and
// the two-character abbreviations of its first word (日本航空 is 日航,
// 関西電力 関電). Its words are split at spaces, 「・」 and where one
// script gives way to another: a name written in one script (三重県立神戸
// 高等学校) has no shorter names but its abbreviations.
func aliasKeys(org string) []string {
	var words []string
	for _, w := range nameWords(org) {
		if k := casebook.OrgKey(w); k != "" {
			words = append(words, k)
		}
	}
	if len(words) == 0 {
		return nil
	}
	full := strings.Join(words, "")
	var out []string
	add := func(k string) {
		if k != full && utf8.RuneCountInString(k) >= minAlias {
			out = appendNew(out, k)
		}
	}
	for i := 1; i < len(words); i++ {
		add(strings.Join(words[:i], ""))
		add(strings.Join(words[i:], ""))
	}
	add(orgKey(org))
	if first := []rune(words[0]); len(first) >= 4 {
		for _, c := range first[1:min(len(first), abbrevReach)] {
			add(string([]rune{first[0], c}))
		}
	}
	return out
}

// nameWords splits a name at spaces and 「・」 and where its script changes
// (kanji, hiragana, katakana, Latin letters and digits).
func nameWords(name string) []string {
	var words []string
	var cur []rune
	last := scriptOther
	for _, r := range name {
		sc := scriptOf(r)
		if sc == scriptOther || sc != last && len(cur) > 0 {
			if len(cur) > 0 {
				words = append(words, string(cur))
			}
			cur = cur[:0]
		}
		if sc != scriptOther {
			cur = append(cur, r)
		}
		last = sc
	}
	if len(cur) > 0 {
		words = append(words, string(cur))
	}
	return words
}

type script int

const (
	scriptOther script = iota
	scriptKanji
	scriptHiragana
	scriptKatakana
	scriptLatin
)

func scriptOf(r rune) script {
	switch {
	case unicode.Is(unicode.Han, r) || r == '々' || r == 'ヶ':
		return scriptKanji
	case unicode.Is(unicode.Hiragana, r):
		return scriptHiragana
	case unicode.Is(unicode.Katakana, r) || r == 'ー':
		return scriptKatakana
	case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' || r >= '０' && r <= '９':
		return scriptLatin
	}
	return scriptOther
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
