package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"casebook"
	"casebook/review"
)

// The 要確認 page: the review queue (package review), signed in only.
// Each field is confirmed in one action (a correction to its own value,
// which makes it certain) or corrected by typing a value; the keys j and
// k move between fields, Enter confirms, e edits (ui.js).

const reviewPage = 20

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	if !s.loggedIn(r) {
		s.pageError(w, r, http.StatusUnauthorized, "要確認の一覧はログインしてから使えます(取り込みのページでログインします)。")
		return
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	items, total, err := review.Queue(r.Context(), s.Store, reviewPage, (page-1)*reviewPage)
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	fields := 0
	for _, it := range items {
		fields += len(it.Fields)
	}
	data := map[string]any{"Title": "要確認", "Items": items, "Total": total, "Fields": fields, "Page": page,
		"Threshold": int(casebook.ReviewThreshold * 100), "Learn": s.learnState(r.Context())}
	if page*reviewPage < total {
		data["NextURL"] = "/review?page=" + strconv.Itoa(page+1)
	}
	if page > 1 {
		data["PrevURL"] = "/review?page=" + strconv.Itoa(page-1)
	}
	s.render(w, r, http.StatusOK, "review.html", data)
}

// reviewPost confirms a field (action=confirm: its own value) or sets it
// to the value typed; labels are read as their codes.
func (s *Server) reviewPost(w http.ResponseWriter, r *http.Request) {
	if !s.requireWriter(w, r) {
		return
	}
	id, field := r.PostForm.Get("case"), r.PostForm.Get("field")
	c, err := s.Store.Case(r.Context(), id)
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	value := r.PostForm.Get("value")
	if r.PostForm.Get("action") != "confirm" {
		value = r.PostForm.Get("new")
	}
	value, err = codesOfValue(field, value)
	if err != nil {
		s.pageError(w, r, http.StatusUnprocessableEntity, "修正できませんでした: "+err.Error()+"。")
		return
	}
	cs := []casebook.Correction{{Field: field, Value: value}}
	if err := validate(c, cs); err != nil {
		s.pageError(w, r, http.StatusUnprocessableEntity, "修正できませんでした: "+err.Error()+"。")
		return
	}
	if _, err := s.Store.Correct(r.Context(), id, cs, s.author(r)); err != nil {
		s.storeError(w, r, err, false)
		return
	}
	s.Log.Info("reviewed", "case", id, "field", field, "action", r.PostForm.Get("action"), "by", s.author(r), "addr", clientAddr(r))
	next := localPath(r.PostForm.Get("next"), "/review")
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// codesOfValue reads a typed value of a vocabulary field as its codes:
// 教育 → education, "紛失、誤送信" → loss,misdelivery.
func codesOfValue(field, value string) (string, error) {
	value = strings.TrimSpace(value)
	var v []casebook.Term
	switch field {
	case "sector":
		v = casebook.Sectors
	case "kind":
		v = casebook.Kinds
	case "causes":
		v = casebook.Causes
	case "data_items":
		v = casebook.DataItems
	default:
		return value, nil
	}
	if value == "" {
		return "", nil
	}
	var codes []string
	for _, part := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == '、' || r == '，' || r == ' ' || r == '　' }) {
		code, ok := casebook.CodeOf(v, part)
		if !ok {
			return "", fmt.Errorf("「%s」は%sの値として使えません", part, casebook.Label(casebook.CorrectableFields, field))
		}
		codes = append(codes, code)
	}
	return strings.Join(codes, ","), nil
}
