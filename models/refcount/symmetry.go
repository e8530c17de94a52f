package refcount

import (
	"slices"

	"github.com/interleave/concurrency/harness"
)

// Canonical implements harness.Symmetric. Every thread runs the same
// program, except the owner (T0) of the biased variant, so renaming the
// other threads permutes their records (pc, tmp, uaf) and the thread
// numbers the state holds: the GIL's holder and the first freer. The
// canonical state has those records in descending order (the thread
// furthest on first, so that the search, trying threads in order, lets
// one thread run on and reports schedules such as 0*7,1,...), a thread
// that holds the GIL or freed the object before an equal one that did
// not, and the two fields renamed alike.
func (m *Model) Canonical(dst, s harness.State) harness.State {
	first := 0
	if m.variant == Biased {
		first = 1 // the owner is not interchangeable
	}
	var order, rename [maxThreads]int
	key := func(th int) [perThread + 2]byte {
		var k [perThread + 2]byte
		copy(k[:], s[at(th):at(th)+perThread])
		k[perThread] = b2u(int(s[offGIL]) == th+1)
		k[perThread+1] = b2u(int(s[offFreer]) == th+1)
		return k
	}
	for th := range m.threads {
		order[th] = th
	}
	slices.SortFunc(order[first:m.threads], func(a, b int) int {
		ka, kb := key(a), key(b)
		return slices.Compare(kb[:], ka[:])
	})
	full := append(dst, s...)
	out := full[len(dst):]
	for place, th := range order[:m.threads] {
		rename[th] = place
		copy(out[at(place):at(place)+perThread], s[at(th):at(th)+perThread])
	}
	for _, off := range [...]int{offGIL, offFreer} {
		if s[off] != 0 {
			out[off] = byte(rename[s[off]-1] + 1)
		}
	}
	return full
}

// maxThreads bounds the threads parameter.
const maxThreads = 4

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}
