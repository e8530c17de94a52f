package harness

import (
	"fmt"

	"github.com/interleave/concurrency/harness/trace"
)

// Verdict is what a search concluded: Result.Verdict.
type Verdict uint8

// The verdicts.
const (
	// OK: the search was complete and found nothing.
	OK Verdict = iota
	// Violated: the search found at least one violation.
	Violated
	// Bounded: nothing found, but the search did not cover every state.
	Bounded
)

var verdictNames = [...]string{OK: "ok", Violated: "violation", Bounded: "bounded"}

// String is the word reports and JSON use: "ok", "violation", "bounded".
func (v Verdict) String() string { return verdictNames[v] }

// BoundKind is what cut a search short.
type BoundKind uint8

// The bounds. The zero kind, Unbounded, is a search nothing cut short.
const (
	Unbounded        BoundKind = iota
	BoundDepth                 // Options.Depth
	BoundMaxStates             // Options.MaxStates
	BoundMaxMemory             // Options.MaxMemory, in bytes
	BoundPreemptions           // Options.Preemptions
	BoundRuns                  // the runs of a sampling strategy
	BoundTimeout               // the context's deadline passed
	BoundInterrupted           // the context was cancelled
)

// Bound says what cut a search short and at which limit; the zero Bound
// means nothing did. Limit is unused by BoundTimeout and BoundInterrupted.
type Bound struct {
	Kind  BoundKind
	Limit uint64
}

// String is the bound as reports print it: "depth 4", "max-states 100",
// "max-memory 1 GiB", "preemptions 2", "100 runs", "timeout",
// "interrupted"; "" for the zero Bound.
func (b Bound) String() string {
	switch b.Kind {
	case BoundDepth:
		return fmt.Sprintf("depth %d", b.Limit)
	case BoundMaxStates:
		return fmt.Sprintf("max-states %d", b.Limit)
	case BoundMaxMemory:
		return "max-memory " + trace.FormatBytes(b.Limit)
	case BoundPreemptions:
		return fmt.Sprintf("preemptions %d", b.Limit)
	case BoundRuns:
		return fmt.Sprintf("%d runs", b.Limit)
	case BoundTimeout:
		return "timeout"
	case BoundInterrupted:
		return "interrupted"
	}
	return ""
}

// Applied says whether a reduction (Result.Reduction, Result.Symmetry)
// was applied to a search. On and Off say it was or was not; Reason says
// why a reduction asked for is off, or qualifies one that is on. The zero
// value is neither: the reduction was not asked for and the model offers
// none (a model that is not Symmetric), so there is nothing to report.
type Applied struct {
	On     bool
	Off    bool
	Reason string
}

// String is the status as reports print it: "on", "on (<Reason>)",
// "off", "off: <Reason>", and "" for the zero value.
func (a Applied) String() string {
	switch {
	case a.On && a.Reason != "":
		return "on (" + a.Reason + ")"
	case a.On:
		return "on"
	case a.Off && a.Reason != "":
		return "off: " + a.Reason
	case a.Off:
		return "off"
	}
	return ""
}

// offFor is the status of a reduction asked for that does not apply.
func offFor(why string) Applied { return Applied{Off: true, Reason: why} }
