package rt

import (
	"fmt"
	"slices"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
)

// A livelock is reported as a lasso: the execution ran into the step
// limit repeating the same cycle of steps, so the report names the cycle
// (which goroutines repeat what, where) and shows the first steps and
// one turn of the cycle instead of thousands of rows.

const (
	maxCycle  = 64 // longest cycle looked for
	stemShown = 8  // steps shown before the cycle
)

// lasso returns the first step and the length of the cycle that the end
// of a capture run repeats: the shortest period p such that the last
// 3p steps are one run of p steps three times (operation and location).
func (ex *exec) lasso() (start, period int, ok bool) {
	n := len(ex.rows)
	same := func(i, j int) bool { return ex.rows[i] == ex.rows[j] && ex.locs[i] == ex.locs[j] }
	for p := 1; p <= maxCycle && 3*p <= n; p++ {
		if !repeats(n, p, same) {
			continue
		}
		start = n - p
		for start > 0 && same(start-1, start-1+p) {
			start--
		}
		return start, p, true
	}
	return 0, 0, false
}

// repeats reports whether steps [n-3p, n) are one block of p three times.
func repeats(n, p int, same func(i, j int) bool) bool {
	for i := n - 2*p; i < n; i++ {
		if !same(i, i-p) {
			return false
		}
	}
	return true
}

// stepLimitFailure reports an execution that exceeded the step limit: a
// livelock, as a lasso when the end repeats a cycle (capture runs).
func (ex *exec) stepLimitFailure() *Failure {
	msg := fmt.Sprintf("the execution exceeded %d steps (a livelock, or a body longer than WithMaxSteps allows)", ex.cfg.maxSteps)
	if !ex.capture {
		return &Failure{Kind: KindStepLimit, Message: msg}
	}
	start, p, ok := ex.lasso()
	if !ok {
		return &Failure{Kind: KindStepLimit, Message: msg + "; its last steps do not repeat a cycle"}
	}
	ex.fold = [2]int{start, p}
	var b strings.Builder
	fmt.Fprintf(&b, "livelock: the execution exceeded %d steps (WithMaxSteps); from step %d on it repeats the same %d step(s):",
		ex.cfg.maxSteps, start+1, p)
	var in []int
	for i := start; i < start+p; i++ {
		if g := ex.rows[i].Thread; !slices.Contains(in, g) {
			in = append(in, g)
		}
	}
	slices.Sort(in)
	for _, g := range in {
		var ops []string
		for i := start; i < start+p; i++ {
			if ex.rows[i].Thread == g {
				ops = append(ops, strings.TrimSpace(ex.rows[i].Text+" "+ex.locs[i]))
			}
		}
		fmt.Fprintf(&b, "\n  %s repeats: %s", threadName(g), strings.Join(ops, "; "))
	}
	for _, g := range ex.gs {
		if !g.done && !slices.Contains(in, g.id) {
			b.WriteString("\n  " + ex.describe(g))
		}
	}
	b.WriteString("\nno goroutine in the cycle makes progress that another is waiting for")
	return &Failure{Kind: KindStepLimit, Message: b.String()}
}

// threadName names goroutine id (or the clock) in reports.
func threadName(id int) string {
	if id == trace.TimeStep {
		return "time"
	}
	return fmt.Sprintf("G%d", id)
}

// folded returns the rows of a lasso's trace: the first steps, a note for
// the ones left out, and one turn of the cycle with its real step numbers.
func (ex *exec) folded(rows []trace.Row) []trace.Row {
	start, p := ex.fold[0], ex.fold[1]
	if p == 0 {
		return rows
	}
	out := slices.Clone(rows[:min(start, stemShown)])
	if start > stemShown {
		out = append(out, trace.Row{Thread: -2, Text: fmt.Sprintf("… steps %d to %d not shown", stemShown+1, start)})
	}
	cycle := slices.Clone(rows[start : start+p])
	cycle[0].Step = start + 1
	out = append(out, cycle...)
	return append(out, trace.Row{Thread: -2, Text: fmt.Sprintf("… the cycle above repeats, not shown, up to step %d", len(rows))})
}
