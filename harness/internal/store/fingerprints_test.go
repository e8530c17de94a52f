package store

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// inShard0 is the i-th of a stream of fingerprints that all fall in shard
// 0, so that few of them drive that shard through segment doublings,
// splits and directory doublings.
func inShard0(i int) uint64 { return uint64(i+1) * 0x9e3779b97f4a7c15 >> shardBits }

// fillShard0 inserts n fingerprints into shard 0 of a new set.
func fillShard0(t *testing.T, n int) *Fingerprints {
	f := NewFingerprints()
	for i := range n {
		if !f.insert(inShard0(i)) {
			t.Fatalf("fingerprint %d reported as seen", i)
		}
	}
	require.Greater(t, f.shards[0].depth, uint(dirBits+2), "the directory doubled")
	return f
}

// TestFingerprintSplitsKeepAll: after segment doublings, splits and
// directory doublings, every fingerprint inserted is still there, and the
// table is dense: between half and fpMaxLoadPercent full once segments
// have their full size.
func TestFingerprintSplitsKeepAll(t *testing.T) {
	const n = 100000
	f := fillShard0(t, n)
	for i := range n {
		if f.insert(inShard0(i)) {
			t.Fatalf("fingerprint %d lost", i)
		}
	}
	slots := 0
	for j, seg := range f.shards[0].dir {
		if j > 0 && seg == f.shards[0].dir[j-1] {
			continue
		}
		require.Equal(t, 1<<segmentBits, int(seg.mask+1), "full-size segments")
		require.GreaterOrEqual(t, len(seg.slots), segmentBytes(1<<segmentBits, seg.depth))
		slots += int(seg.mask + 1)
	}
	require.Greater(t, n*100, slots*45, "at least 45%% full")
	require.LessOrEqual(t, n*100, slots*fpMaxLoadPercent)
}

// TestFingerprintEveryBitCounts: fingerprints that differ in any one of
// their 64 bits are different, whether the bit is kept in the slot or
// implied by the shard or the segment, and in a shard grown deep as much
// as in a fresh one.
func TestFingerprintEveryBitCounts(t *testing.T) {
	require.Equal(t, 64, FingerprintBits)
	deep := fillShard0(t, 60000)
	for name, f := range map[string]*Fingerprints{"fresh": NewFingerprints(), "deep": deep} {
		for _, base := range []uint64{inShard0(70000), inShard0(70001) | 1<<63, 0x00ff_ffff_ffff_ffff} {
			require.True(t, f.insert(base), "%s: %#x", name, base)
			for b := range 64 {
				if !f.insert(base ^ 1<<b) {
					t.Fatalf("%s: %#x and %#x differ in bit %d only and collide", name, base, base^1<<b, b)
				}
			}
			require.False(t, f.insert(base), "%s: %#x", name, base)
			for b := range 64 {
				require.False(t, f.insert(base^1<<b), "%s: bit %d", name, b)
			}
		}
	}
}

// TestFingerprintSetLikeAMap: on random fingerprints over every shard,
// with repeats, the set says what a map says, and counts alike.
func TestFingerprintSetLikeAMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	f, seen := NewFingerprints(), map[uint64]bool{}
	for range 300000 {
		fp := r.Uint64()
		if r.IntN(4) == 0 && len(seen) > 0 {
			fp = inShard0(r.IntN(1000)) // repeats, some of them seen
		}
		if fp&(1<<40-1) <= 1 {
			continue // kept bits 0 and 1 share a slot value
		}
		if got := f.insert(fp); got == seen[fp] {
			t.Fatalf("insert(%#x) = %v, seen before: %v", fp, got, seen[fp])
		}
		seen[fp] = true
	}
	_, ok := f.Find([]byte("absent"))
	require.False(t, ok)
	id, added, err := f.Add([]byte("new"))
	require.NoError(t, err)
	require.True(t, added)
	require.Zero(t, id, "numbers count added states")
	_, ok = f.Find([]byte("new"))
	require.True(t, ok)
}

// TestSegmentSlots: bit-packed slots read back what was written.
func TestSegmentSlots(t *testing.T) {
	for _, depth := range []uint{dirBits, dirBits + 1, dirBits + 3, dirBits + 9} {
		seg := newSegment(make([]byte, segmentBytes(initialSlots, depth)), initialSlots, depth)
		all := uint64(1)<<keptBits(depth) - 1
		for i := range uint64(initialSlots) {
			seg.set(i, all-i)
		}
		for i := range uint64(initialSlots) {
			require.Equal(t, all-i, seg.at(i))
		}
	}
}

// TestFingerprintRelease: a released set still reports its count and the
// memory it held.
func TestFingerprintRelease(t *testing.T) {
	f := fillShard0(t, 30000)
	n, held := f.Len(), f.Bytes()
	f.Release()
	require.Equal(t, n, f.Len())
	require.Equal(t, held, f.Bytes())
	require.Nil(t, f.shards[0].dir)
}

// BenchmarkFingerprintSet inserts 1.7 million fingerprints (the states of
// philosophers N=12), each then met again eight times, as a search meets
// states once per incoming edge.
func BenchmarkFingerprintSet(b *testing.B) {
	const n = 1700000
	r := rand.New(rand.NewPCG(5, 6))
	fps := make([]uint64, n)
	for i := range fps {
		fps[i] = r.Uint64()
	}
	b.ReportAllocs()
	for b.Loop() {
		f := NewFingerprints()
		for i, fp := range fps {
			f.insert(fp)
			for j := 1; j <= 8; j++ {
				f.insert(fps[i*j%(i+1)])
			}
		}
		b.ReportMetric(float64(f.Bytes())/n, "B/state")
	}
}
