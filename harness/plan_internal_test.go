package harness

import (
	"errors"
	"reflect"
	"testing"

	"github.com/interleave/concurrency/harness/sched"
	"github.com/interleave/concurrency/harness/shard"
	"github.com/stretchr/testify/require"
)

// liveCheck is a graph check that finds nothing: its presence is what
// the option rules look at.
type liveCheck struct{}

func (liveCheck) Name() string                     { return "live" }
func (liveCheck) Inspect(Model, State, bool) error { return nil }
func (liveCheck) InspectGraph(*Graph) []Violation  { return nil }

// TestPlan: each bad Options gives an *OptionError naming the field at
// fault, with the text of its rule; each good one passes with its
// defaults resolved. Every rule has a row that breaks it.
func TestPlan(t *testing.T) {
	sh := Sharding{Spec: shard.Spec{K: 1, N: 2}}
	live := []Check{liveCheck{}}
	bad := []struct {
		o      Options
		checks []Check
		field  string
		text   string
	}{
		{Options{Strategy: PCT + 1}, nil, "Strategy", "Strategy 4 is not a strategy (allowed: BFS, DFS, Random, PCT)"},
		{Options{Depth: -1}, nil, "Depth", "Depth -1 is out of range (allowed: 0 or more, 0 for no bound)"},
		{Options{MaxStates: -2}, nil, "MaxStates", "MaxStates -2 is out of range (allowed: 0 or more, 0 for no bound)"},
		{Options{Workers: -1}, nil, "Workers", "Workers -1 is out of range (allowed: 0 or more, 0 and 1 for one worker)"},
		{Options{Strategy: Random, Runs: -1}, nil, "Runs", "Runs -1 is out of range (allowed: 1 or more, 0 for 100)"},
		{Options{Strategy: PCT, BugDepth: MaxBugDepth + 1}, nil, "BugDepth", "BugDepth 17 is out of range (allowed: 1..16)"},
		{Options{Strategy: PCT, BugDepth: -1}, nil, "BugDepth", "BugDepth -1 is out of range (allowed: 1..16)"},
		{Options{ContextBound: true, Preemptions: MaxPreemptions + 1}, nil, "Preemptions", "Preemptions 65 is out of range (allowed: 0..64)"},
		{Options{ContextBound: true, Preemptions: -1}, nil, "Preemptions", "Preemptions -1 is out of range (allowed: 0..64)"},
		{Options{ContextBound: true, Strategy: Random}, nil, "ContextBound", "ContextBound bounds a systematic search (allowed: preemption bounding with strategy bfs or dfs)"},
		{Options{Compact: true}, live, "Compact", "Compact cannot serve liveness (graph) checks: they need every state of the graph (allowed: hash compaction without liveness checks)"},
		{Options{Compact: true, Strategy: DFS, Depth: 3}, nil, "Compact", "Compact cannot bound the depth of a depth-first search: it needs every state's depth (allowed: hash compaction with strategy bfs, or dfs without a depth bound)"},
		{Options{Graph: true, Compact: true}, nil, "Graph", "Graph cannot record a hash-compacted search: hash compaction keeps no states (allowed: the state graph with the exact store)"},
		{Options{Graph: true, Strategy: PCT}, nil, "Graph", "Graph needs a systematic search: sampling has no state graph (allowed: the state graph with strategy bfs or dfs)"},
		{Options{Graph: true, ContextBound: true}, nil, "Graph", "Graph cannot record a preemption-bounded search: it explores a state once per preemption budget (allowed: the state graph without preemption bounding)"},
		{Options{Shard: sh, Strategy: DFS}, nil, "Shard", "Shard splits a breadth-first search at a level (allowed: a sharded search with strategy bfs)"},
		{Options{Shard: sh, Depth: 4}, nil, "Shard", "Shard cannot bound the depth: a state one shard cuts another may reach sooner (allowed: a state bound or a deadline)"},
		{Options{Shard: sh, Workers: 2}, nil, "Shard", "Shard explores on one worker with the exact store (allowed: a sharded search without hash compaction, workers, liveness checks, the state graph and preemption bounding)"},
		{Options{Shard: sh, Compact: true}, nil, "Shard", ""},
		{Options{Shard: sh}, live, "Shard", ""},
		{Options{Shard: sh, Graph: true}, nil, "Shard", ""},
		{Options{Shard: sh, ContextBound: true}, nil, "Shard", ""},
	}
	broken := map[int]bool{}
	for _, c := range bad {
		_, err := plan(c.o, c.checks)
		var oe *OptionError
		require.True(t, errors.As(err, &oe), "%+v: %v", c.o, err)
		require.Equal(t, c.field, oe.Field, "%+v", c.o)
		_, isField := reflect.TypeFor[Options]().FieldByName(oe.Field)
		require.True(t, isField, "%s is not an Options field", oe.Field)
		if c.text != "" {
			require.EqualError(t, err, c.text)
		}
		for i, r := range rules {
			if r.bad(withDefaults(c.o), c.checks != nil) {
				broken[i] = true
				break
			}
		}
	}
	for i, r := range rules {
		require.True(t, broken[i], "rule %d (%s %s) has no row that breaks it", i, r.field, r.reason)
	}
	good := []struct {
		o      Options
		checks []Check
	}{
		{Options{}, nil},
		{Options{}, live},
		{Options{Strategy: PCT}, nil},
		{Options{Strategy: BFS, BugDepth: 99}, nil}, // the bug depth is PCT's alone
		{Options{Strategy: DFS, Depth: 5, MaxStates: 9, Workers: 4}, nil},
		{Options{ContextBound: true, Preemptions: MaxPreemptions}, nil},
		{Options{Graph: true}, nil},
		{Options{Compact: true, Depth: 3}, nil},
		{Options{Graph: true, Strategy: DFS}, live},
		{Options{Shard: sh, MaxStates: 100, POR: true, Symmetry: true}, nil},
		{Options{Workers: 1, Shard: sh}, nil},
	}
	for _, c := range good {
		o, err := plan(c.o, c.checks)
		require.NoError(t, err, "%+v", c.o)
		require.Positive(t, o.Runs)
		require.Positive(t, o.Workers)
		require.Positive(t, o.BugDepth)
	}
	o, err := plan(Options{Strategy: PCT}, nil)
	require.NoError(t, err)
	require.Equal(t, Options{Strategy: PCT, Runs: DefaultRuns, Workers: 1, BugDepth: sched.DefaultBugDepth}, o)
	o, _ = plan(Options{Runs: 7, Workers: 3, BugDepth: 5}, nil)
	require.Equal(t, []int{7, 3, 5}, []int{o.Runs, o.Workers, o.BugDepth}, "what is set stays")
}
