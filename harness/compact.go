package harness

// Geometry of the fingerprint set. Each shard is an extendible hash table:
// a directory of fixed-size segments that split one at a time when full, so
// memory grows a segment at a time with no doubling copy and no garbage,
// and the table stays dense (between half and fpMaxLoadPercent full).
const (
	segmentBits      = 13 // 8192 slots, 64 KiB per full-size segment
	fpMaxLoadPercent = 90
)

// fpSet is the compacted visited set: a 64-bit fingerprint per state
// (hash compaction, Wolper and Leroy 1993). Two states with the same
// fingerprint count as one, so a state can be missed, with the probability
// Explore reports; it costs about ten bytes per state whatever the size of
// the state.
type fpSet struct {
	shards  [numShards]fpShard
	n       int
	scratch []uint64 // reused while splitting a segment
}

// fpShard is one shard: the directory maps the next depth bits of the
// hash (after the shard bits) to segments.
type fpShard struct {
	dir   []*fpSegment
	depth uint
}

// fpSegment is an open-addressing table of fingerprints, 0 for empty.
// Every directory entry whose top depth bits agree points at it.
type fpSegment struct {
	slots []uint64
	depth uint
	count int
}

func newFPSet() *fpSet {
	f := &fpSet{}
	for i := range f.shards {
		f.shards[i].dir = []*fpSegment{{slots: make([]uint64, initialSlots)}}
	}
	return f
}

func (f *fpSet) len() int { return f.n }

// fingerprint is the state's hash with 0 (the empty slot) moved to 1.
func fingerprint(st State) uint64 { return max(hashState(st), 1) }

// segment returns the segment that holds fingerprint fp.
func (f *fpSet) segment(fp uint64) (*fpShard, *fpSegment) {
	sh := &f.shards[shardOf(fp)]
	if sh.depth == 0 {
		return sh, sh.dir[0]
	}
	return sh, sh.dir[(fp<<shardBits)>>(64-sh.depth)]
}

func (f *fpSet) find(st State) (uint32, bool) {
	fp := fingerprint(st)
	_, seg := f.segment(fp)
	mask := uint64(len(seg.slots) - 1)
	for slot := fp & mask; ; slot = (slot + 1) & mask {
		switch seg.slots[slot] {
		case 0:
			return 0, false
		case fp:
			return 0, true
		}
	}
}

// add inserts the fingerprint of st. New states are numbered in order;
// a state seen before reports number 0, as its number is not kept.
func (f *fpSet) add(st State) (uint32, bool, error) {
	if !f.insert(fingerprint(st)) {
		return 0, false, nil
	}
	if f.n >= maxStoredStates {
		return 0, false, errStoreFull
	}
	f.n++
	return uint32(f.n - 1), true, nil
}

// insert adds fp and reports whether it was new.
func (f *fpSet) insert(fp uint64) bool { return f.insertWith(fp, &f.scratch) }

// insertWith is insert with the caller's scratch space: workers that own
// different shards may call it at the same time.
func (f *fpSet) insertWith(fp uint64, scratch *[]uint64) bool {
	sh, seg := f.segment(fp)
	if !seg.put(fp) {
		return false
	}
	if seg.count*100 > len(seg.slots)*fpMaxLoadPercent {
		sh.grow(seg, scratch)
	}
	return true
}

// put inserts fp into the segment and reports whether it was new.
func (seg *fpSegment) put(fp uint64) bool {
	mask := uint64(len(seg.slots) - 1)
	for slot := fp & mask; ; slot = (slot + 1) & mask {
		switch seg.slots[slot] {
		case 0:
			seg.slots[slot] = fp
			seg.count++
			return true
		case fp:
			return false
		}
	}
}

// grow doubles a small segment, or splits a full-size one in two by the
// next bit of the hash, doubling the directory if needed.
func (sh *fpShard) grow(seg *fpSegment, scratch *[]uint64) {
	if len(seg.slots) < 1<<segmentBits {
		old := seg.slots
		seg.slots, seg.count = make([]uint64, 2*len(old)), 0
		for _, fp := range old {
			if fp != 0 {
				seg.put(fp)
			}
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
	*scratch = append((*scratch)[:0], seg.slots...)
	clear(seg.slots)
	seg.count = 0
	seg.depth++
	sib := &fpSegment{slots: make([]uint64, len(seg.slots)), depth: seg.depth}
	bit := 64 - shardBits - seg.depth // the hash bit that tells the halves apart
	for _, fp := range *scratch {
		switch {
		case fp == 0:
		case fp>>bit&1 == 1:
			sib.put(fp)
		default:
			seg.put(fp)
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

func (f *fpSet) bytes() int {
	n := 8 * cap(f.scratch)
	for i := range f.shards {
		sh := &f.shards[i]
		n += 8 * len(sh.dir)
		for j, seg := range sh.dir {
			if j == 0 || seg != sh.dir[j-1] {
				n += 8 * len(seg.slots)
			}
		}
	}
	return n
}
