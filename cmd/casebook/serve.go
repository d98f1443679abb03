package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"casebook"
	cbhttp "casebook/http"
	"casebook/ingest"
	"casebook/sqlstore"
)

func (a *app) addServeCommands(root *cobra.Command) {
	root.AddCommand(a.serveCmd(), a.benchCmd(), a.loadCmd(), a.samplesCmd())
}

// loadSamples ingests the bundled sample notices.
func loadSamples(ctx context.Context, st casebook.Store) (*casebook.IngestSummary, error) {
	return ingest.Samples(ctx, st, extractor)
}

func (a *app) serveCmd() *cobra.Command {
	var addr string
	var noSamples, allowPrivate, trustProxy, watchSources bool
	var learnSets []string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "serve the Japanese web UI and the JSON API (default 127.0.0.1:8080)",
		Long: `serve opens the database (--db, CASEBOOK_DB or the default file), loads the bundled sample
notices when it is empty, and serves the web UI and the JSON API. Writes (ingest) need the token in
CASEBOOK_TOKEN; without it the server is read-only.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if _, port, err := net.SplitHostPort(addr); err != nil || port == "" {
				return usageErr("--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080", addr)
			}
			st, err := openStore(ctx, true)
			if err != nil {
				return &exitCode{1, err}
			}
			defer st.Close()
			if cases, docs, err := st.Counts(ctx); err == nil && cases == 0 && docs == 0 && !noSamples {
				sum, err := loadSamples(ctx, st)
				if err != nil {
					return &exitCode{1, fmt.Errorf("load samples: %w", err)}
				}
				a.log.Info("loaded the bundled sample notices (見本): invented notices that show what casebook does; marked 見本 and left out of statistics and exports; remove them with `casebook samples remove` or the 見本を削除 button",
					"documents", sum.Documents, "incidents", sum.Incidents)
			}
			token := os.Getenv("CASEBOOK_TOKEN")
			srv, err := cbhttp.New(st, token, a.log)
			if err != nil {
				return &exitCode{1, err}
			}
			srv.AllowPrivateURLs = allowPrivate
			srv.TrustProxy = trustProxy
			srv.Extract = extractor
			for _, d := range learnSets {
				if _, err := os.Stat(filepath.Join(d, "gold.jsonl")); err == nil {
					srv.LearnSets = append(srv.LearnSets, d)
				}
			}
			if watchSources {
				a.startWatching(ctx, st, allowPrivate)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return &exitCode{1, fmt.Errorf("listen %s: %w", addr, err)}
			}
			mode := "read-only (set CASEBOOK_TOKEN to allow ingest and corrections)"
			if token != "" {
				mode = "ingest and corrections allowed with CASEBOOK_TOKEN"
			}
			a.log.Info("casebook serving", "url", "http://"+ln.Addr().String()+"/", "db", dbTarget(), "mode", mode)
			if err := srv.ListenAndServe(ctx, ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return &exitCode{1, err}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().BoolVar(&noSamples, "no-samples", false, "do not load the sample notices into an empty database")
	cmd.Flags().BoolVar(&trustProxy, "trust-proxy", false, "the server stands behind a proxy that terminates TLS and sets X-Forwarded-Proto (session cookies become Secure)")
	cmd.Flags().BoolVar(&allowPrivate, "allow-private-urls", false, "let URL ingest (and --watch) fetch from this machine and private networks (off: public addresses only)")
	cmd.Flags().StringSliceVar(&learnSets, "learn-sets", defaultSets, "labelled sets the web UI's 学習 button trains with, beside the casebook's corrections (those that exist)")
	cmd.Flags().BoolVar(&watchSources, "watch", false, "also check the sources (casebook sources) on their schedules, as casebook watch does")
	return cmd
}

func (a *app) benchCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "bench", Short: "measure ingest and search on synthetic notices (in a scratch database unless --db is given)",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runBench(cmd, a) }}
	cmd.Flags().Int("cases", 10000, "synthetic notices to generate and ingest")
	cmd.Flags().Int("queries", 100, "search queries to time per class")
	cmd.Flags().Int("batch", 500, "notices per transaction")
	return cmd
}

func (a *app) samplesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "samples",
		Short: "the invented sample notices (見本) serve loads into an empty casebook: remove or load them",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "remove",
		Short: "delete the sample notices and the cases made of them alone (logged as changes)",
		Args:  cobra.NoArgs,
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			n, err := casebook.RemoveSamples(cmd.Context(), st, "casebook samples remove")
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(map[string]int{"removed_documents": n})
			}
			fmt.Fprintf(a.stdout, "見本の文書%d件を削除しました\n", n)
			return nil
		}),
	}, &cobra.Command{
		Use:   "load",
		Short: "load the sample notices (marked 見本, left out of statistics and exports)",
		Args:  cobra.NoArgs,
		RunE: storeRunWith(true, func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			sum, err := loadSamples(cmd.Context(), st)
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(sum)
			}
			fmt.Fprintf(a.stdout, "見本の文書%d件(事案%d件)を取り込みました\n", sum.Documents, sum.Incidents)
			return nil
		}),
	})
	return cmd
}
