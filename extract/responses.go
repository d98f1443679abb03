package extract

import (
	"strings"

	"casebook"
)

// Responses: what the organization did or will do, in its own sentences.
// Advice to readers, hypotheses, and a regulator's findings of what was
// missing (…にとどまっていた, …していなかった) are no responses.

var (
	responseNegRE = newPhrase(`にとどま|不十分|不徹底|ていなかった|されていなかった|しておらず|されておらず|ものの、|怠|求める|よう求め|見送`)
	reportNegRE   = newPhrase(`ていなかった|しておらず|行わず|していない|遅れ`)
)

func (v *view) readResponses() []string {
	d := v.d
	var found []string
	for _, h := range v.hitsOf(tabResponses) {
		if h.start < v.body && v.title >= 0 {
			continue
		}
		si := d.sentAt(h.start)
		if si < 0 {
			continue
		}
		sn := d.sents[si]
		code := v.code(h)
		// (a conditional is still a commitment: "…ご希望の場合、手数料は
		// ご負担をお掛けしない")
		cs, ce := d.clauseOf(si, h.start, h.end)
		// advice is read in the hit's own clause: "パスワードを無効化し、
		// …再設定をお願いしております" did one thing and asks another
		if sn.advice && adviceRE.In(d.s[cs:ce]) && !strings.HasPrefix(code, "reported_") && code != "call_center" {
			continue
		}
		if code == "reported_ppc" || code == "reported_police" {
			if reportNegRE.In(d.s[cs:ce]) {
				continue
			}
		} else if responseNegRE.In(d.s[sn.start:sn.end]) || strings.HasPrefix(d.s[h.end:], ")") {
			continue
		}
		if code == "service_suspended" && strings.Contains(d.s[max(v.sg.start, h.start-30):h.end], "アクセス権") {
			continue
		}
		if d.lines[d.lineAt(h.start)].kind == lineChrome {
			continue
		}
		if v.regulator && v.demanded(d.lineAt(h.start)) {
			continue // what the regulator told it to do
		}
		found = append(found, code)
		v.evidence("responses."+code, h.start, h.end)
	}
	return orderBy(uniq(found), casebook.Responses)
}

var demandRE = newPhrase(`よう(?:指導|勧告|求め|命じ|要請|命令)|講ずるよう|講じるよう|措置を(?:求め|命じ)`)

// demanded: line li is an item of a list a regulator introduced as what
// the organization must do ("以下の措置を講じるよう指導するとともに").
func (v *view) demanded(li int) bool {
	d := v.d
	if !d.lines[li].list && !sectionNumRE.MatchString(d.lines[li].text) {
		return false
	}
	for k := li - 1; k >= max(v.lineA, li-12); k-- {
		l := d.lines[k]
		if l.kind != lineText || l.list || sectionNumRE.MatchString(l.text) {
			continue
		}
		return demandRE.In(l.text)
	}
	return false
}
