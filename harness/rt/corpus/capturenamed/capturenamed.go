// Package capturenamed is an anonymous-function capture bug on a named
// result: a function starts a background refresh whose closure assigns
// the function's named result "token", and returns while the goroutine
// may still write it. The return reads token concurrently with that
// write. The fix hands the value over a channel and waits for it.
package capturenamed

import "github.com/interleave/concurrency/harness/rt"

func fetchToken() string { return "fresh" }

// refresh returns the current token and refreshes it in the background:
// the closure writes the named result token (a plain string).
func refresh(cached string) string {
	token := new(rt.Var[string]) // the named result: (token string)
	token.Store(cached)
	rt.Go(func() { token.Store(fetchToken()) })
	return token.Load()
}

// refreshFixed waits for the new token.
func refreshFixed(cached string) string {
	ch := rt.NewChan[string](1)
	rt.Go(func() { ch.Send(fetchToken()) })
	if t, _ := ch.Recv(); t != "" {
		return t
	}
	return cached
}

func run(t *rt.T, refresh func(string) string) {
	if tok := refresh("stale"); tok == "" {
		t.Errorf("no token")
	}
}

// Buggy returns the named result the goroutine writes.
func Buggy(t *rt.T) { run(t, refresh) }

// Fixed waits for the goroutine's value.
func Fixed(t *rt.T) { run(t, refreshFixed) }
