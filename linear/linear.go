// Package linear holds the models extraction decides with. Every decision
// is a choice among candidates — which name is the organization, which
// date is the discovery, whether a cue word tells of this incident (a
// choice between yes and nothing) — scored by a weighted sum of named
// features and turned into probabilities by a softmax over the choice
// (a conditional logit; with two candidates, one of them empty, it is
// logistic regression). Training maximizes the likelihood of the right
// candidates with an L2 penalty, by L-BFGS over the whole set, so the
// same examples always give the same weights. The package does no I/O.
package linear

import (
	"math"
	"sort"
)

// Feature is a named input of a candidate; Value is 1 for an indicator.
type Feature struct {
	Name  string
	Value float64
}

// Vector is a candidate's features.
type Vector []Feature

// Model is the weights of one decision, by feature name.
type Model struct {
	Weights map[string]float64 `json:"weights"`
}

// Score is the weighted sum of x's features.
func (m *Model) Score(x Vector) float64 {
	if m == nil {
		return 0
	}
	s := 0.0
	for _, f := range x {
		s += m.Weights[f.Name] * f.Value
	}
	return s
}

// ScoreNames is the weighted sum of the indicator features prefix+name,
// looked up without building their names.
func (m *Model) ScoreNames(prefix string, names []string) float64 {
	if m == nil || len(names) == 0 {
		return 0
	}
	var buf [160]byte
	b := append(buf[:0], prefix...)
	n := len(b)
	s := 0.0
	for _, name := range names {
		b = append(b[:n], name...)
		s += m.Weights[string(b)] // (the conversion in an index does not allocate)
	}
	return s
}

// Sigmoid is the probability of yes for a yes/no score.
func Sigmoid(z float64) float64 { return sigmoid(z) }

// Softmax turns the scores of a choice's candidates into probabilities.
func Softmax(scores []float64) []float64 { return softmax(scores) }

// Prob is the probability of yes for a yes/no decision: the choice of x
// over nothing.
func (m *Model) Prob(x Vector) float64 { return sigmoid(m.Score(x)) }

// Probs is the probability of each candidate of one choice.
func (m *Model) Probs(cands []Vector) []float64 {
	scores := make([]float64, len(cands))
	for i, c := range cands {
		scores[i] = m.Score(c)
	}
	return softmax(scores)
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

func softmax(scores []float64) []float64 {
	out := make([]float64, len(scores))
	if len(scores) == 0 {
		return out
	}
	top := scores[0]
	for _, s := range scores {
		top = max(top, s)
	}
	sum := 0.0
	for i, s := range scores {
		out[i] = math.Exp(s - top)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// Choice is one training example: candidates, and which of them are right
// (several may be: the same date written twice). A choice without a right
// candidate teaches nothing and is skipped.
type Choice struct {
	Cands []Vector
	Right []bool
}

// YesNo is a yes/no example: x against nothing.
func YesNo(x Vector, yes bool) Choice {
	return Choice{Cands: []Vector{x, nil}, Right: []bool{yes, !yes}}
}

// Options of training.
type Options struct {
	L2         float64 // penalty on the squared weights; 1 when zero
	Iterations int     // most L-BFGS iterations; 200 when zero
	MinWeight  float64 // weights smaller in size are dropped; 1e-6 when zero
	// Scale, when set, scales the penalty of each feature (1: as L2);
	// a prior that is trusted gets a small scale.
	Scale func(name string) float64
}

// problem is the examples compiled to feature indices.
type problem struct {
	names []string
	// candidate k of all: features idx[off[k]:off[k+1]] with values val
	idx   []int32
	val   []float64
	off   []int
	right []bool
	// example e: candidates [first[e], first[e+1])
	first []int
}

func compile(examples []Choice) *problem {
	p := &problem{off: []int{0}, first: []int{0}}
	index := map[string]int32{}
	for _, ex := range examples {
		any := false
		for _, r := range ex.Right {
			any = any || r
		}
		if !any || len(ex.Cands) < 2 {
			continue
		}
		for k, c := range ex.Cands {
			for _, f := range c {
				if f.Value == 0 {
					continue
				}
				i, ok := index[f.Name]
				if !ok {
					i = int32(len(p.names))
					index[f.Name] = i
					p.names = append(p.names, f.Name)
				}
				p.idx = append(p.idx, i)
				p.val = append(p.val, f.Value)
			}
			p.off = append(p.off, len(p.idx))
			p.right = append(p.right, ex.Right[k])
		}
		p.first = append(p.first, len(p.right))
	}
	return p
}

// loss returns the negative log-likelihood with the L2 penalty at w, and
// its gradient in g.
func (p *problem) loss(w, g []float64, l2 []float64) float64 {
	for i := range g {
		g[i] = l2[i] * w[i]
	}
	f := 0.0
	for i := range w {
		f += 0.5 * l2[i] * w[i] * w[i]
	}
	var scores []float64
	for e := 0; e+1 < len(p.first); e++ {
		a, b := p.first[e], p.first[e+1]
		scores = scores[:0]
		top := math.Inf(-1)
		for k := a; k < b; k++ {
			s := 0.0
			for j := p.off[k]; j < p.off[k+1]; j++ {
				s += w[p.idx[j]] * p.val[j]
			}
			scores = append(scores, s)
			top = max(top, s)
		}
		all, good := 0.0, 0.0
		for k := a; k < b; k++ {
			x := math.Exp(scores[k-a] - top)
			all += x
			if p.right[k] {
				good += x
			}
		}
		f -= math.Log(good) - math.Log(all)
		// d/dw = sum_k (p_k - q_k) x_k, q: the right candidates' share
		for k := a; k < b; k++ {
			x := math.Exp(scores[k-a] - top)
			coef := x / all
			if p.right[k] {
				coef -= x / good
			}
			if coef == 0 {
				continue
			}
			for j := p.off[k]; j < p.off[k+1]; j++ {
				g[p.idx[j]] += coef * p.val[j]
			}
		}
	}
	return f
}

// Train fits a model to the examples.
func Train(examples []Choice, o Options) *Model {
	if o.L2 == 0 {
		o.L2 = 1
	}
	if o.Iterations == 0 {
		o.Iterations = 200
	}
	if o.MinWeight == 0 {
		o.MinWeight = 1e-6
	}
	p := compile(examples)
	l2 := make([]float64, len(p.names))
	for i, n := range p.names {
		l2[i] = o.L2
		if o.Scale != nil {
			l2[i] *= o.Scale(n)
		}
	}
	w := minimize(len(p.names), func(w, g []float64) float64 { return p.loss(w, g, l2) }, o.Iterations)
	m := &Model{Weights: map[string]float64{}}
	for i, name := range p.names {
		if math.Abs(w[i]) >= o.MinWeight {
			m.Weights[name] = w[i]
		}
	}
	return m
}

// minimize runs L-BFGS (memory 10) with a backtracking line search from
// zero; fg returns the objective and writes its gradient.
func minimize(n int, fg func(w, g []float64) float64, iters int) []float64 {
	const mem = 10
	w := make([]float64, n)
	g := make([]float64, n)
	f := fg(w, g)
	var ss, ys [][]float64
	var rhos []float64
	d := make([]float64, n)
	alpha := make([]float64, mem)
	wNew := make([]float64, n)
	gNew := make([]float64, n)
	for it := 0; it < iters; it++ {
		// d = -H g by the two-loop recursion
		copy(d, g)
		for i := len(ss) - 1; i >= 0; i-- {
			alpha[i] = rhos[i] * dot(ss[i], d)
			axpy(-alpha[i], ys[i], d)
		}
		if k := len(ss) - 1; k >= 0 {
			scale(dot(ss[k], ys[k])/dot(ys[k], ys[k]), d)
		} else if gn := math.Sqrt(dot(g, g)); gn > 0 {
			scale(1/gn, d)
		}
		for i := range ss {
			b := rhos[i] * dot(ys[i], d)
			axpy(alpha[i]-b, ss[i], d)
		}
		scale(-1, d)
		slope := dot(g, d)
		if slope >= 0 { // not a descent direction: start over from the gradient
			ss, ys, rhos = nil, nil, nil
			copy(d, g)
			scale(-1, d)
			slope = dot(g, d)
		}
		if slope > -1e-12 {
			break
		}
		step, fNew := 1.0, 0.0
		for tries := 0; ; tries++ {
			for i := range w {
				wNew[i] = w[i] + step*d[i]
			}
			fNew = fg(wNew, gNew)
			if fNew <= f+1e-4*step*slope || tries >= 40 {
				break
			}
			step *= 0.5
		}
		if fNew > f {
			break
		}
		s := make([]float64, n)
		y := make([]float64, n)
		for i := range w {
			s[i] = wNew[i] - w[i]
			y[i] = gNew[i] - g[i]
		}
		copy(w, wNew)
		copy(g, gNew)
		done := f-fNew < 1e-9*max(1, math.Abs(f))
		f = fNew
		if sy := dot(s, y); sy > 1e-12 {
			if len(ss) == mem {
				ss, ys, rhos = ss[1:], ys[1:], rhos[1:]
			}
			ss, ys, rhos = append(ss, s), append(ys, y), append(rhos, 1/sy)
		}
		if done {
			break
		}
	}
	return w
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

func scale(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}

// Names returns the model's feature names in order, for printing.
func (m *Model) Names() []string {
	out := make([]string, 0, len(m.Weights))
	for n := range m.Weights {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
