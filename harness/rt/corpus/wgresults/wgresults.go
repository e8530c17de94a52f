// Package wgresults is a mixed deadlock (channel & WaitGroup): workers
// send their results on an unbuffered channel and then call Done, while
// the collector calls Wait before it starts receiving. The collector
// waits for the workers, the workers wait for the collector. The fix
// waits in a goroutine that closes the channel, and ranges over it.
package wgresults

import "github.com/interleave/concurrency/harness/rt"

// squares computes the square of every input concurrently.
func squares(in []int) []int {
	results := rt.NewChan[int](0)
	var wg rt.WaitGroup
	for _, v := range in {
		wg.Go(func() { results.Send(v * v) })
	}
	wg.Wait()
	results.Close()
	var out []int
	for {
		v, ok := results.Recv()
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

// squaresFixed closes the channel after Wait in its own goroutine.
func squaresFixed(in []int) []int {
	results := rt.NewChan[int](0)
	var wg rt.WaitGroup
	for _, v := range in {
		wg.Go(func() { results.Send(v * v) })
	}
	rt.Go(func() {
		wg.Wait()
		results.Close()
	})
	var out []int
	for {
		v, ok := results.Recv()
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

func run(t *rt.T, squares func([]int) []int) {
	if got := squares([]int{1, 2}); len(got) != 2 || got[0]+got[1] != 5 {
		t.Errorf("squares = %v", got)
	}
}

// Buggy waits before it receives.
func Buggy(t *rt.T) { run(t, squares) }

// Fixed waits in a goroutine that closes the results.
func Fixed(t *rt.T) { run(t, squaresFixed) }
