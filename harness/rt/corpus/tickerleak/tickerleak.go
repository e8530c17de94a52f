// Package tickerleak is a goroutine leak on a ticker: a health monitor
// polls its check with "for range ticker.C", and its Close stops the
// ticker, but Stop does not close C, so the poller waits forever for a
// tick that never comes and outlives the component (the leak goleak
// reports). The fix gives the poller a quit channel that Close closes,
// selects on it next to the ticker, and waits for the poller to exit.
package tickerleak

import (
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

type monitor struct {
	mu      rt.Mutex
	healthy bool
	ticker  *rt.Ticker
	quit    *rt.Chan[struct{}] // fixed only
	done    *rt.Chan[struct{}] // fixed only
}

func newMonitor(check func() bool, withQuit bool) *monitor {
	m := &monitor{ticker: rt.NewTicker(time.Second)}
	if withQuit {
		m.quit, m.done = rt.NewChan[struct{}](0), rt.NewChan[struct{}](0)
		rt.Go(func() { m.pollUntilQuit(check) })
	} else {
		rt.Go(func() { m.poll(check) })
	}
	return m
}

func (m *monitor) set(ok bool) {
	m.mu.Lock()
	m.healthy = ok
	m.mu.Unlock()
}

func (m *monitor) isHealthy() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.healthy
}

// poll checks on every tick: the bug, as nothing ends the range.
func (m *monitor) poll(check func() bool) {
	for range m.ticker.C.All() {
		m.set(check())
	}
}

// pollUntilQuit checks on every tick until quit is closed.
func (m *monitor) pollUntilQuit(check func() bool) {
	defer m.done.Close()
	for {
		stop := false
		rt.Select(m.ticker.C.OnRecv(func(time.Time, bool) { m.set(check()) }),
			m.quit.OnRecv(func(struct{}, bool) { stop = true }))
		if stop {
			return
		}
	}
}

func (m *monitor) close() {
	m.ticker.Stop()
	if m.quit != nil {
		m.quit.Close()
		m.done.Recv()
	}
}

func run(withQuit bool) {
	m := newMonitor(func() bool { return true }, withQuit)
	for !m.isHealthy() { // wait for the first check
		rt.Sleep(100 * time.Millisecond)
	}
	m.close()
}

// Buggy closes a monitor whose poller only stops the ticker.
func Buggy(t *rt.T) { run(false) }

// Fixed closes a monitor whose poller quits.
func Fixed(t *rt.T) { run(true) }
