// Package rangenoclose is a communication deadlock on a channel: a
// pipeline stage that forgets to close its output, so the consumer's
// range loop waits for more values forever. The fix: the stage closes
// its output when its input is drained.
package rangenoclose

import "github.com/interleave/concurrency/harness/rt"

// square squares every value of in onto the returned channel; closeOut
// says whether it closes the output when done (false is the bug).
func square(in *rt.Chan[int], closeOut bool) *rt.Chan[int] {
	out := rt.NewChan[int](0)
	rt.Go(func() {
		if closeOut {
			defer out.Close()
		}
		for {
			v, ok := in.Recv()
			if !ok {
				return
			}
			out.Send(v * v)
		}
	})
	return out
}

func generate(vs ...int) *rt.Chan[int] {
	out := rt.NewChan[int](0)
	rt.Go(func() {
		defer out.Close()
		for _, v := range vs {
			out.Send(v)
		}
	})
	return out
}

func run(t *rt.T, closeOut bool) {
	sum := 0
	out := square(generate(1, 2, 3), closeOut)
	for {
		v, ok := out.Recv()
		if !ok {
			break
		}
		sum += v
	}
	if sum != 14 {
		t.Errorf("sum = %d, want 14", sum)
	}
}

// Buggy ranges over the output of a stage that never closes it.
func Buggy(t *rt.T) { run(t, false) }

// Fixed closes the stage's output.
func Fixed(t *rt.T) { run(t, true) }
