package fuzz_test

import (
	"testing"

	"github.com/interleave/concurrency/fuzz"
	"github.com/interleave/concurrency/fuzz/choice"
	_ "github.com/interleave/concurrency/models/all"
	"github.com/interleave/concurrency/models/registry"
	"github.com/stretchr/testify/require"
)

// modelCase is a model fuzzed through harness: the input bytes choose the
// thread of every step, the model's checks judge every state reached.
type modelCase struct {
	target       string
	model        string
	bug, correct string // variants
	params       map[string]int
}

var modelCases = []modelCase{
	{"FuzzModelCounter", "counter", "race", "mutex", map[string]int{"threads": 3, "increments": 2}},
	{"FuzzModelDeadlock", "deadlock", "naive", "ordered", map[string]int{"n": 5}},
	{"FuzzModelRefcount", "refcount", "naive", "atomic", map[string]int{"threads": 3}},
	{"FuzzModelGIL", "gil", "race", "locked", nil},
	{"FuzzModelEventloop", "eventloop", "race", "atomic", nil},
	{"FuzzModelSocket", "socket", "send-first", "request-response", nil},
}

func init() {
	for _, c := range modelCases {
		register(target{name: c.target, probe: c.probe, build: c.build})
	}
}

func (c modelCase) instance(bug bool) (registry.Instance, error) {
	def, err := registry.Lookup(c.model)
	if err != nil {
		return registry.Instance{}, err
	}
	variant := c.correct
	if bug {
		variant = c.bug
	}
	return def.Instantiate(variant, c.params)
}

// probe reports whether the bug variant violates a check on sched.
func (c modelCase) probe(sched []byte) bool {
	inst, err := c.instance(true)
	if err != nil {
		return true
	}
	v, err := fuzz.RunModel(inst, choice.New(sched))
	return v != nil || err != nil
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
