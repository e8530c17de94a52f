package rt_test

import (
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// TestGoStatementEveryTime: a go statement whose goroutine reaches rt is
// reported as uncontrolled in every run, not only when it reaches rt
// during the first execution (a false deadlock, or a crash on a negative
// WaitGroup counter, before).
func TestGoStatementEveryTime(t *testing.T) {
	for _, c := range []struct {
		name string
		body func(fixed bool) func(*rt.T)
	}{
		{"wait for it", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				var n rt.Int64
				var wg rt.WaitGroup
				wg.Add(1)
				work := func() { n.Add(1); wg.Done() }
				if fixed {
					t.Go(work)
				} else {
					go work()
				}
				wg.Wait()
			}
		}},
		{"reaches rt in a later execution", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				var mu rt.Mutex
				var wg rt.WaitGroup
				wg.Add(2)
				work := func() { mu.Lock(); mu.Unlock(); wg.Done() }
				t.Go(work)
				if fixed {
					t.Go(work)
				} else {
					go func() { time.Sleep(time.Millisecond); work() }()
				}
				mu.Lock()
				mu.Unlock()
				wg.Wait()
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for range 20 {
				rep := explore(t, c.body(false))
				require.NotNil(t, rep.Failure, rep.String())
				require.Equal(t, rt.KindUncontrolled, rep.Failure.Kind, rep.String())
				require.Contains(t, rep.Failure.Message, "misuse_test.go:")
			}
			ok := explore(t, c.body(true))
			require.Nil(t, ok.Failure, ok.String())
		})
	}
}
