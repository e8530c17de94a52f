package harness

// visited is the visited set behind a search: the exact store
// (store.Exact), which keeps every state and can hand it back by number,
// or the compacted fingerprint set (store.Fingerprints), which keeps 64
// bits per state and can only say whether a state was seen.
type visited interface {
	// Add inserts st if it is new and returns its number and whether it
	// was added. The fingerprint set numbers added states but returns 0
	// for states it had already seen.
	Add(st []byte) (id uint32, added bool, err error)
	// Find reports whether st is stored and, for the exact store, its
	// number.
	Find(st []byte) (uint32, bool)
	Len() int
	// Bytes is the memory held, for bytes-per-state figures.
	Bytes() int
}

// FingerprintBits is the length of the fingerprints --compact keeps: the
// bits stored plus the bits implied by the shard and the segment
// (store.FingerprintBits, which TestFingerprintBits holds it to).
const FingerprintBits = 64
