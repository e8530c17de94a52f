package gil_test

import (
	"testing"

	"github.com/interleave/concurrency/impls/gil"
	"github.com/interleave/concurrency/internal/seeded"
	"github.com/stretchr/testify/require"
)

// The tests pass under go test and under harness test, which explores
// their interleavings; -gil.bug switches a seeded bug on for harness test
// to find:
//
//	harness test ./impls/gil -gil.bug=holdduringio
var seededBug = seeded.Flag("gil", map[string]gil.Bug{"holdduringio": gil.BugHoldDuringIO, "barging": gil.BugBarging, "nolock": gil.BugNoLock})

// countdown runs a loop of n iterations (4n+1 instructions).
func countdown(n int64) gil.Program {
	return gil.Program{{Op: gil.Push, Arg: n}, {Op: gil.Push, Arg: -1}, {Op: gil.Add}, {Op: gil.Dup}, {Op: gil.JumpNZ, Arg: 1}}
}

// ioThenStore does I/O for ms milliseconds, then stores 1 in global g.
func ioThenStore(ms int64, g int64) gil.Program {
	return gil.Program{{Op: gil.IO, Arg: ms}, {Op: gil.Push, Arg: 1}, {Op: gil.Store, Arg: g}, {Op: gil.Halt}}
}

// TestExclusiveAndFair: at most one thread runs bytecode at a time
// (Exclusive), and a waiting thread gets the lock before the others have
// run more than (threads-1) × interval instructions and never waits
// through another's I/O (Bounded). holdduringio fails the first row,
// barging the last, nolock every row.
func TestExclusiveAndFair(t *testing.T) {
	for _, sc := range []struct {
		name     string
		progs    []gil.Program
		interval int
	}{
		{"I/O next to bytecode", []gil.Program{ioThenStore(10, 0), countdown(2)}, gil.DefaultSwitchInterval},
		{"two I/O threads", []gil.Program{ioThenStore(10, 0), ioThenStore(10, 1)}, gil.DefaultSwitchInterval},
		{"two loops, interval 2", []gil.Program{countdown(2), countdown(1)}, 2},
	} {
		t.Run(sc.name, func(t *testing.T) {
			in := gil.New(2, gil.WithSwitchInterval(sc.interval), gil.WithBug(seededBug(t)))
			s, err := in.Run(sc.progs...)
			require.NoError(t, err)
			require.NoError(t, gil.Exclusive(s))
			require.NoError(t, gil.Bounded(s, gil.DefaultBound(s, 0)))
		})
	}
}

// TestGlobalsAreShared: stores of one thread are seen by the others
// through the lock.
func TestGlobalsAreShared(t *testing.T) {
	in := gil.New(1, gil.WithSwitchInterval(1), gil.WithBug(seededBug(t)))
	store := gil.Program{{Op: gil.Push, Arg: 1}, {Op: gil.Store, Arg: 0}}
	_, err := in.Run(store, store)
	require.NoError(t, err)
	require.Equal(t, int64(1), in.Global(0))
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

// TestBoundedCounts: Bounded reports each way of starving a thread.
func TestBoundedCounts(t *testing.T) {
	for _, c := range []struct {
		name string
		s    gil.Stats
		ok   bool
	}{
		{"within the bound", gil.Stats{Threads: 2, Interval: 2, MaxBypass: 2}, true},
		{"bypassed", gil.Stats{Threads: 2, Interval: 2, MaxBypass: 3}, false},
		{"waited through I/O", gil.Stats{Threads: 2, Interval: 2, IOWaits: 1}, false},
		{"waited too long", gil.Stats{Threads: 2, Interval: 2, MaxWait: 2}, false},
	} {
		err := gil.Bounded(c.s, gil.DefaultBound(c.s, 1))
		if c.ok {
			require.NoError(t, err, c.name)
		} else {
			require.ErrorIs(t, err, gil.ErrStarvation, c.name)
		}
	}
}
