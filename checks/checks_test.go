package checks_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks"
	"github.com/interleave/concurrency/checks/deadlock"
	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/checks/race"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// twoSenders is correct (every send has room) and has more schedules than
// one execution explores.
func twoSenders(t *rt.T) {
	answers := rt.NewChan[int](2)
	for i := range 2 {
		t.Go(func() { answers.Send(i) })
	}
	answers.Recv()
}

// selfDeadlock fails with a deadlock, which no other check can rule out.
func selfDeadlock(t *rt.T) {
	var mu rt.Mutex
	mu.Lock()
	mu.Lock()
}

// racy fails with a data race.
func racy(t *rt.T) {
	var v rt.Var[int]
	t.Go(func() { v.Store(1) })
	v.Store(2)
}

// unknownHistory is a history porcupine cannot decide in 50ms.
func unknownHistory() linearizable.Report {
	spec := porcupine.Model{
		Init: func() any { return "" },
		Step: func(state, input, output any) (bool, any) {
			if v, ok := input.(string); ok {
				return true, state.(string) + v
			}
			return output == state, state
		},
	}
	var h []porcupine.Operation
	for i := range 14 {
		h = append(h, porcupine.Operation{ClientId: i, Input: string(rune('a' + i)), Call: 0, Return: 10})
	}
	h = append(h, porcupine.Operation{ClientId: 14, Input: 0, Output: "impossible", Call: 20, Return: 21})
	return linearizable.Check(spec, h, linearizable.WithTimeout(50*time.Millisecond))
}

// The packages' names are the shared values, so errors.Is means the same
// whichever a caller uses.
func TestAliasesAreTheSharedValues(t *testing.T) {
	for _, err := range []error{deadlock.ErrBounded, race.ErrBounded, leak.ErrBounded} {
		require.Same(t, checks.ErrBounded, err)
	}
	require.Same(t, checks.ErrUnknown, linearizable.ErrUnknown)
	for _, err := range []error{deadlock.ErrOther, race.ErrOther} {
		require.ErrorIs(t, err, checks.ErrUnknown)
		require.NotErrorIs(t, err, checks.ErrBounded)
	}
}

// Every check's bounded and unknown verdicts match the shared values and
// only them, and keep the text they had.
func TestVerdictsAcrossChecks(t *testing.T) {
	one := rt.WithMaxExecutions(1)
	_, dBounded := deadlock.RT().Explore(twoSenders, one)
	_, dOther := deadlock.RT().Explore(racy)
	_, rBounded := race.RT().Explore(twoSenders, one)
	_, rOther := race.RT().Explore(selfDeadlock)
	_, lBounded := leak.RT().Explore(twoSenders, one)
	_, lOther := leak.RT().Explore(selfDeadlock)
	linUnknown := unknownHistory().Err()
	cases := []struct {
		name    string
		err     error
		want    error
		message string // a prefix of the text users read
	}{
		{"deadlock bounded", dBounded, checks.ErrBounded, "deadlock check: bounded: 1 executions"},
		{"deadlock other", dOther, checks.ErrUnknown, "deadlock check: another failure stopped the exploration: rt: data race"},
		{"race bounded", rBounded, checks.ErrBounded, "data race check: bounded: 1 executions"},
		{"race other", rOther, checks.ErrUnknown, "data race check: another failure stopped the exploration: rt: deadlock"},
		{"leak bounded", lBounded, checks.ErrBounded, "leak check: bounded: 1 executions"},
		{"leak other", lOther, checks.ErrUnknown, "leak check: another failure stopped the exploration: rt: deadlock"},
		{"linearizable unknown", linUnknown, checks.ErrUnknown, "history: linearizability unknown: the checker ran out of time (15 operations)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.ErrorIs(t, c.err, c.want)
			other := checks.ErrUnknown
			if c.want == other {
				other = checks.ErrBounded
			}
			require.NotErrorIs(t, c.err, other)
			require.True(t, strings.HasPrefix(c.err.Error(), c.message), "%q does not start with %q", c.err, c.message)
		})
	}
}

func Example() {
	_, err := leak.RT().Explore(twoSenders, rt.WithMaxExecutions(1))
	fmt.Println(errors.Is(err, checks.ErrBounded), errors.Is(err, race.ErrBounded))
	// Output: true true
}
