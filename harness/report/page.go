package report

import "github.com/interleave/concurrency/harness/coffman"

// Page is everything one report shows. Only Title, Kind, Lanes, Steps and
// Replay are needed; each optional part is drawn when it is set.
type Page struct {
	Title   string // e.g. "explore deadlock  variant=naive  n=5"
	Kind    string // the failure kind: "deadlock", "data race", "livelock", ...
	Message string // what is wrong, as the text report says it

	Lanes []string // one per thread or goroutine, in lane order
	Steps []Step   // in execution order

	// FinalState lists what the final state holds, one line each
	// ("fork0 held by P0", "x = 1").
	FinalState []string

	WaitFor *WaitFor    // a deadlock's wait-for graph
	Coffman []Condition // the four Coffman conditions of a deadlock
	Race    *Race       // a data race's two accesses
	Lasso   *Lasso      // a liveness violation's repeating cycle
	Links   []Link      // related files, e.g. porcupine's linearizability view
	Notes   []string    // anything else the text report adds
	Replay  string      // the command that replays this counterexample
}

// Step is one step of the schedule.
type Step struct {
	Lane int    // index into Page.Lanes
	Text string // what the step did ("take fork1", "write x=2")
	Loc  string // source location ("philo.go:42"), if known
}

// WaitFor is a wait-for graph: who waits for whom, and for what.
type WaitFor struct {
	Nodes []string // lane names or other waiters, in drawing order
	Edges []Edge
}

// Edge is "From waits for To" (indexes into WaitFor.Nodes), because of
// Label ("fork1"). InCycle marks the edges of the wait-for cycle.
type Edge struct {
	From, To int
	Label    string
	InCycle  bool
}

// Condition is one Coffman condition and the evidence for or against it:
// the data both explorers fill (harness/coffman), shown as it is.
type Condition = coffman.Condition

// Race is a pair of conflicting accesses with no happens-before between
// them.
type Race struct {
	Object  string // the variable or memory accessed, if known
	First   Access
	Second  Access
	Missing string // the happens-before edge that would have ordered them
}

// Access is one side of a race.
type Access struct {
	Lane  int    // index into Page.Lanes, -1 if not known
	Step  int    // index into Page.Steps, -1 if not known
	Text  string // "write x", "read counter"
	Stack string // the goroutine's stack at the access, if known
}

// Lasso marks the steps that repeat forever: Steps[Start:] is the cycle.
type Lasso struct {
	Start    int
	Fairness string // "weak", "strong" or "" when none was assumed
}

// Link is a related file the report points at.
type Link struct {
	Text string
	Href string
}
