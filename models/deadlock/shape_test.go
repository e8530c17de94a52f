//lint:file-ignore SA2001 taking a lock and releasing it at once is what the rt body does

package deadlock_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/models/deadlock"
)

// Two philosophers and two goroutines taking two mutexes in opposite
// orders are the same deadlock: the model explorer and rt explain it with
// the same cycle and conditions, rendered alike.
func TestRendersLikeRT(t *testing.T) {
	res, err := harness.Explore(context.Background(), deadlock.New(deadlock.Naive, 2), harness.Options{})
	require.NoError(t, err)
	require.NotEmpty(t, res.Violations)
	d := res.Violations[0].Detail.(*harness.Deadlock)
	var model strings.Builder
	d.Evidence.WriteText(&model, 0)

	rep, err := rt.Explore(func(t *rt.T) {
		var fork0, fork1 rt.Mutex
		t.Go(func() { fork1.Lock(); fork0.Lock(); fork0.Unlock(); fork1.Unlock() })
		fork0.Lock()
		fork1.Lock()
		fork1.Unlock()
		fork0.Unlock()
	})
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindDeadlock, rep.Failure.Kind)

	want := []string{"wait-for cycle: 2", "", "Coffman conditions (4 of 4 hold):",
		"  yes  mutual exclusion  ", "  yes  hold and wait     ", "  yes  no preemption     ", "  yes  circular wait     "}
	require.Equal(t, want, shape(model.String()), model.String())
	require.Equal(t, want, shape(rep.Failure.Message), rep.Failure.Message)
	require.Len(t, d.Evidence.Cycle, 2)
	for i, c := range rep.Failure.Page.Coffman {
		require.Equal(t, d.Evidence.Coffman[i].Name, c.Name)
		require.Equal(t, d.Evidence.Coffman[i].Holds, c.Holds)
	}
}

// shape keeps what the renderer decides of a text: the cycle's length,
// the header, and each condition's mark and name, without the evidence.
func shape(text string) []string {
	var s []string
	in := false
	for line := range strings.SplitSeq(strings.TrimRight(text, "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "wait-for cycle: "):
			in = true
			s = append(s, fmt.Sprintf("wait-for cycle: %d", strings.Count(line, " → ")))
		case !in:
		case strings.HasPrefix(line, "  yes  "), strings.HasPrefix(line, "  no   "):
			s = append(s, line[:25])
		case strings.HasPrefix(line, "   "):
		default:
			s = append(s, line)
		}
	}
	return s
}
