package casebook

import "sort"

// Stats summarize a casebook (the shape of `casebook stats --json`).
type Stats struct {
	Cases                           int                         `json:"cases"`
	Documents                       int                         `json:"documents"`
	ByYearCause                     map[string]map[string]int   `json:"by_year_cause"`
	ByYearCauseTSR                  map[string]map[string]int   `json:"by_year_cause_tsr"`
	ByYearCauseJNSA                 map[string]map[string]int   `json:"by_year_cause_jnsa"`
	AffectedByYearCause             map[string]map[string]int64 `json:"affected_by_year_cause"`
	ByMonthCause                    map[string]map[string]int   `json:"by_month_cause"`
	BySector                        map[string]int              `json:"by_sector"`
	ByDataItem                      map[string]int              `json:"by_data_item"`
	AffectedTotal                   int64                       `json:"affected_total"`
	MedianDaysDiscoveredToAnnounced *float64                    `json:"median_days_discovered_to_announced"`
	MedianDaysDiscoveredToPPC       *float64                    `json:"median_days_discovered_to_reported_ppc"`
	DaysDiscoveredToAnnounced       []int                       `json:"days_discovered_to_announced,omitempty"`
	DaysDiscoveredToPPC             []int                       `json:"days_discovered_to_reported_ppc,omitempty"`
	AffectedSizes                   map[string]int              `json:"affected_sizes"`
	// WithSamples counts the invented sample cases too; without it they
	// are left out and counted in SamplesLeftOut.
	WithSamples    bool `json:"with_samples"`
	SamplesLeftOut int  `json:"samples_left_out"`
}

// NewStats returns empty statistics.
func NewStats() *Stats {
	return &Stats{ByYearCause: map[string]map[string]int{}, ByYearCauseTSR: map[string]map[string]int{},
		ByYearCauseJNSA: map[string]map[string]int{}, AffectedByYearCause: map[string]map[string]int64{},
		ByMonthCause: map[string]map[string]int{}, BySector: map[string]int{}, ByDataItem: map[string]int{},
		AffectedSizes: map[string]int{}}
}

// SizeBand names the band of an affected count, for facets and charts.
func SizeBand(n int64) string {
	switch {
	case n <= 0:
		return "不明"
	case n <= 100:
		return "〜100人"
	case n <= 1000:
		return "101〜1,000人"
	case n <= 10000:
		return "1,001〜1万人"
	case n <= 100000:
		return "1万〜10万人"
	}
	return "10万人超"
}

// Add counts one case; a case is counted under its main cause.
func (s *Stats) Add(c *Record) {
	if c.Sample && !s.WithSamples {
		s.SamplesLeftOut++
		return
	}
	s.Cases++
	date := c.Date()
	year, month := "不明", "不明"
	if len(date) >= 7 {
		year, month = date[:4], date[:7]
	}
	cause := "unknown"
	if len(c.Causes) > 0 {
		cause = c.Causes[0]
	}
	inc := func(m map[string]map[string]int, k1, k2 string) {
		if m[k1] == nil {
			m[k1] = map[string]int{}
		}
		m[k1][k2]++
	}
	inc(s.ByYearCause, year, cause)
	inc(s.ByYearCauseTSR, year, TSRCause(cause))
	inc(s.ByYearCauseJNSA, year, JNSACause(cause))
	if month != "不明" {
		inc(s.ByMonthCause, month, cause)
	}
	s.BySector[c.Sector]++
	for _, it := range c.DataItems {
		s.ByDataItem[it]++
	}
	var n int64
	if c.Affected != nil && c.Affected.Count != nil {
		n = *c.Affected.Count
		s.AffectedTotal += n
		if s.AffectedByYearCause[year] == nil {
			s.AffectedByYearCause[year] = map[string]int64{}
		}
		s.AffectedByYearCause[year][cause] += n
	}
	s.AffectedSizes[SizeBand(n)]++
	if c.Dates != nil && c.Dates.Discovered != nil {
		if c.Dates.Announced != nil {
			if d := daysBetween(*c.Dates.Discovered, *c.Dates.Announced); d >= 0 {
				s.DaysDiscoveredToAnnounced = append(s.DaysDiscoveredToAnnounced, d)
			}
		}
		if c.Dates.ReportedPPC != nil {
			if d := daysBetween(*c.Dates.Discovered, *c.Dates.ReportedPPC); d >= 0 {
				s.DaysDiscoveredToPPC = append(s.DaysDiscoveredToPPC, d)
			}
		}
	}
}

// Finish computes the medians.
func (s *Stats) Finish() {
	s.MedianDaysDiscoveredToAnnounced = median(s.DaysDiscoveredToAnnounced)
	s.MedianDaysDiscoveredToPPC = median(s.DaysDiscoveredToPPC)
}

func daysBetween(a, b string) int {
	x, ok1 := parseDay(a)
	y, ok2 := parseDay(b)
	if !ok1 || !ok2 {
		return -1
	}
	return y - x
}

func median(xs []int) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := append([]int(nil), xs...)
	sort.Ints(s)
	var m float64
	if len(s)%2 == 1 {
		m = float64(s[len(s)/2])
	} else {
		m = float64(s[len(s)/2-1]+s[len(s)/2]) / 2
	}
	return &m
}
