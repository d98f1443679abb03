package http

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"casebook"
	"casebook/appi"
	"casebook/ingest"
	"casebook/source"
)

func (s *Server) ingestPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "ingest.html", map[string]any{"Title": "取り込み"})
}

// ingestPost previews (action=preview) or stores (action=store) a pasted
// text, an uploaded file or a URL. It needs the session and CSRF token.
func (s *Server) ingestPost(w http.ResponseWriter, r *http.Request) {
	if s.Token == "" {
		s.pageError(w, r, http.StatusForbidden, "このサーバーは読み取り専用です(CASEBOOK_TOKEN が設定されていません)。")
		return
	}
	if !s.loggedIn(r) {
		s.pageError(w, r, http.StatusUnauthorized, "取り込みにはトークンでのログインが必要です。")
		return
	}
	if err := r.ParseMultipartForm(s.MaxBody); err != nil && err != http.ErrNotMultipart {
		s.pageError(w, r, tooLarge(err, http.StatusBadRequest), "送信内容が大きすぎるか、読み取れませんでした。")
		return
	}
	if !s.checkCSRF(r) {
		s.pageError(w, r, http.StatusForbidden, "フォームの有効期限が切れました。ページを開き直してください。")
		return
	}
	in := ingestInput{Text: r.FormValue("text"), URL: strings.TrimSpace(r.FormValue("url")), Name: r.FormValue("name")}
	var upload []byte
	name := ""
	if f, hdr, err := r.FormFile("file"); err == nil {
		upload, err = io.ReadAll(f)
		f.Close()
		if err != nil {
			s.pageError(w, r, tooLarge(err, http.StatusBadRequest), "ファイルを読み取れませんでした。")
			return
		}
		if len(upload) == 0 {
			upload = nil
		}
		name = hdr.Filename
	}
	doc, err := s.readDocument(r.Context(), in, upload, name)
	if err != nil {
		s.render(w, r, http.StatusUnprocessableEntity, "ingest.html", map[string]any{"Title": "取り込み", "Error": ingestMessage(err), "Text": in.Text, "URL": in.URL})
		return
	}
	if r.FormValue("action") != "store" {
		if int64(len(doc.Text)) > s.MaxPreview {
			s.render(w, r, http.StatusRequestEntityTooLarge, "ingest.html", map[string]any{"Title": "取り込み",
				"Error": fmt.Sprintf("本文が長すぎて確認画面に表示できません(%s、上限%s)。コマンドの casebook ingest で取り込んでください。",
					humanBytes(int64(len(doc.Text))), humanBytes(s.MaxPreview))}) // not echoed back
			return
		}
		nd, err := ingest.Prepare(doc, s.extractor())
		if err != nil {
			s.extractError(w, r, doc, err)
			return
		}
		recs := nd.Records
		judged := make([]judgedRecord, len(recs))
		for i := range recs {
			judged[i] = judgedRecord{Record: recs[i], Pieces: highlight(doc.Text, recs[i].Span, recs[i].Evidence)}
			if recs[i].IsIncident() {
				judged[i].Judgement = appi.Judge(&recs[i])
			}
		}
		text := in.Text
		if text == "" {
			text = doc.Text // a file or a URL: what was read from it is what gets stored
		}
		s.render(w, r, http.StatusOK, "ingest.html", map[string]any{"Title": "取り込み(確認)", "Preview": judged,
			"Text": text, "Name": doc.Name, "Format": doc.Format})
		return
	}
	nd, err := ingest.Prepare(doc, s.extractor())
	if err != nil {
		s.extractError(w, r, doc, err)
		return
	}
	sum, ids, err := ingest.AddOne(r.Context(), s.Store, nd)
	if err != nil {
		s.storeError(w, r, err, false)
		return
	}
	s.Log.Info("ingested", "name", doc.Name, "documents", sum.Documents, "incidents", sum.Incidents, "by", s.author(r), "addr", clientAddr(r))
	var stored []*casebook.Case
	for _, id := range ids {
		if c, err := s.Store.Case(r.Context(), id); err == nil {
			stored = append(stored, c)
		}
	}
	s.render(w, r, http.StatusOK, "ingest.html", map[string]any{"Title": "取り込み(完了)", "Summary": sum, "Stored": stored})
}

type judgedRecord struct {
	casebook.Record
	Judgement *casebook.Judgement
	Pieces    []piece // the record's text with the evidence marked
}

// ingestMessage says in Japanese why a document could not be read.
func ingestMessage(err error) string {
	switch {
	case errors.Is(err, source.ErrPrivateAddress):
		return "このサーバーからは、このマシンや社内ネットワーク上のアドレスは取得できません(公開サイトのURLを指定してください)。"
	case errors.Is(err, errNothingGiven):
		return "本文を貼り付けるか、ファイルまたはURLを指定してください。"
	case errors.Is(err, errNotHTTP):
		return "URLは http:// または https:// で始めてください。"
	}
	return err.Error()
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " バイト"
}

// extractError tells that a document could not be read into records (a
// bug in the extractor); nothing was stored.
func (s *Server) extractError(w http.ResponseWriter, r *http.Request, doc *source.Document, err error) {
	s.Log.Error("extract", "name", doc.Name, "err", err, "addr", clientAddr(r))
	s.render(w, r, http.StatusUnprocessableEntity, "ingest.html", map[string]any{"Title": "取り込み",
		"Error": "「" + doc.Name + "」から事例を抽出できませんでした(casebook の不具合です。何も保存していません): " + err.Error()})
}
