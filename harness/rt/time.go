package rt

import (
	"fmt"
	"slices"
	"time"
	"unsafe"
)

// Virtual time inside Check: it starts at zero in every execution and
// moves only through the clock's transitions. At any scheduling point
// where a Sleep or timer is pending, the clock may advance to the
// earliest deadline and fire what is due there: a scheduling choice like
// any other, explored, counted as a preemption when a goroutine could
// have run instead, and replayed (a "t" in a schedule). When every
// goroutine is blocked it is the only choice, so a sleep costs no
// wall-clock time.

// Sleep pauses the goroutine for d (virtual time inside Check).
func Sleep(d time.Duration) {
	if ex := active.Load(); ex != nil {
		ex.sleep(d)
		return
	}
	time.Sleep(d)
}

func (ex *exec) sleep(d time.Duration) {
	ex.touch(touch{key: keyClock})
	ex.setDeadline(ex.now + max(d, 0))
	ex.nsleep++
	ex.step(pending{op: opSleep, deadline: ex.now + max(d, 0)})
	ex.nsleep--
}

// After returns a channel that receives the current time after d, like
// time.After (virtual time inside Check).
func After(d time.Duration) *Chan[time.Time] {
	c := NewChan[time.Time](1)
	if ex := active.Load(); ex != nil {
		ex.after(c.obj(ex), d)
		return c
	}
	time.AfterFunc(d, func() { c.ch <- time.Now() })
	return c
}

// after arms the timer of After, which sends on o.
func (ex *exec) after(o *object, d time.Duration) {
	ex.step(pending{op: opAfter, o: o})
	t := &timer{deadline: ex.now + max(d, 0), ch: o, armed: true}
	raceRelease(unsafe.Pointer(t)) // arming happens before firing
	ex.tmrs = append(ex.tmrs, t)
	ex.setDeadline(ex.now + max(d, 0))
}

// Now returns the current time: virtual time inside Check (starting at
// 2000-01-01 UTC in every execution), time.Now outside.
func Now() time.Time {
	if ex := active.Load(); ex != nil {
		ex.touch(touch{key: keyClock})
		return virtualEpoch.Add(ex.now)
	}
	return time.Now()
}

// Since returns the time elapsed since t (virtual inside Check).
func Since(t time.Time) time.Duration { return Now().Sub(t) }

// next returns the earliest deadline later than now of a sleeping
// goroutine, or of any armed timer; false if there is none. Once the body
// has returned, tickers no longer count: as in a Go test, nothing waits
// for them, and a goroutine still ranging over a ticker is a leak.
func (ex *exec) next() (time.Duration, bool) {
	next, ok := time.Duration(0), false
	consider := func(d time.Duration) {
		if !ok || d < next {
			next, ok = d, true
		}
	}
	for _, g := range ex.gs {
		if ex.nsleep == 0 {
			break // nobody sleeps: no need to look at every goroutine
		}
		if !g.done && g.pend.op == opSleep && g.pend.deadline > ex.now {
			consider(g.pend.deadline)
		}
	}
	bodyDone := len(ex.gs) > 0 && ex.gs[0].done
	for _, t := range ex.tmrs {
		if t.period == 0 || !bodyDone {
			consider(max(t.deadline, ex.now))
		}
	}
	return next, ok
}

// clockDue reports whether the clock has a transition: a deadline pending.
func (ex *exec) clockDue() bool {
	_, ok := ex.next()
	return ok
}

// tick is the clock's transition: time moves to the next deadline and the
// timers due fire, in arming order; tickers are re-armed.
func (ex *exec) tick() {
	next, _ := ex.next()
	ex.now = next
	ex.ticks++
	var fired []string
	ex.tmrs = slices.DeleteFunc(ex.tmrs, func(t *timer) bool {
		if t.deadline > ex.now {
			return false
		}
		fired = append(fired, ex.fire(t))
		if t.period > 0 {
			t.deadline = ex.now + t.period
			ex.setDeadline(t.deadline)
			return false
		}
		t.armed = false
		return true
	})
	if ex.capture {
		ex.rows[len(ex.rows)-1].Text = clockLabel(ex.now, fired)
	}
}

// fire fires timer t: the time is sent on its channel (dropped if the
// buffer is full, as a ticker drops ticks nobody took), or its function
// starts in a new goroutine, after the goroutine that armed it. It returns
// what fired, for the trace.
func (ex *exec) fire(t *timer) string {
	if t.f != nil {
		g := ex.spawn(t.f, nil)
		g.startAfter(unsafe.Pointer(t))
		g.vc.join(t.vc)
		g.born, g.spawn = ex.ticks, t.loc
		return fmt.Sprintf("AfterFunc G%d", g.id)
	}
	if len(t.ch.buf) < t.ch.cap { // the write is in clockFootprint
		t.ch.buf = append(t.ch.buf, msg{v: virtualEpoch.Add(ex.now), sync: unsafe.Pointer(t)}) // after the arming
	}
	return t.ch.String()
}

// setDeadline notes that the step being taken set deadline d: the clock's
// step that reaches d happens after it (DPOR).
func (ex *exec) setDeadline(d time.Duration) {
	if ex.footprints {
		ex.dls = append(ex.dls, d)
	}
}

// idle drops the clock's transition (WithIdleClock) while a goroutine
// that is not spinning on the clock can run.
func (ex *exec) idle(trs []trans) []trans {
	n := len(trs) - 1
	if n <= 0 || trs[n].g != ex.clock {
		return trs
	}
	for _, t := range trs[:n] {
		if !slices.Contains(t.g.waitFor, ex.clock.id) {
			return trs[:n]
		}
	}
	return trs
}

// clockFootprint is what the clock's transition to time at touches: the
// time, and the channels of the timers it fires.
func (ex *exec) clockFootprint(at time.Duration) footprint {
	fp := footprint{{key: keyClock, write: true}}
	for _, t := range ex.tmrs {
		if t.deadline <= at && t.ch != nil {
			fp = append(fp, touch{key: t.ch.key(), write: true})
		}
	}
	return fp
}

func clockLabel(now time.Duration, fired []string) string {
	s := fmt.Sprintf("time %v", now)
	for _, f := range fired {
		s += " fire " + f
	}
	return s
}
