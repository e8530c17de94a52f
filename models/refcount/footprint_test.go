package refcount_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/refcount"
)

// requireFootprints checks the footprint contract on every reachable
// state of m: when two threads' next steps have footprints that do not
// conflict, taking one leaves the other's step (enabled or blocked) and
// its enabledness unchanged, and two such enabled steps commute. Partial
// -order reduction relies on it.
func requireFootprints(t *testing.T, m harness.Model) {
	t.Helper()
	conflict := func(a, b harness.Step) bool {
		for _, x := range a.Access {
			for _, y := range b.Access {
				if x.Conflicts(y) {
					return true
				}
			}
		}
		return false
	}
	seen := map[string]bool{}
	queue := []harness.State{m.Init()}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if seen[string(s)] {
			continue
		}
		seen[string(s)] = true
		n := m.Threads(s)
		requireLookahead(t, m, s)
		for a := range n {
			sa, ok := m.Enabled(s, a)
			if !ok {
				continue
			}
			sa.Thread = a
			next := m.Apply(s, sa)
			queue = append(queue, next)
			for b := range n {
				if b == a {
					continue
				}
				sb, okb := m.Enabled(s, b)
				if sb.Access == nil && !okb {
					continue // finished
				}
				if conflict(sa, sb) {
					continue
				}
				sb2, okb2 := m.Enabled(next, b)
				require.Equal(t, okb, okb2, "%s: %q changes whether %s can step", harness.ThreadName(m, a), sa.Label, harness.ThreadName(m, b))
				require.Equal(t, sb.Label, sb2.Label, "%s: %q changes the step of %s", harness.ThreadName(m, a), sa.Label, harness.ThreadName(m, b))
				if okb {
					sb.Thread = b
					sa2, _ := m.Enabled(m.Apply(s, sb), a)
					sa2.Thread = a
					require.Equal(t, string(m.Apply(next, sb2)), string(m.Apply(m.Apply(s, sb), sa2)),
						"%q and %q do not commute", sa.Label, sb.Label)
				}
			}
		}
	}
	require.NotEmpty(t, seen)
}

// TestFootprints checks the footprint contract for every variant, with two
// and (except naive, whose 16,589 states take a second) three threads.
func TestFootprints(t *testing.T) {
	for _, v := range []refcount.Variant{refcount.Naive, refcount.Atomic, refcount.GIL, refcount.Biased} {
		for _, n := range []int{2, 3} {
			if v == refcount.Naive && n == 3 {
				continue
			}
			requireFootprints(t, refcount.New(v, n))
		}
	}
}

// requireLookahead checks harness.Lookahead in s: every thread's next
// step (enabled or blocked) is among what MayAccess says it may touch, and
// no successor lets it touch more than that, so every future access is
// covered.
func requireLookahead(t *testing.T, m harness.Model, s harness.State) {
	t.Helper()
	look, ok := m.(interface {
		MayAccess(s harness.State, th int) []harness.Access
	})
	require.True(t, ok, "the model implements MayAccess")
	covers := func(may []harness.Access, a harness.Access) bool {
		for _, b := range may {
			if b.Object == a.Object && (a.Kind == harness.Read || b.Kind != harness.Read) {
				return true
			}
		}
		return false
	}
	n := m.Threads(s)
	for th := range n {
		may := look.MayAccess(s, th)
		st, _ := m.Enabled(s, th)
		for _, a := range st.Access {
			require.True(t, covers(may, a), "%s: next step %q accesses %v beyond MayAccess %v", harness.ThreadName(m, th), st.Label, a, may)
		}
		for other := range n {
			so, ok := m.Enabled(s, other)
			if !ok {
				continue
			}
			so.Thread = other
			for _, a := range look.MayAccess(m.Apply(s, so), th) {
				require.True(t, covers(may, a), "%s: after %q MayAccess of %s grows by %v", harness.ThreadName(m, other), so.Label, harness.ThreadName(m, th), a)
			}
		}
	}
}
