package rt

import (
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/interleave/concurrency/harness"
)

// checkMu serialises explorations: one execution at a time per process.
var checkMu sync.Mutex

// Report is the outcome of an exploration.
type Report struct {
	// Executions is the number of executions run (including pruned ones).
	Executions int
	// Pruned counts executions cut short by sleep-set reduction.
	Pruned int
	// Exhausted is true when DFS explored every schedule within the
	// preemption bound: no bug there. False means bounded (unknown).
	Exhausted bool
	// Failure is the first failure found, or nil.
	Failure *Failure
}

// String summarises the report; with a failure, it is the full report.
func (r Report) String() string {
	if r.Failure != nil {
		return fmt.Sprintf("execution %d failed: %s", r.Executions, r.Failure)
	}
	verdict := "bounded: the limit was reached before the space was exhausted"
	if r.Exhausted {
		verdict = "ok: the space was exhausted"
	}
	return fmt.Sprintf("%d executions (%d pruned), %s", r.Executions, r.Pruned, verdict)
}

// Explore runs body under the scheduling choices of opts until a failure,
// the end of the space or the execution limit, without a testing.TB: the
// Report says what was found. The error is for bad options, a replay
// schedule that does not fit, or a nondeterministic body.
func Explore(body func(*T), opts ...Option) (Report, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return Report{}, err
	}
	return explore("", body, cfg)
}

func explore(name string, body func(*T), cfg *config) (Report, error) {
	checkMu.Lock()
	defer checkMu.Unlock()
	r := newRunner(cfg)
	defer r.stop()
	p := newPicker(cfg)
	var rep Report
	for {
		ex := r.run(name, body, p, false)
		rep.Executions++
		if ex.err == nil {
			ex.err = replayLeft(p)
		}
		if ex.err != nil {
			return rep, ex.err
		}
		if ex.pruned {
			rep.Pruned++
		}
		if ex.failure != nil {
			rep.Failure = r.report(name, body, ex)
			return rep, nil
		}
		if !p.next() {
			rep.Exhausted = !cfg.replaySet
			return rep, nil
		}
		if rep.Executions >= cfg.maxExec {
			return rep, nil
		}
	}
}

func replayLeft(p picker) error {
	if r, ok := p.(*replayer); ok && r.pos < len(r.s) {
		return fmt.Errorf("rt: replay: the execution ended after %d of %d schedule entries; the schedule does not fit this code", r.pos, len(r.s))
	}
	return nil
}

// runner runs executions, with a watchdog for goroutines stuck outside
// rt, and keeps the buffers and goroutines that executions reuse.
type runner struct {
	cfg   *config
	tick  *time.Ticker
	timer *time.Timer
	done  chan struct{}
	free  []*worker
	trs   []trans
	sched harness.Schedule
	gs    []*gor
}

func newRunner(cfg *config) *runner {
	return &runner{cfg: cfg, tick: time.NewTicker(cfg.timeout / 4), timer: time.NewTimer(cfg.timeout),
		done: make(chan struct{}, 1)}
}

func (r *runner) stop() {
	r.tick.Stop()
	r.timer.Stop()
	for _, w := range r.free {
		w.g = nil
		w.wake <- struct{}{}
	}
	r.free = nil
}

// run performs one execution of body with picker p.
func (r *runner) run(name string, body func(*T), p picker, capture bool) *exec {
	select {
	case <-r.done:
	default:
	}
	ex := newExec(r, p, capture)
	ex.t = &T{ex: ex, name: name}
	ex.spawn(func() { body(ex.t) }, nil)
	active.Store(ex)
	if next := ex.choose(); next != nil {
		ex.handTo(next)
	}
	stuck := r.wait(ex)
	r.teardown(ex, stuck)
	if stuck >= 0 {
		for _, o := range ex.objs {
			o.poisoned.Store(true)
		}
	}
	active.Store(nil)
	r.trs, r.sched, r.gs = ex.trs, ex.sched, ex.gs
	if ex.failure != nil {
		ex.sched = slices.Clone(ex.sched)
		ex.gs = slices.Clone(ex.gs)
	}
	return ex
}

// wait returns when the execution ends, or with the id of a goroutine that
// made no progress for the block timeout (else -1).
func (r *runner) wait(ex *exec) int {
	last, stale := ex.progress.Load(), 0
	for {
		select {
		case <-ex.done:
			return -1
		case <-r.tick.C:
			if p := ex.progress.Load(); p != last {
				last, stale = p, 0
				continue
			}
			if stale++; stale >= 4 {
				ex.aborting.Store(true)
				id := int(ex.running.Load())
				ex.failure = ex.blockedFailure(ex.gs[id])
				return id
			}
		}
	}
}

// teardown makes every parked goroutine exit (runtime.Goexit at its rt
// operation, running its deferred calls), except a stuck one.
func (r *runner) teardown(ex *exec, stuck int) {
	ex.aborting.Store(true)
	for _, g := range ex.gs {
		if g.done || g.id == stuck {
			continue
		}
		select {
		case g.wake <- struct{}{}:
		default:
		}
		r.timer.Reset(r.cfg.timeout)
		select {
		case <-g.exited:
		case <-r.timer.C:
		}
		r.timer.Stop()
	}
}

// report re-runs the failing schedule recording source locations and
// renders it.
func (r *runner) report(name string, body func(*T), ex *exec) *Failure {
	cex := r.run(name, body, &replayer{s: ex.sched}, true)
	f := cex.failure
	if f == nil || f.Kind != ex.failure.Kind {
		f = ex.failure
		f.Message += "\n(replaying the schedule did not reproduce this failure: the body is not deterministic)"
	}
	f.Schedule = ex.sched
	f.Trace = cex.table()
	return f
}

// table renders a capture run one column per goroutine. Locations in the
// most frequent source file are shortened to ":line" (the file is named
// above the table) so that they survive the column width.
func (ex *exec) table() string {
	main := mainFile(ex.locs)
	short := func(loc string) string {
		if f, line, ok := strings.Cut(loc, ":"); ok && f == main {
			return ":" + line
		}
		return loc
	}
	names := make([]string, len(ex.gs))
	for i, g := range ex.gs {
		names[i] = fmt.Sprintf("G%d", i)
		if g.spawn != "" {
			names[i] += " (go " + short(g.spawn) + ")"
		}
	}
	rows := slices.Clone(ex.rows)
	for i := range rows {
		if l := ex.locs[i]; l != "" {
			rows[i].Text += " " + short(l)
		}
	}
	head := ""
	if main != "" {
		head = "(:N is line N of " + main + ")\n"
	}
	return head + harness.FormatColumns(names, rows)
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

func (ex *exec) blockedFailure(g *gor) *Failure {
	msg := fmt.Sprintf("G%d ran or blocked outside rt for more than %v since its last rt operation (a native lock, channel, syscall or a loop without rt operations); it was abandoned", g.id, ex.cfg.timeout)
	if ex.capture {
		if st := stackOf(g.goidValue()); st != "" {
			msg += "; it is at:\n" + st
		}
	}
	return &Failure{Kind: KindBlocked, Message: msg}
}

var hexArgs = regexp.MustCompile(`\(0x[0-9a-f, .]*\)|\+0x[0-9a-f]+|\{0x[0-9a-f, .]*\}`)

// stackOf returns the stack of the goroutine with runtime id id, without
// addresses.
func stackOf(id string) string {
	if id == "" {
		return ""
	}
	buf := make([]byte, 1<<20)
	all := string(buf[:runtime.Stack(buf, true)])
	for _, block := range strings.Split(all, "\n\n") {
		if strings.HasPrefix(block, "goroutine "+id+" ") {
			lines := strings.Split(block, "\n")[1:]
			for i, l := range lines {
				lines[i] = "    " + strings.TrimSpace(hexArgs.ReplaceAllString(l, ""))
			}
			return strings.Join(lines, "\n")
		}
	}
	return ""
}
