package http

import (
	"context"
	"net/http"
	"strconv"
	"sync"

	"casebook"
	"casebook/appi"
)

// What reads every case — the statistics behind the dashboard and
// /api/stats, the safeguards every case implicates behind the
// self-assessment — is computed once per state of the casebook and kept
// until a write changes it (a store that says its version; any other is
// read every time). Requests that compute such things, or ingest, or
// export, take one of a few slots; a client past them is told to come
// back (503) rather than queue until the server's memory runs out.

// versioned is a store that says which state of the casebook it shows.
type versioned interface {
	Version(ctx context.Context) (string, error)
}

type heavyCache struct {
	mu   sync.Mutex
	data heavyData
}

type heavyData struct {
	version    string
	samples    *int // how many cases are invented samples
	stats      *casebook.Stats
	safeguards map[string][]string
	cases      map[string]*casebook.Case
}

// fresh returns the store's version and whether the cache holds it; a
// new version empties the cache.
func (s *Server) freshCache(ctx context.Context) (string, bool) {
	vs, ok := s.Store.(versioned)
	if !ok {
		return "", false
	}
	v, err := vs.Version(ctx)
	if err != nil {
		return "", false
	}
	s.heavy.mu.Lock()
	defer s.heavy.mu.Unlock()
	if s.heavy.data.version != v {
		s.heavy.data = heavyData{version: v}
	}
	return v, true
}

func (s *Server) stats(ctx context.Context) (*casebook.Stats, error) {
	v, cached := s.freshCache(ctx)
	if cached {
		s.heavy.mu.Lock()
		st := s.heavy.data.stats
		s.heavy.mu.Unlock()
		if st != nil {
			return st, nil
		}
	}
	st := casebook.NewStats()
	if err := s.Store.EachCase(ctx, func(c *casebook.Case) error { st.Add(&c.Record); return nil }); err != nil {
		return nil, err
	}
	_, docs, err := s.Store.Counts(ctx)
	if err != nil {
		return nil, err
	}
	st.Documents = docs
	st.Finish()
	if cached {
		s.heavy.mu.Lock()
		if s.heavy.data.version == v {
			s.heavy.data.stats = st
		}
		s.heavy.mu.Unlock()
	}
	return st, nil
}

// caseSafeguards judges every case and lists the safeguards it implicates.
func (s *Server) caseSafeguards(ctx context.Context) (map[string][]string, map[string]*casebook.Case, error) {
	v, cached := s.freshCache(ctx)
	if cached {
		s.heavy.mu.Lock()
		sg, cs := s.heavy.data.safeguards, s.heavy.data.cases
		s.heavy.mu.Unlock()
		if sg != nil {
			return sg, cs, nil
		}
	}
	sg, cs, err := appi.SafeguardsByCase(func(fn func(*casebook.Case) error) error { return s.Store.EachCase(ctx, fn) })
	if err != nil {
		return nil, nil, err
	}
	if cached {
		s.heavy.mu.Lock()
		if s.heavy.data.version == v {
			s.heavy.data.safeguards, s.heavy.data.cases = sg, cs
		}
		s.heavy.mu.Unlock()
	}
	return sg, cs, nil
}

// heavySlots bounds the requests that read every case, ingest or
// export at once.
const heavySlots = 8

// limitHeavy lets a request through when a slot is free, else answers 503.
func (s *Server) limitHeavy(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
			h(w, r)
		default:
			w.Header().Set("Retry-After", strconv.Itoa(2))
			if isAPI(r) {
				s.jsonError(w, http.StatusServiceUnavailable, "the server is busy with other requests like this one; try again shortly")
				return
			}
			s.pageError(w, r, http.StatusServiceUnavailable, "混み合っています。少し時間をおいて再度お試しください。")
		}
	}
}

// sampleCount is how many cases are made of the bundled sample notices,
// from the search's facets (kept per state of the casebook): every page
// says so while there are any.
func (s *Server) sampleCount(ctx context.Context) int {
	v, cached := s.freshCache(ctx)
	if cached {
		s.heavy.mu.Lock()
		n := s.heavy.data.samples
		s.heavy.mu.Unlock()
		if n != nil {
			return *n
		}
	}
	res, err := s.Store.Search(ctx, casebook.SearchQuery{Limit: 1})
	if err != nil {
		return 0
	}
	n := res.Facets.Flags[casebook.FlagSample]
	if cached {
		s.heavy.mu.Lock()
		if s.heavy.data.version == v {
			s.heavy.data.samples = &n
		}
		s.heavy.mu.Unlock()
	}
	return n
}
