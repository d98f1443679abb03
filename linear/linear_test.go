package linear

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

func f(names ...string) Vector {
	var v Vector
	for _, n := range names {
		v = append(v, Feature{n, 1})
	}
	return v
}

// A yes/no decision learned from noisy examples: the weights recover the
// generating ones, and the probabilities are calibrated.
func TestYesNoRecoversWeights(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	truth := map[string]float64{"a": 2, "b": -1.5, "bias": -0.5}
	var ex []Choice
	for i := 0; i < 20000; i++ {
		x := f("bias")
		if r.Float64() < 0.5 {
			x = append(x, Feature{"a", 1})
		}
		if r.Float64() < 0.5 {
			x = append(x, Feature{"b", 1})
		}
		m := &Model{Weights: truth}
		ex = append(ex, YesNo(x, r.Float64() < m.Prob(x)))
	}
	m := Train(ex, Options{L2: 0.01})
	for n, w := range truth {
		if math.Abs(m.Weights[n]-w) > 0.15 {
			t.Errorf("%s: %.3f, want %.3f", n, m.Weights[n], w)
		}
	}
}

// A choice among candidates learns which feature marks the right one;
// several right candidates share the likelihood.
func TestChoice(t *testing.T) {
	var ex []Choice
	for i := 0; i < 50; i++ {
		ex = append(ex,
			Choice{Cands: []Vector{f("title"), f("body"), f("third")}, Right: []bool{true, false, false}},
			Choice{Cands: []Vector{f("body"), f("lead"), f("third")}, Right: []bool{false, true, false}},
			Choice{Cands: []Vector{f("lead"), f("title", "third")}, Right: []bool{true, false}},
			Choice{Cands: []Vector{f("lead"), f("lead")}, Right: []bool{true, true}},
			Choice{Cands: []Vector{f("body")}, Right: []bool{true}},                     // one candidate: skipped
			Choice{Cands: []Vector{f("body"), f("third")}, Right: []bool{false, false}}, // no right one: skipped
		)
	}
	m := Train(ex, Options{})
	p := m.Probs([]Vector{f("body"), f("title"), f("third")})
	if p[1] < 0.6 || p[0] > p[1] || p[2] > p[0] {
		t.Errorf("probs %v", p)
	}
	if s := p[0] + p[1] + p[2]; math.Abs(s-1) > 1e-12 {
		t.Errorf("sum %v", s)
	}
	if m.Weights["third"] >= m.Weights["body"] {
		t.Errorf("weights %v", m.Weights)
	}
}

// The same examples give the same weights.
func TestDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var ex []Choice
	for i := 0; i < 2000; i++ {
		x := f("bias", string(rune('a'+r.IntN(20))), string(rune('A'+r.IntN(20))))
		ex = append(ex, YesNo(x, r.IntN(3) == 0))
	}
	a, b := Train(ex, Options{}), Train(ex, Options{})
	if !reflect.DeepEqual(a, b) {
		t.Error("two trainings differ")
	}
}

func TestEmpty(t *testing.T) {
	m := Train(nil, Options{})
	if len(m.Weights) != 0 || m.Prob(f("x")) != 0.5 {
		t.Errorf("%v", m)
	}
	var nilModel *Model
	if nilModel.Score(f("x")) != 0 {
		t.Error("nil model scores")
	}
}
