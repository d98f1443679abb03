package http

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"casebook"
)

// The 情報源 page: the places casebook watches (casebook sources), their
// state, and the 新着 — what they brought in over the last days. Changing
// them needs a signed-in user.

// watchStore is a store that keeps watched places; the server works
// without one and then has no 情報源 page.
type watchStore interface {
	casebook.WatchStore
	WatchOf(ctx context.Context, docID int64) (string, error)
}

func (s *Server) watches() (watchStore, bool) {
	ws, ok := s.Store.(watchStore)
	return ws, ok
}

// newDays is how far back 新着 looks unless asked (?days=).
const newDays = 7

type watchedView struct {
	casebook.WatchedDocument
	Cases []*casebook.Case
}

func (s *Server) sourcesPage(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches()
	if !ok {
		s.pageError(w, r, http.StatusNotFound, "このデータベースでは情報源を使えません。")
		return
	}
	days := newDays
	if d, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && d > 0 && d <= 365 {
		days = d
	}
	list, err := ws.Watches(r.Context())
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	docs, err := ws.Watched(r.Context(), time.Now().AddDate(0, 0, -days), 100)
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	var views []watchedView
	for _, d := range docs {
		v := watchedView{WatchedDocument: d}
		for _, id := range d.CaseIDs {
			if c, err := s.Store.Case(r.Context(), id); err == nil {
				v.Cases = append(v.Cases, c)
			}
		}
		views = append(views, v)
	}
	s.render(w, r, http.StatusOK, "sources.html", map[string]any{"Title": "情報源", "Watches": list, "New": views, "Days": days,
		"Added": r.URL.Query().Get("added"), "Removed": r.URL.Query().Get("removed")})
}

// addSourcePost adds a watched place (signed in).
func (s *Server) addSourcePost(w http.ResponseWriter, r *http.Request) {
	if !s.requireWriter(w, r) {
		return
	}
	ws, ok := s.watches()
	if !ok {
		s.pageError(w, r, http.StatusNotFound, "このデータベースでは情報源を使えません。")
		return
	}
	raw := strings.TrimSpace(r.PostForm.Get("url"))
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		s.pageError(w, r, http.StatusBadRequest, "情報源のURLは http:// または https:// で始まるURLで指定してください。")
		return
	}
	every, err := time.ParseDuration(r.PostForm.Get("every"))
	if err != nil || every < 10*time.Minute {
		s.pageError(w, r, http.StatusBadRequest, "確認の間隔は10分以上で指定してください(例: 6h)。")
		return
	}
	name := strings.TrimSpace(r.PostForm.Get("name"))
	if name == "" {
		name = u.Host + strings.TrimSuffix(u.Path, "/")
	}
	if _, err := ws.AddWatch(r.Context(), casebook.Watch{Name: name, URL: u.String(), Every: every, NextCheck: time.Now()}); err != nil {
		if errors.Is(err, casebook.ErrInvalid) {
			s.pageError(w, r, http.StatusConflict, "同じ名前かURLの情報源がすでにあります。")
			return
		}
		s.storeError(w, r, err, false)
		return
	}
	s.Log.Info("source added", "name", name, "url", u.String(), "by", s.author(r), "addr", clientAddr(r))
	http.Redirect(w, r, "/sources?added="+url.QueryEscape(name), http.StatusSeeOther)
}

// removeSourcePost stops watching a place (signed in, box ticked).
func (s *Server) removeSourcePost(w http.ResponseWriter, r *http.Request) {
	if !s.requireDeletion(w, r) {
		return
	}
	ws, ok := s.watches()
	if !ok {
		s.pageError(w, r, http.StatusNotFound, "このデータベースでは情報源を使えません。")
		return
	}
	name := r.PostForm.Get("name")
	if err := ws.RemoveWatch(r.Context(), name); err != nil {
		if errors.Is(err, casebook.ErrNotFound) {
			s.pageError(w, r, http.StatusNotFound, "その情報源は見つかりません。")
			return
		}
		s.storeError(w, r, err, false)
		return
	}
	s.Log.Info("source removed", "name", name, "by", s.author(r), "addr", clientAddr(r))
	http.Redirect(w, r, "/sources?removed="+url.QueryEscape(name), http.StatusSeeOther)
}
