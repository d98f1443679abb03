package http

import (
	"context"
	"fmt"
	"net/http"

	"casebook/extract"
	"casebook/ingest"
	"casebook/teach"
)

// 学習: a signed-in user turns what people confirmed and corrected into
// this casebook's own weights (package teach), from the review page.
// Training needs the labelled sets the bundled weights were learned from
// (Server.LearnSets); without them the button is not offered.

// learnState is what the review page shows of learning.
func (s *Server) learnState(ctx context.Context) map[string]any {
	st, ok := s.Store.(teach.Store)
	if !ok {
		return nil
	}
	f, installed, _ := teach.Installed(ctx, st)
	return map[string]any{"Available": len(s.LearnSets) > 0, "Figures": f, "Installed": installed}
}

func (s *Server) learnPost(w http.ResponseWriter, r *http.Request) {
	if !s.requireWriter(w, r) {
		return
	}
	st, ok := s.Store.(teach.Store)
	if !ok || len(s.LearnSets) == 0 {
		s.pageError(w, r, http.StatusNotFound, "このサーバーでは学習できません(正解つきの公表文のフォルダが指定されていません: serve --learn-sets)。")
		return
	}
	f, m, err := teach.FromCasebook(r.Context(), st, s.LearnSets)
	if err != nil {
		s.pageError(w, r, http.StatusUnprocessableEntity, "学習できませんでした: "+err.Error())
		return
	}
	msg := fmt.Sprintf("交差検証(群ごと)のフィールドF1: 同梱の群 %.3f → %.3f、このcasebookの確認・修正 %.3f(%d件を含む%d件から学習)。",
		f.Before, f.After, f.Team, f.TeamNotices, f.Notices)
	if !f.Installed {
		s.render(w, r, http.StatusOK, "error.html", map[string]any{"Title": "学習した重みは使いません", "Message": msg + " " + f.Refused + "。これまでの重みのままです。"})
		return
	}
	x := ingest.Extractor(extract.New(m).Extract)
	s.learned.Store(&x)
	s.Log.Info("learned from corrections", "before", f.Before, "after", f.After, "team", f.Team, "by", s.author(r), "addr", clientAddr(r))
	s.render(w, r, http.StatusOK, "error.html", map[string]any{"Title": "学習しました", "Done": true,
		"Message": msg + " これからの取り込みはこの重みで読みます(取り込み済みの文書は casebook reextract で読み直せます)。"})
}
