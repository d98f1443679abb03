package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"casebook"
)

// Corrections and deletions: a signed-in person (or a program with the
// token) fixes what extraction read wrong or removes what should not have
// been ingested. Every change is logged with its author.

// requireWriter answers and returns false unless a signed-in person sent
// the form with its CSRF token.
func (s *Server) requireWriter(w http.ResponseWriter, r *http.Request) bool {
	switch {
	case s.Token == "":
		s.pageError(w, r, http.StatusForbidden, "このサーバーは読み取り専用です(CASEBOOK_TOKEN が設定されていません)。")
	case !s.loggedIn(r):
		s.pageError(w, r, http.StatusUnauthorized, "この操作にはトークンでのログインが必要です。")
	case r.ParseForm() != nil:
		s.pageError(w, r, http.StatusBadRequest, "フォームを読み取れませんでした。")
	case !s.checkCSRF(r):
		s.pageError(w, r, http.StatusForbidden, "フォームの有効期限が切れました。ページを開き直してください。")
	default:
		return true
	}
	return false
}

// requireDeletion is requireWriter with the form's confirmation box ticked.
func (s *Server) requireDeletion(w http.ResponseWriter, r *http.Request) bool {
	if !s.requireWriter(w, r) {
		return false
	}
	if r.PostForm.Get("confirm") != "yes" {
		s.pageError(w, r, http.StatusBadRequest, "削除するには「削除してよい」にチェックを入れてください。")
		return false
	}
	return true
}

// requireBearer is requireWriter for the API. Wrong tokens count
// against the client like wrong sign-ins: after loginFailures of them in
// loginWindow, the client gets 429 until the window passes, whatever
// token it sends.
func (s *Server) requireBearer(w http.ResponseWriter, r *http.Request) bool {
	if s.Token == "" {
		s.jsonError(w, http.StatusForbidden, "this server is read-only: set CASEBOOK_TOKEN to allow changes")
		return false
	}
	addr := clientAddr(r)
	if blocked, wait := s.sessions.blocked(addr); blocked {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		s.jsonError(w, http.StatusTooManyRequests, "too many wrong tokens from this address; try again later")
		return false
	}
	if !s.bearer(r) {
		if r.Header.Get("Authorization") != "" {
			s.sessions.failed(addr)
			s.Log.Warn("wrong API token", "addr", addr, "path", r.URL.Path)
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="casebook"`)
		s.jsonError(w, http.StatusUnauthorized, "send the token as Authorization: Bearer TOKEN")
		return false
	}
	return true
}

// formCorrections are the fields of the correction form whose value the
// person changed (an untouched field is no correction).
func formCorrections(r *http.Request, c *casebook.Case) []casebook.Correction {
	var cs []casebook.Correction
	for _, f := range casebook.CorrectableFields {
		vs, ok := r.PostForm["f:"+f.Code]
		if !ok {
			continue
		}
		v := strings.TrimSpace(vs[0])
		if v != casebook.FieldValue(&c.Record, f.Code) {
			cs = append(cs, casebook.Correction{Field: f.Code, Value: v})
		}
	}
	return cs
}

// validate applies cs to a copy of the case: the first error, in Japanese.
func validate(c *casebook.Case, cs []casebook.Correction) error {
	rec := c.Record
	if rec.Affected != nil {
		a := *rec.Affected
		rec.Affected = &a
	}
	if rec.Dates != nil {
		d := *rec.Dates
		rec.Dates = &d
	}
	for _, x := range cs {
		if err := x.Apply(&rec); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) correctPost(w http.ResponseWriter, r *http.Request) {
	if !s.requireWriter(w, r) {
		return
	}
	id := r.PathValue("id")
	c, err := s.Store.Case(r.Context(), id)
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	cs := formCorrections(r, c)
	if len(cs) == 0 {
		http.Redirect(w, r, "/cases/"+id+"#correct", http.StatusSeeOther)
		return
	}
	if err := validate(c, cs); err != nil {
		s.pageError(w, r, http.StatusUnprocessableEntity, "修正できませんでした: "+err.Error()+"。事例のページに戻って直してください。")
		return
	}
	if _, err := s.Store.Correct(r.Context(), id, cs, s.author(r)); err != nil {
		s.storeError(w, r, err, false)
		return
	}
	s.Log.Info("corrected", "case", id, "fields", len(cs), "by", s.author(r), "addr", clientAddr(r))
	http.Redirect(w, r, "/cases/"+id+"#changes", http.StatusSeeOther)
}

func (s *Server) deleteCasePost(w http.ResponseWriter, r *http.Request) {
	if !s.requireDeletion(w, r) {
		return
	}
	id := r.PathValue("id")
	if err := s.Store.DeleteCase(r.Context(), id, s.author(r)); err != nil {
		s.storeError(w, r, err, false)
		return
	}
	s.Log.Info("deleted case", "case", id, "by", s.author(r), "addr", clientAddr(r))
	s.render(w, r, http.StatusOK, "error.html", map[string]any{"Title": "削除しました", "Done": true,
		"Message": "事例 " + id + " を削除しました。変更の記録は残っています。"})
}

func (s *Server) deleteDocumentPost(w http.ResponseWriter, r *http.Request) {
	if !s.requireDeletion(w, r) {
		return
	}
	docID, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.pageError(w, r, http.StatusNotFound, "その文書は見つかりません。")
		return
	}
	if err := s.Store.DeleteDocument(r.Context(), docID, s.author(r)); err != nil {
		if errors.Is(err, casebook.ErrNotFound) {
			s.pageError(w, r, http.StatusNotFound, "その文書は見つかりません。")
			return
		}
		s.storeError(w, r, err, false)
		return
	}
	s.Log.Info("deleted document", "document", docID, "by", s.author(r), "addr", clientAddr(r))
	back := r.PostForm.Get("case")
	if _, err := s.Store.Case(r.Context(), back); back != "" && err == nil {
		http.Redirect(w, r, "/cases/"+back+"#changes", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "error.html", map[string]any{"Title": "削除しました", "Done": true,
		"Message": "文書を削除しました。その文書だけから作られた事例も削除されました。"})
}

// apiCorrect takes {"corrections": [{"field": …, "value": …}], "by": …}.
func (s *Server) apiCorrect(w http.ResponseWriter, r *http.Request) {
	if !s.requireBearer(w, r) {
		return
	}
	var in struct {
		Corrections []casebook.Correction `json:"corrections"`
		By          string                `json:"by"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || len(in.Corrections) == 0 {
		s.jsonError(w, tooLarge(err, http.StatusBadRequest), `body must be JSON {"corrections": [{"field": "organization", "value": "…"}], "by": "name"}`)
		return
	}
	if in.By == "" {
		in.By = "api"
	}
	c, err := s.Store.Correct(r.Context(), r.PathValue("id"), in.Corrections, in.By)
	if errors.Is(err, casebook.ErrInvalid) {
		s.jsonError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if err != nil {
		s.storeError(w, r, err, true)
		return
	}
	s.Log.Info("corrected", "case", c.ID, "fields", len(in.Corrections), "by", in.By, "addr", clientAddr(r))
	s.writeJSON(w, http.StatusOK, c)
}

func (s *Server) apiDeleteCase(w http.ResponseWriter, r *http.Request) {
	if !s.requireBearer(w, r) {
		return
	}
	id := r.PathValue("id")
	if err := s.Store.DeleteCase(r.Context(), id, "api"); err != nil {
		s.storeError(w, r, err, true)
		return
	}
	s.Log.Info("deleted case", "case", id, "by", "api", "addr", clientAddr(r))
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiDeleteDocument(w http.ResponseWriter, r *http.Request) {
	if !s.requireBearer(w, r) {
		return
	}
	docID, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = s.Store.DeleteDocument(r.Context(), docID, "api")
	} else {
		err = casebook.ErrNotFound
	}
	if errors.Is(err, casebook.ErrNotFound) {
		s.jsonError(w, http.StatusNotFound, "no such document: "+r.PathValue("id"))
		return
	}
	if err != nil {
		s.storeError(w, r, err, true)
		return
	}
	s.Log.Info("deleted document", "document", docID, "by", "api", "addr", clientAddr(r))
	w.WriteHeader(http.StatusNoContent)
}

// removeSamplesPost deletes the bundled sample notices (signed in, the box
// ticked), each deletion logged like a person's.
func (s *Server) removeSamplesPost(w http.ResponseWriter, r *http.Request) {
	if !s.requireDeletion(w, r) {
		return
	}
	n, err := casebook.RemoveSamples(r.Context(), s.Store, s.author(r))
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	s.Log.Info("removed the sample notices", "documents", n, "by", s.author(r), "addr", clientAddr(r))
	s.render(w, r, http.StatusOK, "error.html", map[string]any{"Title": "見本を削除しました", "Done": true,
		"Message": fmt.Sprintf("見本の文書%d件と、それだけから作られた事例を削除しました。", n)})
}
