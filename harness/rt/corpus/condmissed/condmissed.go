// Package condmissed is a communication deadlock on a condition variable
// (a missed signal): a component waits for "ready" with cond.Wait but
// does not check the condition first, so when the loader has already
// signalled, the waiter sleeps forever. The fix is the textbook loop
// "for !ready { cond.Wait() }".
package condmissed

import "github.com/interleave/concurrency/harness/rt"

type loader struct {
	mu    rt.Mutex
	cond  *rt.Cond
	ready bool
	data  []string
}

func newLoader() *loader {
	l := &loader{}
	l.cond = rt.NewCond(&l.mu)
	return l
}

// load fills the data and wakes the waiter.
func (l *loader) load() {
	l.mu.Lock()
	l.data = []string{"a", "b"}
	l.ready = true
	l.mu.Unlock()
	l.cond.Signal()
}

// wait waits for the signal without checking ready: the bug.
func (l *loader) wait() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cond.Wait()
	return l.data
}

// waitFixed waits in a loop on the condition.
func (l *loader) waitFixed() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for !l.ready {
		l.cond.Wait()
	}
	return l.data
}

func run(t *rt.T, wait func(*loader) []string) {
	l := newLoader()
	rt.Go(l.load)
	if got := wait(l); len(got) != 2 {
		t.Errorf("data = %v", got)
	}
}

// Buggy waits for a signal that may already have been sent.
func Buggy(t *rt.T) { run(t, (*loader).wait) }

// Fixed checks the condition before waiting.
func Fixed(t *rt.T) { run(t, (*loader).waitFixed) }
