package store

import (
	"encoding/binary"
	"sync"
)

// Geometry of the fingerprint set. A fingerprint is the state's 64-bit
// hash. Its top shardBits choose the shard, and the next bits the segment
// (by the shard's directory): those bits are implied by where a
// fingerprint is stored, so a slot of a segment at local depth d keeps
// only the low 64-shardBits-d bits, packed bit to bit. As the table grows
// and segments split, each fingerprint costs a bit less: 56 bits at first
// (the directory starts dirBits deep), 53 bits at 1.7 million states.
//
// Each shard is an extendible hash table: a directory of segments that
// split one at a time when full, so memory grows a segment at a time, with
// no doubling copy and no garbage once segments have their full size
// (they are then carved from slabs, so each costs its exact size), and
// the table stays between half and fpMaxLoadPercent full.
const (
	segmentBits      = 10 // 1024 slots, under 7 KiB per full-size segment
	fpMaxLoadPercent = 90
	dirBits          = 2  // initial directory depth: four segments per shard
	slabSegments     = 32 // full-size segments are carved from slabs of this many
	// FingerprintBits is the length of the fingerprints kept:
	// the bits stored plus the bits implied by the shard and the segment.
	FingerprintBits = 64
)

// keptBits is how many low bits of a fingerprint a segment at local depth
// depth stores; the bits above are implied. A split at depth d tells the
// halves apart by the top kept bit, 63-shardBits-d, which then becomes
// implied in both halves.
func keptBits(depth uint) uint { return 64 - shardBits - depth }

// Fingerprints is the compacted visited set: a 64-bit fingerprint per state
// (hash compaction, Wolper and Leroy 1993), of which 53 to 56 bits are
// stored. Two states with the same fingerprint count as one, so a state
// can be missed, with the probability Explore reports; it costs about
// eight to fifteen bytes per state whatever the size of the state.
type Fingerprints struct {
	shards  [Shards]fpShard
	n       int
	scratch []uint64 // reused while splitting a segment
	held    int      // the bytes held before release
	mu      sync.Mutex
	slab    []byte // what is left of the slab full-size segments are carved from; under mu
	slabs   int    // bytes of slabs allocated
}

// fpShard is one shard: the directory maps the next depth bits of the
// hash (after the shard bits) to segments.
type fpShard struct {
	dir   []*fpSegment
	depth uint
}

// fpSegment is an open-addressing table of the kept bits of fingerprints,
// keptBits(depth) bits a slot, 0 for empty. Every directory entry whose
// top depth bits agree points at it.
type fpSegment struct {
	slots []byte // the slots, bit-packed; at least 8 bytes
	mask  uint64 // slots - 1
	width uint64 // keptBits(depth): bits a slot
	kmask uint64 // 1<<width - 1
	last  uint64 // len(slots) - 8: the last 8 bytes
	depth uint
	count int
}

// newSegment returns an empty segment in the given bytes.
func newSegment(b []byte, slots int, depth uint) *fpSegment {
	seg := &fpSegment{mask: uint64(slots - 1)}
	seg.reset(b, depth)
	return seg
}

// reset gives the segment new slots or a new depth.
func (seg *fpSegment) reset(b []byte, depth uint) {
	seg.slots, seg.depth, seg.last = b, depth, uint64(len(b)-8)
	seg.width = uint64(keptBits(depth))
	seg.kmask = 1<<seg.width - 1
}

func NewFingerprints() *Fingerprints {
	f := &Fingerprints{}
	for i := range f.shards {
		sh := &f.shards[i]
		sh.depth = dirBits
		sh.dir = make([]*fpSegment, 1<<dirBits)
		for j := range sh.dir {
			sh.dir[j] = newSegment(make([]byte, segmentBytes(initialSlots, dirBits)), initialSlots, dirBits)
		}
	}
	return f
}

// segmentBytes is the size of a segment of the given slots and depth.
func segmentBytes(slots int, depth uint) int { return (slots*int(keptBits(depth)) + 7) / 8 }

func (f *Fingerprints) Len() int { return f.n }

// kept is the part of fingerprint fp that a segment at depth stores, with
// 0 (the empty slot) moved to 1.
func kept(fp uint64, depth uint) uint64 { return max(fp&(1<<keptBits(depth)-1), 1) }

// segment returns the segment that holds fingerprint fp.
func (f *Fingerprints) segment(fp uint64) (*fpShard, *fpSegment) {
	sh := &f.shards[ShardOf(fp)]
	return sh, sh.dir[(fp<<shardBits)>>(64-sh.depth)]
}

func (f *Fingerprints) Find(st []byte) (uint32, bool) {
	fp := Hash(st)
	_, seg := f.segment(fp)
	k := max(fp&seg.kmask, 1)
	for slot := k & seg.mask; ; slot = (slot + 1) & seg.mask {
		switch seg.at(slot) {
		case 0:
			return 0, false
		case k:
			return 0, true
		}
	}
}

// Add inserts the fingerprint of st. New states are numbered in order;
// a state seen before reports number 0, as its number is not kept.
func (f *Fingerprints) Add(st []byte) (uint32, bool, error) {
	if !f.insert(Hash(st)) {
		return 0, false, nil
	}
	if f.n >= MaxStates {
		return 0, false, ErrFull
	}
	f.n++
	return uint32(f.n - 1), true, nil
}

// insert adds fingerprint fp and reports whether it was new.
func (f *Fingerprints) insert(fp uint64) bool { return f.InsertWith(fp, &f.scratch) }

// InsertWith is insert with the caller's scratch space: workers that own
// different shards may call it at the same time.
func (f *Fingerprints) InsertWith(fp uint64, scratch *[]uint64) bool {
	sh, seg := f.segment(fp)
	if !seg.put(max(fp&seg.kmask, 1)) {
		return false
	}
	if seg.count*100 > int(seg.mask+1)*fpMaxLoadPercent {
		f.grow(sh, seg, scratch)
	}
	return true
}

// word locates slot i: the 8 bytes at slots[base:] hold it at bit shift.
// They are the slot's own bytes and the next ones, or, near the end, the
// last 8 bytes.
func (seg *fpSegment) word(i uint64) (base, shift uint64) {
	bit := i * seg.width
	base = min(bit>>3, seg.last)
	return base, bit - base<<3
}

// at reads slot i.
func (seg *fpSegment) at(i uint64) uint64 {
	base, shift := seg.word(i)
	return binary.LittleEndian.Uint64(seg.slots[base:]) >> shift & seg.kmask
}

// set writes k into slot i, leaving the neighbouring slots' bits alone.
func (seg *fpSegment) set(i, k uint64) {
	base, shift := seg.word(i)
	b := seg.slots[base:]
	binary.LittleEndian.PutUint64(b, binary.LittleEndian.Uint64(b)&^(seg.kmask<<shift)|k<<shift)
}

// put inserts the kept bits k and reports whether they were new.
func (seg *fpSegment) put(k uint64) bool {
	for slot := k & seg.mask; ; slot = (slot + 1) & seg.mask {
		switch seg.at(slot) {
		case 0:
			seg.set(slot, k)
			seg.count++
			return true
		case k:
			return false
		}
	}
}

// drain moves the segment's entries to scratch and empties it.
func (seg *fpSegment) drain(scratch *[]uint64) []uint64 {
	s := (*scratch)[:0]
	for i := range seg.mask + 1 {
		if k := seg.at(i); k != 0 {
			s = append(s, k)
		}
	}
	clear(seg.slots)
	seg.count = 0
	*scratch = s
	return s
}

// carve returns n zero bytes from the slab, under the set's lock (workers
// that own different shards split segments at the same time). A new slab
// holds slabSegments of this size: segments of one depth, which split in
// waves, then fill it exactly.
func (f *Fingerprints) carve(n int) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.slab) < n {
		f.slab = make([]byte, slabSegments*n)
		f.slabs += len(f.slab)
	}
	b := f.slab[:n:n]
	f.slab = f.slab[n:]
	return b
}

// grow doubles a small segment, or splits a full-size one in two by the
// top kept bit, doubling the directory if needed.
func (f *Fingerprints) grow(sh *fpShard, seg *fpSegment, scratch *[]uint64) {
	if slots := int(seg.mask+1) * 2; slots <= 1<<segmentBits {
		old := seg.drain(scratch)
		if size := segmentBytes(slots, seg.depth); slots < 1<<segmentBits {
			seg.reset(make([]byte, size), seg.depth)
		} else {
			seg.reset(f.carve(size), seg.depth)
		}
		seg.mask = uint64(slots - 1)
		for _, k := range old {
			seg.put(k)
		}
		return
	}
	if seg.depth == sh.depth {
		dir := make([]*fpSegment, 2*len(sh.dir))
		for i, s := range sh.dir {
			dir[2*i], dir[2*i+1] = s, s
		}
		sh.dir, sh.depth = dir, sh.depth+1
	}
	old := seg.drain(scratch)
	bit := seg.width - 1              // the hash bit that tells the halves apart
	seg.reset(seg.slots, seg.depth+1) // seg keeps its slots, now a bit narrower each
	sib := newSegment(f.carve(segmentBytes(int(seg.mask+1), seg.depth)), int(seg.mask+1), seg.depth)
	for _, k := range old {
		if k>>bit&1 == 1 {
			sib.put(kept(k, sib.depth))
		} else {
			seg.put(kept(k, seg.depth))
		}
	}
	// Directory entries are the next sh.depth hash bits; those of seg
	// whose bit for the new local depth is 1 now point at sib.
	shift := sh.depth - seg.depth
	for i, s := range sh.dir {
		if s == seg && (i>>shift)&1 == 1 {
			sh.dir[i] = sib
		}
	}
}

// Release lets the collector have the table once the search is done with
// it (minimising schedules needs no visited set); len and bytes still
// report what it held.
func (f *Fingerprints) Release() {
	f.held = f.Bytes()
	f.shards, f.scratch, f.slab = [Shards]fpShard{}, nil, nil
}

func (f *Fingerprints) Bytes() int {
	if f.held > 0 {
		return f.held
	}
	n := 8*cap(f.scratch) + f.slabs
	for i := range f.shards {
		sh := &f.shards[i]
		n += 8 * len(sh.dir)
		for j, seg := range sh.dir {
			if (j == 0 || seg != sh.dir[j-1]) && seg.mask+1 < 1<<segmentBits {
				n += len(seg.slots)
			}
		}
	}
	return n
}

// Claimed counts a new state whose fingerprint InsertWith put in.
func (f *Fingerprints) Claimed() { f.n++ }
