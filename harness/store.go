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
	maxLoadPercent = 85     // an exact shard grows past this load
)

// store is the exact visited set: every distinct state once, numbered in the
// order it was added. States live back to back in one arena (with no
// per-state bookkeeping while all states have the same length, which is
// the common case), and the index is a sharded open-addressing table of
// 64-bit slots: the state number in the low half, and in the high half
// either the state itself, when every state fits in four bytes, or 32 bits
// of its hash. Probes then rarely touch the arena, and a state costs its
// own bytes plus about fifteen.
type store struct {
	arena  []byte
	width  int      // the length every state has so far; -1 once they differ
	ends   []uint32 // ends[i] is where state i stops in arena; only when width < 0
	inline bool     // slots hold the states themselves (width <= inlineWidth)
	n      int
	shards [numShards]idShard
}

// inlineWidth is the largest state held in a slot's upper half.
const inlineWidth = 4

// idShard is one shard of the exact index; 0 is an empty slot.
type idShard struct {
	table []uint64
	count int
}

// errStoreFull is returned when states of varying length pass 4 GiB, the
// reach of their 32-bit offsets, or when there are more states than 32-bit
// numbers.
var errStoreFull = errors.New("state store full: more than 4 GiB of encoded states or 2^31 states")

// maxStoredStates bounds state numbers so that number + 1 and the parallel
// search's pending marks fit in 32 bits.
const maxStoredStates = 1<<31 - 1

// idMask selects the state number + 1 in a slot.
const idMask = 1<<32 - 1

func newStore() *store {
	s := &store{width: -2} // -2: no state yet
	for i := range s.shards {
		s.shards[i].table = make([]uint64, initialSlots)
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

// shardOf is the shard of a hash: its top bits.
func shardOf(h uint64) int { return int(h >> (64 - shardBits)) }

// tag is the upper half of st's slot.
func (s *store) tag(st State, h uint64) uint64 {
	if !s.inline {
		return h >> 26 << 32
	}
	var v uint64
	for i, c := range st {
		v |= uint64(c) << (32 + 8*i)
	}
	return v
}

// probe looks st up in its shard: it returns the slot where st is, or the
// empty slot where it belongs.
func (s *store) probe(sh *idShard, st State, h uint64) (slot uint64, found bool) {
	mask, tag := uint64(len(sh.table)-1), s.tag(st, h)
	for slot = h & mask; ; slot = (slot + 1) & mask {
		e := sh.table[slot]
		if e == 0 {
			return slot, false
		}
		if e&^idMask == tag && (s.inline || string(s.get(uint32(e)-1)) == string(st)) {
			return slot, true
		}
	}
}

// find returns the number of st if it is stored.
func (s *store) find(st State) (uint32, bool) {
	if s.width == -2 {
		return 0, false
	}
	h := hashState(st)
	sh := &s.shards[shardOf(h)]
	slot, found := s.probe(sh, st, h)
	return uint32(sh.table[slot]) - 1, found
}

// add inserts st if it is new. It returns the state's number and whether
// it was added.
func (s *store) add(st State) (uint32, bool, error) {
	if s.width == -2 || (s.width >= 0 && len(st) != s.width) {
		s.setWidth(len(st))
	}
	h := hashState(st)
	sh := &s.shards[shardOf(h)]
	slot, found := s.probe(sh, st, h)
	if found {
		return uint32(sh.table[slot]) - 1, false, nil
	}
	n, err := s.push(st)
	if err != nil {
		return 0, false, err
	}
	sh.table[slot] = s.tag(st, h) | uint64(n+1)
	if sh.count++; sh.count*100 > len(sh.table)*maxLoadPercent {
		s.rehash(sh, 2*len(sh.table))
	}
	return n, true, nil
}

// push appends st to the arena and returns its number.
func (s *store) push(st State) (uint32, error) {
	if s.n >= maxStoredStates {
		return 0, errStoreFull
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

// reserve makes room for k more states to be numbered by number and
// copied by place (by parallel workers), if all states have one width; it
// reports whether it did.
func (s *store) reserve(k int, grow func([]byte, int) []byte) bool {
	if s.width < 0 {
		return false
	}
	n := len(s.arena)
	s.arena = grow(s.arena, k*s.width)[:n+k*s.width]
	return true
}

// number gives the next state a number, for a state place will copy.
func (s *store) number() (uint32, error) {
	if s.n >= maxStoredStates {
		return 0, errStoreFull
	}
	s.n++
	return uint32(s.n - 1), nil
}

// numberN numbers the next k states at once and returns the first
// number; k must keep within maxStoredStates.
func (s *store) numberN(k int) (uint32, error) {
	if s.n+k > maxStoredStates {
		return 0, errStoreFull
	}
	s.n += k
	return uint32(s.n - k), nil
}

// place copies state id, numbered by number, into the reserved room.
func (s *store) place(id uint32, st State) {
	copy(s.arena[int(id)*s.width:], st)
}

// placePacked is place for a state of at most four bytes given as a
// number, byte i in bits 8i to 8i+7.
func (s *store) placePacked(id, v uint32) {
	b := s.arena[int(id)*s.width:][:s.width]
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
}

// settle gives back reserved room beyond the numbered states and returns
// their count.
func (s *store) settle() int {
	s.arena = s.arena[:s.n*s.width]
	return s.n
}

// setWidth records the width of the first state, or switches from
// fixed-width states to explicit end offsets when a state of another
// width arrives; slots then hold hash bits, not states.
func (s *store) setWidth(w int) {
	if s.width == -2 {
		s.width, s.inline = w, w <= inlineWidth
		return
	}
	s.ends = make([]uint32, s.n, 2*s.n+1)
	for i := range s.n {
		s.ends[i] = uint32((i + 1) * s.width)
	}
	s.width = -1
	if s.inline {
		s.inline = false
		for i := range s.shards {
			s.rehash(&s.shards[i], len(s.shards[i].table))
		}
	}
}

// rehash rebuilds a shard's table with the given number of slots.
func (s *store) rehash(sh *idShard, slots int) {
	old := sh.table
	sh.table = make([]uint64, slots)
	mask := uint64(slots - 1)
	for _, e := range old {
		if e == 0 {
			continue
		}
		h := s.hashOf(e)
		slot := h & mask
		for sh.table[slot] != 0 {
			slot = (slot + 1) & mask
		}
		if !s.inline { // inline slots keep their state; others get new hash bits
			e = s.tag(nil, h) | e&idMask
		}
		sh.table[slot] = e
	}
}

// hashOf returns the hash of the state in slot e, from the slot itself
// when states are inline.
func (s *store) hashOf(e uint64) uint64 {
	if !s.inline {
		return hashState(s.get(uint32(e) - 1))
	}
	var b [inlineWidth]byte
	for i := range s.width {
		b[i] = byte(e >> (32 + 8*i))
	}
	return hashState(b[:s.width])
}

// bytes is the memory the store holds, for bytes-per-state figures.
func (s *store) bytes() int {
	n := cap(s.arena) + 4*cap(s.ends)
	for i := range s.shards {
		n += 8 * len(s.shards[i].table)
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
