// Package checkthenact is an atomicity violation (check-then-act): a user
// registry that checks a name is free in one critical section and
// inserts it in another, so two concurrent sign-ups of the same name both
// succeed. There is no data race (both sections lock); the test sees the
// duplicate. The fix checks and inserts in one critical section.
package checkthenact

import (
	"errors"

	"github.com/interleave/concurrency/harness/rt"
)

var errTaken = errors.New("name taken")

type registry struct {
	mu    rt.Mutex
	users map[string]int
	next  int
}

func (r *registry) taken(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.users[name]
	return ok
}

func (r *registry) insert(name string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.next++
	r.users[name] = r.next
	return r.next
}

// signUp checks, then inserts: the bug.
func (r *registry) signUp(name string) (int, error) {
	if r.taken(name) {
		return 0, errTaken
	}
	return r.insert(name), nil
}

// signUpFixed checks and inserts under one lock.
func (r *registry) signUpFixed(name string) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.users[name]; ok {
		return 0, errTaken
	}
	r.next++
	r.users[name] = r.next
	return r.next, nil
}

func run(t *rt.T, signUp func(*registry, string) (int, error)) {
	r := &registry{users: map[string]int{}}
	var ok rt.Int64
	var wg rt.WaitGroup
	for range 2 {
		wg.Go(func() {
			if _, err := signUp(r, "alice"); err == nil {
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	if n := ok.Load(); n != 1 {
		t.Errorf("%d sign-ups of alice succeeded, want 1", n)
	}
}

// Buggy signs alice up twice at once.
func Buggy(t *rt.T) { run(t, (*registry).signUp) }

// Fixed does it with the atomic sign-up.
func Fixed(t *rt.T) { run(t, (*registry).signUpFixed) }
