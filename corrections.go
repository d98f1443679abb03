package casebook

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Correction is a person's fix of one field of a case: the value they
// read in the notice where extraction read another (or none). Corrections
// are kept beside the records and applied over the merged view every time
// a case is rebuilt, so they survive re-extraction.
type Correction struct {
	Field string `json:"field"` // a name of CorrectableFields
	Value string `json:"value"` // "" clears the field
}

// Change is one entry of the log of what people did to the casebook.
type Change struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Action string    `json:"action"` // correct, delete_case, delete_document
	CaseID string    `json:"case_id,omitempty"`
	DocID  int64     `json:"document_id,omitempty"`
	Field  string    `json:"field,omitempty"`
	Value  string    `json:"value,omitempty"`
}

// The actions of Change.
const (
	ActionCorrect        = "correct"
	ActionDeleteCase     = "delete_case"
	ActionDeleteDocument = "delete_document"
)

// CorrectableFields are the fields a person may correct, with their
// Japanese labels.
var CorrectableFields = []Term{
	{"title", "件名"}, {"organization", "組織"}, {"kind", "種別"}, {"sector", "業種"},
	{"affected.count", "人数"}, {"affected.confirmed", "漏えい確定"},
	{"dates.occurred_from", "発生(開始)"}, {"dates.occurred_to", "発生(終了)"}, {"dates.discovered", "発覚"},
	{"dates.announced", "公表"}, {"dates.reported_ppc", "委員会へ報告(速報)"},
	{"dates.reported_ppc_final", "委員会へ報告(確報)"}, {"dates.reported_police", "警察へ届出"},
	{"dates.regulator_action", "行政上の対応"},
	{"causes", "原因"}, {"data_items", "漏えい項目"},
}

// Apply sets the field of r that c corrects. Vocabulary fields take codes
// (causes and data items as a comma-separated list, the main cause first),
// dates ISO form (YYYY-MM-DD), the count a whole number; an empty value
// clears the field.
func (c Correction) Apply(r *Record) error {
	if err := c.apply(r); err != nil {
		return err
	}
	// what a person set is certain (and a value they emptied has none)
	for k := range r.Confidence {
		if k == c.Field || strings.HasPrefix(k, c.Field+".") {
			delete(r.Confidence, k)
		}
	}
	set := func(k string) {
		if r.Confidence == nil {
			r.Confidence = map[string]float64{}
		}
		r.Confidence[k] = 1
	}
	switch c.Field {
	case "causes":
		for _, code := range r.Causes {
			set("causes." + code)
		}
	case "data_items":
		for _, code := range r.DataItems {
			set("data_items." + code)
		}
	default:
		if strings.TrimSpace(c.Value) != "" {
			set(c.Field)
		}
	}
	return nil
}

func (c Correction) apply(r *Record) error {
	v := strings.TrimSpace(c.Value)
	switch {
	case c.Field == "title":
		r.Title = v
	case c.Field == "organization":
		r.Organization = v
	case c.Field == "kind":
		if _, ok := CodeOf(Kinds, v); !ok || v == string(KindNotIncident) {
			return fmt.Errorf("種別 %q: 漏えい等の公表(%s)か行政上の対応(%s)です", v, KindBreach, KindRegulator)
		}
		code, _ := CodeOf(Kinds, v)
		r.Kind = Kind(code)
	case c.Field == "sector":
		if v == "" {
			r.Sector = ""
			return nil
		}
		code, ok := CodeOf(Sectors, v)
		if !ok {
			return fmt.Errorf("業種 %q は業種の一覧にありません", v)
		}
		r.Sector = code
	case c.Field == "affected.count":
		if r.Affected == nil {
			r.Affected = &Affected{}
		}
		if v == "" {
			r.Affected.Count = nil
			return nil
		}
		n, err := strconv.ParseInt(strings.ReplaceAll(v, ",", ""), 10, 64)
		if err != nil || n < 0 {
			return fmt.Errorf("人数 %q は0以上の整数で書いてください", v)
		}
		r.Affected.Count, r.Affected.Approximate, r.Affected.Groups = &n, false, nil
	case c.Field == "affected.confirmed":
		if r.Affected == nil {
			r.Affected = &Affected{}
		}
		r.Affected.Confirmed = v == "true" || v == "1" || v == "はい"
	case strings.HasPrefix(c.Field, "dates."):
		if r.Dates == nil {
			r.Dates = &Dates{}
		}
		p := r.Dates.Field(strings.TrimPrefix(c.Field, "dates."))
		if p == nil {
			return fmt.Errorf("日付の項目 %q はありません", c.Field)
		}
		if v == "" {
			*p = nil
			return nil
		}
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return fmt.Errorf("%s %q は 2025-01-31 の形の実在する日付で書いてください", Label(CorrectableFields, c.Field), v)
		}
		*p = &v
	case c.Field == "causes", c.Field == "data_items":
		vocab, label := Causes, "原因"
		if c.Field == "data_items" {
			vocab, label = DataItems, "漏えい項目"
		}
		var codes []string
		for _, x := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '、' || r == ' ' }) {
			code, ok := CodeOf(vocab, x)
			if !ok {
				return fmt.Errorf("%s %q は一覧にありません", label, x)
			}
			if !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
		if c.Field == "causes" {
			if len(codes) == 0 {
				codes = []string{"unknown"}
			}
			r.Causes = codes
		} else {
			r.DataItems = codes
		}
	default:
		return fmt.Errorf("項目 %q は修正できません", c.Field)
	}
	return nil
}

// FieldValue is the value of a correctable field of r as a person would
// type it back into Apply: vocabulary values as their Japanese labels
// (causes and data items joined by 、, the main cause first), dates
// ISO, the count a plain number.
func FieldValue(r *Record, field string) string {
	switch {
	case field == "title":
		return r.Title
	case field == "organization":
		return r.Organization
	case field == "kind":
		return Label(Kinds, string(r.Kind))
	case field == "sector":
		if r.Sector == "" {
			return ""
		}
		return Label(Sectors, r.Sector)
	case field == "affected.count":
		if r.Affected != nil && r.Affected.Count != nil {
			return strconv.FormatInt(*r.Affected.Count, 10)
		}
		return ""
	case field == "affected.confirmed":
		if r.Affected != nil && r.Affected.Confirmed {
			return "true"
		}
		return "false"
	case strings.HasPrefix(field, "dates."):
		if r.Dates != nil {
			if p := r.Dates.Field(strings.TrimPrefix(field, "dates.")); p != nil && *p != nil {
				return **p
			}
		}
		return ""
	case field == "causes":
		return Labels(Causes, r.Causes, "、")
	case field == "data_items":
		return Labels(DataItems, r.DataItems, "、")
	}
	return ""
}
