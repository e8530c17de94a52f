package rt

import "time"

// opKind is the operation a goroutine is about to perform.
type opKind uint8

const (
	opStart opKind = iota
	opResume
	opYield
	opLock
	opTryLock
	opUnlock
	opRLock
	opRUnlock
	opWAnnounce
	opWLock
	opWUnlock
	opWgAdd
	opWgWait
	opOnce
	opCondReg
	opCondWait
	opSignal
	opBroadcast
	opSelect
	opClose
	opLen
	opLoad
	opStore
	opALoad
	opAWrite
	opSleep
	opAfter
)

var opNames = [...]string{
	opStart: "start", opResume: "resume", opYield: "Yield", opLock: "Lock",
	opTryLock: "TryLock", opUnlock: "Unlock", opRLock: "RLock", opRUnlock: "RUnlock",
	opWAnnounce: "Lock", opWLock: "Lock(acquire)", opWUnlock: "Unlock", opWgAdd: "Add",
	opWgWait: "Wait", opOnce: "Do", opCondReg: "Wait", opCondWait: "Wait(wake)",
	opSignal: "Signal", opBroadcast: "Broadcast", opSelect: "Select", opClose: "Close",
	opLen: "Len", opLoad: "Load", opStore: "Store", opALoad: "Load", opAWrite: "Store",
	opSleep: "Sleep", opAfter: "After",
}

// pending is the operation a parked goroutine will perform when picked.
type pending struct {
	op       opKind
	o        *object
	name     string // operation name override (atomics, channel ops)
	cases    []ccase
	block    bool // select without default
	deadline time.Duration
	seq      uint64
	loc      string // capture runs only
}

// ccase is one case of a controlled select.
type ccase struct {
	o    *object // nil for a nil channel
	send bool
	val  any
}

// trans is one transition the scheduler may take: goroutine g performs
// its pending operation (select case c, or -1).
type trans struct {
	g   *gor // valid in the current execution only
	gid int
	c   int
	pre bool // taking it is a preemption
	fp  footprint
}

// footprint is the shared object a transition touches and how. Objects
// are keyed by kind and creation number, which are stable across
// executions of the same schedule prefix.
type footprint struct {
	key   int // 0: touches nothing shared
	write bool
}

func (o *object) key() int {
	if o == nil {
		return 0
	}
	return int(o.kind+1)<<24 | o.id
}

// keyAll is the footprint key of operations treated as dependent with
// every other (Yield, Sleep, After: their enabling depends on the whole
// state).
const keyAll = -1

// indep reports whether two transitions commute.
func indep(a, b trans) bool {
	return a.gid != b.gid && !a.fp.conflicts(b.fp)
}

// conflicts reports whether two footprints are dependent.
func (a footprint) conflicts(b footprint) bool {
	switch {
	case a.key == keyAll || b.key == keyAll:
		return true
	case a.key == 0 || b.key == 0 || a.key != b.key:
		return false
	}
	return a.write || b.write
}

func footprintOf(p *pending, c int) footprint {
	switch p.op {
	case opStart, opResume:
		return footprint{}
	case opYield, opSleep, opAfter:
		return footprint{key: keyAll}
	case opSelect:
		return selectFootprint(p, c)
	case opRLock, opRUnlock, opWgWait, opLoad, opALoad, opLen:
		return footprint{key: p.o.key()}
	}
	return footprint{key: p.o.key(), write: true}
}

// enabled reports whether g's pending operation (other than a select) can
// proceed now.
func (ex *exec) enabled(g *gor) bool {
	p := &g.pend
	o := p.o
	switch p.op {
	case opLock:
		return !o.locked
	case opRLock:
		return o.writer == nil && o.wwait == 0
	case opWLock:
		return o.writer == nil && len(o.readers) == 0
	case opWgWait:
		return o.count == 0
	case opOnce:
		return o.once != onceRunning
	case opCondWait:
		return g.condOK
	case opSleep:
		return ex.now >= p.deadline
	}
	return true
}

// selectFootprint is the footprint of select case c: a write to its
// channel. The default (c < 0) observes that every channel is not ready: a
// read of a single channel, dependent with everything for several.
func selectFootprint(p *pending, c int) footprint {
	switch {
	case c >= 0:
		return footprint{key: p.cases[c].o.key(), write: true}
	case len(p.cases) == 1:
		return footprint{key: p.cases[0].o.key()}
	}
	return footprint{key: keyAll}
}
