package gil_test

import (
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/gil"
	"github.com/stretchr/testify/require"
)

// countdown runs a loop of n iterations (4n+1 instructions).
func countdown(n int64) gil.Program {
	return gil.Program{{Op: gil.Push, Arg: n}, {Op: gil.Push, Arg: -1}, {Op: gil.Add}, {Op: gil.Dup}, {Op: gil.JumpNZ, Arg: 1}}
}

// ioThenStore does I/O for ms milliseconds, then stores 1 in global g.
func ioThenStore(ms int64, g int64) gil.Program {
	return gil.Program{{Op: gil.IO, Arg: ms}, {Op: gil.Push, Arg: 1}, {Op: gil.Store, Arg: g}, {Op: gil.Halt}}
}

// checked runs progs and applies both checks (wait bound 0: bytecode
// takes no virtual time).
func checked(progs []gil.Program, opts ...gil.Option) func(*rt.T) {
	return func(t *rt.T) {
		in := gil.New(2, opts...)
		s, err := in.Run(progs...)
		require.NoError(t, err)
		require.NoError(t, gil.Exclusive(s))
		require.NoError(t, gil.Bounded(s, gil.DefaultBound(s, 0)))
	}
}

var scenarios = []struct {
	name  string
	progs []gil.Program
	opts  []gil.Option
}{
	{"I/O next to bytecode", []gil.Program{ioThenStore(10, 0), countdown(2)}, nil},
	{"two I/O threads", []gil.Program{ioThenStore(10, 0), ioThenStore(10, 1)}, nil},
	{"two loops, interval 2", []gil.Program{countdown(2), countdown(1)}, []gil.Option{gil.WithSwitchInterval(2)}},
}

// The correct interpreter passes both checks (and the race check on the
// globals) on every schedule within rt's default preemption bound.
func TestCorrectUnderRT(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			rep, err := rt.Explore(checked(sc.progs, sc.opts...), rt.WithIdleClock())
			require.NoError(t, err)
			require.Nil(t, rep.Failure, "%v", rep.Failure)
			require.True(t, rep.Exhausted)
			t.Log(rep)
		})
	}
}

// TestSeededBugs: each bug is reported by Bounded as starvation.
func TestSeededBugs(t *testing.T) {
	cases := []struct {
		name  string
		bug   gil.Bug
		progs []gil.Program
		opts  []gil.Option
		want  string
	}{
		{"hold during IO", gil.BugHoldDuringIO, []gil.Program{ioThenStore(10, 0), countdown(2)}, nil,
			"gil: starvation: a thread waited 10ms for the lock (bound 0s)"},
		{"barging", gil.BugBarging, []gil.Program{countdown(2), countdown(1)}, []gil.Option{gil.WithSwitchInterval(2)},
			"gil: starvation: a waiting thread saw"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := rt.Explore(checked(c.progs, append(c.opts, gil.WithBug(c.bug))...), rt.WithIdleClock())
			require.NoError(t, err)
			require.NotNil(t, rep.Failure)
			require.Equal(t, rt.KindTestFailure, rep.Failure.Kind)
			require.Contains(t, rep.Failure.Message, c.want)
			t.Log(rep)
		})
	}
}

// Released around I/O, two threads' I/O overlaps: the run takes as long
// as one I/O, in every schedule. Held, it takes as long as both.
func TestIOOverlap(t *testing.T) {
	for _, c := range []struct {
		bug  gil.Bug
		want time.Duration
	}{{gil.NoBug, 10 * time.Millisecond}, {gil.BugHoldDuringIO, 20 * time.Millisecond}} {
		rep, err := rt.Explore(func(t *rt.T) {
			s, err := gil.New(2, gil.WithBug(c.bug)).Run(ioThenStore(10, 0), ioThenStore(10, 1))
			require.NoError(t, err)
			require.Equal(t, c.want, s.Elapsed)
		}, rt.WithIdleClock()) // bytecode takes no virtual time
		require.NoError(t, err)
		require.Nil(t, rep.Failure, "%v: %v", c.bug, rep.Failure)
	}
}

// TestNoLock: without the lock, Exclusive sees two threads inside
// instructions at once; with a shared global, the race check reports the
// unordered accesses first.
func TestNoLock(t *testing.T) {
	rep, err := rt.Explore(checked([]gil.Program{countdown(1), countdown(1)}, gil.WithBug(gil.BugNoLock)), rt.WithIdleClock())
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindTestFailure, rep.Failure.Kind)
	require.Contains(t, rep.Failure.Message, "gil: two threads ran bytecode at the same time")

	store := gil.Program{{Op: gil.Push, Arg: 1}, {Op: gil.Store, Arg: 0}}
	rep, err = rt.Explore(checked([]gil.Program{store, store}, gil.WithBug(gil.BugNoLock)), rt.WithIdleClock())
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	require.Equal(t, rt.KindRace, rep.Failure.Kind)
	rep, err = rt.Explore(checked([]gil.Program{store, store}), rt.WithIdleClock())
	require.NoError(t, err)
	require.Nil(t, rep.Failure)
}

func TestProgram(t *testing.T) {
	in := gil.New(1)
	prog := append(countdown(3)[:len(countdown(3)):len(countdown(3))],
		gil.Instr{Op: gil.Push, Arg: 40}, gil.Instr{Op: gil.Push, Arg: 2}, gil.Instr{Op: gil.Add}, gil.Instr{Op: gil.Store, Arg: 0})
	s, err := in.Run(prog)
	require.NoError(t, err)
	require.Equal(t, int64(42), in.Global(0))
	require.Equal(t, int64(1+4*3+4), s.Executed)

	for name, p := range map[string]gil.Program{
		"empty stack":    {{Op: gil.Add}},
		"unknown global": {{Op: gil.Load, Arg: 5}},
		"unknown op":     {{Op: 99}},
	} {
		_, err := gil.New(1).Run(p)
		require.ErrorIs(t, err, gil.ErrProgram, name)
	}
}

// Natively, with real goroutines and real time.
func TestNative(t *testing.T) {
	// Every thread does I/O twice around bytecode, so with the bug some
	// thread always waits out another's I/O.
	mixed := append(countdown(2000), gil.Instr{Op: gil.IO, Arg: 60}, gil.Instr{Op: gil.IO, Arg: 60})
	progs := []gil.Program{mixed, mixed, mixed}
	s, err := gil.New(1, gil.WithSwitchInterval(50)).Run(progs...)
	require.NoError(t, err)
	require.NoError(t, gil.Exclusive(s))
	require.NoError(t, gil.Bounded(s, gil.Bound{Bypass: gil.DefaultBound(s, 0).Bypass, Wait: 40 * time.Millisecond}))

	s, err = gil.New(1, gil.WithSwitchInterval(50), gil.WithBug(gil.BugHoldDuringIO)).Run(progs...)
	require.NoError(t, err)
	require.NoError(t, gil.Exclusive(s))
	require.ErrorIs(t, gil.Bounded(s, gil.Bound{Bypass: gil.DefaultBound(s, 0).Bypass, Wait: 40 * time.Millisecond}), gil.ErrStarvation)
}
