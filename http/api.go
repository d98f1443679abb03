package http

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"casebook"
	"casebook/appi"
	"casebook/export"
	"casebook/ingest"
	"casebook/query"
	"casebook/source"
)

// parseQuery reads the search filters from a URL query (see package
// query): the same names the CLI's flags have.
func parseQuery(v url.Values) (casebook.SearchQuery, error) {
	return query.Parse(v.Get("q"), query.Values(v))
}

// requestQuery parses the request's query string strictly: a malformed
// pair (sort=; — Go drops it silently) is the client's error, not an
// unfiltered search.
func requestQuery(r *http.Request) (casebook.SearchQuery, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return casebook.SearchQuery{}, fmt.Errorf("malformed query string: %v", err)
	}
	return parseQuery(v)
}

func (s *Server) apiCases(w http.ResponseWriter, r *http.Request) {
	q, err := requestQuery(r)
	if err != nil {
		s.jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	res, err := s.Store.Search(r.Context(), q)
	if err != nil {
		s.storeError(w, r, err, true)
		return
	}
	s.writeJSON(w, http.StatusOK, res)
}

// caseWithJudgement loads a case and judges it.
func (s *Server) caseWithJudgement(ctx context.Context, id string) (*casebook.Case, error) {
	c, err := s.Store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	c.Judgement = appi.Judge(&c.Record)
	return c, nil
}

func (s *Server) apiCase(w http.ResponseWriter, r *http.Request) {
	c, err := s.caseWithJudgement(r.Context(), r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err, true)
		return
	}
	s.writeJSON(w, http.StatusOK, c)
}

func (s *Server) apiSimilar(w http.ResponseWriter, r *http.Request) {
	c, err := s.Store.Case(r.Context(), r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err, true)
		return
	}
	sim, err := casebook.SimilarCases(r.Context(), s.Store, c, 10)
	if err != nil {
		s.storeError(w, r, err, true)
		return
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"id": c.ID, "similar": sim})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.stats(r.Context())
	if err != nil {
		s.storeError(w, r, err, true)
		return
	}
	s.writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiChecklist(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, http.StatusOK, appi.Catalogue)
}

// maxAnswers bounds a self-assessment's body: the catalogue has some
// forty questions.
const maxAnswers = 64 << 10

func (s *Server) apiAssess(w http.ResponseWriter, r *http.Request) {
	var a appi.Answers
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAnswers))
	if err := dec.Decode(&a); err != nil {
		s.jsonError(w, tooLarge(err, http.StatusBadRequest), "body must be a JSON object of safeguard ids to lists of yes/no answers (at most 64 KiB): "+err.Error())
		return
	}
	for id, qs := range a {
		if len(id) > 32 || len(qs) > 64 {
			s.jsonError(w, http.StatusBadRequest, "unknown safeguard or too many answers: "+strconv.Quote(id))
			return
		}
	}
	cs, _, err := s.caseSafeguards(r.Context())
	if err != nil {
		s.storeError(w, r, err, true)
		return
	}
	s.writeJSON(w, http.StatusOK, appi.Assess(a, cs))
}

// ingestInput is what can be ingested over HTTP.
type ingestInput struct {
	Text string `json:"text"`
	URL  string `json:"url"`
	Name string `json:"name"`
}

// readDocument turns a text, an upload or a URL into a document.
func (s *Server) readDocument(ctx context.Context, in ingestInput, upload []byte, uploadName string) (*source.Document, error) {
	switch {
	case upload != nil:
		return source.FromBytes(ctx, uploadName, upload, source.Options{})
	case in.URL != "":
		if !source.IsURL(in.URL) {
			return nil, errNotHTTP
		}
		return source.Read(ctx, in.URL, nil, source.Options{MaxBytes: s.MaxBody, Client: s.fetchClient()})
	case strings.TrimSpace(in.Text) != "":
		name := in.Name
		if name == "" {
			name = "pasted.txt"
		}
		return source.FromBytes(ctx, name, []byte(in.Text), source.Options{})
	}
	return nil, errNothingGiven
}

var (
	errNotHTTP      = errors.New("url must start with http:// or https://")
	errNothingGiven = errors.New("give a text, a file or a url")
)

func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if !s.requireBearer(w, r) {
		return
	}
	var in ingestInput
	var upload []byte
	name := ""
	ct := r.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "multipart/form-data"):
		f, hdr, err := r.FormFile("file")
		if err != nil {
			s.jsonError(w, tooLarge(err, http.StatusBadRequest), "multipart upload needs a file field: "+err.Error())
			return
		}
		upload, err = io.ReadAll(f)
		f.Close()
		if err != nil {
			s.jsonError(w, tooLarge(err, http.StatusBadRequest), "upload: "+err.Error())
			return
		}
		name = hdr.Filename
	default:
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			s.jsonError(w, tooLarge(err, http.StatusBadRequest), `body must be JSON {"text": "..."} or {"url": "..."}: `+err.Error())
			return
		}
	}
	doc, err := s.readDocument(r.Context(), in, upload, name)
	if err != nil {
		s.jsonError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	nd, err := ingest.Prepare(doc, s.extractor())
	if err != nil {
		s.Log.Error("extract", "name", doc.Name, "err", err, "addr", clientAddr(r))
		s.jsonError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	sum, ids, err := ingest.AddOne(r.Context(), s.Store, nd)
	if err != nil {
		s.storeError(w, r, err, true)
		return
	}
	s.Log.Info("ingested", "name", doc.Name, "documents", sum.Documents, "incidents", sum.Incidents, "by", "api", "addr", clientAddr(r))
	sum.Cases = []*casebook.Case{}
	for _, id := range ids {
		if c, err := s.Store.Case(r.Context(), id); err == nil {
			sum.Cases = append(sum.Cases, c)
		}
	}
	s.writeJSON(w, http.StatusCreated, sum)
}

func tooLarge(err error, otherwise int) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	return otherwise
}

// apiExport writes the cases the query selects (the search page's
// parameters; every case without any) as CSV, JSON Lines or VERIS.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	format := v.Get("format")
	if format == "" {
		format = "csv"
	}
	var ct, ext string
	switch format {
	case "csv":
		ct, ext = "text/csv; charset=utf-8", "csv"
	case "jsonl":
		ct, ext = "application/x-ndjson; charset=utf-8", "jsonl"
	case "veris":
		ct, ext = "application/x-ndjson; charset=utf-8", "veris.jsonl"
	default:
		s.jsonError(w, http.StatusBadRequest, fmt.Sprintf("unknown format %q (csv, jsonl or veris)", format))
		return
	}
	q, err := parseQuery(v)
	if err != nil {
		s.jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	w.Header().Set("Content-Type", ct)
	// named after what it holds: casebook-誤送付・誤送信-教育-2024-20261203.csv
	// (RFC 6266: an ASCII fallback, and the UTF-8 name)
	name := export.FileName(q, time.Now(), ext)
	w.Header().Set("Content-Disposition", `attachment; filename="casebook-`+time.Now().Format("20060102")+`.`+ext+`"; filename*=UTF-8''`+url.PathEscape(name))
	// a long export streams: each stretch of cases is flushed and moves
	// the write deadline on, so the server's write timeout bounds a
	// stalled client, not the size of the casebook
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Now().Add(exportStall))
	x, _ := export.NewWriter(w, format)
	x.BaseURL = s.baseURL(r)
	n := 0
	write := func(c *casebook.Case) error {
		if err := x.Write(c); err != nil {
			return err
		}
		if n++; n%exportFlushEvery == 0 {
			x.Flush()
			rc.Flush()
			rc.SetWriteDeadline(time.Now().Add(exportStall))
		}
		return nil
	}
	if err := export.Each(r.Context(), s.Store, q, v.Get("samples") == "1", write); err != nil {
		// the header is out: the reader sees a short file, the log why
		s.Log.Error("export", "err", err, "cases", n)
	}
	x.Close()
}

// A streaming export flushes every exportFlushEvery cases and gives the
// client exportStall to take each stretch.
const (
	exportFlushEvery = 200
	exportStall      = 60 * time.Second
)
