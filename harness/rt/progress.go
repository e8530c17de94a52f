package rt

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// ProgressInterval is the least time between two progress lines of a
// long Check (see Check).
const ProgressInterval = 2 * time.Second

// progress prints a line about a running exploration at most once per
// interval: executions, executions per second, and the frontier (DFS:
// the choices still to try on the current path; otherwise the executions
// left of the budget).
type progress struct {
	w     io.Writer
	name  string
	every time.Duration
	now   func() time.Time
	start time.Time
	last  time.Time
}

// newProgress returns the progress of the Check named name, or nil when
// nobody would see it: only with go test -v or a terminal on stderr.
func newProgress(name string) *progress {
	if !verbose() && !isTerminal(os.Stderr) {
		return nil
	}
	return &progress{w: os.Stderr, name: name, every: ProgressInterval, now: time.Now}
}

// verbose is testing.Verbose, read from the -test.v flag (true, or
// test2json under go test -json) so that rt does not import testing.
func verbose() bool {
	f := flag.Lookup("test.v")
	return f != nil && f.Value.String() != "false" && f.Value.String() != ""
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// begin marks the start of the exploration.
func (pr *progress) begin() {
	if pr != nil {
		pr.start = pr.now()
		pr.last = pr.start
	}
}

// update is called after each execution but the last; n executions have
// run and p is ready for the next one.
func (pr *progress) update(n int, p picker, cfg *config) {
	if pr == nil {
		return
	}
	t := pr.now()
	if t.Sub(pr.last) < pr.every {
		return
	}
	pr.last = t
	rate := float64(n) / t.Sub(pr.start).Seconds()
	fmt.Fprintf(pr.w, "rt: %s: %d executions, %.0f/s, %s\n", pr.name, n, rate, frontierText(n, p, cfg))
}

func frontierText(n int, p picker, cfg *config) string {
	if d, ok := p.(*dfs); ok {
		return fmt.Sprintf("frontier %d choices still to try", d.frontier())
	}
	return fmt.Sprintf("%d of the budget of %d executions left", cfg.maxExec-n, cfg.maxExec)
}

// budgetNote is the line Check prints, even without -v, when DFS stopped
// at its budget of executions with schedules left: a t.Log line would be
// seen only with -v, and "ok" alone would read as exhaustive.
func budgetNote(name string, rep Report) string {
	if rep.Failure != nil || rep.Exhausted || rep.Strategy != DFS || rep.Replayed || rep.Chooser {
		return ""
	}
	budget := fmt.Sprintf("the budget of %d executions (WithMaxExecutions)", rep.MaxExecutions)
	if rep.OutOfTime {
		budget = fmt.Sprintf("the time budget (WithTimeBudget), after %d executions,", rep.Executions)
	}
	return fmt.Sprintf("rt: %s: stopped at %s with %d choices still to try: no failure found, but not every schedule was explored\n",
		name, budget, rep.Frontier)
}
