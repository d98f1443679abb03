package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"casebook"
	"casebook/extract"
	"casebook/ingest"
	"casebook/source"
)

func (a *app) extractCmd() *cobra.Command {
	var enc string
	cmd := &cobra.Command{
		Use:   "extract [PATH|URL|-]...",
		Short: "extract incident records from notices (files, folders, URLs, stdin)",
		Long: `extract reads each input (a file, a folder recursively, an http(s) URL, or - for standard
input) as text in any Japanese encoding, HTML or PDF, cuts it into incidents and prints a record
for each. With --json it prints JSON Lines, one record per incident or non-incident segment.
Exit status: 0 when every input was read, 1 when some failed (each named on stderr), 2 for bad usage.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			failed := false
			out := json.NewEncoder(a.stdout)
			out.SetEscapeHTML(false)
			err := a.eachDocument(cmd, args, source.Options{Encoding: enc}, func(doc *source.Document) {
				recs, ok := a.extract(doc)
				if !ok {
					failed = true
				}
				for i := range recs {
					recs[i].File = doc.Name
					if a.json {
						out.Encode(recs[i])
					} else {
						writeSummary(a.stdout, &recs[i])
					}
				}
			}, &failed)
			if err != nil {
				return err
			}
			if failed {
				return partialFailure
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&enc, "encoding", "", "force the input encoding (utf-8, shift_jis, euc-jp, iso-2022-jp)")
	return cmd
}

// eachDocument reads every input and calls fn for each document read;
// failures are named on stderr and set *failed. Only bad usage returns an error.
func (a *app) eachDocument(cmd *cobra.Command, args []string, o source.Options, fn func(*source.Document), failed *bool) error {
	if o.Encoding != "" {
		if _, err := source.LookupEncoding(o.Encoding); err != nil {
			return usageErr("%v", err)
		}
	}
	inputs, errs := source.Expand(args)
	for _, err := range errs {
		a.inputFailed(err)
		*failed = true
	}
	if len(inputs) == 0 && len(errs) == 0 {
		fmt.Fprintf(a.stderr, "casebook: warning: no notices in %s\n", strings.Join(args, " "))
	}
	for _, in := range inputs {
		doc, err := source.Read(cmd.Context(), in, a.stdin, o)
		if err != nil {
			a.inputFailed(err)
			*failed = true
			continue
		}
		a.warnings(doc)
		fn(doc)
	}
	return nil
}

// extractor reads the records of a text: extract.Extract, or in tests one
// with a bug planted.
var extractor ingest.Extractor = extract.Extract

// extract reads a document's records; a failure (a bug in the extractor)
// is named with the document, like an input that could not be read.
func (a *app) extract(doc *source.Document) ([]casebook.Record, bool) {
	nd, err := ingest.Prepare(doc, extractor)
	if err != nil {
		a.inputFailed(err)
		return nil, false
	}
	return nd.Records, true
}

// inputFailed reports one input that could not be read: on stderr, or
// under --json as a JSON object on stdout among the records
// ({"file": …, "error": …}).
func (a *app) inputFailed(err error) {
	if !a.json {
		fmt.Fprintln(a.stderr, "casebook:", err)
		return
	}
	out := map[string]string{"error": err.Error()}
	var se *source.Error
	if errors.As(err, &se) {
		out["file"], out["error"] = se.Input, se.Err.Error()
	}
	a.writeJSON(out)
}

// warnings reports what reading a document noticed (bytes that were not
// valid in its encoding).
func (a *app) warnings(doc *source.Document) {
	for _, w := range doc.Warnings {
		fmt.Fprintf(a.stderr, "casebook: warning: %s: %s\n", inputName(doc.Name), w)
	}
}

// inputName is a file name or URL as a line of messages shows it: quoted
// when it holds a control character (a newline would split the line).
func inputName(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return strconv.Quote(s)
	}
	return s
}

// writeSummary prints a record for people.
func writeSummary(w io.Writer, r *casebook.Record) {
	fmt.Fprintf(w, "── %s [%d:%d] %s\n", r.File, r.Span.Start, r.Span.End, casebook.Label(casebook.Kinds, string(r.Kind)))
	fmt.Fprintf(w, "  件名: %s\n", r.Title)
	if !r.IsIncident() {
		fmt.Fprintln(w)
		return
	}
	fmt.Fprintf(w, "  組織: %s (%s)\n", dash(r.Organization), casebook.Label(casebook.Sectors, r.Sector))
	if r.Dates != nil {
		for _, f := range casebook.DateFields {
			if p := r.Dates.Field(f); *p != nil {
				fmt.Fprintf(w, "  %s: %s\n", dateLabel[f], **p)
			}
		}
	}
	if r.Affected != nil && r.Affected.Count != nil {
		q := " (漏えいのおそれ)"
		if r.Affected.Confirmed {
			q = " (漏えい確定)"
		}
		fmt.Fprintf(w, "  人数: %s%s\n", casebook.People(r.Affected), q)
		for _, g := range r.Affected.Groups {
			fmt.Fprintf(w, "    うち%s人: %s\n", casebook.Comma(g.Count), labels(casebook.DataItems, g.DataItems))
		}
	}
	fmt.Fprintf(w, "  項目: %s\n", labels(casebook.DataItems, r.DataItems))
	fmt.Fprintf(w, "  原因: %s\n", labels(casebook.Causes, r.Causes))
	fmt.Fprintf(w, "  対応: %s\n\n", labels(casebook.Responses, r.Responses))
}

var dateLabel = map[string]string{
	"occurred_from": "発生(開始)", "occurred_to": "発生(終了)", "discovered": "発覚", "announced": "公表",
	"reported_ppc": "委員会報告(速報)", "reported_ppc_final": "委員会報告(確報)", "reported_police": "警察",
	"regulator_action": "行政対応",
}

func labels(v []casebook.Term, codes []string) string {
	if len(codes) == 0 {
		return "—"
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = casebook.Label(v, c)
	}
	return strings.Join(out, "、")
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (a *app) textCmd() *cobra.Command {
	var enc string
	cmd := &cobra.Command{
		Use:   "text PATH|URL|-",
		Short: "print the plain text that extraction sees (spans are offsets into it)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			doc, err := source.Read(cmd.Context(), args[0], a.stdin, source.Options{Encoding: enc})
			if err != nil {
				return &exitCode{1, err}
			}
			_, err = io.WriteString(a.stdout, doc.Text)
			return err
		},
	}
	cmd.Flags().StringVar(&enc, "encoding", "", "force the input encoding (utf-8, shift_jis, euc-jp, iso-2022-jp)")
	return cmd
}

// codesCmd prints the vocabularies: the values filters accept and records carry.
func (a *app) codesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "codes",
		Short: "list every vocabulary (causes, data items, sectors, kinds, responses …) with its Japanese labels",
		Long: `codes prints the codes of the record and the judgement with their Japanese labels. Search
filters (--cause, --item, --sector, --kind, and the API's parameters of the same names) accept either.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			vocabs := []struct {
				name, title string
				terms       []casebook.Term
			}{
				{"cause", "原因 (--cause)", casebook.Causes}, {"item", "漏えい項目 (--item)", casebook.DataItems},
				{"sector", "業種 (--sector)", casebook.Sectors}, {"kind", "種別 (--kind)", casebook.Kinds},
				{"response", "対応", casebook.Responses}, {"action", "行政の措置", casebook.Actions},
				{"regime", "適用される規律", casebook.Regimes}, {"report_status", "報告の状況", casebook.ReportStatuses},
			}
			if a.json {
				out := map[string][]map[string]string{}
				for _, v := range vocabs {
					for _, t := range v.terms {
						out[v.name] = append(out[v.name], map[string]string{"code": t.Code, "label": t.Label})
					}
				}
				return a.writeJSON(out)
			}
			for _, v := range vocabs {
				fmt.Fprintf(a.stdout, "%s\n", v.title)
				for _, t := range v.terms {
					fmt.Fprintf(a.stdout, "  %-24s %s\n", t.Code, t.Label)
				}
				fmt.Fprintln(a.stdout)
			}
			return nil
		},
	}
}
