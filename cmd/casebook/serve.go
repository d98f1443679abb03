package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"sort"

	"github.com/spf13/cobra"

	"casebook"
	cbhttp "casebook/http"
	"casebook/ingest"
	"casebook/samples"
	"casebook/source"
)

func (a *app) addServeCommands(root *cobra.Command) {
	root.AddCommand(a.serveCmd(), a.benchCmd(), a.loadCmd())
}

// loadSamples ingests the bundled sample notices.
func loadSamples(ctx context.Context, st casebook.Store) (*casebook.IngestSummary, error) {
	fsys := samples.Notices()
	var names []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	sum := &casebook.IngestSummary{Failed: []casebook.IngestFailed{}}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		doc, err := source.FromBytes(ctx, "samples/"+n, b, source.Options{})
		if err != nil {
			sum.Failed = append(sum.Failed, casebook.IngestFailed{Input: n, Error: err.Error()})
			continue
		}
		nd, err := ingest.Prepare(doc, extractor)
		if err != nil {
			sum.Failed = append(sum.Failed, casebook.IngestFailed{Input: n, Error: err.Error()})
			continue
		}
		one, _, err := ingest.AddOne(ctx, st, nd)
		if err != nil {
			return nil, err
		}
		sum.Documents += one.Documents
		sum.Incidents += one.Incidents
		sum.NotIncidents += one.NotIncidents
		sum.Duplicates += one.Duplicates
	}
	return sum, nil
}

func (a *app) serveCmd() *cobra.Command {
	var addr string
	var noSamples, allowPrivate, trustProxy bool
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
				a.log.Info("loaded the bundled sample notices", "documents", sum.Documents, "incidents", sum.Incidents)
			}
			token := os.Getenv("CASEBOOK_TOKEN")
			srv, err := cbhttp.New(st, token, a.log)
			if err != nil {
				return &exitCode{1, err}
			}
			srv.AllowPrivateURLs = allowPrivate
			srv.TrustProxy = trustProxy
			srv.Extract = extractor
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
	cmd.Flags().BoolVar(&allowPrivate, "allow-private-urls", false, "let URL ingest fetch from this machine and private networks (off: public addresses only)")
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
