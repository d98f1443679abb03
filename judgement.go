package casebook

// Judgement is what casebook concludes about a case under APPI
// (../shared/spec/judgement.md).
type Judgement struct {
	PublicBody        bool              `json:"public_body"`
	Reportable        Reportable        `json:"reportable"`
	Learned           *string           `json:"learned"`
	Deadlines         Deadlines         `json:"deadlines"`
	Reports           Reports           `json:"reports"`
	NotifyIndividuals NotifyIndividuals `json:"notify_individuals"`
	Safeguards        []SafeguardHit    `json:"safeguards"`
	JNSA              JNSA              `json:"jnsa"`
}

// Reportable lists the numbers of 規則7条 (or 43条) that apply, with reasons.
type Reportable struct {
	Items   []int             `json:"items"`
	Reasons map[string]string `json:"reasons"`
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

// ReportStatus of one report.
type ReportStatus struct {
	Date   *string `json:"date"`
	Day    *int    `json:"day"`
	Status string  `json:"status"` // on_time, late, unknown
	LateBy int     `json:"late_by"`
}

// NotifyIndividuals: must individuals be notified, and does the notice say they were.
type NotifyIndividuals struct {
	Required bool `json:"required"`
	Stated   bool `json:"stated"`
}

// SafeguardHit is one safeguard a case implicates, with why.
type SafeguardHit struct {
	ID      string `json:"id"`
	Article string `json:"article"`
	Title   string `json:"title,omitempty"`
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
}
