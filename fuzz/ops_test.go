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
func seedOps(seed uint64) []byte { return randomBytes(seed, 512) }

// randomBytes returns n pseudo-random bytes.
func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 0x0b5))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// implTarget is an operations target over a package of impls/, which is
// written with plain sync, channels and go statements: only harness test
// puts them under rt, so under go test it skips itself.
func implTarget(name string, draw func(t *rapid.T, bug bool) func(*rt.T), opts ...rt.Option) target {
	tg := opsTarget(name, draw, opts...)
	tg.impl = true
	return tg
}

// opsTarget builds a target whose input is an operation sequence and a
// schedule: rapid.MakeFuzz decodes the operation bytes, through draw, into
// the operations of every goroutine and the body running them; the
// schedule bytes are its scheduling choices.
func opsTarget(name string, draw func(t *rapid.T, bug bool) func(*rt.T), opts ...rt.Option) target {
	return target{name: name, ops: true, seeds: opSeeds, build: func(bug bool, on onCrash) func(*testing.T, input) {
		return func(t *testing.T, in input) {
			t.Helper()
			// The crash is reported after rapid returns, to t, so that it
			// is printed once, after rapid's log of the draws.
			var crash *fuzz.Crash
			rapid.MakeFuzz(func(rp *rapid.T) {
				f, err := fuzz.RunRT(choice.New(in.sched), draw(rp, bug), opts...)
				if err != nil {
					rp.Fatalf("%v", err)
				}
				if f != nil {
					crash = &fuzz.Crash{Target: name, Report: f.String(), Schedule: f.Schedule, Entry: fuzz.EntryOf(t.Name(), in.ops, in.sched)}
				}
			})(t, in.ops)
			if crash != nil {
				on(t, crash)
			}
		}
	}}
}
