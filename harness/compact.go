package harness

import "encoding/binary"

// Geometry of the fingerprint set. A fingerprint is the state's 64-bit
// hash. Its top shardBits choose the shard, and the next bits the segment
// (by the shard's directory, which starts dirBits deep): those bits are
// implied by where a fingerprint is stored, so a slot keeps only the low
// keptBits, slotBytes bytes. Each shard is an extendible hash table: a
// directory of segments that split one at a time when full, so memory
// grows a segment at a time, with no doubling copy and no garbage once
// segments have their full size, and the table stays between half and
// fpMaxLoadPercent full.
const (
	segmentBits      = 11 // 2048 slots, 14 KiB per full-size segment
	fpMaxLoadPercent = 90
	dirBits          = 2 // initial directory depth: four segments per shard
	slotBytes        = 7
	keptBits         = 8 * slotBytes
	keptMask         = 1<<keptBits - 1
	// FingerprintBits is the length of the fingerprints --compact keeps:
	// the bits stored plus the bits implied by the shard and the segment.
	FingerprintBits = keptBits + shardBits + dirBits
)

// Every hash bit is kept or implied, and no bit both: these fail to
// compile otherwise. A split at local depth d (at least dirBits) tells
// the halves apart by hash bit 63-shardBits-d, which is then kept.
const (
	_ = uint(keptBits + shardBits + dirBits - 64)
	_ = uint(64 - keptBits - shardBits - dirBits)
)

// fpSet is the compacted visited set: a 64-bit fingerprint per state
// (hash compaction, Wolper and Leroy 1993), of which 56 bits are stored.
// Two states with the same fingerprint count as one, so a state can be
// missed, with the probability Explore reports; it costs about eight to
// fifteen bytes per state whatever the size of the state.
type fpSet struct {
	shards  [numShards]fpShard
	n       int
	scratch []uint64 // reused while splitting a segment
	held    int      // the bytes held before release
}

// fpShard is one shard: the directory maps the next depth bits of the
// hash (after the shard bits) to segments.
type fpShard struct {
	dir   []*fpSegment
	depth uint
}

// fpSegment is an open-addressing table of the kept bits of fingerprints,
// slotBytes bytes a slot, 0 for empty. Every directory entry whose top
// depth bits agree points at it.
type fpSegment struct {
	slots []byte // slotBytes per slot: 7 times a power of two, a size Go allocates with no waste
	mask  uint64 // slots - 1
	depth uint
	count int
}

func newFPSet() *fpSet {
	f := &fpSet{}
	for i := range f.shards {
		sh := &f.shards[i]
		sh.depth = dirBits
		sh.dir = make([]*fpSegment, 1<<dirBits)
		for j := range sh.dir {
			sh.dir[j] = newSegment(initialSlots, dirBits)
		}
	}
	return f
}

func newSegment(slots int, depth uint) *fpSegment {
	return &fpSegment{slots: make([]byte, slots*slotBytes), mask: uint64(slots - 1), depth: depth}
}

func (f *fpSet) len() int { return f.n }

// kept is the part of fingerprint fp that a slot stores, with 0 (the empty
// slot) moved to 1.
func kept(fp uint64) uint64 { return max(fp&keptMask, 1) }

// segment returns the segment that holds fingerprint fp.
func (f *fpSet) segment(fp uint64) (*fpShard, *fpSegment) {
	sh := &f.shards[shardOf(fp)]
	return sh, sh.dir[(fp<<shardBits)>>(64-sh.depth)]
}

func (f *fpSet) find(st State) (uint32, bool) {
	fp := hashState(st)
	_, seg := f.segment(fp)
	k := kept(fp)
	for slot := k & seg.mask; ; slot = (slot + 1) & seg.mask {
		switch seg.at(slot) {
		case 0:
			return 0, false
		case k:
			return 0, true
		}
	}
}

// add inserts the fingerprint of st. New states are numbered in order;
// a state seen before reports number 0, as its number is not kept.
func (f *fpSet) add(st State) (uint32, bool, error) {
	if !f.insert(hashState(st)) {
		return 0, false, nil
	}
	if f.n >= maxStoredStates {
		return 0, false, errStoreFull
	}
	f.n++
	return uint32(f.n - 1), true, nil
}

// insert adds fingerprint fp and reports whether it was new.
func (f *fpSet) insert(fp uint64) bool { return f.insertWith(fp, &f.scratch) }

// insertWith is insert with the caller's scratch space: workers that own
// different shards may call it at the same time.
func (f *fpSet) insertWith(fp uint64, scratch *[]uint64) bool {
	sh, seg := f.segment(fp)
	if !seg.put(kept(fp)) {
		return false
	}
	if seg.count*100 > int(seg.mask+1)*fpMaxLoadPercent {
		sh.grow(seg, scratch)
	}
	return true
}

// at reads slot i as 8 bytes: its own and the next slot's first byte, or,
// for the last slot, the previous slot's last byte.
func (seg *fpSegment) at(i uint64) uint64 {
	if i < seg.mask {
		return binary.LittleEndian.Uint64(seg.slots[i*slotBytes:]) & keptMask
	}
	return binary.LittleEndian.Uint64(seg.slots[i*slotBytes-1:]) >> 8
}

// set writes k into slot i, leaving the neighbouring slot's byte alone.
func (seg *fpSegment) set(i, k uint64) {
	if i < seg.mask {
		b := seg.slots[i*slotBytes:]
		binary.LittleEndian.PutUint64(b, binary.LittleEndian.Uint64(b)&^keptMask|k)
		return
	}
	b := seg.slots[i*slotBytes-1:]
	binary.LittleEndian.PutUint64(b, binary.LittleEndian.Uint64(b)&0xff|k<<8)
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

// grow doubles a small segment, or splits a full-size one in two by the
// next bit of the hash, doubling the directory if needed.
func (sh *fpShard) grow(seg *fpSegment, scratch *[]uint64) {
	if seg.mask+1 < 1<<segmentBits {
		old := seg.drain(scratch)
		seg.slots, seg.mask = make([]byte, 2*(seg.mask+1)*slotBytes), 2*seg.mask+1
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
	seg.depth++
	sib := newSegment(int(seg.mask+1), seg.depth)
	bit := 64 - shardBits - seg.depth // the hash bit that tells the halves apart; kept, as seg.depth > dirBits
	for _, k := range old {
		if k>>bit&1 == 1 {
			sib.put(k)
		} else {
			seg.put(k)
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

// release lets the collector have the table once the search is done with
// it (minimising schedules needs no visited set); len and bytes still
// report what it held.
func (f *fpSet) release() {
	f.held = f.bytes()
	f.shards, f.scratch = [numShards]fpShard{}, nil
}

func (f *fpSet) bytes() int {
	if f.held > 0 {
		return f.held
	}
	n := 8 * cap(f.scratch)
	for i := range f.shards {
		sh := &f.shards[i]
		n += 8 * len(sh.dir)
		for j, seg := range sh.dir {
			if j == 0 || seg != sh.dir[j-1] {
				n += len(seg.slots)
			}
		}
	}
	return n
}
