package rt

import (
	"slices"
	"time"
)

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
	opChoose
	opIdle
	opTimer
)

var opNames = [...]string{
	opStart: "start", opResume: "resume", opYield: "Yield", opLock: "Lock",
	opTryLock: "TryLock", opUnlock: "Unlock", opRLock: "RLock", opRUnlock: "RUnlock",
	opWAnnounce: "Lock", opWLock: "Lock(acquire)", opWUnlock: "Unlock", opWgAdd: "Add",
	opWgWait: "Wait", opOnce: "Do", opCondReg: "Wait", opCondWait: "Wait(wake)",
	opSignal: "Signal", opBroadcast: "Broadcast", opSelect: "Select", opClose: "Close",
	opLen: "Len", opLoad: "Load", opStore: "Store", opALoad: "Load", opAWrite: "Store",
	opSleep: "Sleep", opAfter: "After", opChoose: "Choose", opIdle: "WaitIdle",
	opTimer: "Stop",
}

// pending is the operation a parked goroutine will perform when picked.
type pending struct {
	op       opKind
	o        *object
	name     string // operation name override (atomics, channel ops)
	cases    []ccase
	block    bool // select without default
	deadline time.Duration
	n        int // Choose: the number of values
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
// its pending operation (select case c, or -1). The clock's transition
// (virtual time advancing to the next deadline) has g == ex.clock.
type trans struct {
	g   *gor // valid in the current execution only
	gid int
	c   int
	pre bool // taking it is a preemption
}

// touch is one access of a step to a shared object. Objects are keyed by
// kind and creation number, which are stable across executions of the
// same schedule prefix.
type touch struct {
	key   int
	write bool
}

// footprint is what a step touches: the objects its operation reads or
// writes, and what it did on the way to the goroutine's next operation
// (arriving at a blocking channel operation, reading the clock, failing).
type footprint []touch

func (o *object) key() int {
	if o == nil {
		return 0
	}
	return int(o.kind+1)<<24 | o.id
}

// keyAll is the key of a touch dependent with every step (a step that
// ended the execution with a failure); keyClock is virtual time, read by
// Sleep, After and Now and written by the clock's transitions.
const (
	keyAll   = -1
	keyClock = -2
)

// conflicts reports whether two footprints are dependent: they touch a
// common object and one of them writes it.
func (a footprint) conflicts(b footprint) bool {
	if a.all() || b.all() {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if x.key == y.key && (x.write || y.write) {
				return true
			}
		}
	}
	return false
}

// all reports whether fp is dependent with every step.
func (a footprint) all() bool {
	return slices.ContainsFunc(a, func(t touch) bool { return t.key == keyAll })
}

// footprintOf is what g's pending operation touches when taken as case c
// (-1: not a select case), before it runs; the rest of the step's
// footprint is known when it has run (see exec.touch).
func footprintOf(p *pending, c int) footprint {
	o := p.o
	switch p.op {
	case opStart, opResume, opYield, opChoose:
		return nil
	case opIdle: // enabled by the whole state
		return footprint{{key: keyAll}}
	case opSleep:
		return footprint{{key: keyClock}}
	case opAfter:
		return footprint{{key: keyClock}, {key: o.key(), write: true}}
	case opTimer: // Stop or Reset: the timers, and the channel they drain
		if seeded == "stop-is-local" {
			return nil
		}
		if o == nil {
			return footprint{{key: keyClock, write: true}}
		}
		return footprint{{key: keyClock, write: true}, {key: o.key(), write: true}}
	case opSelect:
		return selectFootprint(p, c)
	case opRLock, opWgWait, opLoad, opALoad, opLen: // RUnlock writes: RUnlock then RLock panics
		return footprint{{key: o.key()}}
	case opLock, opTryLock, opUnlock:
		return footprint{{key: o.key(), write: seeded != "lock-is-read"}}
	case opAWrite:
		return footprint{{key: o.key(), write: seeded != "atomic-is-read"}}
	case opClose:
		return footprint{{key: o.key(), write: seeded != "close-is-read"}}
	}
	return footprint{{key: o.key(), write: true}}
}

// selectFootprint is the footprint of select case c: a write to its
// channel and a read of the others (which case a select can take depends
// on all of them). The default (c < 0) reads every channel.
func selectFootprint(p *pending, c int) footprint {
	fp := make(footprint, 0, len(p.cases))
	for i, cc := range p.cases {
		switch {
		case cc.o == nil:
		case i == c:
			fp = append(fp, touch{key: cc.o.key(), write: true})
		case seeded != "select-chosen-only" || c < 0:
			fp = append(fp, touch{key: cc.o.key()})
		}
	}
	return fp
}

// arrive adds what a goroutine touches by arriving at operation p: parked
// at a blocking channel operation on an unbuffered channel, it makes the
// channel ready for a partner (a TrySend now succeeds), which is a write.
func (ex *exec) arrive(p *pending) {
	if !arrival(p) || seeded == "no-arrival" {
		return
	}
	for _, c := range p.cases {
		if c.o != nil && c.o.cap == 0 {
			ex.touch(touch{key: c.o.key(), write: true})
		}
	}
}

// arrival reports whether arriving at p is visible to other goroutines: p
// blocks with a case on an unbuffered channel, which a partner can take.
func arrival(p *pending) bool {
	if p.op != opSelect || !p.block {
		return false
	}
	for _, c := range p.cases {
		if c.o != nil && c.o.cap == 0 {
			return true
		}
	}
	return false
}

// seeded names a deliberately wrong dependency relation (tests only, to
// show that the differential property test catches it); "" in use.
var seeded string

// enabled reports whether g's pending operation (other than a select) can
// proceed now.
func (ex *exec) enabled(g *gor) bool {
	p := &g.pend
	o := p.o
	switch p.op {
	case opLock:
		return !o.locked && !ex.starved(o, g)
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
