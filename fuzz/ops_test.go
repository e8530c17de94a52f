package fuzz_test

import (
	"math/rand/v2"
	"testing"

	"github.com/interleave/concurrency/fuzz"
	"github.com/interleave/concurrency/fuzz/choice"
	"github.com/interleave/concurrency/harness/rt"
	"pgregory.net/rapid"
)

// opSeeds are the seeds of the operation targets: zero words (rapid's
// smallest workload) and one pseudo-random workload, both with an all-zero
// schedule, so they run cooperatively and miss the bug; the zeros leave
// the fuzzer room to change single choices.
var opSeeds = []input{
	{ops: make([]byte, 256), sched: make([]byte, 64)},
	{ops: seedOps(1), sched: make([]byte, 64)},
}

// seedOps returns 512 pseudo-random operation bytes.
func seedOps(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 0x0b5))
	b := make([]byte, 512)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// opsTarget builds a target whose input is an operation sequence and a
// schedule: rapid.MakeFuzz decodes the operation bytes, through draw, into
// the operations of every goroutine and the body running them; the
// schedule bytes are its scheduling choices.
func opsTarget(name string, draw func(t *rapid.T, bug bool) func(*rt.T), opts ...rt.Option) target {
	return target{name: name, ops: true, seeds: opSeeds, build: func(bug bool, on onCrash) func(*testing.T, input) {
		return func(t *testing.T, in input) {
			t.Helper()
			entry := fuzz.EntryOf(t.Name(), in.ops, in.sched)
			rapid.MakeFuzz(func(rt_ *rapid.T) {
				f, err := fuzz.RunRT(choice.New(in.sched), draw(rt_, bug), opts...)
				if err != nil {
					rt_.Fatalf("%v", err)
				}
				if f != nil {
					on(rt_, &fuzz.Crash{Target: name, Report: f.String(), Schedule: f.Schedule, Entry: entry})
				}
			})(t, in.ops)
		}
	}}
}
