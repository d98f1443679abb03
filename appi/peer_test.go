package appi

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"casebook/internal/shareddata"
	"casebook/jtext"
)

// TestPeerHolidays holds every day of 1955–2027 against the Cabinet
// Office's list of national holidays (../shared/data/peer/holidays.csv):
// a day is a holiday exactly when the list names it (names may differ).
func TestPeerHolidays(t *testing.T) {
	f, err := os.Open(shareddata.Path(t, "data/peer/holidays.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[jtext.Date]string{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	last := jtext.Date{}
	for sc.Scan() {
		day, name, ok := strings.Cut(strings.TrimSpace(sc.Text()), ",")
		if !ok {
			continue
		}
		d, err := jtext.ParseDate(day)
		if err != nil {
			t.Fatalf("holidays.csv: %v", err)
		}
		listed[d] = name
		if last.Before(d) {
			last = d
		}
	}
	if len(listed) < 1000 {
		t.Fatalf("only %d holidays read", len(listed))
	}
	wrong := 0
	for d := (jtext.Date{Year: 1955, Month: 1, Day: 1}); !last.Before(d) && d.Year <= 2027; d = d.AddDays(1) {
		name, isListed := listed[d]
		got := Holiday(d)
		if isListed != (got != "") {
			wrong++
			if wrong <= 20 {
				t.Errorf("%s: Holiday = %q, the list says %q", d, got, name)
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d days disagree with the Cabinet Office's list", wrong)
	}
}
