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
	return f
}

// table renders a capture run one column per goroutine, cut to fit on a
// screen (screen.go), and in full one line per step. Locations in the
// most frequent source file are shortened to ":line" (the file is named
// above the table) so that they survive the column width.
func (ex *exec) table(msg string) (text, full string) {
	main := mainFile(ex.locs)
	short := func(loc string) string {
		if f, line, ok := strings.Cut(loc, ":"); ok && f == main {
			return ":" + line
		}
		return loc
	}
	names := make([]string, len(ex.gs))
	for i, g := range ex.gs {
		names[i] = strings.ReplaceAll(g.name(), " "+main+":", " :")
		if g.label == "" && g.spawn != "" {
			names[i] += " (go " + short(g.spawn) + ")"
		}
	}
	rows := slices.Clone(ex.rows)
	for i := range rows {
		if rows[i].Thread == trace.TimeStep {
			rows[i].Thread = len(ex.gs)
			if len(names) == len(ex.gs) {
				names = append(names, "time")
			}
		}
		if l := ex.locs[i]; l != "" {
			rows[i].Text += " " + short(l)
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
