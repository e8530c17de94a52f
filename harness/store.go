package harness

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// visited is the visited set behind a search: the exact store, which keeps
// every state and can hand it back by number, or the compacted fingerprint
// set, which keeps 64 bits per state and can only say whether a state was
// seen.
type visited interface {
	// add inserts st if it is new and returns its number and whether it
	// was added. The fingerprint set numbers added states but returns 0
	// for states it had already seen.
	add(st State) (id uint32, added bool, err error)
	// find reports whether st is stored and, for the exact store, its
	// number.
	find(st State) (uint32, bool)
	len() int
	// bytes is the memory held, for bytes-per-state figures.
	bytes() int
}

// Store geometry. The index is split into shards by the top bits of a
// state's hash so that parallel workers can each own a shard, and so that
// growing the index re-hashes one small shard at a time instead of copying
// one big table.
const (
	shardBits      = 6
	numShards      = 1 << shardBits
	initialSlots   = 1 << 4 // slots of a shard's table before it first grows
	maxLoadPercent = 75     // an exact shard grows past this load
)

// store is the exact visited set: every distinct state once, numbered in the
// order it was added. States live back to back in one arena (with no
// per-state bookkeeping while all states have the same length, which is
// the common case), and the index is a sharded open-addressing table of
// state numbers, so a state costs its own bytes plus about eight bytes.
type store struct {
	arena  []byte
	width  int      // the length every state has so far; -1 once they differ
	ends   []uint32 // ends[i] is where state i stops in arena; only when width < 0
	n      int
	shards [numShards]idShard
}

// idShard is one shard of the exact index: state number + 1 per slot, 0
// for an empty slot.
type idShard struct {
	table []uint32
	count int
}

// errStoreFull is returned when states of varying length pass 4 GiB, the
// reach of their 32-bit offsets, or when there are more states than 32-bit
// numbers.
var errStoreFull = errors.New("state store full: more than 4 GiB of encoded states or 2^31 states")

// maxStoredStates bounds state numbers so that number + 1 and the parallel
// search's pending marks fit in 32 bits.
const maxStoredStates = 1<<31 - 1

func newStore() *store {
	s := &store{width: -2} // -2: no state yet
	for i := range s.shards {
		s.shards[i].table = make([]uint32, initialSlots)
	}
	return s
}

func (s *store) len() int { return s.n }

// get returns state i. The slice aliases the arena: callers must not
// modify it; it stays valid (the arena is only ever appended to).
func (s *store) get(i uint32) State {
	if s.width >= 0 {
		lo := int(i) * s.width
		return s.arena[lo : lo+s.width : lo+s.width]
	}
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.arena[start:s.ends[i]:s.ends[i]]
}

// shardOf splits a hash into its shard and the hash bits left for the slot.
func shardOf(h uint64) int { return int(h >> (64 - shardBits)) }

// find returns the number of st if it is stored.
func (s *store) find(st State) (uint32, bool) {
	h := hashState(st)
	sh := &s.shards[shardOf(h)]
	mask := uint64(len(sh.table) - 1)
	for slot := h & mask; ; slot = (slot + 1) & mask {
		id := sh.table[slot]
		if id == 0 {
			return 0, false
		}
		if string(s.get(id-1)) == string(st) {
			return id - 1, true
		}
	}
}

// add inserts st if it is new. It returns the state's number and whether
// it was added.
func (s *store) add(st State) (uint32, bool, error) {
	h := hashState(st)
	sh := &s.shards[shardOf(h)]
	mask := uint64(len(sh.table) - 1)
	for slot := h & mask; ; slot = (slot + 1) & mask {
		id := sh.table[slot]
		if id == 0 {
			n, err := s.push(st)
			if err != nil {
				return 0, false, err
			}
			sh.table[slot] = n + 1
			if sh.count++; sh.count*100 > len(sh.table)*maxLoadPercent {
				s.grow(sh)
			}
			return n, true, nil
		}
		if string(s.get(id-1)) == string(st) {
			return id - 1, false, nil
		}
	}
}

// push appends st to the arena and returns its number.
func (s *store) push(st State) (uint32, error) {
	if s.n >= maxStoredStates {
		return 0, errStoreFull
	}
	switch {
	case s.width == -2:
		s.width = len(st)
	case s.width >= 0 && len(st) != s.width:
		s.varyWidth()
	}
	if s.width < 0 {
		if uint64(len(s.arena))+uint64(len(st)) > 1<<32-1 {
			return 0, errStoreFull
		}
		s.ends = append(s.ends, uint32(len(s.arena)+len(st)))
	}
	s.arena = append(s.arena, st...)
	s.n++
	return uint32(s.n - 1), nil
}

// varyWidth switches from fixed-width states to explicit end offsets.
func (s *store) varyWidth() {
	s.ends = make([]uint32, s.n, 2*s.n+1)
	for i := range s.n {
		s.ends[i] = uint32((i + 1) * s.width)
	}
	s.width = -1
}

// grow doubles a shard's table.
func (s *store) grow(sh *idShard) {
	old := sh.table
	sh.table = make([]uint32, 2*len(old))
	mask := uint64(len(sh.table) - 1)
	for _, id := range old {
		if id == 0 {
			continue
		}
		slot := hashState(s.get(id-1)) & mask
		for sh.table[slot] != 0 {
			slot = (slot + 1) & mask
		}
		sh.table[slot] = id
	}
}

// bytes is the memory the store holds, for bytes-per-state figures.
func (s *store) bytes() int {
	n := cap(s.arena) + 4*cap(s.ends)
	for i := range s.shards {
		n += 4 * len(s.shards[i].table)
	}
	return n
}

// hashState is a fixed-seed 64-bit hash (so runs are reproducible) that
// reads eight bytes at a time.
func hashState(b []byte) uint64 {
	const m1, m2 = 0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9
	h := uint64(len(b)) * m1
	for ; len(b) >= 8; b = b[8:] {
		h = mix(h^binary.LittleEndian.Uint64(b), m2)
	}
	var tail uint64
	for i, c := range b {
		tail |= uint64(c) << (8 * i)
	}
	return mix(h^tail, m1)
}

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}
