package http

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Signing in: a person gives the token (CASEBOOK_TOKEN) once and gets a
// session — a random id in an HttpOnly, SameSite=Strict cookie, kept on
// the server with its own CSRF token, its expiry and the name the person
// gave (written into the change log as the author of corrections).
// Signing out revokes it on the server, so a copied cookie stops working.
// Programs send the token itself as a bearer instead.

const (
	sessionCookie = "casebook_session"
	sessionTTL    = 12 * time.Hour
	// maxSessions bounds the table; the oldest go first.
	maxSessions = 10000
	// Sign-in attempts: loginFailures wrong tokens per client address in
	// loginWindow, then 429 until the window passes.
	loginFailures = 10
	loginWindow   = 10 * time.Minute
)

type session struct {
	csrf    string
	name    string
	expires time.Time
}

type sessions struct {
	mu       sync.Mutex
	byID     map[string]*session
	failures map[string][]time.Time // client address → recent failed sign-ins
	now      func() time.Time
}

func newSessions() *sessions {
	return &sessions{byID: map[string]*session{}, failures: map[string][]time.Time{}, now: time.Now}
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics rather)
	return hex.EncodeToString(b)
}

func (ss *sessions) create(name string) (string, *session) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	now := ss.now()
	for id, s := range ss.byID {
		if now.After(s.expires) {
			delete(ss.byID, id)
		}
	}
	if len(ss.byID) >= maxSessions {
		var oldest string
		for id, s := range ss.byID {
			if oldest == "" || s.expires.Before(ss.byID[oldest].expires) {
				oldest = id
			}
		}
		delete(ss.byID, oldest)
	}
	id := randomToken()
	s := &session{csrf: randomToken(), name: name, expires: now.Add(sessionTTL)}
	ss.byID[id] = s
	return id, s
}

func (ss *sessions) get(id string) *session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.byID[id]
	if s == nil {
		return nil
	}
	if ss.now().After(s.expires) {
		delete(ss.byID, id)
		return nil
	}
	return s
}

func (ss *sessions) revoke(id string) {
	ss.mu.Lock()
	delete(ss.byID, id)
	ss.mu.Unlock()
}

// blocked reports whether addr has used up its sign-in attempts, and for
// how long it stays blocked.
func (ss *sessions) blocked(addr string) (bool, time.Duration) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	recent := ss.recentFailures(addr)
	if len(recent) < loginFailures {
		return false, 0
	}
	return true, recent[0].Add(loginWindow).Sub(ss.now())
}

func (ss *sessions) failed(addr string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.failures[addr] = append(ss.recentFailures(addr), ss.now())
	if len(ss.failures) > maxSessions { // a flood of addresses: forget the lot rather than grow
		ss.failures = map[string][]time.Time{addr: ss.failures[addr]}
	}
}

func (ss *sessions) recentFailures(addr string) []time.Time {
	cut := ss.now().Add(-loginWindow)
	fs := ss.failures[addr]
	for len(fs) > 0 && fs[0].Before(cut) {
		fs = fs[1:]
	}
	if len(fs) == 0 {
		delete(ss.failures, addr)
	}
	return fs
}

// clientAddr is the request's peer address without the port. Forwarded
// headers are not trusted: anyone can send them.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// session returns the request's live session, if any.
func (s *Server) session(r *http.Request) *session {
	if s.Token == "" {
		return nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	return s.sessions.get(c.Value)
}

func (s *Server) loggedIn(r *http.Request) bool { return s.session(r) != nil }

// author names who made a change: the name given at sign-in, else "web".
func (s *Server) author(r *http.Request) string {
	if se := s.session(r); se != nil && se.name != "" {
		return se.name
	}
	return "web"
}

// bearer reports whether the request carries the token as a bearer.
func (s *Server) bearer(r *http.Request) bool {
	if s.Token == "" {
		return false
	}
	h := r.Header.Get("Authorization")
	return strings.HasPrefix(h, "Bearer ") && equal(strings.TrimPrefix(h, "Bearer "), s.Token)
}

// sameOrigin rejects a form posted from another site (when the browser
// says where it came from).
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	// ("null" is an opaque origin: a sandboxed frame, a data: page)
	return o == "" || strings.HasSuffix(o, "://"+r.Host)
}

// checkCSRF verifies a form's CSRF token against the session's and the
// request's origin.
func (s *Server) checkCSRF(r *http.Request) bool {
	se := s.session(r)
	// (from the form's body only: a token in a URL leaks through logs
	// and Referer)
	return se != nil && sameOrigin(r) && equal(r.PostFormValue("csrf"), se.csrf)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.Token == "" {
		s.pageError(w, r, http.StatusForbidden, "このサーバーは読み取り専用です(CASEBOOK_TOKEN が設定されていません)。")
		return
	}
	if !sameOrigin(r) {
		s.pageError(w, r, http.StatusForbidden, "別のサイトからの送信は受け付けません。")
		return
	}
	addr := clientAddr(r)
	if blocked, wait := s.sessions.blocked(addr); blocked {
		minutes := int(wait/time.Minute) + 1
		w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
		s.Log.Warn("sign-in blocked", "addr", addr)
		s.pageError(w, r, http.StatusTooManyRequests, "ログインの失敗が続いたため、しばらく受け付けません。"+strconv.Itoa(minutes)+"分ほどしてから再度お試しください。")
		return
	}
	if !equal(r.FormValue("token"), s.Token) {
		s.sessions.failed(addr)
		s.Log.Warn("sign-in failed", "addr", addr)
		s.pageError(w, r, http.StatusUnauthorized, "トークンが正しくありません。")
		return
	}
	name := strings.TrimSpace(r.FormValue("name"))
	if utf8.RuneCountInString(name) > 40 {
		name = string([]rune(name)[:40])
	}
	id, _ := s.sessions.create(name)
	s.Log.Info("signed in", "addr", addr, "name", name)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.secure(r), MaxAge: int(sessionTTL / time.Second)})
	http.Redirect(w, r, localPath(r.PostFormValue("next"), "/ingest"), http.StatusSeeOther)
}

// secure: the client reached us over TLS, directly or through a proxy the
// operator trusts to say so (X-Forwarded-Proto).
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || s.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// localPath returns next when it is a path of this site ("/cases/1"),
// else def. Browsers drop tabs and newlines and read a backslash as a
// slash, so "/\t/evil.example" would leave the site: any control
// character, backslash or a second leading slash disqualifies it.
func localPath(next, def string) string {
	if !strings.HasPrefix(next, "/") || len(next) > 2000 {
		return def
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' || unicode.IsSpace(r) {
			return def
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || strings.HasPrefix(next, "//") {
		return def
	}
	return next
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if !s.checkCSRF(r) {
		s.pageError(w, r, http.StatusForbidden, "フォームの有効期限が切れました。もう一度お試しください。")
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.sessions.revoke(c.Value)
	}
	s.Log.Info("signed out", "addr", clientAddr(r))
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// baseURL is where the client reached this server (http://127.0.0.1:8080),
// for links in what it downloads.
func (s *Server) baseURL(r *http.Request) string {
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
