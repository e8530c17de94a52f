package gil

import "sync"

// lock is the global interpreter lock: a FIFO of waiting threads served
// in order, or (barging) whoever gets there first.
type lock struct {
	mu      sync.Mutex
	cond    *sync.Cond
	held    bool
	holder  int   // the thread holding it, while held
	queue   []int // waiting threads, first come first served
	waiting int
	barging bool
	none    bool // BugNoLock: acquire and release do nothing
}

func (l *lock) init(barging, none bool) {
	l.cond = sync.NewCond(&l.mu)
	l.barging, l.none = barging, none
}

// acquire takes the lock for thread th; queued is called once th is
// waiting, under the lock's mutex, to start measuring the wait.
func (l *lock) acquire(th int, queued func()) {
	if l.none {
		queued()
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.waiting++
	queued()
	if l.barging {
		for l.held {
			l.cond.Wait()
		}
	} else {
		l.queue = append(l.queue, th)
		for l.held || l.queue[0] != th {
			l.cond.Wait()
		}
		l.queue = l.queue[1:]
	}
	l.waiting--
	l.held, l.holder = true, th
}

func (l *lock) release() {
	if l.none {
		return
	}
	l.mu.Lock()
	l.held = false
	l.cond.Broadcast()
	l.mu.Unlock()
}

// keepsWaiting reports whether thread th holds the lock while another
// thread waits for it.
func (l *lock) keepsWaiting(th int) bool {
	if l.none {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.held && l.holder == th && l.waiting > 0
}

// contended reports whether a thread is waiting (a drop request).
func (l *lock) contended() bool {
	if l.none {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.waiting > 0
}
