// Package http serves the casebook to people (a Japanese web UI rendered
// on the server with html/template, charts drawn as SVG) and to programs
// (a JSON API in the shapes of ../shared/spec/cli-json.md).
//
// Notice text is untrusted: templates escape everything, a strict
// Content-Security-Policy forbids inline script, writes need the token
// (CASEBOOK_TOKEN; without one the server is read-only), forms carry a
// CSRF token, bodies are size-limited and SQL is never concatenated.
package http

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"casebook"
)

//go:embed templates static
var assets embed.FS

// Store is what the server needs of a database.
type Store interface {
	casebook.Store
	DocumentText(ctx context.Context, docID int64) (string, error)
}

// Server is the casebook web server.
type Server struct {
	Store Store
	// Token authorizes writes (ingest). Empty: the server is read-only.
	Token string
	Log   *slog.Logger
	// MaxBody limits request bodies and uploads (bytes); 10 MiB when zero.
	MaxBody int64

	tmpl *template.Template
	mux  *http.ServeMux
}

// New builds a server.
func New(st Store, token string, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{Store: st, Token: token, Log: log, MaxBody: 10 << 20}
	t, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	s.tmpl = t
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(assets, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /{$}", s.searchPage)
	m.HandleFunc("GET /cases/{id}", s.casePage)
	m.HandleFunc("GET /dashboard", s.dashboardPage)
	m.HandleFunc("GET /checklist", s.checklistPage)
	m.HandleFunc("POST /checklist", s.checklistResult)
	m.HandleFunc("GET /ingest", s.ingestPage)
	m.HandleFunc("POST /ingest", s.ingestPost)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("POST /logout", s.logout)

	m.HandleFunc("GET /api/cases", s.apiCases)
	m.HandleFunc("GET /api/cases/{id}", s.apiCase)
	m.HandleFunc("GET /api/cases/{id}/similar", s.apiSimilar)
	m.HandleFunc("GET /api/stats", s.apiStats)
	m.HandleFunc("GET /api/checklist", s.apiChecklist)
	m.HandleFunc("POST /api/assess", s.apiAssess)
	m.HandleFunc("POST /api/ingest", s.apiIngest)
	m.HandleFunc("GET /api/export", s.apiExport)
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.jsonError(w, http.StatusNotFound, "no such API endpoint: "+r.Method+" "+r.URL.Path)
	})
	s.mux = m
}

// ServeHTTP adds the security headers, limits bodies and recovers panics.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	r.Body = http.MaxBytesReader(w, r.Body, s.MaxBody)
	defer func() {
		if v := recover(); v != nil {
			s.Log.Error("panic", "path", r.URL.Path, "err", v)
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
	}()
	start := time.Now()
	s.mux.ServeHTTP(w, r)
	s.Log.Debug("request", "method", r.Method, "path", r.URL.Path, "took", time.Since(start))
}

// HTTPServer returns an *http.Server with timeouts for addr.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    1 << 16,
	}
}

// ListenAndServe serves until ctx ends, then shuts down gracefully.
func (s *Server) ListenAndServe(ctx context.Context, ln net.Listener) error {
	srv := s.HTTPServer(ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

// --- auth: bearer token for the API, a session cookie and CSRF token for forms

const sessionCookie = "casebook_session"

func (s *Server) mac(purpose string) string {
	m := hmac.New(sha256.New, []byte(s.Token))
	m.Write([]byte(purpose))
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Server) sessionValue() string { return s.mac("session") }

// CSRFToken is the token forms must send back; it is bound to the session.
func (s *Server) csrfToken() string { return s.mac("csrf:" + s.sessionValue()) }

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// loggedIn reports whether the request carries a valid session cookie.
func (s *Server) loggedIn(r *http.Request) bool {
	if s.Token == "" {
		return false
	}
	c, err := r.Cookie(sessionCookie)
	return err == nil && equal(c.Value, s.sessionValue())
}

// bearer reports whether the request carries the token as a bearer.
func (s *Server) bearer(r *http.Request) bool {
	if s.Token == "" {
		return false
	}
	h := r.Header.Get("Authorization")
	return strings.HasPrefix(h, "Bearer ") && equal(strings.TrimPrefix(h, "Bearer "), s.Token)
}

// checkCSRF verifies a form's CSRF token and the request's origin.
func (s *Server) checkCSRF(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" && o != "null" && !strings.HasSuffix(o, "://"+r.Host) {
		return false
	}
	return equal(r.FormValue("csrf"), s.csrfToken())
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.Token == "" {
		s.pageError(w, r, http.StatusForbidden, "このサーバーは読み取り専用です(CASEBOOK_TOKEN が設定されていません)。")
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" && !strings.HasSuffix(o, "://"+r.Host) {
		s.pageError(w, r, http.StatusForbidden, "別のサイトからの送信は受け付けません。")
		return
	}
	if !equal(r.FormValue("token"), s.Token) {
		s.pageError(w, r, http.StatusUnauthorized, "トークンが正しくありません。")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: s.sessionValue(), Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: 12 * 3600})
	http.Redirect(w, r, "/ingest", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if !s.checkCSRF(r) {
		s.pageError(w, r, http.StatusForbidden, "フォームの有効期限が切れました。もう一度お試しください。")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// --- responses

func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func (s *Server) jsonError(w http.ResponseWriter, status int, msg string) {
	s.writeJSON(w, status, map[string]string{"error": msg})
}

// storeError answers an error from the store.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, err error, api bool) {
	status, msg := http.StatusInternalServerError, "データベースのエラーです。時間をおいて再度お試しください。"
	if errors.Is(err, casebook.ErrNotFound) {
		status, msg = http.StatusNotFound, "その事例は見つかりません。"
	} else {
		s.Log.Error("store", "path", r.URL.Path, "err", err)
	}
	if api {
		if status == http.StatusNotFound {
			msg = "no such case: " + r.PathValue("id")
		} else {
			msg = "database error; try again later"
		}
		s.jsonError(w, status, msg)
		return
	}
	s.pageError(w, r, status, msg)
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data map[string]any) {
	if data == nil {
		data = map[string]any{}
	}
	data["Path"] = r.URL.Path
	data["LoggedIn"] = s.loggedIn(r)
	data["Writable"] = s.Token != ""
	data["CSRF"] = ""
	if s.loggedIn(r) {
		data["CSRF"] = s.csrfToken()
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b strings.Builder
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		s.Log.Error("template", "name", name, "err", err)
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	w.Write([]byte(b.String()))
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error.html", map[string]any{"Title": "エラー", "Status": status, "Message": msg})
}
