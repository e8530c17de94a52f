package harness

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// store is the visited set: every distinct state once, numbered in the
// order it was added. States live back to back in one arena and the index
// is an open-addressing table of state numbers, so a state costs its own
// bytes plus about ten bytes of bookkeeping instead of a map entry and a
// separate allocation.
type store struct {
	arena []byte
	ends  []uint32 // ends[i] is where state i stops in arena
	table []uint32 // state number + 1; 0 is an empty slot
	mask  uint64
}

// errStoreFull is returned when the arena would pass 4 GiB, the reach of
// its 32-bit offsets.
var errStoreFull = errors.New("state store full: more than 4 GiB of encoded states")

func newStore() *store {
	const initial = 1 << 10
	return &store{table: make([]uint32, initial), mask: initial - 1}
}

func (s *store) len() int { return len(s.ends) }

// get returns state i. The slice aliases the arena: callers must not
// modify or keep it across add.
func (s *store) get(i uint32) State {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.arena[start:s.ends[i]:s.ends[i]]
}

// find returns the number of st if it is stored.
func (s *store) find(st State) (uint32, bool) {
	for slot := hashState(st) & s.mask; ; slot = (slot + 1) & s.mask {
		id := s.table[slot]
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
	for slot := h & s.mask; ; slot = (slot + 1) & s.mask {
		id := s.table[slot]
		if id == 0 {
			if uint64(len(s.arena))+uint64(len(st)) > 1<<32-1 {
				return 0, false, errStoreFull
			}
			n := uint32(len(s.ends))
			s.arena = append(s.arena, st...)
			s.ends = append(s.ends, uint32(len(s.arena)))
			s.table[slot] = n + 1
			if uint64(len(s.ends))*4 > uint64(len(s.table))*3 {
				s.grow()
			}
			return n, true, nil
		}
		if string(s.get(id-1)) == string(st) {
			return id - 1, false, nil
		}
	}
}

func (s *store) grow() {
	s.table = make([]uint32, 2*len(s.table))
	s.mask = uint64(len(s.table) - 1)
	for i := range s.ends {
		slot := hashState(s.get(uint32(i))) & s.mask
		for s.table[slot] != 0 {
			slot = (slot + 1) & s.mask
		}
		s.table[slot] = uint32(i) + 1
	}
}

// bytes is the memory the store holds, for bytes-per-state figures.
func (s *store) bytes() int {
	return cap(s.arena) + 4*cap(s.ends) + 4*len(s.table)
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
