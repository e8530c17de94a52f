package rt

import (
	"slices"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
)

// report re-runs the failing schedule recording source locations and
// renders it.
func (r *runner) report(name string, body func(*T), ex *exec) *Failure {
	rp := &replayer{s: ex.sched}
	cex := r.run(name, body, rp, true)
	f := cex.failure
	if f == nil || f.Kind != ex.failure.Kind || rp.diverged != "" {
		f = ex.failure
		f.Message += "\n(replaying the schedule did not reproduce this failure: the body is not deterministic)"
	}
	f.Schedule = ex.sched
	if ex.earlyTime && !ex.cfg.idleClock {
		f.Message += "\n(virtual time passed while goroutines could still run: a timer fired during work. If the test assumes its timeouts do not fire that early, WithIdleClock (harness test: -interleave.clock=idle) lets time pass only when nothing else can run)"
	}
	f.Trace, f.FullTrace = cex.table(f.Message)
	f.Page = cex.page(f, f == cex.failure)
	return f
}

// table renders a capture run one column per goroutine, cut to fit on a
// screen (screen.go), and in full one line per step. Locations in the
// most frequent source file are shortened to ":line" (the file is named
// above the table) so that they survive the column width.
func (ex *exec) table(msg string) (text, full string) {
	main := mainFile(ex.locs)
	names := ex.laneNames(main)
	rows := slices.Clone(ex.rows)
	for i := range rows {
		if rows[i].Thread == trace.TimeStep {
			rows[i].Thread = len(ex.gs)
		}
		if l := ex.locs[i]; l != "" {
			rows[i].Text += " " + shortLoc(l, main)
		}
	}
	head := ""
	if main != "" {
		head = "(:N is line N of " + main + ")\n"
	}
	full = head + listing(names, rows)
	text, cut := shortTrace(names, ex.folded(rows), msg)
	if !cut && screenMessage(msg) == msg {
		full = "" // the report shows everything
	}
	return head + text, full
}

// laneNames names the columns of a capture run: each goroutine (see
// laneName) and "time" when the clock took steps.
func (ex *exec) laneNames(main string) []string {
	names := make([]string, len(ex.gs), len(ex.gs)+1)
	for i, g := range ex.gs {
		names[i] = laneName(g, main)
	}
	if slices.ContainsFunc(ex.rows, func(r trace.Row) bool { return r.Thread == trace.TimeStep }) {
		names = append(names, "time")
	}
	return names
}

// laneName is g's name with, if it has no label, where it was started;
// locations in file main are shortened to ":line".
func laneName(g *gor, main string) string {
	name := g.name()
	if main != "" {
		name = strings.ReplaceAll(name, " "+main+":", " :")
	}
	if g.label == "" && g.spawn != "" {
		name += " (go " + shortLoc(g.spawn, main) + ")"
	}
	return name
}

// shortLoc shortens a location in file main to ":line".
func shortLoc(loc, main string) string {
	if f, line, ok := strings.Cut(loc, ":"); ok && f == main {
		return ":" + line
	}
	return loc
}

// mainFile returns the file that most locations are in.
func mainFile(locs []string) string {
	count := map[string]int{}
	best := ""
	for _, l := range locs {
		f, _, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		count[f]++
		if count[f] > count[best] || (count[f] == count[best] && f < best) {
			best = f
		}
	}
	return best
}
