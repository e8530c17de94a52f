// Package cleanuporder is a testing-library misuse: a table-driven test
// whose helper registers the batcher's Stop with t.Cleanup, while the
// subtest closes the output channel with defer. Deferred calls run when
// the subtest function returns, before its Cleanup functions, so the
// output is closed before Stop flushes the partial batch into it: send
// on a closed channel, in the subtests that leave a partial batch. The
// fix closes the channel in a Cleanup registered before the helper's,
// so it runs after Stop (cleanups run last-registered first).
package cleanuporder

import (
	"fmt"

	"github.com/interleave/concurrency/harness/rt"
)

// batcher sends lines to out in batches of size, and what is left when
// it stops.
type batcher struct {
	in   *rt.Chan[string]
	out  *rt.Chan[[]string]
	done *rt.Chan[struct{}]
}

func newBatcher(out *rt.Chan[[]string], size int) *batcher {
	b := &batcher{in: rt.NewChan[string](0), out: out, done: rt.NewChan[struct{}](0)}
	rt.Go(func() { b.loop(size) })
	return b
}

func (b *batcher) loop(size int) {
	defer b.done.Close()
	var batch []string
	for line := range b.in.All() {
		batch = append(batch, line)
		if len(batch) == size {
			b.out.Send(batch)
			batch = nil
		}
	}
	if len(batch) > 0 {
		b.out.Send(batch) // flush on stop
	}
}

func (b *batcher) add(line string) { b.in.Send(line) }

func (b *batcher) stop() {
	b.in.Close()
	b.done.Recv()
}

// startBatcher is the test helper: it stops the batcher when the test ends.
func startBatcher(t *rt.T, out *rt.Chan[[]string], size int) *batcher {
	b := newBatcher(out, size)
	t.Cleanup(b.stop)
	return b
}

func run(t *rt.T, closeInCleanup bool) {
	for _, tc := range []struct {
		name  string
		lines int
	}{{"full", 2}, {"partial", 3}} {
		t.Run(tc.name, func(t *rt.T) {
			out := rt.NewChan[[]string](2)
			if closeInCleanup {
				t.Cleanup(func() { out.Close() })
			} else {
				defer out.Close()
			}
			b := startBatcher(t, out, 2)
			for i := range tc.lines {
				b.add(fmt.Sprint("line", i))
			}
			if got, _ := out.Recv(); len(got) != 2 {
				t.Errorf("first batch has %d lines, want 2", len(got))
			}
		})
	}
}

// Buggy closes the output with defer.
func Buggy(t *rt.T) { run(t, false) }

// Fixed closes it in a Cleanup registered before the batcher's.
func Fixed(t *rt.T) { run(t, true) }
