package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"casebook/review"
	"casebook/sqlstore"
)

func (a *app) reviewCmd() *cobra.Command {
	var limit, page int
	cmd := &cobra.Command{
		Use:   "review [--limit 20] [--page N]",
		Short: "the 要確認 queue: cases with fields extraction was unsure of that no person confirmed, the least sure first (confirm or correct with casebook correct)",
		Args:  cobra.NoArgs,
		RunE: storeRun(func(cmd *cobra.Command, args []string, st *sqlstore.DB) error {
			if limit < 1 || page < 1 {
				return usageErr("--limit and --page start at 1")
			}
			items, total, err := review.Queue(cmd.Context(), st, limit, (page-1)*limit)
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(map[string]any{"total": total, "cases": items})
			}
			fmt.Fprintf(a.stdout, "要確認の事例 %d件\n", total)
			for _, it := range items {
				fmt.Fprintf(a.stdout, "\n%s  %s  %s  %s\n", it.ID, it.Date, it.Organization, it.Title)
				for _, f := range it.Fields {
					fmt.Fprintf(a.stdout, "  %s: %s (確からしさ %d%%)  → 確認: casebook correct %s %s=%s\n", f.Label, f.ValueLabel, int(f.Confidence*100+0.5), it.ID, f.Field, f.Value)
					for _, k := range f.Candidates {
						fmt.Fprintf(a.stdout, "    ほかの候補: %s  → casebook correct %s %s=%s\n", k.Label, it.ID, f.Field, k.Value)
					}
					if f.Evidence != "" {
						fmt.Fprintf(a.stdout, "    「%s」\n", f.Evidence)
					}
				}
			}
			return nil
		}),
	}
	cmd.Flags().IntVar(&limit, "limit", 20, "cases per page")
	cmd.Flags().IntVar(&page, "page", 1, "which page")
	return cmd
}
