package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"casebook"
	"casebook/sqlstore"
)

// correct and delete are a person's fixes from the command line, logged
// with their author as the web UI's are.

// author is who a change is logged under: --by, else the login name.
func author(by string) string {
	if by != "" {
		return by
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "cli"
}

func (a *app) correctCmd() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "correct ID FIELD=VALUE...",
		Short: "correct fields of a case (kept over re-extraction, logged): " + fieldList(),
		Long: "correct fields of a case as a person read them in the notice; the correction is kept when the\n" +
			"rules are re-run (casebook reextract) and logged with its author. Fields: " + fieldList() + ".\n" +
			"Dates as 2025-01-31, vocabularies as codes or Japanese labels (casebook codes), causes and data\n" +
			"items comma-separated with the main cause first; an empty value clears the field.",
		Args: cobra.MinimumNArgs(2),
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			var cs []casebook.Correction
			for _, kv := range args[1:] {
				f, v, ok := strings.Cut(kv, "=")
				if !ok {
					return usageErr("correct: %q is not FIELD=VALUE (fields: %s)", kv, fieldList())
				}
				cs = append(cs, casebook.Correction{Field: strings.TrimSpace(f), Value: v})
			}
			c, err := st.Correct(cmd.Context(), args[0], cs, author(by))
			if errors.Is(err, casebook.ErrInvalid) {
				return usageErr("correct: %v", err)
			}
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(c)
			}
			fmt.Fprintf(a.stdout, "%s を修正しました (%d項目)\n", c.ID, len(cs))
			return nil
		}),
	}
	cmd.Flags().StringVar(&by, "by", "", "who made the change (default: $USER)")
	return cmd
}

func fieldList() string {
	var out []string
	for _, f := range casebook.CorrectableFields {
		out = append(out, f.Code+" ("+f.Label+")")
	}
	return strings.Join(out, ", ")
}

func (a *app) deleteCmd() *cobra.Command {
	var by string
	var document bool
	cmd := &cobra.Command{
		Use:   "delete ID | delete --document DOCUMENT_ID",
		Short: "delete a case wrongly ingested (a digest keeps its other cases), or a document with the cases only it tells of; logged",
		Args:  cobra.ExactArgs(1),
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			var err error
			if document {
				id, perr := strconv.ParseInt(args[0], 10, 64)
				if perr != nil {
					return usageErr("delete --document: %q is not a document id (casebook show ID lists them)", args[0])
				}
				err = st.DeleteDocument(cmd.Context(), id, author(by))
			} else {
				err = st.DeleteCase(cmd.Context(), args[0], author(by))
			}
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(map[string]any{"deleted": args[0], "document": document})
			}
			fmt.Fprintf(a.stdout, "%s を削除しました\n", args[0])
			return nil
		}),
	}
	cmd.Flags().BoolVar(&document, "document", false, "the id is a document's (document_id in casebook show --json)")
	cmd.Flags().StringVar(&by, "by", "", "who made the change (default: $USER)")
	return cmd
}
