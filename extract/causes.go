package extract

import (
	"slices"
	"sort"
	"strings"
)

// Causes: the cue words of what happened, told as facts of this incident
// (not advice, not hypotheses, not denied: 感染している端末は見つかりません
// でした). A specific mechanism carries the generic one it implies (a
// skimmed checkout is an intrusion; the intrusion is listed apart only
// when it was into someone else's system, as when an outside service the
// shop embedded was altered). The main cause comes first: one the title
// names, else the root of the chain (a scam before the malware it led
// to, a setting before the intrusion it let in), else the first told.

// causeTier: lower comes first among the causes of one record.
var causeTier = map[string]int{
	"social_engineering": 0, "insider_misuse": 0, "web_skimming": 0, "ransomware": 0,
	"account_compromise": 1, "publishing_error": 1, "misdelivery": 1, "loss": 1, "theft": 1, "improper_disposal": 1,
	"misconfiguration": 2, "malware": 3, "unauthorized_access": 4, "defacement": 5,
}

// subsumes: when the key cause is found, the listed causes are not listed
// separately.
var subsumes = map[string][]string{
	"web_skimming":       {"unauthorized_access", "defacement", "malware"},
	"ransomware":         {"unauthorized_access", "malware"},
	"account_compromise": {"unauthorized_access"},
	"insider_misuse":     {"unauthorized_access", "publishing_error"},
	"theft":              {"loss"},
	"defacement":         {"unauthorized_access"},
}

var (
	causeNegRE     = newPhrase(`見つかりませんでした|見つかっておりません|見つかっていない|確認されませんでした|ではありません|ではない|ございません|可能性は低い|なかった|されていない|されておりません|ありません`)
	thirdSystemRE  = newPhrase(`提供元|外部事業者|事業者|サービス(?:が|の|を)|委託先|ベンダー|提供する|組み込`)
	denialRE       = newPhrase(`見つかりませんでした|確認されませんでした|見当たりませんでした|見つかっておりません`)
	encryptedRE    = newPhrase(`暗号化|感染`)
	causeContextRE = newPhrase(`防止|対策を|ないよう|再発防止|ご注意|お願い|ていますか|ますか`)
)

func (v *view) readCauses() []string {
	d := v.d
	type found struct {
		first    int
		plain    bool // told as a plain fact somewhere
		denied   bool // denied somewhere
		inTitle  bool
		thirdSys bool // (unauthorized_access) into someone else's system
	}
	hits := map[string]*found{}
	var order []string
	from := v.sg.start
	if v.title >= 0 && v.sg.multi {
		from = d.lines[v.title].start // not the page's preface before the first entry
	}
	// the heading of the entry's group ((2)盗難) tells its cause
	var group line
	if v.sg.grouped {
		group = d.lines[v.sg.group]
	}
	inGroup := func(h hit) bool { return v.sg.grouped && h.start >= group.start && h.end <= group.end }
	hs := v.hits
	if v.sg.grouped && group.start < v.sg.start {
		a := sort.Search(len(d.hits), func(i int) bool { return d.hits[i].start >= group.start })
		b := sort.Search(len(d.hits), func(i int) bool { return d.hits[i].start >= group.end })
		hs = append(slices.Clip(d.hits[a:b]), v.hits...)
	}
	for _, h := range hs {
		if cues.pats[h.pat].table != tabCauses || h.start >= v.zone || h.start < from && !inGroup(h) {
			continue
		}
		si := d.sentAt(h.start)
		if si < 0 || d.sents[si].advice || d.sents[si].hypo {
			continue
		}
		cs, ce := d.clauseOf(si, h.start, h.end)
		if strings.Contains(d.s[h.end:ce], "防止") && causeContextRE.In(d.s[h.end:ce]) {
			continue
		}
		code := v.code(h)
		f := hits[code]
		if f == nil {
			f = &found{first: h.start}
			hits[code] = f
			order = append(order, code)
			v.evidence("causes."+code, h.start, h.end)
		}
		inTitle := v.title >= 0 && h.start >= d.lines[v.title].start && h.end <= d.lines[v.titleLast].end
		f.inTitle = f.inTitle || inTitle
		// (a pattern that may cross a 。 ends past its sentence)
		rest := d.s[h.end:max(h.end, d.sents[si].end)]
		switch {
		case causeNegRE.In(rest) && !strings.Contains(d.s[cs:h.start], "ない"):
			f.denied = true
		case hedgeRE.In(d.s[h.end:ce]) && strings.Contains(d.s[h.end:ce], "疑い"):
			// suspected only
		default:
			f.plain = true
		}
		// 同社 is someone else in the organization's own notice (弊社 is
		// itself), the organization in an article about it
		if code == "unauthorized_access" && (thirdSystemRE.In(d.sentText(si)) || !v.third && strings.Contains(d.sentText(si), "同社")) {
			f.thirdSys = true
		}
	}
	denial := denialRE.In(d.s[v.body:v.zone])
	present := map[string]bool{}
	for _, c := range order {
		f := hits[c]
		if !f.plain && (f.denied || denial) {
			continue // only denied, or suspected and then ruled out
		}
		present[c] = true
	}
	// a ransom demanded after an intrusion, nothing told encrypted or
	// infected: the intrusion is told apart
	txt := d.s[v.body:v.zone]
	demandOnly := strings.Contains(txt, "身代金") && !encryptedRE.In(txt)
	var out []string
	for _, c := range order {
		if !present[c] {
			continue
		}
		// an intrusion into the outside service that skimmed is told apart
		keep := c == "unauthorized_access" && (hits[c].thirdSys && present["web_skimming"] || present["ransomware"] && demandOnly)
		drop := false
		for k, vs := range subsumes {
			if !present[k] {
				continue
			}
			for _, x := range vs {
				if x == c && !keep {
					drop = true
				}
			}
		}
		if !drop {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return []string{"unknown"}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ti, tj := causeTier[out[i]], causeTier[out[j]]
		if hits[out[i]].inTitle {
			ti -= 10
		}
		if hits[out[j]].inTitle {
			tj -= 10
		}
		if ti != tj {
			return ti < tj
		}
		return hits[out[i]].first < hits[out[j]].first
	})
	return out
}
