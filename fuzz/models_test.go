package fuzz_test

import (
	"testing"

	"github.com/interleave/concurrency/fuzz"
	"github.com/interleave/concurrency/fuzz/choice"
	"github.com/interleave/concurrency/harness"
	_ "github.com/interleave/concurrency/models/all"
	"github.com/stretchr/testify/require"
)

// modelCase is a model fuzzed through harness: the input bytes choose the
// thread of every step, the model's checks judge every state reached.
type modelCase struct {
	target       string
	model        string
	bug, correct string // variants
	params       map[string]int
	// everySchedule: the bug variant fails on every schedule.
	everySchedule bool
}

var modelCases = []modelCase{
	{"FuzzModelCounter", "counter", "race", "mutex", map[string]int{"threads": 3, "increments": 2}, false},
	{"FuzzModelDeadlock", "deadlock", "naive", "ordered", map[string]int{"n": 5}, false},
	{"FuzzModelRefcount", "refcount", "naive", "atomic", map[string]int{"threads": 3}, false},
	{"FuzzModelGIL", "gil", "race", "locked", nil, false},
	{"FuzzModelEventloop", "eventloop", "race", "atomic", nil, false},
	{"FuzzModelSocket", "socket", "send-first", "request-response", nil, true},
}

func init() {
	for _, c := range modelCases {
		register(target{name: c.target, seeds: []input{{}}, everySchedule: c.everySchedule, build: c.build})
	}
}

func (c modelCase) instance(bug bool) (harness.Instance, error) {
	def, err := harness.Lookup(c.model)
	if err != nil {
		return harness.Instance{}, err
	}
	variant := c.correct
	if bug {
		variant = c.bug
	}
	return def.Instantiate(variant, c.params)
}

func (c modelCase) build(bug bool, on onCrash) func(*testing.T, input) {
	return func(t *testing.T, in input) {
		inst, err := c.instance(bug)
		require.NoError(t, err)
		v, err := fuzz.RunModel(inst, choice.New(in.sched))
		require.NoError(t, err)
		if v != nil {
			on(t, &fuzz.Crash{Target: c.target, Report: fuzz.ModelReport(inst, v), Schedule: v.Schedule,
				Entry: fuzz.EntryOf(t.Name(), in.sched), Also: []string{fuzz.CLIReplay(inst, v.Schedule)}})
		}
	}
}

func FuzzModelCounter(f *testing.F)   { run(f, "FuzzModelCounter") }
func FuzzModelDeadlock(f *testing.F)  { run(f, "FuzzModelDeadlock") }
func FuzzModelRefcount(f *testing.F)  { run(f, "FuzzModelRefcount") }
func FuzzModelGIL(f *testing.F)       { run(f, "FuzzModelGIL") }
func FuzzModelEventloop(f *testing.F) { run(f, "FuzzModelEventloop") }
func FuzzModelSocket(f *testing.F)    { run(f, "FuzzModelSocket") }
