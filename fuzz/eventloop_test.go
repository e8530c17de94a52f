package fuzz_test

import (
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/eventloop"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// impls/eventloop: 1-2 goroutines post drawn callbacks to a running loop,
// CallSoon or CallLater with a drawn delay; the last callback stops the
// loop. Callbacks must run one at a time, each poster's CallSoon
// callbacks in order, and no timer before its deadline. The package's
// seeded bug blocks the echo server on its connections, which rt cannot
// run, so this target has no bug to switch on (noBug); the native target
// FuzzEcho (echo_test.go) finds it.
func init() {
	tg := implTarget("FuzzEventLoop", drawEventLoop)
	tg.noBug = true
	register(tg)
}

func FuzzEventLoop(f *testing.F) { run(f, "FuzzEventLoop") }

// delays are a poster's callbacks: 0 is CallSoon, d > 0 CallLater(d ms).
type delays []int

func drawEventLoop(t *rapid.T, _ bool) func(*rt.T) {
	posters := rapid.SliceOfN(rapid.SliceOfN(rapid.IntRange(0, 3), 1, 3), 1, 2).Draw(t, "posters")
	return func(t *rt.T) {
		l := eventloop.New()
		total := 0
		for _, ds := range posters {
			total += len(ds)
		}
		ran := 0              // callbacks run, on the loop only
		last := map[int]int{} // poster → index of its last CallSoon callback run
		for p, ds := range posters {
			t.Go(func() { post(t, l, p, ds, last, &ran, total) })
		}
		l.Run()
		require.Equal(t, total, ran)
		require.NoError(t, eventloop.Exclusive(l))
	}
}

// post queues poster p's callbacks; each checks its order or deadline and
// the last one to run stops the loop.
func post(t *rt.T, l *eventloop.Loop, p int, ds delays, last map[int]int, ran *int, total int) {
	for i, d := range ds {
		done := func() {
			if *ran++; *ran == total {
				l.Stop()
			}
		}
		if d == 0 {
			l.CallSoon(func() {
				if k, ok := last[p]; ok {
					require.Less(t, k, i, "poster %d's CallSoon callbacks out of order", p)
				}
				last[p] = i
				done()
			})
			continue
		}
		at := rt.Now().Add(time.Duration(d) * time.Millisecond)
		l.CallLater(time.Duration(d)*time.Millisecond, func() {
			require.False(t, rt.Now().Before(at), "a timer ran before its deadline")
			done()
		})
	}
}
