package leak_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// stuckReceiver starts a goroutine that waits on ch; the caller leaks it
// unless it closes ch.
func stuckReceiver(ch chan int) {
	go func() { <-ch }()
}

func TestNative(t *testing.T) {
	cases := []struct {
		name  string
		close bool
	}{{"receiver left waiting is caught", false}, {"receiver released passes", true}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := []leak.Option{leak.IgnoreCurrent()}
			ch := make(chan int)
			stuckReceiver(ch)
			if c.close {
				close(ch)
				require.NoError(t, leak.Find(opts...))
				return
			}
			err := leak.Find(opts...)
			close(ch) // release it for the next tests
			var l *leak.Leak
			require.ErrorAs(t, err, &l)
			require.True(t, strings.HasPrefix(err.Error(), leak.Kind+": "), err.Error())
			require.Contains(t, l.Detail, "stuckReceiver")
			// It wraps goleak's error and keeps the text users read.
			inner := errors.Unwrap(err)
			require.NotNil(t, inner)
			require.True(t, strings.HasPrefix(inner.Error(), "found unexpected goroutines:\n"), inner.Error())
			require.Equal(t, leak.Kind+": "+strings.TrimPrefix(inner.Error(), "found unexpected goroutines:\n"), err.Error())
		})
	}
}

// abandonedSender sends its result on a channel the body may stop
// listening to (the body gives up when the first of two answers arrives).
func abandonedSender(buffered bool) func(*rt.T) {
	return func(t *rt.T) {
		capacity := 0
		if buffered {
			capacity = 2
		}
		answers := rt.NewChan[int](capacity)
		for i := range 2 {
			t.Go(func() { answers.Send(i) })
		}
		answers.Recv()
	}
}

func TestRT(t *testing.T) {
	cases := []struct {
		name     string
		buffered bool
	}{{"unbuffered answer abandoned is caught", false}, {"buffered answers pass", true}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := leak.RT().Explore(abandonedSender(c.buffered))
			t.Logf("%d executions", rep.Executions)
			if c.buffered {
				require.NoError(t, err)
				return
			}
			var f *leak.Finding
			require.ErrorAs(t, err, &f)
			require.Contains(t, f.Message, "still blocked")
			require.NotEmpty(t, f.Schedule)
			t.Logf("%v", err)
		})
	}
}

func TestRTBoundedIsNotAPass(t *testing.T) {
	_, err := leak.RT().Explore(abandonedSender(true), rt.WithMaxExecutions(1))
	require.ErrorIs(t, err, leak.ErrBounded)
}

// waiterModel: thread 0 (main) finishes after one step, setting the flag
// unless forget; thread 1 waits for the flag.
type waiterModel struct{ forget bool }

func (waiterModel) Name() string                          { return "waiter" }
func (waiterModel) Init() harness.State                   { return harness.State{0, 0, 0} }
func (waiterModel) Threads(harness.State) int             { return 2 }
func (waiterModel) ThreadName(th int) string              { return [...]string{"main", "worker"}[th] }
func (waiterModel) Finished(s harness.State, th int) bool { return s[th] == 1 }

func (m waiterModel) Enabled(s harness.State, th int) (harness.Step, bool) {
	if s[th] == 1 {
		return harness.Step{}, false
	}
	if th == 0 {
		return harness.Step{Footprint: harness.Footprint{Thread: 0, Label: "set flag, return"}}, true
	}
	return harness.Step{Footprint: harness.Footprint{Thread: 1, Label: "wait for flag"}}, s[2] == 1
}

func (m waiterModel) Apply(s harness.State, st harness.Step) harness.State {
	n := append(harness.State(nil), s...)
	n[st.Thread] = 1
	if st.Thread == 0 && !m.forget {
		n[2] = 1
	}
	return n
}

func TestModel(t *testing.T) {
	cases := []struct {
		name   string
		forget bool
	}{{"worker abandoned is caught", true}, {"worker released passes", false}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := harness.Explore(context.Background(), waiterModel{forget: c.forget}, harness.Options{KeepGoing: true}, leak.Model(0))
			require.NoError(t, err)
			if !c.forget {
				require.Equal(t, harness.OK, res.Verdict())
				return
			}
			var found bool
			for _, v := range res.Violations {
				if v.Kind == leak.Kind {
					found = true
					require.Equal(t, `1 thread left behind after the main threads finished: worker blocked at "wait for flag"`, v.Message)
				}
			}
			require.True(t, found, "%+v", res.Violations)
		})
	}
}
