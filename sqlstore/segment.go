package sqlstore

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"casebook"
	"casebook/index"
	"casebook/orgkind"
)

// The search index lives in the database, in immutable segments. Every
// transaction that changes cases writes one segment: for each key (a gram
// or a facet, package index) the roaring bitmap of the index numbers (ix)
// of the cases it indexed. A case whose text changed gets a new ix; its
// old one is listed in the segment's deleted bitmap. Segments are merged
// in tiers (eight of a level make one of the next) so a key is read from
// a few rows; a merge drops the postings of deleted numbers. Everything is
// written in the transaction that changes the cases, so a crash loses
// nothing committed and several PostgreSQL clients share one index.

// mergeFanIn is how many segments of one level are merged into one.
const mergeFanIn = 8

// segmentBuilder collects the postings a transaction writes.
type segmentBuilder struct {
	post    map[index.Key]*roaring.Bitmap
	deleted *roaring.Bitmap
	sort    []sortEntry
	nextIx  int64 // the next number of the block reserved, 0: none
	lastIx  int64 // the last number of the block
}

// sortEntry is what a search orders a case by.
type sortEntry struct {
	ix       uint32
	date     uint32 // YYYYMMDD, 0 when none
	affected int64  // -1 when unknown
}

func newSegmentBuilder() *segmentBuilder {
	return &segmentBuilder{post: map[index.Key]*roaring.Bitmap{}, deleted: roaring.New()}
}

func (b *segmentBuilder) add(k index.Key, ix uint32) {
	bm := b.post[k]
	if bm == nil {
		bm = roaring.New()
		b.post[k] = bm
	}
	bm.Add(ix)
}

// builder returns the segment being built in tx.
func (s *DB) builder(tx *sql.Tx) *segmentBuilder {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.builders == nil {
		s.builders = map[*sql.Tx]*segmentBuilder{}
	}
	b := s.builders[tx]
	if b == nil {
		b = newSegmentBuilder()
		s.builders[tx] = b
	}
	return b
}

// newIx returns a fresh index number, reserving them in blocks.
func (s *DB) newIx(ctx context.Context, tx *sql.Tx, b *segmentBuilder) (uint32, error) {
	if b.nextIx == 0 || b.nextIx > b.lastIx {
		const block = 256
		var last int64
		if err := tx.QueryRowContext(ctx, s.q(`UPDATE idx_state SET next_ix = next_ix + ? WHERE id = 1 RETURNING next_ix`), block).Scan(&last); err != nil {
			return 0, fmt.Errorf("index numbers: %w", err)
		}
		b.nextIx, b.lastIx = last-block+1, last
	}
	ix := b.nextIx
	b.nextIx++
	if ix > 1<<32-1 {
		return 0, errors.New("index numbers exhausted: rebuild the index")
	}
	return uint32(ix), nil
}

// indexCase files a case (its new ix) under its keys and marks its old ix
// deleted; v is nil when the case was deleted.
func (s *DB) indexCase(ctx context.Context, tx *sql.Tx, oldIx int64, v *caseView) (int64, error) {
	b := s.builder(tx)
	if oldIx > 0 {
		b.deleted.Add(uint32(oldIx))
	}
	if v == nil {
		return 0, nil
	}
	ix, err := s.newIx(ctx, tx, b)
	if err != nil {
		return 0, err
	}
	for _, k := range v.keys {
		b.add(index.Key(k), ix)
	}
	for _, k := range facetKeys(&v.m, v.flags) {
		b.add(k, ix)
	}
	e := sortEntry{ix: ix, date: index.Date(v.date), affected: -1}
	if v.m.Affected != nil && v.m.Affected.Count != nil {
		e.affected = *v.m.Affected.Count
	}
	b.sort = append(b.sort, e)
	return int64(ix), nil
}

// facetKeys are the facet keys of a merged record with its judgement's
// flags.
func facetKeys(m *casebook.Record, flags []string) []index.Key {
	keys := []index.Key{index.KeyAll}
	pos := func(v []casebook.Term, code string) int {
		for i, t := range v {
			if t.Code == code {
				return i
			}
		}
		return -1
	}
	for _, c := range m.Causes {
		if i := pos(casebook.Causes, c); i >= 0 {
			keys = append(keys, index.CauseKey(i))
		}
	}
	for _, c := range m.DataItems {
		if i := pos(casebook.DataItems, c); i >= 0 {
			keys = append(keys, index.ItemKey(i))
		}
	}
	if i := pos(casebook.Sectors, m.Sector); i >= 0 {
		keys = append(keys, index.SectorKey(i))
	}
	if i := pos(casebook.OrgKinds, orgkind.Of(m.Organization, m.Sector)); i >= 0 {
		keys = append(keys, index.OrgKindKey(i))
	}
	if i := pos(casebook.Kinds, string(m.Kind)); i >= 0 {
		keys = append(keys, index.KindKey(i))
	}
	for _, f := range flags {
		if i := pos(casebook.Flags, f); i >= 0 {
			keys = append(keys, index.FlagKey(i))
		}
	}
	if d := index.Date(m.Date()); d != 0 {
		keys = append(keys, index.YearKey(int(d/10000)), index.MonthKey(int(d/10000), int(d/100%100)))
	} else {
		keys = append(keys, index.KeyNoDate)
	}
	if m.Affected != nil && m.Affected.Count != nil {
		keys = append(keys, index.BandKey(index.Band(*m.Affected.Count)))
	}
	return keys
}

// flushIndex writes the transaction's segment (before its commit).
func (s *DB) flushIndex(ctx context.Context, tx *sql.Tx) error {
	s.mu.Lock()
	b := s.builders[tx]
	delete(s.builders, tx)
	s.mu.Unlock()
	if b == nil || len(b.post) == 0 && b.deleted.IsEmpty() {
		return nil
	}
	var seg int64
	if err := tx.QueryRowContext(ctx, s.q(`UPDATE idx_state SET next_seg = next_seg + 1 WHERE id = 1 RETURNING next_seg`)).Scan(&seg); err != nil {
		return fmt.Errorf("index segment: %w", err)
	}
	return s.writeSegment(ctx, tx, seg, 0, b.post, b.deleted, b.sort)
}

// writeSegment stores a segment's rows in key order.
func (s *DB) writeSegment(ctx context.Context, tx *sql.Tx, seg int64, level int, post map[index.Key]*roaring.Bitmap, deleted *roaring.Bitmap, sorts []sortEntry) error {
	if err := s.exec(ctx, tx, `INSERT INTO idx_segs (seg, level, docs) VALUES (?, ?, ?)`, seg, level, len(sorts)); err != nil {
		return err
	}
	keys := make([]index.Key, 0, len(post))
	for k := range post {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// rows go in statements of many rows: one round trip each
	const perStmt = 400
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		n := len(args) / 4
		q := `INSERT INTO idx_postings (seg, key, part, bits) VALUES ` + strings.Repeat("(?, ?, ?, ?),", n)
		err := s.exec(ctx, tx, strings.TrimSuffix(q, ","), args...)
		args = args[:0]
		return err
	}
	put := func(k index.Key, data []byte) error {
		for part := 0; part == 0 || len(data) > 0; part++ {
			n := len(data)
			if s.d.PostingPart > 0 {
				n = min(n, s.d.PostingPart)
			}
			args = append(args, seg, k, part, data[:n])
			data = data[n:]
			if len(args) >= perStmt*4 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if !deleted.IsEmpty() {
		data, err := deleted.ToBytes()
		if err != nil {
			return err
		}
		if err := put(index.KeyDeleted, data); err != nil {
			return err
		}
	}
	if len(sorts) > 0 {
		if err := put(index.KeySort, packSorts(sorts)); err != nil {
			return err
		}
	}
	for _, k := range keys {
		bm := post[k]
		if bm.IsEmpty() {
			continue
		}
		bm.RunOptimize()
		data, err := bm.ToBytes()
		if err != nil {
			return err
		}
		if err := put(k, data); err != nil {
			return err
		}
	}
	return flush()
}

func packSorts(es []sortEntry) []byte {
	out := make([]byte, 0, len(es)*16)
	for _, e := range es {
		out = binary.LittleEndian.AppendUint32(out, e.ix)
		out = binary.LittleEndian.AppendUint32(out, e.date)
		out = binary.LittleEndian.AppendUint64(out, uint64(e.affected))
	}
	return out
}

func unpackSorts(b []byte) []sortEntry {
	out := make([]sortEntry, 0, len(b)/16)
	for ; len(b) >= 16; b = b[16:] {
		out = append(out, sortEntry{ix: binary.LittleEndian.Uint32(b), date: binary.LittleEndian.Uint32(b[4:]),
			affected: int64(binary.LittleEndian.Uint64(b[8:]))})
	}
	return out
}

// Compact merges segments while a level holds mergeFanIn of them (or all
// of them, when all is set). It runs in transactions of its own after a
// write; with PostgreSQL one client merges at a time.
func (s *DB) Compact(ctx context.Context, all bool) error {
	for {
		tx, end, err := s.begin(ctx)
		if err != nil {
			return err
		}
		if s.d.TryLock != "" {
			var ok bool
			if err := tx.QueryRowContext(ctx, s.d.TryLock).Scan(&ok); err != nil || !ok {
				end()
				return err // another client is merging
			}
		}
		segs, err := s.segments(ctx, tx)
		if err != nil {
			end()
			return err
		}
		pick := pickMerge(segs, all)
		if len(pick) < 2 {
			end()
			return nil
		}
		if err := s.merge(ctx, tx, pick); err != nil {
			end()
			return fmt.Errorf("merge index segments: %w", err)
		}
		if err := tx.Commit(); err != nil {
			end()
			return err
		}
		end()
	}
}

type segInfo struct {
	seg   int64
	level int
	docs  int
}

func (s *DB) segments(ctx context.Context, q queryer) ([]segInfo, error) {
	rows, err := q.QueryContext(ctx, `SELECT seg, level, docs FROM idx_segs ORDER BY seg`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []segInfo
	for rows.Next() {
		var si segInfo
		if err := rows.Scan(&si.seg, &si.level, &si.docs); err != nil {
			return nil, err
		}
		out = append(out, si)
	}
	return out, rows.Err()
}

// pickMerge chooses segments to merge: the oldest mergeFanIn of the
// lowest level that has that many, or every segment when all is set.
func pickMerge(segs []segInfo, all bool) []segInfo {
	if all {
		return segs
	}
	byLevel := map[int][]segInfo{}
	for _, si := range segs {
		byLevel[si.level] = append(byLevel[si.level], si)
	}
	for level := 0; level < 16; level++ {
		if len(byLevel[level]) >= mergeFanIn {
			return byLevel[level][:mergeFanIn]
		}
	}
	return nil
}

// merge replaces segments by one, dropping the postings of every deleted
// number (the deleted lists themselves are kept: they may name numbers
// in other segments).
func (s *DB) merge(ctx context.Context, tx *sql.Tx, pick []segInfo) error {
	start := time.Now()
	deletedAll, err := s.readKey(ctx, tx, nil, index.KeyDeleted)
	if err != nil {
		return err
	}
	ids := make([]any, len(pick))
	level := 0
	for i, si := range pick {
		ids[i] = si.seg
		level = max(level, si.level)
	}
	in := placeholders(len(pick))
	rows, err := tx.QueryContext(ctx, s.q(`SELECT seg, key, bits FROM idx_postings WHERE seg IN (`+in+`) ORDER BY seg, key, part`), ids...)
	if err != nil {
		return err
	}
	post := map[index.Key]*roaring.Bitmap{}
	deleted := roaring.New()
	var sorts []sortEntry
	err = eachPosting(rows, func(_ int64, k index.Key, data []byte) error {
		if k == index.KeySort {
			for _, e := range unpackSorts(data) {
				if !deletedAll.Contains(e.ix) {
					sorts = append(sorts, e)
				}
			}
			return nil
		}
		bm := roaring.New()
		if err := bm.UnmarshalBinary(data); err != nil {
			return fmt.Errorf("key %d: %w", k, err)
		}
		if k == index.KeyDeleted {
			deleted.Or(bm)
		} else if cur := post[k]; cur != nil {
			cur.Or(bm)
		} else {
			post[k] = bm
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, bm := range post {
		bm.AndNot(deletedAll)
	}
	var seg int64
	if err := tx.QueryRowContext(ctx, s.q(`UPDATE idx_state SET next_seg = next_seg + 1 WHERE id = 1 RETURNING next_seg`)).Scan(&seg); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM idx_postings WHERE seg IN (`+in+`)`), ids...); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM idx_segs WHERE seg IN (`+in+`)`), ids...); err != nil {
		return err
	}
	if err := s.writeSegment(ctx, tx, seg, level+1, post, deleted, sorts); err != nil {
		return err
	}
	if s.log != nil {
		s.log("merged index segments", "segments", len(pick), "cases", len(sorts), "level", level+1, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// readKey unions a key's bitmaps over the given segments (nil: all live
// segments), one point lookup per segment.
func (s *DB) readKey(ctx context.Context, q queryer, segs []int64, k index.Key) (*roaring.Bitmap, error) {
	if segs == nil {
		infos, err := s.segments(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, si := range infos {
			segs = append(segs, si.seg)
		}
	}
	out := roaring.New()
	for _, sg := range segs {
		data, err := s.readPosting(ctx, q, sg, k)
		if err != nil {
			return nil, err
		}
		if data == nil {
			continue
		}
		bm := roaring.New()
		if err := bm.UnmarshalBinary(data); err != nil {
			return nil, fmt.Errorf("index key %d of segment %d: %w", k, sg, err)
		}
		out.Or(bm)
	}
	return out, nil
}

// queryRow runs a query returning one row on a transaction or the database.
func (s *DB) queryRow(ctx context.Context, q queryer, query string, args ...any) *sql.Row {
	if tx, ok := q.(*sql.Tx); ok {
		if st, err := s.stmt(ctx, tx, query); err == nil {
			return st.QueryRowContext(ctx, args...)
		}
		return tx.QueryRowContext(ctx, s.q(query), args...)
	}
	return q.(interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}).QueryRowContext(ctx, s.q(query), args...)
}

func placeholders(n int) string {
	if n == 0 {
		return ""
	}
	b := make([]byte, 0, 2*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '?')
	}
	return string(b)
}

// A posting list is stored in parts of at most Dialect.PostingPart bytes
// (rows (seg, key, part)): on SQLite a row that fits its page never spills
// into overflow pages, whose unused tails cost as much as the lists.

// readPosting returns the bytes of key k in segment seg (nil: none).
func (s *DB) readPosting(ctx context.Context, q queryer, seg int64, k index.Key) ([]byte, error) {
	var rows *sql.Rows
	var err error
	const query = `SELECT seg, key, bits FROM idx_postings WHERE seg = ? AND key = ? ORDER BY part`
	if tx, ok := q.(*sql.Tx); ok {
		var st *sql.Stmt
		if st, err = s.stmt(ctx, tx, query); err == nil {
			rows, err = st.QueryContext(ctx, seg, k)
		}
	} else {
		rows, err = q.QueryContext(ctx, s.q(query), seg, k)
	}
	if err != nil {
		return nil, err
	}
	var out []byte
	err = eachPosting(rows, func(_ int64, _ index.Key, data []byte) error {
		out = data
		return nil
	})
	return out, err
}

// eachPosting calls fn with every (seg, key) of rows (seg, key, bits in
// part order), its parts joined. It closes rows.
func eachPosting(rows *sql.Rows, fn func(seg int64, k index.Key, data []byte) error) error {
	defer rows.Close()
	var seg int64
	var k index.Key
	var data []byte
	have := false
	for rows.Next() {
		var sg int64
		var key index.Key
		var part []byte
		if err := rows.Scan(&sg, &key, &part); err != nil {
			return err
		}
		if have && sg == seg && key == k {
			data = append(data, part...)
			continue
		}
		if have {
			if err := fn(seg, k, data); err != nil {
				return err
			}
		}
		seg, k, data, have = sg, key, append([]byte(nil), part...), true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if have {
		return fn(seg, k, data)
	}
	return nil
}
