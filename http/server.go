// Package http serves the casebook to people (a Japanese web UI rendered
// on the server with html/template, charts drawn as SVG) and to programs
// (a JSON API in the shapes of ../shared/spec/cli-json.md).
//
// Notice text is untrusted: templates escape everything and pages lose
// bidirectional controls, a strict Content-Security-Policy forbids inline
// script, writes need the token (CASEBOOK_TOKEN; without one the server is
// read-only) given once for a server-side session with its own CSRF
// token, sign-in attempts are limited per address, URLs are fetched only
// from public addresses, bodies are size-limited, CSV cells cannot start
// a formula and SQL is never concatenated.
package http

import (
	"compress/gzip"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"casebook"
	"casebook/ingest"
	"casebook/jtext"
	"casebook/source"
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
	// MaxPreview limits the text the ingest form previews (bytes).
	MaxPreview int64
	// AllowPrivateURLs lets ingest fetch URLs on this machine and private
	// networks; off, the server cannot be made to read its neighbours.
	AllowPrivateURLs bool
	// Extract reads a document's records; extract.Extract when nil.
	Extract ingest.Extractor
	// LearnSets are the labelled sets (folders with gold.jsonl and texts/)
	// the 学習 button trains with, beside the casebook's corrections;
	// without them there is no button.
	LearnSets []string
	// TrustProxy: the server stands behind a proxy that terminates TLS and
	// says so in X-Forwarded-Proto (session cookies are then Secure).
	TrustProxy bool

	tmpl  *template.Template
	mux   *http.ServeMux
	heavy heavyCache
	// learned is the extractor the 学習 button installed, read by every
	// ingest while another request may set it
	learned  atomic.Pointer[ingest.Extractor]
	slots    chan struct{}
	sessions *sessions
}

// New builds a server.
func New(st Store, token string, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{Store: st, Token: token, Log: log, MaxBody: 10 << 20, MaxPreview: 1 << 20, sessions: newSessions(),
		slots: make(chan struct{}, heavySlots)}
	t, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	s.tmpl = t
	s.routes()
	return s, nil
}

// noListing serves files but not the listing of a folder.
func noListing(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(assets, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", noListing(http.FileServerFS(static))))
	m.HandleFunc("GET /{$}", s.searchPage)
	m.HandleFunc("GET /cases/{id}", s.casePage)
	m.HandleFunc("GET /dashboard", s.limitHeavy(s.dashboardPage))
	m.HandleFunc("GET /checklist", s.checklistPage)
	m.HandleFunc("POST /checklist", s.limitHeavy(s.checklistResult))
	m.HandleFunc("GET /ingest", s.ingestPage)
	m.HandleFunc("POST /ingest", s.limitHeavy(s.ingestPost))
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("POST /logout", s.logout)
	m.HandleFunc("POST /cases/{id}/correct", s.correctPost)
	m.HandleFunc("POST /cases/{id}/delete", s.deleteCasePost)
	m.HandleFunc("POST /documents/{id}/delete", s.deleteDocumentPost)
	m.HandleFunc("POST /samples/remove", s.limitHeavy(s.removeSamplesPost))
	m.HandleFunc("GET /review", s.limitHeavy(s.reviewPage))
	m.HandleFunc("POST /review", s.reviewPost)
	m.HandleFunc("POST /learn", s.limitHeavy(s.learnPost))
	m.HandleFunc("GET /sources", s.sourcesPage)
	m.HandleFunc("POST /sources", s.addSourcePost)
	m.HandleFunc("POST /sources/remove", s.removeSourcePost)

	m.HandleFunc("GET /api/cases", s.apiCases)
	m.HandleFunc("GET /api/cases/{id}", s.apiCase)
	m.HandleFunc("GET /api/cases/{id}/similar", s.apiSimilar)
	m.HandleFunc("GET /api/stats", s.limitHeavy(s.apiStats))
	m.HandleFunc("GET /api/checklist", s.apiChecklist)
	m.HandleFunc("POST /api/assess", s.limitHeavy(s.apiAssess))
	m.HandleFunc("POST /api/ingest", s.limitHeavy(s.apiIngest))
	m.HandleFunc("GET /api/export", s.limitHeavy(s.apiExport))
	m.HandleFunc("POST /api/cases/{id}/corrections", s.apiCorrect)
	m.HandleFunc("DELETE /api/cases/{id}", s.apiDeleteCase)
	m.HandleFunc("DELETE /api/documents/{id}", s.apiDeleteDocument)
	s.mux = m
}

// route finds the handler for r. A path no route has is a 404 in
// Japanese (JSON under /api/); a path served only for other methods is a
// 405 that names them in Allow.
func (s *Server) route(r *http.Request) http.Handler {
	if _, pattern := s.mux.Handler(r); pattern != "" {
		return s.mux // which sets the path values the handler reads
	}
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, p := s.mux.Handler(probe); p != "" {
			allow = append(allow, m)
		}
	}
	api := strings.HasPrefix(r.URL.Path, "/api/")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case len(allow) > 0 && api:
			w.Header().Set("Allow", strings.Join(allow, ", "))
			s.jsonError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed here; use "+strings.Join(allow, " or "))
		case len(allow) > 0:
			w.Header().Set("Allow", strings.Join(allow, ", "))
			s.pageError(w, r, http.StatusMethodNotAllowed, "このページは"+strings.Join(allow, "・")+"でのみ利用できます。")
		case api:
			s.jsonError(w, http.StatusNotFound, "no such API endpoint: "+r.Method+" "+r.URL.Path)
		default:
			s.render(w, r, http.StatusNotFound, "error.html", map[string]any{"Title": "ページが見つかりません", "Status": http.StatusNotFound,
				"Message": "お探しのページは見つかりませんでした。URLをご確認いただくか、検索から事例をお探しください。", "NotFound": true})
		}
	})
}

// ServeHTTP adds the security headers, limits bodies, compresses what
// compresses and recovers panics.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin") // (with no-referrer, browsers post forms with Origin: null, which the CSRF check refuses)
	if s.loggedIn(r) || r.Header.Get("Authorization") != "" {
		// a signed-in page carries a CSRF token: no cache may keep it
		h.Set("Cache-Control", "no-store")
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.MaxBody)
	if acceptsGzip(r) {
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.Close()
		w = gw
	}
	h.Add("Vary", "Accept-Encoding")
	defer func() {
		if v := recover(); v != nil {
			s.Log.Error("panic", "path", r.URL.Path, "err", v)
			http.Error(w, "内部エラーが発生しました。", http.StatusInternalServerError)
		}
	}()
	start := time.Now()
	s.route(r).ServeHTTP(w, r)
	s.Log.Debug("request", "method", r.Method, "path", r.URL.Path, "took", time.Since(start))
}

// fetchClient is the HTTP client URL ingest uses: public addresses only,
// unless the server was started to allow private ones.
func (s *Server) fetchClient() *http.Client {
	if s.AllowPrivateURLs {
		return nil
	}
	return source.GuardedClient(30 * time.Second)
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(part, ";")
		if strings.TrimSpace(name) != "gzip" {
			continue
		}
		q := strings.TrimSpace(params)
		if v, ok := strings.CutPrefix(q, "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			return err == nil && f > 0
		}
		return true
	}
	return false
}

// gzipWriter compresses text responses (pages, JSON, CSV, CSS, SVG); it
// decides at the first write, from the Content-Type.
type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
}

func (g *gzipWriter) WriteHeader(status int) {
	if !g.decided {
		g.decided = true
		h := g.Header()
		ct := h.Get("Content-Type")
		compressible := strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") || strings.Contains(ct, "svg") || strings.Contains(ct, "javascript")
		if compressible && h.Get("Content-Encoding") == "" && status != http.StatusNoContent && status != http.StatusNotModified {
			h.Del("Content-Length")
			h.Set("Content-Encoding", "gzip")
			g.gz, _ = gzip.NewWriterLevel(g.ResponseWriter, gzip.BestSpeed)
		}
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.gz != nil {
		return g.gz.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

// Flush lets a long export stream as it is written.
func (g *gzipWriter) Flush() {
	if g.gz != nil {
		g.gz.Flush()
	}
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets an http.ResponseController reach the connection (a long
// export moves its write deadline as it goes).
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) Close() {
	if g.gz != nil {
		g.gz.Close()
	}
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
	data["RequestURI"] = r.URL.RequestURI()
	data["Writable"] = s.Token != ""
	data["CSRF"] = ""
	se := s.session(r)
	data["LoggedIn"] = se != nil
	if _, ok := data["Samples"]; !ok {
		data["Samples"] = s.sampleCount(r.Context())
	}
	if se != nil {
		data["CSRF"] = se.csrf
		data["UserName"] = se.name
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b strings.Builder
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		s.Log.Error("template", "name", name, "err", err)
		http.Error(w, "ページを表示できませんでした。", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	// notice text may carry bidirectional controls that make a title or a
	// path read backwards; a Japanese page never needs them
	w.Write([]byte(jtext.StripBidi(b.String())))
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error.html", map[string]any{"Title": "エラー", "Status": status, "Message": msg})
}

// extractor is what reads ingested documents: the weights the 学習 button
// installed, else Extract.
func (s *Server) extractor() ingest.Extractor {
	if x := s.learned.Load(); x != nil {
		return *x
	}
	return s.Extract
}
