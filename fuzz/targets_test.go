package fuzz_test

import (
	"testing"

	"github.com/interleave/concurrency/fuzz"
	"github.com/interleave/concurrency/fuzz/choice"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// fataler is what a crash is reported to (a *testing.T).
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
// operation and native targets have them) and the schedule bytes
// (package choice; native targets have none).
type input struct{ ops, sched []byte }

// target is one fuzz target: its name, whether it takes operations, its
// seed corpus (inputs that do not trigger the seeded bug, so the fuzzer
// has to find it), and how to build the fuzz function with the bug on or
// off.
type target struct {
	name string
	// ops: the fuzz function takes (ops, schedule []byte); else
	// (schedule []byte).
	ops bool
	// native: the fuzz function takes (ops []byte) alone, a client script
	// that a server's real goroutines serve, so there is no schedule to
	// choose.
	native bool
	seeds  []input
	// probe, for schedule-only targets, runs a schedule with the bug on
	// and reports whether it crashes; the seeds are then the candidate
	// schedules that miss the bug (see seedsOf).
	probe func(sched []byte) bool
	// everySchedule marks a bug that every execution shows, so that no
	// seed can miss it.
	everySchedule bool
	// noBug marks a target with no seeded bug that rt can run: with
	// INTERLEAVE_FUZZ_BUG=1 it is skipped.
	noBug bool
	// impl marks a target over impls/: it runs only under harness test
	// (see implTarget).
	impl  bool
	build func(bug bool, on onCrash) func(*testing.T, input)
}

// candidates are the seed schedules of the schedule-only targets. 0 keeps
// the running goroutine going and 1 mostly switches: the empty input is
// the cooperative schedule, a run of ones hands over at every step, and
// the zeros leave the fuzzer room to change single choices.
var candidates = [][]byte{
	{},
	{1},
	make([]byte, 32),
	{1, 0, 1, 0, 1, 0, 1, 0, 1, 0},
	{0, 1, 0, 1, 0, 1, 0, 1, 0, 1},
	{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	{2, 2, 2, 2, 2, 2, 2, 2},
}

// seedsOf returns the seeds of tg. For a schedule-only target they are
// the candidates that miss its bug, chosen when the target runs, so that
// the seeds stay honest when the runtime's scheduling changes; if every
// candidate shows the bug, the first one.
func seedsOf(tg target) []input {
	if tg.probe == nil {
		return tg.seeds
	}
	var seeds []input
	for _, c := range candidates {
		if !tg.probe(c) {
			seeds = append(seeds, input{sched: c})
		}
	}
	if len(seeds) == 0 {
		seeds = []input{{sched: candidates[0]}}
	}
	return seeds
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
	if tg.noBug && fuzz.Bug() {
		f.Skip(name + " has no seeded bug that rt can run")
	}
	skipUninstrumented(f, tg)
	fn := tg.build(fuzz.Bug(), fail)
	if tg.native {
		for _, s := range seedsOf(tg) {
			f.Add(s.ops)
		}
		f.Fuzz(func(t *testing.T, ops []byte) {
			skipKnownCrasher(t, name, ops)
			fn(t, input{ops: ops})
		})
		return
	}
	if tg.ops {
		for _, s := range seedsOf(tg) {
			f.Add(s.ops, s.sched)
		}
		f.Fuzz(func(t *testing.T, ops, sched []byte) {
			skipKnownCrasher(t, name, ops, sched)
			fn(t, input{ops, sched})
		})
		return
	}
	for _, s := range seedsOf(tg) {
		f.Add(s.sched)
	}
	f.Fuzz(func(t *testing.T, sched []byte) {
		skipKnownCrasher(t, name, sched)
		fn(t, input{sched: sched})
	})
}

// skipUninstrumented skips a target over impls/ outside harness test.
func skipUninstrumented(t testing.TB, tg target) {
	if tg.impl && !fuzz.Instrumented() {
		t.Skipf("%s drives impls/, plain Go that only an instrumented build puts under rt, and harness test cannot build %s yet (its targets pass *testing.T to rapid: harness/instrument/testdata/testingvalue)", tg.name, fuzz.Pkg)
	}
}

// rtTarget builds a schedule-only target over an rt body: the input bytes
// are the scheduling choices.
func rtTarget(name string, body func(fixed bool) func(*rt.T), opts ...rt.Option) target {
	probe := func(sched []byte) bool {
		f, err := fuzz.RunRT(choice.New(sched), body(false), opts...)
		return f != nil || err != nil
	}
	return target{name: name, probe: probe, build: func(bug bool, on onCrash) func(*testing.T, input) {
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
