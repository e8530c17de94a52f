package rt

import "time"

// Sleep pauses the goroutine for d. Inside Check time is virtual: it
// advances only when every goroutine is blocked, straight to the next
// deadline, so a sleep costs no wall-clock time.
func Sleep(d time.Duration) {
	if ex := active.Load(); ex != nil {
		ex.step(pending{op: opSleep, deadline: ex.now + max(d, 0)})
		return
	}
	time.Sleep(d)
}

// After returns a channel that receives the current time after d, like
// time.After (virtual time inside Check).
func After(d time.Duration) *Chan[time.Time] {
	c := NewChan[time.Time](1)
	if ex := active.Load(); ex != nil {
		o := c.obj(ex)
		ex.step(pending{op: opAfter, o: o})
		ex.tmrs = append(ex.tmrs, timer{deadline: ex.now + max(d, 0), ch: o})
		return c
	}
	time.AfterFunc(d, func() { c.ch <- time.Now() })
	return c
}

// Now returns the current time: virtual time inside Check (starting at
// 2000-01-01 UTC in every execution), time.Now outside.
func Now() time.Time {
	if ex := active.Load(); ex != nil {
		return virtualEpoch.Add(ex.now)
	}
	return time.Now()
}
