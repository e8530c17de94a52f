package fuzz_test

import (
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/gil"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// impls/gil: two or three interpreter threads run drawn programs (loops,
// I/O, increments of a global) under a drawn switch interval; no two
// instructions may overlap and no thread may wait for the lock longer than
// the fair hand-off bound. The seeded bug is barging: a thread giving the
// lock up takes it straight back, and a waiting thread starves.
func init() { register(implTarget("FuzzGIL", drawGIL)) }

func FuzzGIL(f *testing.F) { run(f, "FuzzGIL") }

// gilSegment is one piece of a drawn program.
type gilSegment int

const (
	gilLoop1 gilSegment = iota // a countdown loop of one iteration
	gilLoop2                   // of two
	gilIO                      // blocking I/O, 5 ms
	gilIncr                    // global 0 += 1 (four instructions)
)

// program assembles segments into bytecode, ending with Halt.
func program(segs []gilSegment) gil.Program {
	var p gil.Program
	for _, s := range segs {
		switch s {
		case gilLoop1, gilLoop2:
			top := int64(len(p) + 1)
			p = append(p, gil.Instr{Op: gil.Push, Arg: int64(s-gilLoop1) + 1}, gil.Instr{Op: gil.Push, Arg: -1},
				gil.Instr{Op: gil.Add}, gil.Instr{Op: gil.Dup}, gil.Instr{Op: gil.JumpNZ, Arg: top})
		case gilIO:
			p = append(p, gil.Instr{Op: gil.IO, Arg: 5})
		case gilIncr:
			p = append(p, gil.Instr{Op: gil.Load}, gil.Instr{Op: gil.Push, Arg: 1}, gil.Instr{Op: gil.Add}, gil.Instr{Op: gil.Store})
		}
	}
	return append(p, gil.Instr{Op: gil.Halt})
}

var gilSegmentGen = rapid.Custom(func(t *rapid.T) gilSegment {
	return gilSegment(rapid.IntRange(0, 3).Draw(t, "segment"))
})

func drawGIL(t *rapid.T, bug bool) func(*rt.T) {
	interval := rapid.IntRange(1, 3).Draw(t, "switch interval")
	threads := rapid.SliceOfN(rapid.SliceOfN(gilSegmentGen, 1, 3), 2, 3).Draw(t, "threads")
	opts := []gil.Option{gil.WithSwitchInterval(interval)}
	if bug {
		opts = append(opts, gil.WithBug(gil.BugBarging))
	}
	progs := make([]gil.Program, len(threads))
	for i, segs := range threads {
		progs[i] = program(segs)
	}
	return func(t *rt.T) {
		s, err := gil.New(1, opts...).Run(progs...)
		require.NoError(t, err)
		require.NoError(t, gil.Exclusive(s))
		require.NoError(t, gil.Bounded(s, gil.DefaultBound(s, 0)))
	}
}
