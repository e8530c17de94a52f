package linearizable_test

import (
	"testing"

	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/harness/report"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// counterBody runs two clients that each increment a shared counter once
// and read it, under rt, and verifies the recorded history. With atomic
// false the increment is a Load then a Store (a lost update).
func counterBody(atomic bool, htmlDir string) func(*rt.T) {
	return func(t *rt.T) {
		var n rt.Int64
		rec := linearizable.NewRecorder()
		var wg rt.WaitGroup
		for range 2 {
			c := rec.Client()
			wg.Go(func() {
				c.Do(counterOp{inc: true}, func() any {
					if atomic {
						return int(n.Add(1))
					}
					v := n.Load() + 1
					n.Store(v)
					return int(v)
				})
				c.Do(counterOp{}, func() any { return int(n.Load()) })
			})
		}
		wg.Wait()
		linearizable.Verify(t, counterSpec, rec.History(), linearizable.WithHTMLDir(htmlDir), linearizable.WithName("counter"))
	}
}

func TestRTCounter(t *testing.T) {
	cases := []struct {
		name   string
		atomic bool
	}{{"load then store is caught", false}, {"atomic add passes", true}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.ArtifactDir()
			rep, err := rt.Explore(counterBody(c.atomic, dir))
			require.NoError(t, err)
			if c.atomic {
				require.Nil(t, rep.Failure)
				require.True(t, rep.Exhausted)
				t.Logf("%s", rep)
				return
			}
			require.NotNil(t, rep.Failure)
			require.Equal(t, rt.KindTestFailure, rep.Failure.Kind)
			require.Contains(t, rep.Failure.Message, linearizable.Kind+": counter")
			require.FileExists(t, dir+"/counter.html")
			require.Contains(t, rep.Failure.Page.Links, report.Link{Text: "porcupine's view of the history that is not linearizable", Href: dir + "/counter.html"},
				"the failure's HTML report links porcupine's view")
			t.Logf("found after %d executions:\n%s", rep.Executions, rep.Failure.Message)
		})
	}
}

func TestHistoryAtRecordsBlockedOperationsNow(t *testing.T) {
	rec := linearizable.NewRecorder()
	a, b := rec.Client(), rec.Client()
	a.Begin(counterOp{inc: true}).End(1)
	b.Begin(counterOp{})
	h := rec.History()
	require.Len(t, h, 2)
	require.True(t, linearizable.IsPending(h[1].Output))
	// Observed blocked at a quiescent point: a get that saw 0 after an inc
	// returned 1 is a violation; as a pending op it would not be.
	require.NoError(t, linearizable.Check(counterSpec, h).Err())
	h = rec.HistoryAt(func(any) (any, bool) { return 0, true })
	require.Equal(t, h[1].Call, h[1].Return)
	require.Greater(t, h[1].Call, h[0].Return)
	require.Error(t, linearizable.Check(counterSpec, h).Err())
}
