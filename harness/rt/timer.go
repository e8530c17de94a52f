package rt

import (
	"slices"
	"sync"
	"time"
	"unsafe"
)

// Timer is time.Timer: NewTimer sends the time on C once its duration has
// passed, AfterFunc runs a function in its own goroutine instead. Inside
// Check the time is virtual: a timer fires when the clock's transition
// reaches its deadline, a choice explored like any other, so a Stop or
// Reset racing with the timer is tried both ways. As since Go 1.23, Stop
// and Reset discard a time sent but not yet received: after they return,
// no stale value is received from C.
type Timer struct {
	C *Chan[time.Time] // nil for an AfterFunc timer

	t  *timer // inside Check: the timer of the execution that made it
	nt *nativeTimer
}

// NewTimer returns a timer that sends the current time on its channel C
// after at least d, like time.NewTimer.
func NewTimer(d time.Duration) *Timer {
	tm := &Timer{C: NewChan[time.Time](1)}
	tm.start(d, 0, nil)
	return tm
}

// AfterFunc waits for d and then calls f in its own goroutine (a
// controlled one inside Check), like time.AfterFunc. The returned timer's
// Stop cancels the call if it has not started.
func AfterFunc(d time.Duration, f func()) *Timer {
	tm := &Timer{}
	tm.start(d, 0, f)
	return tm
}

// Stop prevents the timer from firing. It returns true if the call stops
// the timer, false if the timer had already fired (and its time was
// received, or its function started) or been stopped.
func (tm *Timer) Stop() bool {
	if tm.t != nil {
		if ex := active.Load(); ex != nil {
			ex.step(pending{op: opTimer, o: tm.t.ch, name: "Stop"})
			return ex.stopTimer(tm.t)
		}
	}
	return tm.nt.stop()
}

// Reset changes the timer to fire after d and reports whether it had been
// active (what Stop would have returned).
func (tm *Timer) Reset(d time.Duration) bool {
	if tm.t != nil {
		if ex := active.Load(); ex != nil {
			ex.step(pending{op: opTimer, o: tm.t.ch, name: "Reset"})
			was := ex.stopTimer(tm.t)
			ex.armTimer(tm.t, d)
			raceRelease(unsafe.Pointer(tm.t)) // arming happens before firing
			return was
		}
	}
	return tm.nt.reset(d)
}

// start arms a new timer: in the running execution inside Check, natively
// outside.
func (tm *Timer) start(d, period time.Duration, f func()) {
	if ex := active.Load(); ex != nil {
		tm.t = &timer{f: f, period: period}
		if tm.C != nil {
			tm.t.ch = tm.C.obj(ex)
		}
		if f != nil { // f starts after the arming (and not after what follows it)
			g := ex.cur
			tm.t.vc = g.vc.clone()
			g.vc.set(g.id, g.vc.get(g.id)+1)
			if ex.capture {
				tm.t.loc = callerLoc()
			}
		}
		ex.armTimer(tm.t, d)
		raceRelease(unsafe.Pointer(tm.t)) // arming happens before firing
		return
	}
	tm.nt = &nativeTimer{c: tm.C, f: f, period: period}
	tm.nt.reset(d)
}

// Ticker is time.Ticker: it sends the time on C every period, dropping
// ticks a slow receiver did not take. Inside Check, a ticker keeps the
// clock going only while the body runs: once it has returned, a goroutine
// still waiting for a tick is reported as a leak.
type Ticker struct {
	C  *Chan[time.Time]
	tm Timer
}

// NewTicker returns a ticker with period d, like time.NewTicker; it
// panics if d <= 0.
func NewTicker(d time.Duration) *Ticker {
	if d <= 0 {
		panic("non-positive interval for rt.NewTicker")
	}
	tk := &Ticker{C: NewChan[time.Time](1)}
	tk.tm.C = tk.C
	tk.tm.start(d, d, nil)
	return tk
}

// Tick is NewTicker(d).C, or nil if d <= 0, like time.Tick.
func Tick(d time.Duration) *Chan[time.Time] {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}

// Stop turns the ticker off; no tick is received after it returns.
func (tk *Ticker) Stop() { tk.tm.Stop() }

// Reset stops the ticker and restarts it with period d; it panics if
// d <= 0.
func (tk *Ticker) Reset(d time.Duration) {
	if d <= 0 {
		panic("non-positive interval for rt.Ticker.Reset")
	}
	if tk.tm.t != nil {
		tk.tm.t.period = d
	} else {
		tk.tm.nt.mu.Lock()
		tk.tm.nt.period = d
		tk.tm.nt.mu.Unlock()
	}
	tk.tm.Reset(d)
}

// Until returns the duration until t (virtual inside Check).
func Until(t time.Time) time.Duration { return t.Sub(Now()) }

// armTimer sets t to fire d from now. Stop and Reset are scheduling points
// (another goroutine may stop or reset the same timer); making a timer is
// not (only the clock can touch a new timer), but it writes the set of
// timers that the clock's transition reads and writes, so that the clock's
// step is explored on both sides of it.
func (ex *exec) armTimer(t *timer, d time.Duration) {
	ex.touch(touch{key: keyClock, write: true})
	t.deadline = ex.now + max(d, 0)
	if !t.armed {
		t.armed = true
		ex.tmrs = append(ex.tmrs, t)
	}
	ex.setDeadline(t.deadline)
}

// stopTimer disarms t and discards a time it sent that nobody received;
// it reports whether either happened.
func (ex *exec) stopTimer(t *timer) bool {
	if seeded != "stop-is-local" {
		ex.touch(touch{key: keyClock, write: true})
	}
	was := t.armed
	if was {
		if ex.footprints {
			ex.undls = append(ex.undls, t.deadline)
		}
		t.armed = false
		ex.tmrs = slices.DeleteFunc(ex.tmrs, func(u *timer) bool { return u == t })
	}
	if o := t.ch; o != nil && seeded != "stop-is-local" {
		ex.touch(touch{key: o.key(), write: true})
		if len(o.buf) > 0 {
			o.buf, was = o.buf[:0], true
		}
	}
	return was
}

// nativeTimer is a Timer outside Check, built on time.AfterFunc so that a
// ticker needs no goroutine of its own.
type nativeTimer struct {
	mu     sync.Mutex
	c      *Chan[time.Time]
	f      func()
	period time.Duration
	t      *time.Timer
	gen    int // which arming a firing belongs to: a stale one is dropped
}

func (n *nativeTimer) reset(d time.Duration) bool {
	was := n.stop()
	n.mu.Lock()
	defer n.mu.Unlock()
	n.gen++
	gen := n.gen
	n.t = time.AfterFunc(d, func() { n.fire(gen) })
	return was
}

func (n *nativeTimer) fire(gen int) {
	if n.f != nil {
		n.f()
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if gen != n.gen {
		return
	}
	select {
	case n.c.ch <- time.Now():
	default: // a ticker drops the tick nobody took
	}
	if n.period > 0 {
		n.t = time.AfterFunc(n.period, func() { n.fire(gen) })
	}
}

func (n *nativeTimer) stop() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.gen++
	was := n.t != nil && n.t.Stop()
	if n.c != nil {
		select {
		case <-n.c.ch:
			was = true
		default:
		}
	}
	return was
}
