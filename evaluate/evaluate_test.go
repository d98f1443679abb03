package evaluate

import (
	"strings"
	"testing"

	"casebook"
)

func rec(file string, start, end int, org string, conf float64) casebook.Record {
	r := casebook.Record{Kind: casebook.KindBreach, File: file, Span: casebook.Span{Start: start, End: end}, Organization: org}
	if conf > 0 {
		r.Confidence = map[string]float64{"organization": conf}
	}
	return r
}

// Records match by span overlap of half the shorter one; fields count
// per matched pair, unmatched records count all their slots.
func TestScore(t *testing.T) {
	gold := []casebook.Record{rec("a", 0, 100, "A社", 0), rec("a", 100, 200, "B社", 0), rec("b", 0, 50, "C社", 0)}
	tests := []struct {
		name           string
		pred           []casebook.Record
		tp, fp, fn     int
		segTP, segFN   int
		calib09, right int
	}{
		{"all right", []casebook.Record{rec("a", 0, 100, "A社", 0.95), rec("a", 100, 200, "B社", 0.95), rec("b", 0, 50, "C社", 0.95)}, 3, 0, 0, 3, 0, 3, 3},
		{"one wrong, one missed", []casebook.Record{rec("a", 0, 110, "A社", 0.95), rec("a", 110, 200, "X社", 0.92)}, 1, 1, 2, 2, 1, 2, 1},
		{"pages not cut", []casebook.Record{rec("a", 0, 200, "A社", 0.95)}, 1, 0, 2, 1, 2, 1, 1},
	}
	for _, tt := range tests {
		rep := Score(tt.pred, gold)
		o := rep.Fields["organization"]
		if o.TP != tt.tp || o.FP != tt.fp || o.FN != tt.fn {
			t.Errorf("%s: organization %+v", tt.name, *o)
		}
		if rep.Segmentation.TP != tt.segTP || rep.Segmentation.FN != tt.segFN {
			t.Errorf("%s: segmentation %+v", tt.name, rep.Segmentation)
		}
		if c := rep.Calibration[3]; c.Total != tt.calib09 || c.Right != tt.right {
			t.Errorf("%s: calibration ≥0.9 %+v", tt.name, c)
		}
	}
}

func TestScoreGroups(t *testing.T) {
	gold := []casebook.Record{rec("w1-a", 0, 10, "A", 0), rec("w2-b", 0, 10, "B", 0), rec("w10-c", 0, 10, "C", 0)}
	pred := []casebook.Record{rec("w1-a", 0, 10, "A", 0), rec("w2-b", 0, 10, "X", 0), rec("w10-c", 0, 10, "C", 0)}
	g := ScoreGroups(pred, gold, func(f string) string { return strings.SplitN(f, "-", 2)[0] })
	if strings.Join(g.Groups, " ") != "w1 w2 w10" {
		t.Errorf("groups %v", g.Groups)
	}
	if name, r := g.Worst(); name != "w2" || r.Overall.F1() != 0 {
		t.Errorf("worst %s %v", name, r.Overall.F1())
	}
	var b strings.Builder
	g.Write(&b, false)
	if !strings.Contains(b.String(), "worst group: w2") || !strings.Contains(b.String(), "confidence") {
		t.Errorf("printed %s", b.String())
	}
}
