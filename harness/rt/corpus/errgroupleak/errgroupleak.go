// Package errgroupleak is a communication deadlock on a channel: a fan-out
// fetch sends each worker's error on an unbuffered channel and returns at
// the first error, so the workers still sending block forever. The fix
// gives the channel room for every worker.
package errgroupleak

import (
	"errors"
	"fmt"

	"github.com/interleave/concurrency/harness/rt"
)

// fetchAll fetches every url concurrently and returns the first error;
// buffered sizes the error channel for all workers (false is the bug).
func fetchAll(urls []string, fetch func(string) error, buffered bool) error {
	size := 0
	if buffered {
		size = len(urls)
	}
	errc := rt.NewChan[error](size)
	for _, u := range urls {
		rt.Go(func() { errc.Send(fetch(u)) })
	}
	for range urls {
		if err, _ := errc.Recv(); err != nil {
			return err
		}
	}
	return nil
}

var errNotFound = errors.New("404")

func run(t *rt.T, buffered bool) {
	fetch := func(u string) error {
		if u == "b" {
			return fmt.Errorf("%s: %w", u, errNotFound)
		}
		return nil
	}
	if err := fetchAll([]string{"a", "b", "c"}, fetch, buffered); !errors.Is(err, errNotFound) {
		t.Errorf("fetchAll = %v, want %v", err, errNotFound)
	}
}

// Buggy returns at the first error with an unbuffered error channel.
func Buggy(t *rt.T) { run(t, false) }

// Fixed sizes the error channel for every worker.
func Fixed(t *rt.T) { run(t, true) }
