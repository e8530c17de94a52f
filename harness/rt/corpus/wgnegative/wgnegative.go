// Package wgnegative is a misused WaitGroup: a worker that defers Done and
// also calls Done on its error path, so the counter goes negative and
// WaitGroup panics. The fix removes the explicit Done.
package wgnegative

import (
	"errors"

	"github.com/interleave/concurrency/harness/rt"
)

var errBadInput = errors.New("bad input")

// process validates every input concurrently; doubleDone is the bug.
func process(inputs []int, doubleDone bool) int {
	var failures rt.Int64
	var wg rt.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		rt.Go(func() {
			defer wg.Done()
			if err := validate(in); err != nil {
				failures.Add(1)
				if doubleDone {
					wg.Done()
				}
				return
			}
		})
	}
	wg.Wait()
	return int(failures.Load())
}

func validate(v int) error {
	if v < 0 {
		return errBadInput
	}
	return nil
}

func run(t *rt.T, doubleDone bool) {
	if n := process([]int{1, -1}, doubleDone); n != 1 {
		t.Errorf("failures = %d, want 1", n)
	}
}

// Buggy processes one bad input.
func Buggy(t *rt.T) { run(t, true) }

// Fixed calls Done once per worker.
func Fixed(t *rt.T) { run(t, false) }
