package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"casebook"
	"casebook/appi"
	"casebook/source"
)

// judgeCase attaches the APPI judgement to a case.
func judgeCase(c *casebook.Case) { c.Judgement = appi.Judge(&c.Record) }

func (a *app) addJudgeCommands(root *cobra.Command) {
	root.AddCommand(a.judgeCmd(), a.checklistCmd(), a.reportCmd())
}

func writeJudgement(w io.Writer, j *casebook.Judgement) {
	if j == nil {
		return
	}
	fmt.Fprintln(w, "  ■ 個人情報保護法上の判断")
	fmt.Fprintf(w, "  適用した規律: %s", j.Law.Note)
	if j.Law.On != nil {
		fmt.Fprintf(w, " (%s時点)", *j.Law.On)
	}
	fmt.Fprintln(w)
	rule := "規則7条"
	if j.PublicBody {
		rule = "規則43条(行政機関等)"
	}
	switch {
	case len(j.Reportable.Items) > 0:
		for _, n := range j.Reportable.Items {
			fmt.Fprintf(w, "  報告対象事態: %s%d号 — %s\n", rule, n, j.Reportable.Reasons[fmt.Sprint(n)])
		}
	case !j.Law.Judged():
		fmt.Fprintf(w, "  報告対象事態: 当時は報告義務なし")
		if len(j.Reportable.Today) > 0 {
			fmt.Fprintf(w, " (現行の規則7条なら%s号)", joinInts(j.Reportable.Today))
		}
		fmt.Fprintln(w)
	case j.Reports.Final.Status == casebook.StatusVoluntary:
		fmt.Fprintf(w, "  報告対象事態: %sのいずれにも当たらない(任意の報告。理由は制度ごとの説明)\n", rule)
	default:
		fmt.Fprintf(w, "  報告対象事態: %sのいずれにも該当が確認できない\n", rule)
	}
	if j.Learned != nil {
		fmt.Fprintf(w, "  知った日: %s\n", *j.Learned)
	}
	if j.Deadlines.PrelimGuide != nil {
		fmt.Fprintf(w, "  速報の目安: %s まで (3〜5日、法定の期限ではない)\n  確報の期限: %s (%d日)\n", *j.Deadlines.PrelimGuide, *j.Deadlines.Final, j.Deadlines.FinalDays)
	}
	for _, r := range []struct {
		name string
		s    casebook.ReportStatus
	}{{"速報", j.Reports.Prelim}, {"確報", j.Reports.Final}} {
		line := "  " + r.name + ": " + casebook.Label(casebook.ReportStatuses, r.s.Status)
		if r.s.Date != nil {
			line += " (" + *r.s.Date
			if r.s.Day != nil {
				line += fmt.Sprintf("、%d日目", *r.s.Day)
			}
			line += ")"
		}
		if r.s.LateBy > 0 {
			line += fmt.Sprintf(" %d日超過", r.s.LateBy)
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "  本人通知: 必要=%s 公表文での記載=%s\n", yesno(j.NotifyIndividuals.Required), yesno(j.NotifyIndividuals.Stated))
	writeDuties(w, j.Duties)
	for _, s := range j.Safeguards {
		label := "不備の可能性(casebookの推定)"
		if s.Source == casebook.SourceRegulator {
			label = "規制当局の指摘"
		}
		article := ""
		if s.Article != "" {
			article = " (第" + s.Article + "条)"
		}
		fmt.Fprintf(w, "  %s: %s %s%s — %s\n", label, s.ID, s.Title, article, s.Reason)
	}
	jn := j.JNSA
	total := "不明(人数が不明)"
	if jn.TotalYen != nil {
		total = casebook.Yen(*jn.TotalYen)
	}
	if len(jn.Groups) > 0 {
		fmt.Fprintf(w, "  JNSA想定損害賠償額: 総額 %s (対象ごとに算定した合計)", total)
	} else {
		fmt.Fprintf(w, "  JNSA想定損害賠償額: 1人あたり %s (x=%d y=%d 本人特定容易度%d 社会的責任度%d 事後対応評価%d) 総額 %s",
			casebook.Yen(jn.PerPersonYen), jn.X, jn.Y, jn.Identifiability, jn.Social, jn.Response, total)
	}
	if len(jn.Assumed) > 0 {
		fmt.Fprintf(w, " [仮定した値: %s]", casebook.Labels(casebook.JNSAFactors, jn.Assumed, "・"))
	}
	fmt.Fprintln(w)
	for _, g := range jn.Groups {
		fmt.Fprintf(w, "    うち%s %s人 (%s): 500円×(10^%d−1+5^%d−1)×%d×%d×%d = 1人あたり %s × %s人 = %s\n", appi.GroupLabel(g.DataItems), casebook.Comma(g.Count),
			labels(casebook.DataItems, g.DataItems), g.X, g.Y, g.Identifiability, jn.Social, jn.Response,
			casebook.Yen(g.PerPersonYen), casebook.Comma(g.Counted), casebook.Yen(g.TotalYen))
		if g.Assumption != "" {
			fmt.Fprintf(w, "      仮定: %s\n", g.Assumption)
		}
	}
	fmt.Fprintln(w)
}

// writeDuties lists every regime's duty: what applies, where it goes,
// by when, and why.
func writeDuties(w io.Writer, duties []casebook.Duty) {
	if len(duties) == 0 {
		return
	}
	fmt.Fprintln(w, "  ■ 報告義務(制度ごと)")
	for _, d := range duties {
		fmt.Fprintf(w, "  [%s] %s — %s", casebook.Label(casebook.DutyRegimes, d.Regime), casebook.Label(casebook.DutyStatuses, d.Status), d.Basis)
		if d.Status == casebook.DutyRequired || d.Status == casebook.DutyConditional {
			fmt.Fprintf(w, " / 報告先: %s / 報告者: %s", d.Authority, d.Bearer)
		}
		fmt.Fprintln(w)
		if d.Deadlines.PrelimGuide != nil {
			fmt.Fprintf(w, "      速報の目安: %s まで", *d.Deadlines.PrelimGuide)
			if d.Deadlines.Final == nil {
				fmt.Fprintln(w)
			}
		}
		if d.Deadlines.Final != nil {
			if d.Deadlines.PrelimGuide == nil {
				fmt.Fprint(w, "     ")
			}
			fmt.Fprintf(w, " 確報・詳報の期限: %s (%d日)\n", *d.Deadlines.Final, d.Deadlines.FinalDays)
		}
		fmt.Fprintf(w, "      %s\n", d.Explanation)
	}
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, "・")
}

func yesno(b bool) string {
	if b {
		return "はい"
	}
	return "いいえ"
}

func (a *app) judgeCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "judge PATH|URL|ID...",
		Short: "judge incidents under APPI: the law then in force, reportability, deadlines, failed safeguards, JNSA estimate",
		Long: `judge reads notices (files, folders, URLs, - for standard input) and judges each incident in them,
and judges stored cases given their IDs; both may be mixed. With --json each line is the record with a
"judgement" object (a stored case with its sources and timeline).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var notices, ids []string
			failed := false
			for _, arg := range args {
				_, err := os.Stat(arg)
				switch {
				case err == nil || source.IsURL(arg) || arg == "-":
					notices = append(notices, arg)
				case caseIDRE.MatchString(arg):
					ids = append(ids, arg)
				default:
					a.inputFailed(&source.Error{Input: arg, Err: errors.New("no such file or folder (nor a case ID)")})
					failed = true
				}
			}
			if len(notices) > 0 {
				a.eachDocument(cmd, notices, source.Options{}, func(doc *source.Document) {
					recs, ok := a.extract(doc)
					failed = failed || !ok
					for _, r := range recs {
						if !r.IsIncident() {
							continue
						}
						r.File = doc.Name
						j := appi.Judge(&r)
						if a.json {
							a.writeJSON(struct {
								casebook.Record
								Judgement *casebook.Judgement `json:"judgement"`
							}{r, j})
							continue
						}
						writeSummary(a.stdout, &r)
						writeJudgement(a.stdout, j)
					}
				}, &failed)
			}
			if len(ids) > 0 {
				st, err := openStore(cmd.Context(), false)
				if err != nil {
					return &exitCode{1, err}
				}
				defer st.Close()
				for _, id := range ids {
					c, err := loadCase(cmd.Context(), st, id)
					if err != nil {
						a.inputFailed(err)
						failed = true
						continue
					}
					if a.json {
						a.writeJSON(c)
						continue
					}
					r := c.Record
					r.File = caseHeader(c)
					writeSummary(a.stdout, &r)
					writeJudgement(a.stdout, c.Judgement)
				}
			}
			if failed {
				return partialFailure
			}
			return nil
		},
	}
}

// caseIDRE: what a stored case's ID looks like (not a path).
var caseIDRE = regexp.MustCompile(`^[a-z0-9]{8,32}$`)

// caseSafeguards judges every stored case and lists the safeguards each implicates.
func caseSafeguards(cmd *cobra.Command) (map[string][]string, error) {
	st, err := openStore(cmd.Context(), false)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	ids, _, err := appi.SafeguardsByCase(func(fn func(*casebook.Case) error) error { return st.EachCase(cmd.Context(), fn) })
	return ids, err
}

func (a *app) checklistCmd() *cobra.Command {
	var answers string
	cmd := &cobra.Command{
		Use:   "checklist [--assess ANSWERS.json]",
		Short: "print the safeguard catalogue and checklist, or score an organization's answers",
		Long: `checklist prints casebook's safeguard catalogue (PPC guideline section 10 and 法24–26条) with its
checklist questions and countermeasures. With --assess, it reads answers as JSON — an object mapping
each safeguard id to a list of yes/no answers, one per question, e.g. {"10-3(4)": [true, false, true, true]} —
and ranks the gaps by how many stored cases each figures in.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if answers == "" {
				if a.json {
					return a.writeJSON(appi.Catalogue)
				}
				for _, s := range appi.Catalogue {
					fmt.Fprintf(a.stdout, "%s %s / %s (第%s条、旧第%s条)\n", s.ID, s.Group, s.Title, s.Article, s.OldArticle)
					for i, q := range s.Questions {
						fmt.Fprintf(a.stdout, "  Q%d. %s\n", i+1, q)
					}
					for _, m := range s.Measures {
						fmt.Fprintf(a.stdout, "  対策: %s\n", m)
					}
				}
				return nil
			}
			var in io.Reader = a.stdin
			if answers != "-" {
				f, err := os.Open(answers)
				if err != nil {
					return &exitCode{1, err}
				}
				defer f.Close()
				in = f
			}
			var ans appi.Answers
			if err := json.NewDecoder(in).Decode(&ans); err != nil {
				return &exitCode{1, fmt.Errorf("%s: not a JSON object of safeguard ids to yes/no lists: %w", answers, err)}
			}
			cs, err := caseSafeguards(cmd)
			if err != nil {
				return &exitCode{1, err}
			}
			res := appi.Assess(ans, cs)
			if len(res.Unknown) > 0 {
				return &exitCode{1, fmt.Errorf("%s: unknown safeguard id(s) %s (casebook checklist lists them)", answers, strings.Join(res.Unknown, ", "))}
			}
			if a.json {
				return a.writeJSON(res)
			}
			fmt.Fprintf(a.stdout, "「はい」の割合 %d%% (%d問中%d問、答えなかった質問は数えない)\n", res.Score, res.Answered, res.Yes)
			for i, g := range res.Gaps {
				fmt.Fprintf(a.stdout, "%d. %s %s — 事例 %s件\n", i+1, g.Safeguard.ID, g.Safeguard.Title, casebook.Comma(int64(g.Cases)))
				for _, q := range g.No {
					fmt.Fprintf(a.stdout, "   いいえ: %s\n", q)
				}
				ids := g.CaseIDs
				if len(ids) > 5 {
					ids = ids[:5]
				}
				if len(ids) > 0 {
					fmt.Fprintf(a.stdout, "   事例: %s\n", strings.Join(ids, " "))
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&answers, "assess", "", "answers JSON file (- for standard input)")
	return cmd
}

func (a *app) reportCmd() *cobra.Command {
	var ppc bool
	cmd := &cobra.Command{
		Use:   "report ID --ppc",
		Short: "draft the nine items of a report to the PPC (規則8条1項) from a case",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !ppc {
				return usageErr("only --ppc reports exist: casebook report ID --ppc")
			}
			st, err := openStore(cmd.Context(), false)
			if err != nil {
				return &exitCode{1, err}
			}
			defer st.Close()
			c, err := loadCase(cmd.Context(), st, args[0])
			if err != nil {
				return err
			}
			texts := appi.Texts{}
			for _, src := range c.Sources {
				if _, ok := texts[src.DocID]; ok {
					continue
				}
				t, err := st.DocumentText(cmd.Context(), src.DocID)
				if err != nil {
					return &exitCode{1, fmt.Errorf("document %d of case %s: %w", src.DocID, c.ID, err)}
				}
				texts[src.DocID] = t
			}
			items := appi.PPCReport(c, c.Judgement, texts)
			if a.json {
				return a.writeJSON(map[string]any{"id": c.ID, "items": items})
			}
			fmt.Fprintf(a.stdout, "個人情報保護委員会への漏えい等報告(案) — %s\n\n", c.Title)
			for _, it := range items {
				fmt.Fprintf(a.stdout, "%d. %s\n%s\n", it.No, it.Title, indent(it.Text))
				if len(it.Missing) > 0 {
					sort.Strings(it.Missing)
					fmt.Fprintf(a.stdout, "   ※公表文に記載のない事項: %s\n", strings.Join(it.Missing, "、"))
				}
				fmt.Fprintln(a.stdout)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&ppc, "ppc", false, "draft a PPC report")
	return cmd
}

func indent(s string) string { return "   " + strings.ReplaceAll(s, "\n", "\n   ") }
