package fairness

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/sched"
	"github.com/interleave/concurrency/harness/trace"
)

// Fairness is the scheduler's guarantee under which a cycle counts as a
// possible infinite execution.
type Fairness uint8

// The fairness assumptions; see the package documentation.
const (
	None Fairness = iota
	Weak
	Strong
)

var names = [...]string{None: "none", Weak: "weak", Strong: "strong"}

func (f Fairness) String() string { return names[f] }

// Parse reads a fairness name as the CLI takes it.
func Parse(name string) (Fairness, error) {
	for i, n := range names {
		if n == name {
			return Fairness(i), nil
		}
	}
	return 0, fmt.Errorf("unknown fairness %s (allowed: %s)", trace.Quote(name), strings.Join(names[:], ", "))
}

// The violation kinds of the two checks.
const (
	StarvationKind = string(sched.KindStarvation)
	LivelockKind   = string(sched.KindLivelock)
)

// Starvation returns a check for a thread that, on some cycle fair under
// f, never finishes and never makes progress.
func Starvation(f Fairness) harness.Check { return check{kind: StarvationKind, fair: f} }

// Livelock returns a check for a cycle, fair under f, on which no thread
// makes progress although threads keep stepping.
func Livelock(f Fairness) harness.Check { return check{kind: LivelockKind, fair: f} }

type check struct {
	kind string
	fair Fairness
}

func (c check) Name() string { return c.kind }

// Inspect implements harness.Check; liveness needs the whole graph.
func (c check) Inspect(harness.Model, harness.State, bool) error { return nil }

// InspectGraph implements harness.GraphCheck.
func (c check) InspectGraph(g *harness.Graph) []harness.Violation {
	a := newAnalysis(g, c.fair)
	if c.kind == LivelockKind {
		if v, ok := a.lasso(-1); ok {
			v.Kind = LivelockKind
			v.Message = fmt.Sprintf("threads step forever on a %s-fair cycle of %s and none makes progress", c.fair, steps(v.Cycle))
			return []harness.Violation{v}
		}
		return nil
	}
	m := g.Model()
	for th := range m.Threads(g.State(0)) {
		if v, ok := a.lasso(th); ok {
			v.Kind = StarvationKind
			v.Message = fmt.Sprintf("%s never makes progress on a %s-fair cycle of %s", harness.ThreadName(m, th), c.fair, steps(v.Cycle))
			return []harness.Violation{v}
		}
	}
	return nil
}

// steps says "1 step" or "n steps".
func steps(n int) string {
	if n == 1 {
		return "1 step"
	}
	return fmt.Sprintf("%d steps", n)
}
