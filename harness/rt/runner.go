package rt

import (
	"runtime"
	"slices"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/interleave/concurrency/harness/trace"
)

// runner runs executions, with a watchdog for goroutines stuck outside
// rt, and keeps the buffers and goroutines that executions reuse.
type runner struct {
	cfg   *config
	tick  *time.Ticker
	timer *time.Timer
	done  chan struct{}
	free  []*worker
	trs   []trans
	sched trace.Schedule
	gs    []*gor
	objs  []*object
	clock *gor // the clock's pseudo-goroutine, reused by every execution
	runs  int

	// race mode
	fresh    chan *worker  // workers not used yet (workerSource)
	quit     chan struct{} // stops workerSource
	boundary uint64        // executions are ordered through its address
	raceLog  *raceLog

	first   uint64                 // epoch of its first execution
	carried error                  // a value written by an earlier execution was used (exec.carried)
	base    atomic.Int64           // the fewest goroutines other than workers seen (see foreign)
	misuse  atomic.Pointer[string] // an rt operation on an uncontrolled goroutine
}

func newRunner(cfg *config) *runner {
	r := &runner{cfg: cfg, tick: time.NewTicker(cfg.timeout / 4), timer: time.NewTimer(cfg.timeout),
		done: make(chan struct{}, 1)}
	r.base.Store(int64(runtime.NumGoroutine()) - workers.Load())
	r.first = epochs.Load() + 1
	if raceMode {
		r.fresh, r.quit, r.raceLog = make(chan *worker, 8), make(chan struct{}), newRaceLog()
		go workerSource(r.fresh, r.quit) // after what ran before Check, like the workers it starts
		raceHide()
		workers.Add(1)
		raceShow()
	}
	return r
}

// workers counts the goroutines of all runners' workers.
var workers atomic.Int64

// foreign reports whether the process may have a goroutine started since
// the exploration began that is not a worker: there are more goroutines
// than the fewest seen so far. Counting is cheap, walking the stack is
// not. A goroutine started while another one ends between two
// operations goes unseen.
func (r *runner) foreign() bool {
	raceHide()
	defer raceShow()
	n := int64(runtime.NumGoroutine()) - workers.Load()
	if n < r.base.Load() {
		r.base.Store(n) // a goroutine of the process ended
	}
	return n > r.base.Load()
}

func (r *runner) stop() {
	raceHide()
	defer raceShow()
	r.tick.Stop()
	r.timer.Stop()
	if raceMode {
		close(r.quit)
		for w := range r.fresh {
			r.free = append(r.free, w)
		}
	}
	for _, w := range r.free {
		w.g = nil
		w.wake <- struct{}{}
	}
	r.free = nil
}

// run performs one execution of body with picker p.
func (r *runner) run(name string, body func(*T), p picker, capture bool) *exec {
	raceReleaseMerge(unsafe.Pointer(&r.boundary)) // the body starts after what ran before
	raceHide()
	defer func() {
		raceShow()
		raceAcquire(unsafe.Pointer(&r.boundary)) // every goroutine of the execution ended
	}()
	select {
	case <-r.done:
	default:
	}
	ex := newExec(r, p, capture)
	ex.verify = capture || r.runs == 0
	r.runs++
	ex.t = &T{ex: ex, name: name}
	if capture {
		ex.bodyRoot = funcRoot(funcName(body))
	}
	ex.races = raceErrors()
	ex.spawn(bodyFunc(ex.t, body), nil).startAfter(unsafe.Pointer(&r.boundary))
	active.Store(ex)
	if next := ex.choose(); next != nil {
		ex.handTo(next)
	}
	stuck := r.wait(ex)
	if f, ok := p.(interface{ finish(*exec) }); ok && stuck < 0 {
		f.finish(ex)
	}
	if ex.failure != nil && r.foreign() {
		r.settle()
	}
	if m := r.misuse.Swap(nil); m != nil {
		ex.failure = &Failure{Kind: KindUncontrolled, Message: *m}
	}
	r.teardown(ex, stuck)
	if raceMode {
		r.raced(ex)
	}
	if stuck >= 0 {
		for _, o := range ex.objs {
			o.poisoned.Store(true)
		}
	}
	active.Store(nil)
	r.trs, r.sched, r.gs, r.objs = ex.trs, ex.sched, ex.gs, ex.objs
	if ex.failure != nil || stuck >= 0 {
		ex.sched = slices.Clone(ex.sched)
		ex.gs = slices.Clone(ex.gs)
		ex.objs = slices.Clone(ex.objs)
	}
	return ex
}

// settle gives goroutines outside rt's control a moment to reach an rt
// operation before a failure is reported: a go statement in the body
// whose goroutine has not run yet would otherwise leave a false deadlock.
func (r *runner) settle() {
	for range 100 {
		if r.misuse.Load() != nil || !r.foreign() {
			return
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// lateMisuse catches a goroutine outside rt's control that reaches an rt
// operation after the last execution ended: while it settles, rt
// operations go to that execution, whose verifyCaller records the misuse.
func (r *runner) lateMisuse(last *exec) *Failure {
	if !r.foreign() {
		return nil
	}
	active.Store(last)
	r.settle()
	active.Store(nil)
	if m := r.misuse.Swap(nil); m != nil {
		return &Failure{Kind: KindUncontrolled, Message: *m, Schedule: last.sched}
	}
	return nil
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
