package store

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// Store geometry. The index is split into shards by the top bits of a
// state's hash so that parallel workers can each own a shard, and so that
// growing the index re-hashes one small shard at a time instead of copying
// one big table.
const (
	shardBits      = 6
	Shards         = 1 << shardBits
	initialSlots   = 1 << 4 // slots of a shard's table before it first grows
	MaxLoadPercent = 85     // an exact shard grows past this load
)

// Exact is the exact visited set: every distinct state once, numbered in the
// order it was added. States live back to back in one arena (with no
// per-state bookkeeping while all states have the same length, which is
// the common case), and the index is a sharded open-addressing table of
// 64-bit slots: the state number in the low half, and in the high half
// either the state itself, when every state fits in four bytes, or 32 bits
// of its hash. Probes then rarely touch the arena, and a state costs its
// own bytes plus about fifteen.
type Exact struct {
	arena  []byte
	width  int      // the length every state has so far; -1 once they differ
	ends   []uint32 // ends[i] is where state i stops in arena; only when width < 0
	inline bool     // slots hold the states themselves (width <= inlineWidth)
	n      int
	shards [Shards]Shard
}

// inlineWidth is the largest state held in a slot's upper half.
const inlineWidth = 4

// Shard is one shard of the exact index: slots (0 is empty) and their
// count.
type Shard struct {
	Table []uint64
	Count int
}

// ErrFull is returned when states of varying length pass 4 GiB, the
// reach of their 32-bit offsets, or when there are more states than 32-bit
// numbers.
var ErrFull = errors.New("state store full: more than 4 GiB of encoded states or 2^31 states")

// MaxStates bounds state numbers so that number + 1 and the parallel
// search's pending marks fit in 32 bits.
const MaxStates = 1<<31 - 1

// IDMask selects the state number + 1 in a slot.
const IDMask = 1<<32 - 1

func NewExact() *Exact {
	s := &Exact{width: -2} // -2: no state yet
	for i := range s.shards {
		s.shards[i].Table = make([]uint64, initialSlots)
	}
	return s
}

func (s *Exact) Len() int { return s.n }

// Get returns state i. The slice aliases the arena: callers must not
// modify it; it stays valid (the arena is only ever appended to).
func (s *Exact) Get(i uint32) []byte {
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

// ShardOf is the shard of a hash: its top bits.
func ShardOf(h uint64) int { return int(h >> (64 - shardBits)) }

// Tag is the upper half of st's slot.
func (s *Exact) Tag(st []byte, h uint64) uint64 {
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
func (s *Exact) probe(sh *Shard, st []byte, h uint64) (slot uint64, found bool) {
	mask, tag := uint64(len(sh.Table)-1), s.Tag(st, h)
	for slot = h & mask; ; slot = (slot + 1) & mask {
		e := sh.Table[slot]
		if e == 0 {
			return slot, false
		}
		if e&^IDMask == tag && (s.inline || string(s.Get(uint32(e)-1)) == string(st)) {
			return slot, true
		}
	}
}

// Find returns the number of st if it is stored.
func (s *Exact) Find(st []byte) (uint32, bool) {
	if s.width == -2 {
		return 0, false
	}
	h := Hash(st)
	sh := &s.shards[ShardOf(h)]
	slot, found := s.probe(sh, st, h)
	return uint32(sh.Table[slot]) - 1, found
}

// Add inserts st if it is new. It returns the state's number and whether
// it was added.
func (s *Exact) Add(st []byte) (uint32, bool, error) {
	if s.width == -2 || (s.width >= 0 && len(st) != s.width) {
		s.SetWidth(len(st))
	}
	h := Hash(st)
	sh := &s.shards[ShardOf(h)]
	slot, found := s.probe(sh, st, h)
	if found {
		return uint32(sh.Table[slot]) - 1, false, nil
	}
	n, err := s.Push(st)
	if err != nil {
		return 0, false, err
	}
	sh.Table[slot] = s.Tag(st, h) | uint64(n+1)
	if sh.Count++; sh.Count*100 > len(sh.Table)*MaxLoadPercent {
		s.rehash(sh, 2*len(sh.Table))
	}
	return n, true, nil
}

// Push appends st to the arena and returns its number.
func (s *Exact) Push(st []byte) (uint32, error) {
	if s.n >= MaxStates {
		return 0, ErrFull
	}
	if s.width < 0 {
		if uint64(len(s.arena))+uint64(len(st)) > 1<<32-1 {
			return 0, ErrFull
		}
		s.ends = append(s.ends, uint32(len(s.arena)+len(st)))
	}
	s.arena = append(s.arena, st...)
	s.n++
	return uint32(s.n - 1), nil
}

// Reserve makes room for k more states to be numbered by number and
// copied by place (by parallel workers), if all states have one width; it
// reports whether it did.
func (s *Exact) Reserve(k int, grow func([]byte, int) []byte) bool {
	if s.width < 0 {
		return false
	}
	n := len(s.arena)
	s.arena = grow(s.arena, k*s.width)[:n+k*s.width]
	return true
}

// Number gives the next state a number, for a state place will copy.
func (s *Exact) Number() (uint32, error) {
	if s.n >= MaxStates {
		return 0, ErrFull
	}
	s.n++
	return uint32(s.n - 1), nil
}

// NumberN numbers the next k states at once and returns the first
// number; k must keep within MaxStates.
func (s *Exact) NumberN(k int) (uint32, error) {
	if s.n+k > MaxStates {
		return 0, ErrFull
	}
	s.n += k
	return uint32(s.n - k), nil
}

// Place copies state id, numbered by number, into the reserved room.
func (s *Exact) Place(id uint32, st []byte) {
	copy(s.arena[int(id)*s.width:], st)
}

// PlacePacked is place for a state of at most four bytes given as a
// number, byte i in bits 8i to 8i+7.
func (s *Exact) PlacePacked(id, v uint32) {
	b := s.arena[int(id)*s.width:][:s.width]
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
}

// Settle gives back reserved room beyond the numbered states and returns
// their count.
func (s *Exact) Settle() int {
	s.arena = s.arena[:s.n*s.width]
	return s.n
}

// SetWidth records the width of the first state, or switches from
// fixed-width states to explicit end offsets when a state of another
// width arrives; slots then hold hash bits, not states.
func (s *Exact) SetWidth(w int) {
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
			s.rehash(&s.shards[i], len(s.shards[i].Table))
		}
	}
}

// rehash rebuilds a shard's table with the given number of slots.
func (s *Exact) rehash(sh *Shard, slots int) {
	old := sh.Table
	sh.Table = make([]uint64, slots)
	mask := uint64(slots - 1)
	for _, e := range old {
		if e == 0 {
			continue
		}
		h := s.HashOf(e)
		slot := h & mask
		for sh.Table[slot] != 0 {
			slot = (slot + 1) & mask
		}
		if !s.inline { // inline slots keep their state; others get new hash bits
			e = s.Tag(nil, h) | e&IDMask
		}
		sh.Table[slot] = e
	}
}

// HashOf returns the hash of the state in slot e, from the slot itself
// when states are inline.
func (s *Exact) HashOf(e uint64) uint64 {
	if !s.inline {
		return Hash(s.Get(uint32(e) - 1))
	}
	var b [inlineWidth]byte
	for i := range s.width {
		b[i] = byte(e >> (32 + 8*i))
	}
	return Hash(b[:s.width])
}

// Bytes is the memory the store holds, for bytes-per-state figures.
func (s *Exact) Bytes() int {
	n := cap(s.arena) + 4*cap(s.ends)
	for i := range s.shards {
		n += 8 * len(s.shards[i].Table)
	}
	return n
}

// Hash is a fixed-seed 64-bit hash (so runs are reproducible) that
// reads eight bytes at a time.
func Hash(b []byte) uint64 {
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

// Width is the length every state has so far: -1 once they differ, -2
// before the first.
func (s *Exact) Width() int { return s.width }

// Inline reports whether index slots hold the states themselves.
func (s *Exact) Inline() bool { return s.inline }

// Shard returns shard sh of the index, for the parallel search's claims,
// which write pending marks into its slots.
func (s *Exact) Shard(sh int) *Shard { return &s.shards[sh] }
