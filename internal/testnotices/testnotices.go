// Package testnotices writes notices for tests that need a family of
// notices of one kind (written by the casebook team; no shared text).
package testnotices

import "fmt"

// CareNames name the day-care companies of the CareNotice family.
var CareNames = []string{"ひだまり", "あおぞら", "こもれび", "さくら", "つばさ", "なのはな", "ひまわり", "わかば"}

// CareNotice is the i-th of a family of day-care companies' notices of a
// lost document (株式会社…ケアサービス), which casebook's bundled weights
// read as services: a team that files them under healthcare teaches it.
func CareNotice(i int, name string) string {
	return fmt.Sprintf("利用者情報の紛失について\n\n2025年%d月%d日\n株式会社%sケアサービス\n\nこのたび、当社が運営するデイサービスにおいて、職員が利用者%d名分の氏名と住所を記載した書類を紛失いたしました。2025年%d月%d日に判明しました。関係する皆様に深くお詫び申し上げます。\n",
		i%9+3, i+11, name, i*3+13, i%9+3, i+6)
}
