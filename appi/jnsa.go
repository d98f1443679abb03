package appi

import (
	"fmt"
	"math"

	"casebook"
)

// epLevels places data items on JNSA's EP map: x = mental distress,
// y = economic loss.
var epLevels = map[string][2]int{
	"name": {1, 1}, "address": {1, 1}, "phone": {1, 1}, "fax": {1, 1}, "email": {1, 1}, "birthdate": {1, 1},
	"age": {1, 1}, "gender": {1, 1}, "school": {1, 1}, "employer": {1, 1}, "photo": {1, 1}, "customer_id": {1, 1},
	"government_id": {1, 1}, "order_history": {1, 2}, "password": {1, 2}, "bank_account": {1, 2},
	"card_holder": {1, 1}, "card_number": {1, 3}, "card_expiry": {1, 3}, "card_cvv": {1, 3},
	"grades": {2, 1}, "health": {2, 1},
}

// jnsaLevel is the model's value of one set of data items: the EP map's
// x and y (the highest of the items), the identifiability, and the yen
// per person before the organization's factors.
func jnsaLevel(items []string) (x, y, ident int, base float64) {
	x, y, ident = 1, 1, 1
	has := map[string]bool{}
	for _, it := range items {
		has[it] = true
		if l, ok := epLevels[it]; ok {
			x, y = max(x, l[0]), max(y, l[1])
		}
	}
	has["name"] = has["name"] || has["card_holder"] // the name on a card names its holder
	switch {
	case has["name"] && has["address"]:
		ident = 6
	case has["name"] || has["address"] && has["phone"]:
		ident = 3
	}
	return x, y, ident, 500 * (math.Pow(10, float64(x-1)) + math.Pow(5, float64(y-1)))
}

// JNSAEstimate applies the JNSA damage operation model:
// 500 × (10^(x−1) + 5^(y−1)) × 本人特定容易度 × 社会的責任度 × 事後対応評価 per
// person. When the record has groups of people with different data, each
// group is valued at its own data and the total is their sum.
func JNSAEstimate(r *casebook.Record, public bool) casebook.JNSA {
	x, y, ident, base := jnsaLevel(r.DataItems)
	j := casebook.JNSA{X: x, Y: y, Identifiability: ident, Social: 1, Response: 1}
	if len(r.DataItems) == 0 {
		j.Assumed = append(j.Assumed, "items")
	}
	if public {
		j.Social = 2
	} else {
		j.Assumed = append(j.Assumed, "social")
	}
	j.Assumed = append(j.Assumed, "response")
	factor := int64(j.Social * j.Response)
	j.PerPersonYen = int64(base) * int64(ident) * factor
	switch {
	case r.Affected != nil && len(r.Affected.Groups) > 1:
		groups := r.Affected.Groups
		within := nesting(groups)
		counted := make([]int64, len(groups))
		for i, g := range groups {
			counted[i] = g.Count
		}
		for i, w := range within {
			if w >= 0 {
				counted[w] -= groups[i].Count
			}
		}
		var total int64
		for i, g := range groups {
			priced := g.DataItems
			jg := casebook.JNSAGroup{Count: g.Count, DataItems: g.DataItems, Counted: counted[i]}
			if w := within[i]; w >= 0 {
				priced = casebook.Uniq(append(append([]string(nil), g.DataItems...), groups[w].DataItems...))
				jg.Within = &w
				jg.Assumption = fmt.Sprintf("この%s人は%s%s人に含まれると仮定し、漏えいした項目すべての額で1人1回数えた", casebook.Comma(g.Count), GroupLabel(groups[w].DataItems), casebook.Comma(groups[w].Count))
			}
			jg.PricedItems = priced
			gx, gy, gi, gb := jnsaLevel(priced)
			jg.X, jg.Y, jg.Identifiability = gx, gy, gi
			jg.PerPersonYen = int64(gb) * int64(gi) * factor
			jg.TotalYen = jg.PerPersonYen * jg.Counted
			j.Groups = append(j.Groups, jg)
			total += jg.TotalYen
		}
		j.TotalYen = &total
	case r.Affected != nil && r.Affected.Count != nil:
		t := j.PerPersonYen * *r.Affected.Count
		j.TotalYen = &t
	default:
		j.Assumed = append(j.Assumed, "count")
	}
	return j
}

// nesting says, for each group, the group it is assumed to lie within, or
// -1: a group whose card data leaked, smaller than the largest group
// without card data, is taken to be some of those people (the card
// holders among a shop's customers), so that no one is counted twice.
func nesting(groups []casebook.Group) []int {
	out := make([]int, len(groups))
	host := -1
	for i, g := range groups {
		out[i] = -1
		if !anyOf(g.DataItems, cardItems) && (host < 0 || g.Count > groups[host].Count) {
			host = i
		}
	}
	if host < 0 {
		return out
	}
	inside := int64(0)
	for i, g := range groups {
		if i != host && anyOf(g.DataItems, cardItems) && g.Count < groups[host].Count && inside+g.Count <= groups[host].Count {
			out[i] = host
			inside += g.Count
		}
	}
	return out
}

var cardItems = []string{"card_number", "card_cvv", "card_expiry"}
