package casebook

// Judgement is what casebook concludes about a case under APPI
// (../shared/spec/judgement.md).
type Judgement struct {
	PublicBody        bool              `json:"public_body"`
	Law               Law               `json:"law"`
	Reportable        Reportable        `json:"reportable"`
	Learned           *string           `json:"learned"`
	Deadlines         Deadlines         `json:"deadlines"`
	Reports           Reports           `json:"reports"`
	NotifyIndividuals NotifyIndividuals `json:"notify_individuals"`
	Safeguards        []SafeguardHit    `json:"safeguards"`
	JNSA              JNSA              `json:"jnsa"`
	// Duties lists every reporting duty that applies, one per regime: the
	// APPI's (the fields above describe it), 番号法's, 電気通信事業法's,
	// a financial business law's, the 委託先's notice to its client.
	Duties []Duty `json:"duties"`
}

// The regimes of a duty.
const (
	DutyAPPI      = "appi"      // 個人情報保護法 26条 / 68条
	DutyMyNumber  = "my_number" // 番号法 29条の4
	DutyTelecom   = "telecom"   // 電気通信事業法 28条
	DutyFinancial = "financial" // 銀行法・金融商品取引法・保険業法等の施行規則
	DutyProcessor = "processor" // the 委託先's own duty and its notice to the 委託元
	DutyRegulator = "regulator" // a regulator's action under its own law
)

// The states of a duty.
const (
	DutyRequired    = "required"     // a legal duty to report applies
	DutyConditional = "conditional"  // applies if a fact the notice does not state holds
	DutyVoluntary   = "voluntary"    // an effort, or a report the law did not ask for
	DutyNotRequired = "not_required" // the regime applies but no reportable situation is met
	DutyNotJudged   = "not_judged"   // outside what casebook judges
)

// Duty is one reporting duty a case carries under one regime.
type Duty struct {
	Regime string `json:"regime"`
	// Law names the law; Basis the articles, rule and 号 as numbered at the
	// time ("法29条の4第1項、規則2条2号・4号").
	Law   string `json:"law"`
	Basis string `json:"basis"`
	// Status is one of the duty states; Items the 号 that apply.
	Status string `json:"status"`
	Items  []int  `json:"items,omitempty"`
	// Authority is who the report goes to; Bearer who owes it.
	Authority string `json:"authority"`
	Bearer    string `json:"bearer"`
	// Deadlines and Reports as for the APPI: the first report's guide and
	// the final report's deadline, and the notice's reports against them.
	Deadlines Deadlines `json:"deadlines"`
	Reports   Reports   `json:"reports"`
	// Notify says whether individuals must be notified under this regime.
	Notify bool `json:"notify_individuals"`
	// Explanation says in Japanese why the duty applies as it does.
	Explanation string `json:"explanation"`
}

// The regimes a case can be judged under: the rules in force, for the kind
// of body the organization is, on the day it learned of the leak.
const (
	// RegimeAPPI2022: 個人情報取扱事業者 (and the 規律移行法人 of 法58条)
	// from 2022-04-01: 法26条, 規則7条; the report deadlines are law.
	RegimeAPPI2022 = "appi_2022"
	// RegimeGuideline2017: a business before 2022-04-01, when reporting
	// was a 努力義務 (平成29年個人情報保護委員会告示第1号).
	RegimeGuideline2017 = "guideline_2017"
	// RegimePublic2022: 行政機関等 under 法68条 and 規則43条 (national
	// bodies from 2022-04-01, local governments from 2023-04-01).
	RegimePublic2022 = "public_2022"
	// RegimeLocalOrdinance: a local government before 2023-04-01, under
	// its own 条例 (not judged).
	RegimeLocalOrdinance = "local_ordinance"
	// RegimePublic2003: a national body or 独立行政法人等 before
	// 2022-04-01, under the 行政機関個人情報保護法 or the 独立行政法人等
	// 個人情報保護法, which had no duty to report (not judged).
	RegimePublic2003 = "public_2003"
)

// Law says which rules a case was judged under.
type Law struct {
	Regime string `json:"regime"`
	// ReportArticle and SafetyArticle are the article numbers as they were
	// on that day (旧22条の2 and 旧20条 before 2022-04-01; 68 and 66 for
	// 行政機関等); empty where the APPI did not apply.
	ReportArticle string `json:"report_article"`
	SafetyArticle string `json:"safety_article"`
	// On is the day the rules were taken from; Basis says which date it is
	// (discovered, or the case's earliest date), "" when the case has none
	// and today's rules were assumed.
	On    *string `json:"on"`
	Basis string  `json:"basis,omitempty"`
	// Body is what the organization is under the law: private, transferred
	// (a 規律移行法人 of 法58条, judged as private), or public.
	Body string `json:"body"`
	// Note says in Japanese which rules were applied, for the page and the
	// report ("2022年4月1日施行前: 報告は努力義務").
	Note string `json:"note"`
}

// Judged reports whether the regime has legal reporting duties casebook
// judges.
func (l Law) Judged() bool { return l.Regime == RegimeAPPI2022 || l.Regime == RegimePublic2022 }

// Reportable lists the numbers of 規則7条 (or 43条) that apply, with reasons.
type Reportable struct {
	Items   []int             `json:"items"`
	Reasons map[string]string `json:"reasons"`
	// Today: under a regime without a duty to report, the numbers that
	// would apply under today's rules (for learning, not a finding).
	Today []int `json:"today,omitempty"`
}

// Deadlines for the reports to the PPC.
type Deadlines struct {
	PrelimGuide *string `json:"prelim_guide"`
	Final       *string `json:"final"`
	FinalDays   int     `json:"final_days"`
}

// Reports says when the case's reports were made and whether on time.
type Reports struct {
	Prelim ReportStatus `json:"prelim"`
	Final  ReportStatus `json:"final"`
}

// The statuses of a report. The 速報 has only the guideline's 3–5 days
// (within_guide, beyond_guide); the 確報 has a legal deadline (on_time,
// late). Under guideline_2017 every report was voluntary; under
// local_ordinance and public_2003 casebook does not judge.
const (
	StatusOnTime      = "on_time"
	StatusLate        = "late"
	StatusWithinGuide = "within_guide"
	StatusBeyondGuide = "beyond_guide"
	StatusUnknown     = "unknown"
	StatusNotRequired = "not_required"
	StatusVoluntary   = "voluntary"
	StatusNotJudged   = "not_judged"
)

// ReportStatus of one report.
type ReportStatus struct {
	Date   *string `json:"date"`
	Day    *int    `json:"day"`
	Status string  `json:"status"`
	LateBy int     `json:"late_by"`
}

// NotifyIndividuals: must individuals be notified, and does the notice say they were.
type NotifyIndividuals struct {
	Required bool `json:"required"`
	Stated   bool `json:"stated"`
}

// The sources of a safeguard finding.
const (
	SourceRegulator = "regulator" // the regulator's own findings (the record's findings)
	SourceCasebook  = "casebook"  // inferred by casebook from the case
)

// SafeguardHit is one safeguard a case implicates, with why.
type SafeguardHit struct {
	ID      string `json:"id"`
	Article string `json:"article"`
	Title   string `json:"title,omitempty"`
	Source  string `json:"source"`
	Reason  string `json:"reason"`
}

// JNSA is the JNSA damage model's factors and result.
type JNSA struct {
	X               int      `json:"x"`
	Y               int      `json:"y"`
	Identifiability int      `json:"identifiability"`
	Social          int      `json:"social"`
	Response        int      `json:"response"`
	PerPersonYen    int64    `json:"per_person_yen"`
	TotalYen        *int64   `json:"total_yen"`
	Assumed         []string `json:"assumed"`
	// Groups: the model per group of people when the record has
	// affected.groups; TotalYen is then their sum.
	Groups []JNSAGroup `json:"groups,omitempty"`
}

// JNSAGroup is the JNSA model for one group of people.
type JNSAGroup struct {
	Count           int64    `json:"count"`
	DataItems       []string `json:"data_items,omitempty"`
	X               int      `json:"x"`
	Y               int      `json:"y"`
	Identifiability int      `json:"identifiability"`
	PerPersonYen    int64    `json:"per_person_yen"`
	TotalYen        int64    `json:"total_yen"`
	// Counted is how many of the group's people this row prices
	// (TotalYen = PerPersonYen × Counted): all of them, or those not in a
	// smaller group assumed to lie within it.
	Counted int64 `json:"counted"`
	// PricedItems are the data items the row's price is of: the group's
	// own, or, for a group assumed to lie within another, everything that
	// leaked about its people.
	PricedItems []string `json:"priced_items,omitempty"`
	// Within is the index of the group this one is assumed to lie within
	// (card holders among a shop's customers); Assumption says so in
	// Japanese.
	Within     *int   `json:"within,omitempty"`
	Assumption string `json:"assumption,omitempty"`
}
