package lockmgr

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Mode is a lock mode.
type Mode uint8

// The lock modes.
const (
	Shared Mode = iota
	Exclusive
)

// String names the mode.
func (m Mode) String() string {
	if m == Exclusive {
		return "X"
	}
	return "S"
}

func compatible(a, b Mode) bool { return a == Shared && b == Shared }

// ErrDeadlock is wrapped by the error of a request that would have closed
// a wait-for cycle: its transaction was chosen as the victim and holds no
// locks any more.
var ErrDeadlock = errors.New("lockmgr: deadlock")

// Bug is a seeded bug, switched on by WithBug.
type Bug int

// The seeded bugs.
const (
	NoBug Bug = iota
	// BugSharedBlind ignores shared holders and waiters when it builds
	// the wait-for graph.
	BugSharedBlind
)

// String names the bug as the mutation table does.
func (b Bug) String() string {
	if b == BugSharedBlind {
		return "detection misses cycles through shared locks"
	}
	return "none"
}

// Option configures New.
type Option interface{ apply(*Manager) }

type optionFunc func(*Manager)

func (f optionFunc) apply(m *Manager) { f(m) }

// WithBug switches on a seeded bug.
func WithBug(b Bug) Option { return optionFunc(func(m *Manager) { m.bug = b }) }

// Manager grants locks on named resources to transactions.
type Manager struct {
	mu   sync.Mutex
	res  map[string]*resource
	txs  int
	bug  Bug
	wait map[*Tx]*request // what each waiting transaction waits for
}

type resource struct {
	holders map[*Tx]Mode
	queue   []*request
}

type request struct {
	tx    *Tx
	name  string
	mode  Mode
	reply chan error
}

// New returns an empty lock manager.
func New(opts ...Option) *Manager {
	m := &Manager{res: map[string]*resource{}, wait: map[*Tx]*request{}}
	for _, o := range opts {
		o.apply(m)
	}
	return m
}

// Tx is a transaction: the owner of locks. A transaction is used by one
// goroutine at a time.
type Tx struct {
	m    *Manager
	id   int
	held map[string]Mode
}

// Begin starts a transaction.
func (m *Manager) Begin() *Tx {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.txs++
	return &Tx{m: m, id: m.txs, held: map[string]Mode{}}
}

// ID is the transaction's number, from 1 in Begin order.
func (tx *Tx) ID() int { return tx.id }

// Lock locks resource name in mode, waiting while other transactions
// hold it in a conflicting mode. Locking a resource already held in the
// same or a stronger mode does nothing; Shared to Exclusive is an upgrade.
// If waiting would close a wait-for cycle, Lock releases every lock of tx
// and returns an error wrapping ErrDeadlock.
func (tx *Tx) Lock(name string, mode Mode) error {
	m := tx.m
	m.mu.Lock()
	if cur, ok := tx.held[name]; ok && (cur == Exclusive || mode == Shared) {
		m.mu.Unlock()
		return nil
	}
	r := m.resource(name)
	if m.grantable(r, tx, mode, len(r.queue) == 0 || tx.holds(name)) {
		m.grant(r, tx, name, mode)
		m.mu.Unlock()
		return nil
	}
	req := &request{tx: tx, name: name, mode: mode, reply: make(chan error, 1)}
	r.queue = append(r.queue, req)
	m.wait[tx] = req
	if cyc := m.cycleFrom(tx); cyc != nil {
		err := fmt.Errorf("%w: T%d waits for %s (%s) on the cycle %s; T%d is the victim", ErrDeadlock, tx.id, name, mode, cycText(cyc), tx.id)
		m.abort(req)
		m.mu.Unlock()
		return err
	}
	m.mu.Unlock()
	err := <-req.reply
	return err
}

func (tx *Tx) holds(name string) bool { _, ok := tx.held[name]; return ok }

func cycText(cyc []*Tx) string {
	parts := make([]string, 0, len(cyc)+1)
	for _, t := range append(cyc, cyc[0]) {
		parts = append(parts, fmt.Sprintf("T%d", t.id))
	}
	return strings.Join(parts, " -> ")
}

func (m *Manager) resource(name string) *resource {
	r := m.res[name]
	if r == nil {
		r = &resource{holders: map[*Tx]Mode{}}
		m.res[name] = r
	}
	return r
}

// grantable says whether tx can hold r in mode next to the other holders;
// first is false when earlier requests must be served first.
func (m *Manager) grantable(r *resource, tx *Tx, mode Mode, first bool) bool {
	if !first {
		return false
	}
	for h, hm := range r.holders {
		if h != tx && !compatible(hm, mode) {
			return false
		}
	}
	return true
}

func (m *Manager) grant(r *resource, tx *Tx, name string, mode Mode) {
	r.holders[tx] = mode
	tx.held[name] = mode
}

// Unlock releases tx's lock on name and grants waiting requests that can
// now go ahead.
func (tx *Tx) Unlock(name string) error {
	m := tx.m
	m.mu.Lock()
	defer m.mu.Unlock()
	if !tx.holds(name) {
		return fmt.Errorf("lockmgr: T%d does not hold %s", tx.id, name)
	}
	m.release(tx, name)
	return nil
}

// ReleaseAll releases every lock tx holds.
func (tx *Tx) ReleaseAll() {
	m := tx.m
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, name := range slices.Sorted(maps.Keys(tx.held)) {
		m.release(tx, name)
	}
}

// Held returns the locks tx holds.
func (tx *Tx) Held() map[string]Mode {
	tx.m.mu.Lock()
	defer tx.m.mu.Unlock()
	return maps.Clone(tx.held)
}

func (m *Manager) release(tx *Tx, name string) {
	r := m.res[name]
	delete(r.holders, tx)
	delete(tx.held, name)
	m.serve(r)
}

// serve grants queued requests of r in FIFO order while they fit.
func (m *Manager) serve(r *resource) {
	for len(r.queue) > 0 {
		req := r.queue[0]
		if !m.grantable(r, req.tx, req.mode, true) {
			return
		}
		r.queue = r.queue[1:]
		delete(m.wait, req.tx)
		m.grant(r, req.tx, req.name, req.mode)
		req.reply <- nil
	}
}

// abort withdraws the victim's request and releases all its locks.
func (m *Manager) abort(req *request) {
	r := m.res[req.name]
	r.queue = slices.DeleteFunc(r.queue, func(q *request) bool { return q == req })
	delete(m.wait, req.tx)
	for _, name := range slices.Sorted(maps.Keys(req.tx.held)) {
		m.release(req.tx, name)
	}
	m.serve(r)
}

// waitsFor returns the transactions that waiting request req waits for:
// conflicting holders and conflicting requests queued ahead of it.
func (m *Manager) waitsFor(req *request) []*Tx {
	r := m.res[req.name]
	var out []*Tx
	for _, h := range sortedTxs(r.holders) {
		hm := r.holders[h]
		if h != req.tx && !compatible(hm, req.mode) && m.visible(hm) {
			out = append(out, h)
		}
	}
	for _, q := range r.queue {
		if q == req {
			break
		}
		if q.tx != req.tx && !compatible(q.mode, req.mode) && m.visible(q.mode) {
			out = append(out, q.tx)
		}
	}
	return out
}

// visible is where the seeded bug hides edges: with BugSharedBlind only
// an exclusive holder or waiter counts.
func (m *Manager) visible(other Mode) bool {
	return m.bug != BugSharedBlind || other == Exclusive
}

func sortedTxs(h map[*Tx]Mode) []*Tx {
	return slices.SortedFunc(maps.Keys(h), func(a, b *Tx) int { return a.id - b.id })
}

// cycleFrom returns a wait-for cycle through tx, or nil.
func (m *Manager) cycleFrom(tx *Tx) []*Tx {
	var path []*Tx
	onPath := map[*Tx]bool{}
	done := map[*Tx]bool{}
	var visit func(t *Tx) []*Tx
	visit = func(t *Tx) []*Tx {
		path = append(path, t)
		onPath[t] = true
		if req := m.wait[t]; req != nil {
			for _, next := range m.waitsFor(req) {
				if next == tx {
					return slices.Clone(path)
				}
				if !onPath[next] && !done[next] {
					if c := visit(next); c != nil {
						return c
					}
				}
			}
		}
		path = path[:len(path)-1]
		onPath[t], done[t] = false, true
		return nil
	}
	return visit(tx)
}

// Verify checks the manager's bookkeeping: every resource's holders are
// compatible, and holders and transactions agree on who holds what (no
// lock granted twice, none lost).
func (m *Manager) Verify() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, name := range slices.Sorted(maps.Keys(m.res)) {
		r := m.res[name]
		hs := sortedTxs(r.holders)
		for i, a := range hs {
			if a.held[name] != r.holders[a] || !a.holds(name) {
				return fmt.Errorf("lockmgr: %s lists T%d as a %s holder, but T%d does not hold it", name, a.id, r.holders[a], a.id)
			}
			for _, b := range hs[i+1:] {
				if !compatible(r.holders[a], r.holders[b]) {
					return fmt.Errorf("lockmgr: %s granted twice: T%d (%s) and T%d (%s)", name, a.id, r.holders[a], b.id, r.holders[b])
				}
			}
		}
	}
	return nil
}

// Request is one lock for LockOrdered.
type Request struct {
	Name string
	Mode Mode
}

// LockOrdered locks every request in name order (the strongest mode for a
// name given twice), the discipline under which no wait-for cycle can
// form among transactions that all use it. On error it releases every
// lock of tx.
func LockOrdered(tx *Tx, reqs ...Request) error {
	want := map[string]Mode{}
	for _, r := range reqs {
		want[r.Name] = max(want[r.Name], r.Mode)
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if err := tx.Lock(name, want[name]); err != nil {
			tx.ReleaseAll()
			return err
		}
	}
	return nil
}
