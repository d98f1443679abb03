// Package casebook holds the domain of casebook: the incident record every
// part of the program speaks (see ../shared/spec/record.md), its
// vocabularies, the APPI judgement attached to stored cases, and the Store
// interface the databases implement. It has no dependencies.
package casebook

// Kind says what a segment of text is.
type Kind string

const (
	KindBreach      Kind = "breach_notice"
	KindRegulator   Kind = "regulator_action"
	KindNotIncident Kind = "not_incident"
)

// Record is what casebook extracts from one incident in a notice.
// Field names and codes are fixed by the record contract.
type Record struct {
	Kind         Kind      `json:"kind"`
	Title        string    `json:"title"`
	Organization string    `json:"organization,omitempty"`
	Sector       string    `json:"sector,omitempty"`
	Dates        *Dates    `json:"dates,omitempty"`
	Affected     *Affected `json:"affected,omitempty"`
	DataItems    []string  `json:"data_items,omitempty"`
	Causes       []string  `json:"causes,omitempty"`
	Responses    []string  `json:"responses,omitempty"`
	Span         Span      `json:"span"`
	// Contractor: a contractor (委託先) handled the data (an extra field).
	Contractor bool `json:"contractor,omitempty"`
	// Processor names the contractor (委託先) the incident happened at when
	// the text names it; Organization is then the client (委託元) that holds
	// the data and announces it (an extra field).
	Processor string `json:"processor,omitempty"`
	// MyNumber: what leaked includes 個人番号 (マイナンバー, 特定個人情報),
	// so 番号法 applies beside the APPI (government_id alone also covers
	// licences and passports).
	MyNumber bool `json:"my_number,omitempty"`
	// CommunicationsSecrecy: what leaked includes 通信の秘密, which a
	// telecom carrier must report under 電気通信事業法.
	CommunicationsSecrecy bool `json:"communications_secrecy,omitempty"`
	// File is the input's base name or URL (set by the reader, not the extractor).
	File string `json:"file,omitempty"`
	// Findings: what a regulator itself found and did (regulator_action
	// records only), as its text states it.
	Findings *Findings `json:"findings,omitempty"`
	// Evidence maps a field path ("organization", "dates.discovered",
	// "causes.web_skimming", …) to where in the text it was found, so the UI
	// can highlight it.
	Evidence map[string]Span `json:"evidence,omitempty"`
	// Confidence maps the same field paths to the extractor's probability
	// that the field's value is right (0…1); a corrected or confirmed
	// field is certain.
	Confidence map[string]float64 `json:"confidence,omitempty"`
	// Sample: the case is made only of casebook's invented sample notices
	// (set by the store on a case's merged record, never by extraction).
	Sample bool `json:"sample,omitempty"`
	// Candidates lists, for a field the extractor chose among several
	// values (organization, sector), the others it considered likely, the
	// likeliest first: what a person reviewing the field may pick instead.
	Candidates map[string][]string `json:"candidates,omitempty"`
	// Names are the shops, services and systems the record's text names
	// (resolve.Names), kept by the stores for grouping; not part of the
	// record contract.
	Names []string `json:"-"`
}

// Dates are ISO YYYY-MM-DD strings, or nil when the text does not give the day.
type Dates struct {
	OccurredFrom     *string `json:"occurred_from"`
	OccurredTo       *string `json:"occurred_to"`
	Discovered       *string `json:"discovered"`
	Announced        *string `json:"announced"`
	ReportedPPC      *string `json:"reported_ppc"`
	ReportedPPCFinal *string `json:"reported_ppc_final"`
	ReportedPolice   *string `json:"reported_police"`
	RegulatorAction  *string `json:"regulator_action"`
}

// Field returns a pointer to the date field with the given JSON name, or nil.
func (d *Dates) Field(name string) **string {
	switch name {
	case "occurred_from":
		return &d.OccurredFrom
	case "occurred_to":
		return &d.OccurredTo
	case "discovered":
		return &d.Discovered
	case "announced":
		return &d.Announced
	case "reported_ppc":
		return &d.ReportedPPC
	case "reported_ppc_final":
		return &d.ReportedPPCFinal
	case "reported_police":
		return &d.ReportedPolice
	case "regulator_action":
		return &d.RegulatorAction
	}
	return nil
}

// DateFields lists the JSON names of the eight dates in contract order.
var DateFields = []string{"occurred_from", "occurred_to", "discovered", "announced",
	"reported_ppc", "reported_ppc_final", "reported_police", "regulator_action"}

// Affected is the number of people whose data leaked or may have leaked.
type Affected struct {
	Count       *int64 `json:"count"`
	Approximate bool   `json:"approximate"`
	Confirmed   bool   `json:"confirmed"`
	// Groups: when a notice gives figures for different sets of data, each
	// set in the notice's order (more than one group only).
	Groups []Group `json:"groups,omitempty"`
}

// Group is one set of people whose given data leaked.
type Group struct {
	Count     int64    `json:"count"`
	DataItems []string `json:"data_items,omitempty"`
	Confirmed bool     `json:"confirmed"`
}

// Findings is what a regulator found and did, in the codes of the record
// contract: actions (guidance, recommendation, order, report_request,
// business_improvement_order, administrative_guidance), the APPI articles
// cited (as numbered today) and the guideline safeguards it found
// deficient (10-3(1) …, art24, art25).
type Findings struct {
	// Regulator is the body that acted (個人情報保護委員会, 総務省 …).
	Regulator string `json:"regulator,omitempty"`
	// Law is the law the regulator acted under, as the text names it
	// (電気通信事業法, 銀行法 …); empty for the APPI.
	Law        string   `json:"law,omitempty"`
	Actions    []string `json:"actions,omitempty"`
	Articles   []string `json:"articles,omitempty"`
	Safeguards []string `json:"safeguards,omitempty"`
}

// Span is a half-open range of Unicode code points in a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of code points in the span.
func (s Span) Len() int { return s.End - s.Start }

// Overlap is the number of code points two spans share.
func (s Span) Overlap(o Span) int {
	lo, hi := max(s.Start, o.Start), min(s.End, o.End)
	if hi < lo {
		return 0
	}
	return hi - lo
}

// IsIncident reports whether the record describes an incident.
func (r *Record) IsIncident() bool { return r.Kind != KindNotIncident }

// Str returns a pointer to s, for the optional date fields.
func Str(s string) *string { return &s }
