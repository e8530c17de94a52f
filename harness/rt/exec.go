package rt

import (
	"os"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/interleave/concurrency/harness/trace"
)

// active is the execution in progress, or nil: every rt operation reads it
// first and runs natively when it is nil. Explorations are serialised by
// checkMu, so at most one execution is active in the process.
var active atomic.Pointer[exec]

// epochs numbers executions so that rt values can tell stale state.
var epochs atomic.Uint64

// exec is one controlled execution: its goroutines, objects, schedule and
// outcome. Only one controlled goroutine runs at a time; its fields are
// touched by whichever goroutine holds the turn.
type exec struct {
	cfg     *config
	r       *runner
	pick    picker
	capture bool // record source locations (report runs)
	verify  bool // check that rt operations run on controlled goroutines
	epoch   uint64

	gs    []*gor
	live  []*gor // goroutines not done at the last collect (sched.go)
	nlive int    // of gs, those live has seen
	cur   *gor
	last  *gor
	objs  []*object
	nobj  [nKinds]int
	mem   map[unsafe.Pointer]*object // memory used by Var and the atomic function forms
	trs   []trans
	seq   uint64
	steps int
	sched trace.Schedule
	rows  []trace.Row // capture runs: the operation of each step
	fold  [2]int      // capture runs: a livelock's cycle (first step, length)
	locs  []string    // capture runs: the source location of each step
	found *found      // capture runs: what the failure found, as data (page.go)
	now   time.Duration
	tmrs  []*timer // armed timers, in arming order
	ticks int      // the clock's steps taken
	// earlyTime: time passed while a goroutine could run (a timer fired
	// during work), which a failure report points out
	earlyTime bool
	clock     *gor // the clock's transitions are taken by this pseudo-goroutine
	t         *T

	acc        footprint       // what the step being taken touched beyond its operation
	footprints bool            // acc and dls are kept (DFS)
	dls        []time.Duration // deadlines the step being taken set
	undls      []time.Duration // deadlines the step being taken disarmed (Stop, Reset)
	partners   []int           // goroutines whose select the step being taken completed
	polled     bool            // the step being taken made no progress (fair.go)
	wver       uint64          // steps that made progress
	nwait      int             // goroutines spinning or waiting for others (fair.go)
	nsleep     int             // goroutines in Sleep (time.go)

	failure *Failure
	err     error
	pruned  bool
	ended   bool
	done    chan struct{}

	races int  // race mode: races the race detector had reported when the execution began
	tsan  bool // race mode: the failure is a race the race detector reported

	running  atomic.Int32 // id of the goroutine holding the turn
	progress atomic.Int64 // steps taken, for the watchdog
	aborting atomic.Bool

	names    map[string]int // capture runs: objects per name (names.go)
	bodyRoot string         // capture runs: the function the body is written in
}

// timer is an armed timer: at deadline the time is sent on ch (After,
// NewTimer, NewTicker) or f starts in a new goroutine (AfterFunc); a
// ticker is re-armed period later.
type timer struct {
	deadline time.Duration
	period   time.Duration
	ch       *object
	f        func()
	vc       vclock // the arming goroutine's clock: f starts after it
	loc      string // capture runs: where f's timer was made
	armed    bool
}

// gor is one controlled goroutine.
type gor struct {
	id     int
	ex     *exec
	w      *worker
	parent int // id of the spawning goroutine, -1 for the body
	wake   chan struct{}
	exited chan struct{}
	vcBuf  [4]uint32

	prerunning bool // running to its next operation without a step
	// late: prerun to a blocking operation on an unbuffered channel but
	// not arrived there: until its arrival step no partner sees it, as a
	// goroutine just started (or just woken) may not have got there yet
	late     bool
	returnTo *gor           // who gets the turn back after the prerun
	start    unsafe.Pointer // race mode: it starts after the releases on start
	rdv      uint64         // race mode: its channel rendezvous synchronise on its address
	pend     pending
	chosen   int // case chosen for a select transition
	bypassed int // times others took the mutex it waits for (exec.starved)
	vc       vclock
	done     bool
	normal   bool
	goid     atomic.Pointer[string] // runtime id, capture runs only
	spawn    string                 // where it was started (capture runs only)
	born     int                    // the clock's step that started it (AfterFunc), else 0
	subtest  string                 // the subtest (T.Run) a panic of it left, if any

	// fair scheduling (fair.go)
	lastRun   int // the last step it took
	polls     int // polls in a row with nothing written
	spinVer   uint64
	spinFrom  int  // step of the first of those polls
	spinSince int  // step where the spin found began
	spinning  bool // found spinning, waitFor not set yet
	waitFor   []int

	// results delivered by a partner goroutine (unbuffered channels)
	rval   any
	rok    bool
	result int
	condOK bool

	label string // the function it runs (capture runs only, names.go)
}

func newExec(r *runner, p picker, capture bool) *exec {
	ex := &exec{cfg: r.cfg, r: r, pick: p, capture: capture, epoch: epochs.Add(1),
		done: r.done, trs: r.trs[:0], sched: r.sched[:0], gs: r.gs[:0], objs: r.objs[:0]}
	if r.clock == nil {
		r.clock = &gor{id: trace.TimeStep, parent: -1}
	}
	ex.clock = r.clock
	ex.clock.ex, ex.clock.lastRun = ex, 0
	_, ex.footprints = p.(*dfs)
	return ex
}

// step announces g's next operation p, waits until the scheduler picks it,
// and returns g; the caller then performs the operation.
func (ex *exec) step(p pending) *gor {
	if raceMode { // the scheduling is rt's, not the program's
		raceHide()
		defer raceShow()
	}
	ex.verifyCaller()
	if ex.aborting.Load() {
		runtime.Goexit()
	}
	g := ex.cur
	p.seq = ex.seq
	ex.seq++
	if ex.capture {
		p.loc = callerLoc()
	}
	g.pend = p
	ex.used(g, &p)
	if g.prerunning && arrival(&p) && seeded != "early-arrival" {
		g.late = true // it arrives in a step of its own (see gor.late)
	} else {
		ex.arrive(&p)
	}
	if g.prerunning {
		ex.endPrerun(g)
		ex.park(g)
		return g
	}
	ex.schedule(g)
	return g
}

// used records that g uses the objects of its operation p.
func (ex *exec) used(g *gor, p *pending) {
	if p.o != nil {
		p.o.use(g.id)
		if p.op == opLock { // a waiter until it has the mutex (exec.starved)
			p.o.lockWaiters = append(p.o.lockWaiters, g)
		}
	}
	for _, c := range p.cases {
		if c.o != nil {
			c.o.use(g.id)
		}
	}
}

// schedule picks the next transition and, unless it is g's, passes the
// turn and parks g until g is picked.
func (ex *exec) schedule(g *gor) {
	next := ex.choose()
	if next == g {
		return
	}
	if next != nil {
		ex.handTo(next)
	}
	ex.park(g)
}

func (ex *exec) handTo(g *gor) {
	raceHide()
	ex.cur = g
	g.wake <- struct{}{}
	raceShow()
}

// park blocks g until it gets the turn again; if the execution is being
// torn down it exits the goroutine instead.
func (ex *exec) park(g *gor) {
	raceHide()
	<-g.wake
	aborting := ex.aborting.Load()
	raceShow()
	if aborting {
		runtime.Goexit()
	}
}

// stop ends the execution with failure f from the running goroutine g and
// parks g for teardown.
func (ex *exec) stop(g *gor, f *Failure) {
	raceHide()
	defer raceShow()
	ex.touch(touch{key: keyAll}) // the step ends the execution
	ex.fail(f)
	ex.park(g)
}

// fail records f (the first failure wins) and ends the execution.
func (ex *exec) fail(f *Failure) {
	if ex.failure == nil {
		ex.failure = f
		if ex.capture {
			ex.finds().final = ex.finalState(f.Kind)
		}
	}
	ex.end()
}

func (ex *exec) end() {
	if !ex.ended {
		ex.ended = true
		raceHide()
		ex.done <- struct{}{}
		raceShow()
	}
}

// verifyCaller stops a goroutine that was not started by rt (a go
// statement in the body) from entering the scheduler. Walking the stack
// to tell is slow, so it is done in the first execution, in report runs
// and whenever the process has more goroutines besides rt's workers than
// the fewest seen during the exploration (see runner.foreign).
func (ex *exec) verifyCaller() {
	if ex.verify || ex.r.foreign() {
		ex.checkCaller()
	}
}

// checkCaller records the misuse for the report and exits the goroutine
// if it is not a worker.
func (ex *exec) checkCaller() {
	raceHide()
	ok := onWorker()
	raceShow()
	if ok {
		return
	}
	msg := "an rt operation ran on a goroutine not started with T.Go or rt.Go (a go statement in the body?)"
	if loc := callerLoc(); loc != "" {
		msg += " at " + loc
	}
	if os.Getenv(CommandEnv) != "" {
		msg += "; under harness test this is a goroutine started by a package it did not rewrite (another module's: rerun with -instrument=all)"
	} else {
		msg += "; start goroutines with t.Go(f) so the scheduler controls them"
	}
	raceHide()
	ex.r.misuse.CompareAndSwap(nil, &msg)
	raceShow()
	runtime.Goexit()
}
