package harness

import (
	"fmt"
	"strconv"

	"github.com/interleave/concurrency/harness/sched"
)

// OptionError is an Options value, or combination, that Explore refuses.
// Field names the Options field at fault, as it is spelt in Options, so
// that a front end can name its own input instead.
type OptionError struct {
	Field   string // the Options field, e.g. "Depth"
	Value   string // the field's value where it is out of range; "" for a combination
	Reason  string // what is wrong, e.g. "is out of range"
	Allowed string // what is allowed instead
}

func (e *OptionError) Error() string {
	s := e.Field
	if e.Value != "" {
		s += " " + e.Value
	}
	return s + " " + e.Reason + " (allowed: " + e.Allowed + ")"
}

// rule is one option rule: bad says whether o breaks it, given whether
// a liveness (graph) check is among the checks.
type rule struct {
	field, reason, allowed string
	value                  func(Options) int // nil for a combination
	bad                    func(o Options, liveness bool) bool
}

func sampling(o Options) bool { return o.Strategy == Random || o.Strategy == PCT }

// rules are every option rule of the engine, in the order they are
// checked: ranges first, then combinations.
var rules = []rule{
	{"Strategy", "is not a strategy", "BFS, DFS, Random, PCT",
		func(o Options) int { return int(o.Strategy) },
		func(o Options, _ bool) bool { return o.Strategy > PCT }},
	{"Depth", "is out of range", "0 or more, 0 for no bound",
		func(o Options) int { return o.Depth },
		func(o Options, _ bool) bool { return o.Depth < 0 }},
	{"MaxStates", "is out of range", "0 or more, 0 for no bound",
		func(o Options) int { return o.MaxStates },
		func(o Options, _ bool) bool { return o.MaxStates < 0 }},
	{"Workers", "is out of range", "0 or more, 0 and 1 for one worker",
		func(o Options) int { return o.Workers },
		func(o Options, _ bool) bool { return o.Workers < 0 }},
	{"Runs", "is out of range", fmt.Sprintf("1 or more, 0 for %d", DefaultRuns),
		func(o Options) int { return o.Runs },
		func(o Options, _ bool) bool { return o.Runs < 0 }},
	{"BugDepth", "is out of range", fmt.Sprintf("1..%d", MaxBugDepth),
		func(o Options) int { return o.BugDepth },
		func(o Options, _ bool) bool { return o.Strategy == PCT && (o.BugDepth < 1 || o.BugDepth > MaxBugDepth) }},
	{"Preemptions", "is out of range", fmt.Sprintf("0..%d", MaxPreemptions),
		func(o Options) int { return o.Preemptions },
		func(o Options, _ bool) bool {
			return o.ContextBound && (o.Preemptions < 0 || o.Preemptions > MaxPreemptions)
		}},
	{"ContextBound", "bounds a systematic search", "preemption bounding with strategy bfs or dfs", nil,
		func(o Options, _ bool) bool { return o.ContextBound && sampling(o) }},
	{"Compact", "cannot serve liveness (graph) checks: they need every state of the graph", "hash compaction without liveness checks", nil,
		func(o Options, liveness bool) bool { return o.Compact && liveness }},
	{"Compact", "cannot bound the depth of a depth-first search: it needs every state's depth", "hash compaction with strategy bfs, or dfs without a depth bound", nil,
		func(o Options, _ bool) bool { return o.Compact && o.Strategy == DFS && o.Depth > 0 }},
	{"Graph", "cannot record a hash-compacted search: hash compaction keeps no states", "the state graph with the exact store", nil,
		func(o Options, _ bool) bool { return o.Graph && o.Compact }},
	{"Graph", "needs a systematic search: sampling has no state graph", "the state graph with strategy bfs or dfs", nil,
		func(o Options, _ bool) bool { return o.Graph && sampling(o) }},
	{"Graph", "cannot record a preemption-bounded search: it explores a state once per preemption budget", "the state graph without preemption bounding", nil,
		func(o Options, _ bool) bool { return o.Graph && o.ContextBound }},
	{"Shard", "splits a breadth-first search at a level", "a sharded search with strategy bfs", nil,
		func(o Options, _ bool) bool { return o.Shard.Spec.On() && o.Strategy != BFS }},
	{"Shard", "cannot bound the depth: a state one shard cuts another may reach sooner", "a state bound or a deadline", nil,
		func(o Options, _ bool) bool { return o.Shard.Spec.On() && o.Depth > 0 }},
	{"Shard", "explores on one worker with the exact store", "a sharded search without hash compaction, workers, liveness checks, the state graph and preemption bounding", nil,
		func(o Options, liveness bool) bool {
			return o.Shard.Spec.On() && (o.Compact || o.Workers > 1 || liveness || o.Graph || o.ContextBound)
		}},
}

// plan resolves the defaults of o (a zero Runs, Workers or BugDepth means
// the default) and checks it against every option rule, for the given
// checks. The searches read the options it returns.
func plan(o Options, checks []Check) (Options, error) {
	liveness := false
	for _, c := range checks {
		if _, ok := c.(GraphCheck); ok {
			liveness = true
		}
	}
	o = withDefaults(o)
	for _, r := range rules {
		if !r.bad(o, liveness) {
			continue
		}
		e := &OptionError{Field: r.field, Reason: r.reason, Allowed: r.allowed}
		if r.value != nil {
			e.Value = strconv.Itoa(r.value(o))
		}
		return o, e
	}
	return o, nil
}

// withDefaults returns o with its zero Runs, Workers and BugDepth set
// to their defaults.
func withDefaults(o Options) Options {
	if o.Runs == 0 {
		o.Runs = DefaultRuns
	}
	if o.Workers == 0 {
		o.Workers = 1
	}
	if o.BugDepth == 0 {
		o.BugDepth = sched.DefaultBugDepth
	}
	return o
}

// CheckOptions returns the *OptionError Explore would return for o and
// checks, or nil: a front end can refuse bad options before it starts.
func CheckOptions(o Options, checks ...Check) error {
	_, err := plan(o, checks)
	return err
}
