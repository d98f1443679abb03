package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook"
	"casebook/source"
	"casebook/sqlstore"
	"casebook/watch"
)

// The places casebook watches for new notices (package watch).

func (a *app) addWatchCommands(root *cobra.Command) {
	root.AddCommand(a.sourcesCmd(), a.watchCmd())
}

// watcher makes the watcher over st; allowPrivate lets it fetch from this
// machine and private networks (off: public addresses only).
func (a *app) watcher(st casebook.WatchStore, allowPrivate bool) *watch.Watcher {
	w := &watch.Watcher{Store: st, Extract: extractor, Log: a.log}
	if allowPrivate {
		w.Client = &http.Client{Timeout: 30 * time.Second}
	} else {
		w.Client = source.GuardedClient(30 * time.Second)
	}
	return w
}

func (a *app) sourcesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "the feeds and news-list pages casebook watches for new notices: add, list, remove, check",
	}
	var every time.Duration
	var name string
	add := &cobra.Command{
		Use:   "add URL [--every 6h] [--name NAME]",
		Short: "watch an RSS/Atom feed or an HTML page that lists links to notices",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			u, err := url.Parse(args[0])
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return usageErr("%q: want an http(s) URL", args[0])
			}
			if every < 10*time.Minute {
				return usageErr("--every %s: at least 10m, so that a site is not asked too often", every)
			}
			if name == "" {
				name = u.Host + strings.TrimSuffix(u.Path, "/")
			}
			st, err := openStore(cmd.Context(), true)
			if err != nil {
				return &exitCode{1, err}
			}
			defer st.Close()
			w, err := st.AddWatch(cmd.Context(), casebook.Watch{Name: name, URL: u.String(), Every: every, NextCheck: time.Now()})
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(w)
			}
			fmt.Fprintf(a.stdout, "情報源を追加しました: %s (%s、%sごと)。casebook sources check %s で今すぐ確認できます\n", w.Name, w.URL, every, w.Name)
			return nil
		},
	}
	add.Flags().DurationVar(&every, "every", 6*time.Hour, "how often to check it (at least 10m)")
	add.Flags().StringVar(&name, "name", "", "a name for it (default: its host and path)")
	list := &cobra.Command{
		Use:   "list",
		Short: "the sources: name, URL, kind, last checked, last success, new documents, last error",
		Args:  cobra.NoArgs,
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			ws, err := st.Watches(cmd.Context())
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				if ws == nil {
					ws = []casebook.Watch{}
				}
				return a.writeJSON(ws)
			}
			if len(ws) == 0 {
				fmt.Fprintln(a.stdout, "情報源はありません: casebook sources add URL で追加します")
			}
			for _, w := range ws {
				fmt.Fprintf(a.stdout, "%s  %s  [%s] %sごと\n  最終確認 %s / 最終成功 %s / 取り込んだ文書 %d件 / 次回 %s\n", w.Name, w.URL, kindLabel(w.Kind), w.Every,
					timeOr(w.LastChecked), timeOr(w.LastSuccess), w.NewDocuments, w.NextCheck.Local().Format("2006-01-02 15:04"))
				if w.LastError != "" {
					fmt.Fprintf(a.stdout, "  直近のエラー(%d回連続): %s\n", w.Failures, w.LastError)
				}
			}
			return nil
		}),
	}
	remove := &cobra.Command{
		Use:   "remove NAME|URL",
		Short: "stop watching a source (what it brought in stays)",
		Args:  cobra.ExactArgs(1),
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			if err := st.RemoveWatch(cmd.Context(), args[0]); err != nil {
				return &exitCode{1, err}
			}
			fmt.Fprintf(a.stdout, "情報源を削除しました: %s\n", args[0])
			return nil
		}),
	}
	var allowPrivate bool
	check := &cobra.Command{
		Use:   "check [NAME]",
		Short: "check every source (or one) once, now",
		Args:  cobra.MaximumNArgs(1),
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			name := strings.Join(args, "")
			res, err := a.watcher(st, allowPrivate).CheckAll(cmd.Context(), true, name)
			if err != nil {
				return &exitCode{1, err}
			}
			failed := false
			for _, r := range res {
				failed = failed || r.Err != ""
			}
			if a.json {
				if res == nil {
					res = []watch.Result{}
				}
				if err := a.writeJSON(res); err != nil {
					return err
				}
			} else {
				for _, r := range res {
					fmt.Fprintf(a.stdout, "%s [%s]: 項目 %d / 新規 %d / 更新 %d / 既出 %d / 対象外 %d\n", r.Watch, kindLabel(r.Kind), r.Items, r.New, r.Updated, r.Unchanged, r.Skipped)
					if r.Err != "" {
						fmt.Fprintf(a.stdout, "  失敗: %s\n", r.Err)
					}
					for _, e := range r.Errors {
						fmt.Fprintf(a.stdout, "  項目のエラー: %s\n", e)
					}
				}
			}
			if failed {
				return partialFailure
			}
			return nil
		}),
	}
	check.Flags().BoolVar(&allowPrivate, "allow-private-urls", false, "let it fetch from this machine and private networks (off: public addresses only)")
	cmd.AddCommand(add, list, remove, check)
	return cmd
}

func (a *app) watchCmd() *cobra.Command {
	var allowPrivate bool
	var tick time.Duration
	cmd := &cobra.Command{
		Use:   "watch",
		Short: "check every source on its schedule until stopped (one watcher per casebook)",
		Args:  cobra.NoArgs,
		RunE: storeRunWith(true, func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			a.log.Info("watching the sources", "db", dbTarget())
			if err := a.watcher(st, allowPrivate).Run(cmd.Context(), tick); err != nil {
				return &exitCode{1, err}
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&allowPrivate, "allow-private-urls", false, "let it fetch from this machine and private networks (off: public addresses only)")
	cmd.Flags().DurationVar(&tick, "tick", time.Minute, "how often to look for sources whose time has come")
	return cmd
}

// startWatching runs the watcher beside the server (serve --watch).
func (a *app) startWatching(ctx context.Context, st casebook.WatchStore, allowPrivate bool) {
	go func() {
		if err := a.watcher(st, allowPrivate).Run(ctx, time.Minute); err != nil {
			a.log.Error("watch", "err", err)
		}
	}()
}

func kindLabel(k string) string {
	switch k {
	case casebook.WatchFeed:
		return "フィード"
	case casebook.WatchPage:
		return "一覧ページ"
	}
	return "未確認"
}

func timeOr(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return t.Local().Format("2006-01-02 15:04")
}
