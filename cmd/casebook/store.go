package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"casebook"
	"casebook/export"
	"casebook/extract"
	"casebook/ingest"
	"casebook/postgres"
	"casebook/query"
	"casebook/source"
	"casebook/sqlite"
	"casebook/sqlstore"
	"casebook/teach"
)

// dbFlag is --db; CASEBOOK_DB and the default file apply when empty.
var dbFlag string

// defaultDB is casebook.db in the user's data directory.
func defaultDB() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "casebook", "casebook.db")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "casebook", "casebook.db")
	}
	return "casebook.db"
}

func dbTarget() string {
	switch {
	case dbFlag != "":
		return dbFlag
	case os.Getenv("CASEBOOK_DB") != "":
		return os.Getenv("CASEBOOK_DB")
	}
	return defaultDB()
}

// storeRun wraps a command that reads the database: it opens the store
// named by --db, CASEBOOK_DB or the default (which must exist), and closes
// it after.
func storeRun(fn func(cmd *cobra.Command, args []string, st *sqlstore.DB) error) func(*cobra.Command, []string) error {
	return storeRunWith(false, fn)
}

// storeRunWith is storeRun for a command that may create the casebook.
func storeRunWith(create bool, fn func(cmd *cobra.Command, args []string, st *sqlstore.DB) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		st, err := openStore(cmd.Context(), create)
		if err != nil {
			return &exitCode{1, err}
		}
		defer st.Close()
		return fn(cmd, args, st)
	}
}

// openStore opens the database named by --db, CASEBOOK_DB or the default.
// Only commands that store (ingest, serve, bench) create a SQLite file that
// does not exist yet; for the others a missing file is a mistyped path.
func openStore(ctx context.Context, create bool) (*sqlstore.DB, error) {
	st, err := openDB(ctx, create)
	if err != nil {
		return nil, err
	}
	if err := useCasebookModel(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func openDB(ctx context.Context, create bool) (*sqlstore.DB, error) {
	t := dbTarget()
	if strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://") {
		return postgres.Open(ctx, t)
	}
	path := strings.TrimPrefix(t, "sqlite://")
	if !create {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no casebook database at %s (casebook ingest PATH creates one; casebook serve creates one with the bundled samples)", path)
		}
	}
	return sqlite.Open(ctx, path)
}

// useCasebookModel makes ingest and reextract of this casebook read with
// the weights its team trained (casebook train --install), when it has
// any; else the bundled ones stay.
func useCasebookModel(ctx context.Context, st *sqlstore.DB) error {
	b, _, ok, err := st.Setting(ctx, teach.KeyModel)
	if err != nil || !ok {
		return err
	}
	m, err := extract.ParseModel(b)
	if err != nil {
		return fmt.Errorf("this casebook's extraction weights: %w (casebook train --reset returns to the bundled ones)", err)
	}
	extractor = extract.New(m).Extract
	return nil
}

// hintIfEmpty tells on stderr how to fill the casebook when it is empty.
func (a *app) hintIfEmpty(ctx context.Context, st *sqlstore.DB) {
	if cases, docs, err := st.Counts(ctx); err == nil && cases == 0 && docs == 0 {
		fmt.Fprintln(a.stderr, emptyHint)
	}
}

// emptyHint tells how to fill an empty casebook.
const emptyHint = "casebook は空です。casebook ingest PATH で公表文を取り込むか、casebook serve で同梱のサンプルを読み込んでください。"

func (a *app) addStoreCommands(root *cobra.Command) {
	root.PersistentFlags().StringVar(&dbFlag, "db", "", "database: a file path (SQLite) or postgres:// DSN (default $CASEBOOK_DB or "+defaultDB()+")")
	root.AddCommand(a.ingestCmd(), a.reextractCmd(), a.searchCmd(), a.showCmd(), a.similarCmd(),
		a.statsCmd(), a.exportCmd(), a.mergeCmd(), a.splitCmd(), a.correctCmd(), a.deleteCmd(), a.reviewCmd())
	a.addJudgeCommands(root)
	a.addServeCommands(root)
	a.addWatchCommands(root)
}

func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// progress draws a one-line progress bar on a terminal, or logs a line
// every few seconds when stderr is not one.
type progress struct {
	w     io.Writer
	tty   bool
	last  time.Time
	label string
}

func newProgress(w io.Writer, label string) *progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &progress{w: w, tty: tty, label: label}
}

func (p *progress) update(pr ingest.Progress) {
	rate := float64(pr.Done) / max(pr.Elapsed.Seconds(), 1e-3)
	if p.tty {
		width := 30
		filled := 0
		if pr.Total > 0 {
			filled = pr.Done * width / pr.Total
		}
		fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d  %.0f 件/s  エラー %d ", p.label, strings.Repeat("█", filled),
			strings.Repeat("·", width-filled), pr.Done, pr.Total, rate, pr.Errors)
		if pr.Done == pr.Total {
			fmt.Fprintln(p.w)
		}
		return
	}
	if time.Since(p.last) >= 5*time.Second || pr.Done == pr.Total {
		p.last = time.Now()
		fmt.Fprintf(p.w, "%s %s/%s件  %.0f件/秒  エラー %d件\n", p.label, casebook.Comma(int64(pr.Done)), casebook.Comma(int64(pr.Total)), rate, pr.Errors)
	}
}

func (a *app) ingestCmd() *cobra.Command {
	var enc string
	var batch int
	cmd := &cobra.Command{
		Use:   "ingest [PATH|URL|-]...",
		Short: "extract notices and store them in the casebook database",
		Long: `ingest reads each input like extract does and stores the documents (source, fetch time,
SHA-256, decoded text) and their records, grouped into cases. Ingesting the same content twice stores
it once. Exit status 1 when some input failed (each named); everything good is stored.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if enc != "" {
				if _, err := source.LookupEncoding(enc); err != nil {
					return usageErr("%v", err)
				}
			}
			st, err := openStore(cmd.Context(), true)
			if err != nil {
				return &exitCode{1, err}
			}
			defer st.Close()
			pb := newProgress(a.stderr, "取り込み中")
			sum, err := ingest.Run(cmd.Context(), st, args, ingest.Options{
				Extract: extractor,
				Source:  source.Options{Encoding: enc}, BatchSize: batch, Stdin: a.stdin, OnProgress: pb.update})
			if err != nil && !errors.Is(err, context.Canceled) {
				return &exitCode{1, err}
			}
			if a.json {
				a.writeJSON(sum)
			} else {
				n := func(x int) string { return casebook.Comma(int64(x)) }
				fmt.Fprintf(a.stdout, "文書 %s件 (重複 %s件) / 事案 %s件 / 事案以外 %s件 / 失敗 %s件\n",
					n(sum.Documents), n(sum.Duplicates), n(sum.Incidents), n(sum.NotIncidents), n(len(sum.Failed)))
			}
			for _, w := range sum.Warnings {
				fmt.Fprintf(a.stderr, "casebook: warning: %s: %s\n", inputName(w.Input), w.Error)
			}
			if !a.json {
				for _, f := range sum.Failed {
					fmt.Fprintf(a.stderr, "casebook: %s: %s\n", inputName(f.Input), f.Error)
				}
			}
			if len(sum.Failed) > 0 || err != nil {
				return partialFailure
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&enc, "encoding", "", "force the input encoding")
	cmd.Flags().IntVar(&batch, "batch", 64, "documents per transaction")
	return cmd
}

func (a *app) reextractCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reextract",
		Short: "re-run the current extraction rules over every stored document",
		Args:  cobra.NoArgs,
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			n := 0
			failed := []casebook.IngestFailed{}
			err := st.EachDocument(cmd.Context(), func(d *casebook.Document) error {
				recs, xerr := extractor.Run(d.Text, extract.Options{Headings: d.Headings, PageTitle: d.PageTitle})
				if xerr != nil {
					// the document keeps the records it had
					failed = append(failed, casebook.IngestFailed{Input: d.PathOrURL, Error: xerr.Error()})
					fmt.Fprintf(a.stderr, "casebook: %s (document %d): %v\n", inputName(d.PathOrURL), d.ID, xerr)
					return nil
				}
				for i := range recs {
					recs[i].File = filepath.Base(d.PathOrURL)
				}
				n++
				return st.ReplaceRecords(cmd.Context(), d.ID, recs)
			})
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				if werr := a.writeJSON(map[string]any{"documents": n, "failed": failed}); werr != nil {
					return werr
				}
			} else {
				fmt.Fprintf(a.stdout, "%d件の文書を再抽出しました\n", n)
			}
			if len(failed) > 0 {
				return partialFailure
			}
			return nil
		}),
	}
}

// queryFlags are the search filters shared by search and export. They
// are read by package query, as the API's parameters are: codes or
// Japanese labels, dates as people type them.
type queryFlags struct {
	causes, items, sectors, orgKinds []string
	kinds, years                     []string
	since, until, org, sort          string
	minAffected, limit, offset       string
	reportable, late, needsReview    bool
}

func (f *queryFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&f.causes, "cause", nil, "cause, any of (code or label; see casebook codes): "+codeList(casebook.Causes))
	fl.StringSliceVar(&f.items, "item", nil, "data item, any of: "+codeList(casebook.DataItems))
	fl.StringSliceVar(&f.sectors, "sector", nil, "sector, any of: "+codeList(casebook.Sectors))
	fl.StringSliceVar(&f.orgKinds, "org-kind", nil, "kind of organization, any of (schools whoever runs them: school_board, school, university): "+codeList(casebook.OrgKinds))
	fl.StringSliceVar(&f.kinds, "kind", nil, "kind: "+codeList(casebook.Kinds))
	fl.StringSliceVar(&f.years, "year", nil, "year(s) of the case date (2024)")
	fl.StringVar(&f.since, "since", "", "from this date (2025-01-01, 2025/1/1, 令和7年1月1日)")
	fl.StringVar(&f.until, "until", "", "until this date")
	fl.StringVar(&f.org, "org", "", "organization contains")
	fl.StringVar(&f.minAffected, "min-affected", "", "at least this many people affected")
	fl.BoolVar(&f.reportable, "reportable", false, "only cases reportable to the PPC (報告対象事態)")
	fl.BoolVar(&f.late, "late", false, "only cases whose report to the PPC was late")
	fl.BoolVar(&f.needsReview, "needs-review", false, "only cases with a field extraction was unsure of that no person confirmed (要確認)")
	fl.StringVar(&f.sort, "sort", "date", "date, affected or relevance")
	fl.StringVar(&f.limit, "limit", "20", "cases per page")
	fl.StringVar(&f.offset, "offset", "0", "skip this many cases")
}

// codeList is a vocabulary for a flag's help: "loss (紛失), …".
func codeList(v []casebook.Term) string { return query.Choices(v) }

func (f *queryFlags) query(q string) (casebook.SearchQuery, error) {
	v := query.Values{query.Cause: f.causes, query.Item: f.items, query.Sector: f.sectors, query.OrgKind: f.orgKinds, query.Kind: f.kinds,
		query.Year: f.years, query.Since: {f.since}, query.Until: {f.until}, query.Org: {f.org}, query.Sort: {f.sort},
		query.MinAffected: {f.minAffected}, query.Limit: {f.limit}, query.Offset: {f.offset},
		query.Reportable: {strconv.FormatBool(f.reportable)}, query.Late: {strconv.FormatBool(f.late)},
		query.NeedsReview: {strconv.FormatBool(f.needsReview)}}
	sq, err := query.Parse(q, v)
	var qe *query.Error
	if errors.As(err, &qe) {
		// the flag, as the user typed it
		return sq, fmt.Errorf("--%s %q: want %s", strings.ReplaceAll(qe.Param, "_", "-"), qe.Value, qe.Want)
	}
	return sq, err
}

func (a *app) searchCmd() *cobra.Command {
	var f queryFlags
	cmd := &cobra.Command{
		Use:   "search [QUERY]",
		Short: "full-text search over cases, with filters and facet counts",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := f.query(strings.Join(args, " "))
			if err != nil {
				return usageErr("%v", err)
			}
			st, err := openStore(cmd.Context(), false)
			if err != nil {
				return &exitCode{1, err}
			}
			defer st.Close()
			res, err := st.Search(cmd.Context(), q)
			if err != nil {
				return &exitCode{1, err}
			}
			if res.Total == 0 {
				a.hintIfEmpty(cmd.Context(), st)
			}
			if a.json {
				return a.writeJSON(res)
			}
			fmt.Fprintf(a.stdout, "%s件\n", casebook.Comma(int64(res.Total)))
			for _, c := range res.Cases {
				count := casebook.People(c.Affected)
				fmt.Fprintf(a.stdout, "%s  %s  %s  %s  [%s]\n    %s\n", c.ID, dash(c.Date()), dash(c.Organization), count,
					labels(casebook.Causes, c.Causes), c.Title)
			}
			writeFacets(a.stdout, res.Facets)
			return nil
		},
	}
	f.add(cmd)
	return cmd
}

func writeFacets(w io.Writer, f casebook.Facets) {
	show := func(name string, m map[string]int, v []casebook.Term) {
		if len(m) == 0 {
			return
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
		parts := make([]string, len(keys))
		for i, k := range keys {
			label := k
			if v != nil {
				label = casebook.Label(v, k)
			}
			parts[i] = fmt.Sprintf("%s %d", label, m[k])
		}
		fmt.Fprintf(w, "%s: %s\n", name, strings.Join(parts, " / "))
	}
	fmt.Fprintln(w)
	show("原因", f.Causes, casebook.Causes)
	show("項目", f.DataItems, casebook.DataItems)
	show("業種", f.Sectors, casebook.Sectors)
	show("組織の種類", f.OrgKinds, casebook.OrgKinds)
	show("年", f.Years, nil)
}

// caseHeader names a case for the head of its summary: its ID and the
// files or URLs of its sources.
func caseHeader(c *casebook.Case) string {
	var names []string
	for _, src := range c.Sources {
		n := filepath.Base(src.PathOrURL)
		if source.IsURL(src.PathOrURL) {
			n = src.PathOrURL
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return c.ID + " (" + strings.Join(names, ", ") + ")"
}

// loadCase opens the store and returns a case with its judgement.
func loadCase(ctx context.Context, st *sqlstore.DB, id string) (*casebook.Case, error) {
	c, err := st.Case(ctx, id)
	if errors.Is(err, casebook.ErrNotFound) {
		return nil, &exitCode{1, fmt.Errorf("no case %q (see casebook search)", id)}
	}
	if err != nil {
		return nil, &exitCode{1, err}
	}
	judgeCase(c)
	return c, nil
}

func (a *app) showCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "show a case: all its fields, judgement, sources and timeline",
		Args:  cobra.ExactArgs(1),
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			c, err := loadCase(cmd.Context(), st, args[0])
			if err != nil {
				return err
			}
			if a.json {
				return a.writeJSON(c)
			}
			r := c.Record
			r.File = caseHeader(c)
			writeSummary(a.stdout, &r)
			writeJudgement(a.stdout, c.Judgement)
			fmt.Fprintf(a.stdout, "出典 (%d):\n", len(c.Sources))
			for _, s := range c.Sources {
				fmt.Fprintf(a.stdout, "  %s  %s  %s [%d:%d]  %s\n", s.ID, casebook.Label(casebook.Kinds, string(s.Kind)), s.PathOrURL, s.Span.Start, s.Span.End, s.Title)
			}
			fmt.Fprintln(a.stdout, "経過:")
			for _, e := range c.Timeline {
				fmt.Fprintf(a.stdout, "  %s  %s (%s)\n", e.Date, dateLabel[e.Event], e.Source)
			}
			writeChanges(a.stdout, c.Changes)
			return nil
		}),
	}
}

// writeChanges prints what people changed in a case, oldest first.
func writeChanges(w io.Writer, changes []casebook.Change) {
	if len(changes) == 0 {
		fmt.Fprintln(w, "変更の記録: なし")
		return
	}
	fmt.Fprintf(w, "変更の記録 (%d):\n", len(changes))
	for _, ch := range changes {
		at := ch.At.Local().Format("2006-01-02 15:04")
		switch ch.Action {
		case casebook.ActionCorrect:
			v := ch.Value
			if v == "" {
				v = "(空)"
			}
			fmt.Fprintf(w, "  %s  %s  修正 %s → %s\n", at, ch.By, ch.Field, v)
		case casebook.ActionDeleteDocument:
			fmt.Fprintf(w, "  %s  %s  文書を削除 %s\n", at, ch.By, ch.Value)
		case casebook.ActionDeleteCase:
			fmt.Fprintf(w, "  %s  %s  事例を削除\n", at, ch.By)
		default:
			fmt.Fprintf(w, "  %s  %s  %s %s %s\n", at, ch.By, ch.Action, ch.Field, ch.Value)
		}
	}
}

func (a *app) similarCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "similar ID",
		Short: "the cases most like a case (causes, data items, sector, title)",
		Args:  cobra.ExactArgs(1),
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			c, err := loadCase(cmd.Context(), st, args[0])
			if err != nil {
				return err
			}
			sim, err := casebook.SimilarCases(cmd.Context(), st, c, limit)
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(map[string]any{"id": c.ID, "similar": sim})
			}
			for _, o := range sim {
				fmt.Fprintf(a.stdout, "%.2f  %s  %s  %s  [%s]\n", o.Score, o.ID, dash(o.Organization), o.Title, labels(casebook.Causes, o.Causes))
			}
			return nil
		}),
	}
	cmd.Flags().IntVar(&limit, "limit", 10, "how many")
	return cmd
}

// computeStats counts every case (the invented samples only withSamples).
func computeStats(ctx context.Context, st casebook.Store, withSamples bool) (*casebook.Stats, error) {
	s := casebook.NewStats()
	s.WithSamples = withSamples
	if err := st.EachCase(ctx, func(c *casebook.Case) error { s.Add(&c.Record); return nil }); err != nil {
		return nil, err
	}
	_, docs, err := st.Counts(ctx)
	if err != nil {
		return nil, err
	}
	s.Documents = docs
	s.Finish()
	return s, nil
}

func (a *app) statsCmd() *cobra.Command {
	var withSamples bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "incidents and people affected by year × cause, sector, data item; days to announce (the invented samples left out unless --samples)",
		Args:  cobra.NoArgs,
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			s, err := computeStats(cmd.Context(), st, withSamples)
			if err != nil {
				return &exitCode{1, err}
			}
			if s.Cases == 0 {
				a.hintIfEmpty(cmd.Context(), st)
			}
			if a.json {
				return a.writeJSON(s)
			}
			fmt.Fprintf(a.stdout, "事案 %s件 / 文書 %s件 / 影響人数 計%s人\n", casebook.Comma(int64(s.Cases)), casebook.Comma(int64(s.Documents)), casebook.Comma(s.AffectedTotal))
			if s.SamplesLeftOut > 0 {
				fmt.Fprintf(a.stdout, "(見本の事案%d件は数えていません: --samples で含める、casebook samples remove で削除)\n", s.SamplesLeftOut)
			}
			if s.MedianDaysDiscoveredToAnnounced != nil {
				fmt.Fprintf(a.stdout, "発覚から公表までの日数 (中央値): %.1f日\n", *s.MedianDaysDiscoveredToAnnounced)
			}
			if s.MedianDaysDiscoveredToPPC != nil {
				fmt.Fprintf(a.stdout, "発覚から委員会報告までの日数 (中央値): %.1f日\n", *s.MedianDaysDiscoveredToPPC)
			}
			writeTable(a.stdout, "年×原因", s.ByYearCause, casebook.Causes)
			writeTable(a.stdout, "年×原因 (東京商工リサーチの分類)", s.ByYearCauseTSR, nil)
			writeTable(a.stdout, "年×原因 (JNSAの分類)", s.ByYearCauseJNSA, nil)
			writeFacets(a.stdout, casebook.Facets{Sectors: s.BySector, DataItems: s.ByDataItem})
			return nil
		}),
	}
	cmd.Flags().BoolVar(&withSamples, "samples", false, "count the invented sample cases too")
	return cmd
}

func writeTable(w io.Writer, title string, m map[string]map[string]int, v []casebook.Term) {
	fmt.Fprintf(w, "\n%s\n", title)
	years := make([]string, 0, len(m))
	for y := range m {
		years = append(years, y)
	}
	sort.Strings(years)
	for _, y := range years {
		keys := make([]string, 0, len(m[y]))
		for k := range m[y] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			label := k
			if v != nil {
				label = casebook.Label(v, k)
			}
			parts[i] = fmt.Sprintf("%s %d", label, m[y][k])
		}
		fmt.Fprintf(w, "  %s: %s\n", y, strings.Join(parts, " / "))
	}
}

func (a *app) exportCmd() *cobra.Command {
	var format, out, baseURL string
	var withSamples bool
	var f queryFlags
	cmd := &cobra.Command{
		Use:   "export [QUERY] --format csv|jsonl|veris",
		Short: "export the cases a search selects (every case without a query or filter): CSV for Excel (UTF-8 with BOM, with the judgement's summary and the sources), JSON Lines, or VERIS 1.4 JSON",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "gold" {
				// the cases people confirmed or corrected, as training data
				if out == "" || out == "-" {
					return usageErr("--format gold needs -o DIR: it writes DIR/gold.jsonl and DIR/texts/")
				}
				st, err := openStore(cmd.Context(), false)
				if err != nil {
					return &exitCode{1, err}
				}
				defer st.Close()
				recs, docs, err := export.WriteGold(cmd.Context(), st, out)
				if err != nil {
					return &exitCode{1, err}
				}
				fmt.Fprintf(a.stderr, "書き出しました: %s (正解レコード %d件、文書 %d件)。casebook train --gold %s --texts %s --install で学習できます\n",
					out, recs, docs, filepath.Join(out, "gold.jsonl"), filepath.Join(out, "texts"))
				return nil
			}
			if !export.Known(format) {
				return usageErr("unknown format %q (csv, jsonl, veris or gold)", format)
			}
			q, err := f.query(strings.Join(args, " "))
			if err != nil {
				return usageErr("%v", err)
			}
			st, err := openStore(cmd.Context(), false)
			if err != nil {
				return &exitCode{1, err}
			}
			defer st.Close()
			w := a.stdout
			var f *os.File
			if fi, err := os.Stat(out); err == nil && fi.IsDir() {
				// a folder: the file is named after what it holds
				ext := format
				if format == "veris" {
					ext = "veris.jsonl"
				}
				out = filepath.Join(out, export.FileName(q, time.Now(), ext))
			}
			if out != "" && out != "-" {
				// written beside the target and renamed when complete: a failed
				// export never leaves a half file under the name asked for
				f, err = os.CreateTemp(filepath.Dir(out), ".casebook-export-*")
				if err != nil {
					return &exitCode{1, err}
				}
				defer os.Remove(f.Name())
				defer f.Close()
				w = f
			}
			x, err := export.NewWriter(w, format)
			if err != nil {
				return usageErr("%v", err)
			}
			x.BaseURL = baseURL
			a.hintIfEmpty(cmd.Context(), st)
			if err := export.Each(cmd.Context(), st, q, withSamples, x.Write); err != nil {
				return &exitCode{1, err}
			}
			if err := x.Close(); err != nil {
				return &exitCode{1, err}
			}
			if f != nil {
				// a temporary file is the owner's alone; the export is read
				// like any file the user saves
				if err := f.Chmod(0o644); err != nil {
					return &exitCode{1, err}
				}
				if err := f.Close(); err != nil {
					return &exitCode{1, err}
				}
				if err := os.Rename(f.Name(), out); err != nil {
					return &exitCode{1, err}
				}
				fmt.Fprintln(a.stderr, "書き出しました:", out)
			}
			return nil
		},
	}
	f.add(cmd)
	cmd.Flags().StringVar(&format, "format", "csv", "csv, jsonl, veris, or gold (the cases people confirmed or corrected, as training data: -o DIR)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file, or into this folder under a name made of the query and the day (casebook-誤送付・誤送信-教育-2024-20261203.csv), instead of standard output")
	cmd.Flags().StringVar(&baseURL, "base-url", "http://127.0.0.1:8080", "where casebook serves its pages: the CSV links each row to its case page there")
	cmd.Flags().BoolVar(&withSamples, "samples", false, "include the invented sample cases")
	return cmd
}

func (a *app) mergeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "merge ID ID",
		Short: "merge the second case into the first (a person's correction)",
		Args:  cobra.ExactArgs(2),
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			c, err := st.Merge(cmd.Context(), args[0], args[1])
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(c)
			}
			fmt.Fprintf(a.stdout, "%s に統合しました (文書 %d件)\n", c.ID, c.Documents)
			return nil
		}),
	}
}

func (a *app) splitCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "split ID",
		Short: "split a case into one case per record (a person's correction)",
		Args:  cobra.ExactArgs(1),
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			ids, err := st.Split(cmd.Context(), args[0])
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(map[string]any{"cases": ids})
			}
			fmt.Fprintf(a.stdout, "%d件に分割しました: %s\n", len(ids), strings.Join(ids, " "))
			return nil
		}),
	}
}
