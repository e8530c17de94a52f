package fuzz_test

import (
	"testing"

	"github.com/interleave/concurrency/fuzz"
	"github.com/interleave/concurrency/fuzz/choice"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// fataler is what a crash is reported to: a *testing.T, or a *rapid.T
// inside a rapid.MakeFuzz property.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// onCrash receives a crash: fail reports it; the baseline records it.
type onCrash func(t fataler, c *fuzz.Crash)

func fail(t fataler, c *fuzz.Crash) {
	t.Helper()
	t.Fatalf("%s", c)
}

// input is one fuzz input: the operation bytes (decoded by rapid; only
// operation targets have them) and the schedule bytes (package choice).
type input struct{ ops, sched []byte }

// target is one fuzz target: its name, whether it takes operations, its
// seed corpus (inputs that do not trigger the seeded bug, so the fuzzer
// has to find it), and how to build the fuzz function with the bug on or
// off.
type target struct {
	name string
	// ops: the fuzz function takes (ops, schedule []byte); else
	// (schedule []byte).
	ops   bool
	seeds []input
	// everySchedule marks a bug that every execution shows, so that no
	// seed can miss it.
	everySchedule bool
	build         func(bug bool, on onCrash) func(*testing.T, input)
}

// targets is every fuzz target of the package, registered by the files
// that define them.
var targets = map[string]target{}

func register(tg target) {
	if _, dup := targets[tg.name]; dup {
		panic("fuzz target registered twice: " + tg.name)
	}
	targets[tg.name] = tg
}

// run is the body of every Fuzz function: the seeds, then the target with
// the bug as INTERLEAVE_FUZZ_BUG says.
func run(f *testing.F, name string) {
	tg, ok := targets[name]
	if !ok {
		f.Fatalf("no fuzz target %s is registered", name)
	}
	fn := tg.build(fuzz.Bug(), fail)
	if tg.ops {
		for _, s := range tg.seeds {
			f.Add(s.ops, s.sched)
		}
		f.Fuzz(func(t *testing.T, ops, sched []byte) { fn(t, input{ops, sched}) })
		return
	}
	for _, s := range tg.seeds {
		f.Add(s.sched)
	}
	f.Fuzz(func(t *testing.T, sched []byte) { fn(t, input{sched: sched}) })
}

// rtTarget builds a schedule-only target over an rt body: the input bytes
// are the scheduling choices.
func rtTarget(name string, body func(fixed bool) func(*rt.T), opts ...rt.Option) target {
	return target{name: name, seeds: []input{{}}, build: func(bug bool, on onCrash) func(*testing.T, input) {
		b := body(!bug)
		return func(t *testing.T, in input) {
			f, err := fuzz.RunRT(choice.New(in.sched), b, opts...)
			require.NoError(t, err)
			if f != nil {
				on(t, &fuzz.Crash{Target: name, Report: f.String(), Schedule: f.Schedule, Entry: fuzz.EntryOf(t.Name(), in.sched)})
			}
		}
	}}
}
