package sqlstore

import (
	"container/list"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"casebook/index"
)

// The search cache keeps in memory what every search needs — the facet
// bitmaps, the deleted numbers, the sort keys of every case — and the
// bitmaps of the grams searched recently. It follows the database: each
// search reads the list of live segments and loads only the segments it
// has not seen (segments never change; a merged segment holds what its
// parts held, so reading it again changes nothing). The state a search
// uses is immutable: a refresh builds a new one, so searches run in
// parallel without locks.

const gramCacheBytes = 256 << 20

type searchCache struct {
	mu    sync.Mutex
	state *cacheState
	grams map[index.Key]*list.Element // of *gramEntry
	lru   *list.List
	bytes int
	ver   map[string]*verifiedTerm
	verL  *list.List // of string
}

// cacheState is one immutable view of the index.
type cacheState struct {
	segs         []int64 // sorted
	facets       map[index.Key]*roaring.Bitmap
	deleted      *roaring.Bitmap
	all          *roaring.Bitmap // live cases
	withAffected *roaring.Bitmap // cases with a count of people
	months       []index.Key     // month keys, newest first
	years        []int
	sorts        []sortEntry // by ix
}

type gramEntry struct {
	key  index.Key
	bm   *roaring.Bitmap
	segs []int64
	size int
}

// verifiedTerm: of the numbers checked against the text, those that
// contain the term.
type verifiedTerm struct {
	checked, match *roaring.Bitmap
}

func newSearchCache() *searchCache {
	c := &searchCache{}
	c.reset()
	return c
}

func (c *searchCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.state = &cacheState{facets: map[index.Key]*roaring.Bitmap{}, deleted: roaring.New(), all: roaring.New(), withAffected: roaring.New()}
	c.grams, c.lru, c.bytes = map[index.Key]*list.Element{}, list.New(), 0
	c.ver, c.verL = map[string]*verifiedTerm{}, list.New()
}

func (st *cacheState) entry(ix uint32) sortEntry {
	if int(ix) < len(st.sorts) {
		return st.sorts[ix]
	}
	return sortEntry{ix: ix, affected: -1}
}

// refresh returns the current state, loading new segments.
func (c *searchCache) refresh(ctx context.Context, s *DB) (*cacheState, error) {
	infos, err := s.segments(ctx, s.db)
	if err != nil {
		return nil, err
	}
	segs := make([]int64, len(infos))
	for i, si := range infos {
		segs[i] = si.seg
	}
	c.mu.Lock()
	old := c.state
	c.mu.Unlock()
	if slices.Equal(old.segs, segs) {
		return old, nil
	}
	var fresh []int64
	for _, sg := range segs {
		if _, ok := slices.BinarySearch(old.segs, sg); !ok {
			fresh = append(fresh, sg)
		}
	}
	st := &cacheState{segs: segs, facets: map[index.Key]*roaring.Bitmap{}, deleted: old.deleted.Clone(), sorts: old.sorts}
	for k, bm := range old.facets {
		st.facets[k] = bm
	}
	copied := map[index.Key]bool{}
	sortsCopied := false
	for _, sg := range fresh {
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT seg, key, bits FROM idx_postings WHERE seg = ? AND key < 0 AND key > ? ORDER BY key, part`), sg, index.PhraseKeyBase)
		if err != nil {
			return nil, err
		}
		err = eachPosting(rows, func(sg int64, k index.Key, data []byte) error {
			if k == index.KeySort {
				if !sortsCopied {
					st.sorts = slices.Clone(st.sorts)
					sortsCopied = true
				}
				for _, e := range unpackSorts(data) {
					if int(e.ix) >= len(st.sorts) {
						st.sorts = append(st.sorts, make([]sortEntry, int(e.ix)+1-len(st.sorts))...)
					}
					st.sorts[e.ix] = e
				}
				return nil
			}
			bm := roaring.New()
			if err := bm.UnmarshalBinary(data); err != nil {
				return fmt.Errorf("index key %d of segment %d: %w", k, sg, err)
			}
			if k == index.KeyDeleted {
				st.deleted.Or(bm)
				return nil
			}
			if cur := st.facets[k]; cur != nil {
				if !copied[k] {
					cur = cur.Clone()
					copied[k] = true
				}
				cur.Or(bm)
				st.facets[k] = cur
			} else {
				st.facets[k] = bm
				copied[k] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// deleted numbers leave every facet (merged segments already dropped them)
	for k, bm := range st.facets {
		if bm.Intersects(st.deleted) {
			if !copied[k] {
				bm = bm.Clone()
			}
			bm.AndNot(st.deleted)
			st.facets[k] = bm
		}
	}
	st.all = roaring.New()
	if bm := st.facets[index.KeyAll]; bm != nil {
		st.all = bm
	}
	st.withAffected = roaring.New()
	for k, bm := range st.facets {
		if y, m, ok := index.MonthOf(k); ok {
			st.months = append(st.months, index.MonthKey(y, m))
		} else if y, ok := index.YearOf(k); ok {
			st.years = append(st.years, y)
		}
		if k <= index.BandKey(0) && k > index.BandKey(index.Bands()) {
			st.withAffected.Or(bm)
		}
	}
	// month keys grow more negative with time: the most negative is newest
	slices.Sort(st.months)
	slices.Sort(st.years)
	c.mu.Lock()
	if newest(st.segs) >= newest(c.state.segs) { // (a concurrent refresh may have gone further)
		c.state = st
	}
	c.mu.Unlock()
	return st, nil
}

// gram returns the bitmap of a gram key over the state's segments (it may
// hold deleted numbers: callers intersect with live sets).
func (c *searchCache) gram(ctx context.Context, s *DB, st *cacheState, k index.Key) (*roaring.Bitmap, error) {
	c.mu.Lock()
	var e *gramEntry
	if el, ok := c.grams[k]; ok {
		e = el.Value.(*gramEntry)
		c.lru.MoveToFront(el)
	}
	c.mu.Unlock()
	var have []int64
	var bm *roaring.Bitmap
	if e != nil {
		have, bm = e.segs, e.bm
	}
	var missing []int64
	for _, sg := range st.segs {
		if _, ok := slices.BinarySearch(have, sg); !ok {
			missing = append(missing, sg)
		}
	}
	if len(missing) == 0 && bm != nil {
		return bm, nil
	}
	next := roaring.New()
	if bm != nil {
		next = bm.Clone()
	}
	for _, sg := range missing {
		data, err := s.readPosting(ctx, s.db, sg, k)
		if err != nil {
			return nil, err
		}
		if data == nil {
			continue
		}
		part := roaring.New()
		if err := part.UnmarshalBinary(data); err != nil {
			return nil, fmt.Errorf("index key %d of segment %d: %w", k, sg, err)
		}
		next.Or(part)
	}
	segs := slices.Clone(st.segs)
	if e != nil {
		segs = append(segs, have...)
		slices.Sort(segs)
		segs = slices.Compact(segs)
	}
	ne := &gramEntry{key: k, bm: next, segs: segs, size: int(next.GetSizeInBytes()) + 64}
	c.mu.Lock()
	if el, ok := c.grams[k]; ok {
		c.bytes -= el.Value.(*gramEntry).size
		c.lru.Remove(el)
	}
	c.grams[k] = c.lru.PushFront(ne)
	c.bytes += ne.size
	for c.bytes > gramCacheBytes && c.lru.Len() > 1 {
		last := c.lru.Back()
		old := last.Value.(*gramEntry)
		c.lru.Remove(last)
		delete(c.grams, old.key)
		c.bytes -= old.size
	}
	c.mu.Unlock()
	return next, nil
}

// verified returns what is known of a term's confirmations.
func (c *searchCache) verified(key string) *verifiedTerm {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v := c.ver[key]; v != nil {
		return v
	}
	return &verifiedTerm{checked: roaring.New(), match: roaring.New()}
}

// addVerified records checked numbers and those that matched.
func (c *searchCache) addVerified(key string, checked, matched *roaring.Bitmap) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.ver[key]
	v := &verifiedTerm{checked: checked.Clone(), match: matched.Clone()}
	if old != nil {
		v.checked.Or(old.checked)
		v.match.Or(old.match)
	} else {
		c.verL.PushFront(key)
		if c.verL.Len() > 512 {
			last := c.verL.Back()
			c.verL.Remove(last)
			delete(c.ver, last.Value.(string))
		}
	}
	c.ver[key] = v
}

func newest(segs []int64) int64 {
	if len(segs) == 0 {
		return 0
	}
	return segs[len(segs)-1]
}
