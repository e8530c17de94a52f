package coffman

import (
	"fmt"
	"strings"
)

// The four conditions, in the order Evidence lists them: a deadlock needs
// all four, so each that does not hold is a way out.
const (
	MutualExclusion = "mutual exclusion"
	HoldAndWait     = "hold and wait"
	NoPreemption    = "no preemption"
	CircularWait    = "circular wait"
)

// Condition is one Coffman condition and the evidence for or against it.
// The JSON tags are those of harness explore --json.
type Condition struct {
	Name     string   `json:"name"`
	Holds    bool     `json:"holds"`
	Evidence []string `json:"evidence"`
}

// Wait is one participant of a wait-for cycle and the edge that leaves it
// for the next participant.
type Wait struct {
	Who    string // the participant: a thread or goroutine name
	Object string // what it waits for
	Why    string // why the next participant can free it: "held by P1 since step 2"
}

// Evidence is what explains a deadlock: the wait-for cycle, if there is
// one, and the four conditions.
type Evidence struct {
	Cycle   []Wait      // in order, each waiting for the next, the last for the first; nil if none
	Coffman []Condition // MutualExclusion, HoldAndWait, NoPreemption, CircularWait
}

// Names are the participants of the cycle, in order.
func (e Evidence) Names() []string {
	names := make([]string, len(e.Cycle))
	for i, w := range e.Cycle {
		names[i] = w.Who
	}
	return names
}

// Holding counts the conditions that hold.
func Holding(cs []Condition) int {
	n := 0
	for _, c := range cs {
		if c.Holds {
			n++
		}
	}
	return n
}

// WriteText renders e as every text report shows it: the cycle on one
// line, then each condition with a yes or no mark and its evidence, one
// line each. A limit above zero keeps long lists short whatever their
// length: a cycle or a condition's evidence longer than limit shows its
// first and last limit/2 items around a count of those left out.
func (e Evidence) WriteText(b *strings.Builder, limit int) {
	if len(e.Cycle) > 0 {
		fmt.Fprintf(b, "wait-for cycle: %s\n", Circle(e.Names(), limit))
	}
	fmt.Fprintf(b, "\nCoffman conditions (%d of %d hold):\n", Holding(e.Coffman), len(e.Coffman))
	for _, c := range e.Coffman {
		mark := "no "
		if c.Holds {
			mark = "yes"
		}
		lead := fmt.Sprintf("  %s  %-17s ", mark, c.Name)
		for i, line := range elide(c.Evidence, limit) {
			if i == 1 {
				lead = strings.Repeat(" ", len(lead))
			}
			b.WriteString(lead + line + "\n")
		}
	}
}

// Circle renders a cycle of names as "G1 → G2 → G1", back to the first;
// a limit above zero elides a longer cycle in the middle as WriteText
// does.
func Circle(names []string, limit int) string {
	return strings.Join(append(elide(names, limit), names[0]), " → ")
}

// elide keeps the first and last limit/2 items of a list longer than
// limit (> 0), saying how many it left out between them.
func elide(items []string, limit int) []string {
	if limit <= 0 || len(items) <= limit {
		return items
	}
	half := limit / 2
	out := append([]string{}, items[:half]...)
	out = append(out, fmt.Sprintf("... (%d more)", len(items)-2*half))
	return append(out, items[len(items)-half:]...)
}
