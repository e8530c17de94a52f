// Package capturereq is an anonymous-function capture bug that Go 1.22's
// per-iteration loop variables do not fix: a notifier declares req once,
// outside the loop, reassigns it every iteration and sends it from a
// goroutine that captures it, so a goroutine may read the next
// iteration's request. The fix declares req inside the loop.
package capturereq

import "github.com/interleave/concurrency/harness/rt"

type request struct{ to string }

// notifyAll sends one request per user; the closure captures the shared
// req (a plain variable, reassigned every iteration).
func notifyAll(users []string, send func(request)) {
	var wg rt.WaitGroup
	req := new(rt.Var[request]) // var req request, declared before the loop
	for _, u := range users {
		req.Store(request{to: u})
		wg.Go(func() { send(req.Load()) })
	}
	wg.Wait()
}

// notifyAllFixed declares req in the loop body.
func notifyAllFixed(users []string, send func(request)) {
	var wg rt.WaitGroup
	for _, u := range users {
		req := request{to: u}
		wg.Go(func() { send(req) })
	}
	wg.Wait()
}

func run(t *rt.T, notify func([]string, func(request))) {
	var mu rt.Mutex
	got := map[string]int{}
	notify([]string{"alice", "bob"}, func(r request) {
		mu.Lock()
		defer mu.Unlock()
		got[r.to]++
	})
	if got["alice"] != 1 || got["bob"] != 1 {
		t.Errorf("notified %v", got)
	}
}

// Buggy captures the shared req.
func Buggy(t *rt.T) { run(t, notifyAll) }

// Fixed captures a per-iteration req.
func Fixed(t *rt.T) { run(t, notifyAllFixed) }
