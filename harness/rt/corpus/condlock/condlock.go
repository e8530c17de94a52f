// Package condlock is a mixed deadlock (condition variable and lock): a
// session store whose waiter keeps the store lock while it waits on a
// session's condition variable, and the signaller needs the store lock to
// find the session before signalling. The fix releases the store lock
// before waiting.
package condlock

import "github.com/interleave/concurrency/harness/rt"

type session struct {
	mu    rt.Mutex
	cond  *rt.Cond
	ready bool
}

type store struct {
	mu       rt.Mutex
	sessions map[string]*session
}

func newStore() *store {
	s := &session{}
	s.cond = rt.NewCond(&s.mu)
	return &store{sessions: map[string]*session{"s1": s}}
}

// await waits until session id is ready, holding the store lock
// throughout (holdStore true is the bug).
func (st *store) await(id string, holdStore bool) {
	st.mu.Lock()
	s := st.sessions[id]
	if !holdStore {
		st.mu.Unlock()
	}
	s.mu.Lock()
	for !s.ready {
		s.cond.Wait()
	}
	s.mu.Unlock()
	if holdStore {
		st.mu.Unlock()
	}
}

// markReady finds session id and wakes its waiters.
func (st *store) markReady(id string) {
	st.mu.Lock()
	s := st.sessions[id]
	st.mu.Unlock()
	s.mu.Lock()
	s.ready = true
	s.mu.Unlock()
	s.cond.Broadcast()
}

func run(holdStore bool) {
	st := newStore()
	var wg rt.WaitGroup
	wg.Go(func() { st.await("s1", holdStore) })
	wg.Go(func() { st.markReady("s1") })
	wg.Wait()
}

// Buggy waits on the session with the store lock held.
func Buggy(t *rt.T) { run(true) }

// Fixed releases the store lock before waiting.
func Fixed(t *rt.T) { run(false) }
