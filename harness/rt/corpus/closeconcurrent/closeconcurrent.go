// Package closeconcurrent is a misused channel (concurrent close): workers
// that report a fatal error by closing a shared "failed" channel, guarded
// by a check "is it closed already?" with select-default. Two workers can
// both see it open and both close it. The fix is sync.Once.
package closeconcurrent

import "github.com/interleave/concurrency/harness/rt"

type group struct {
	failed *rt.Chan[struct{}]
	once   rt.Once
}

// fail signals failure once, by check-then-close: the bug.
func (g *group) fail() {
	if rt.TrySelect(g.failed.OnRecv(nil)) == -1 { // not closed yet
		g.failed.Close()
	}
}

// failFixed closes under Once.
func (g *group) failFixed() { g.once.Do(g.failed.Close) }

func run(fail func(*group)) {
	g := &group{failed: rt.NewChan[struct{}](0)}
	var wg rt.WaitGroup
	for range 2 {
		wg.Go(func() { fail(g) }) // both workers hit an error
	}
	wg.Wait()
	g.failed.Recv()
}

// Buggy has two workers fail at once.
func Buggy(t *rt.T) { run((*group).fail) }

// Fixed closes under Once.
func Fixed(t *rt.T) { run((*group).failFixed) }
