package rt

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
	"unsafe"
)

// kind is the type of a controlled object; it names the object in reports.
type kind uint8

const (
	kMutex kind = iota
	kRWMutex
	kWaitGroup
	kOnce
	kCond
	kChan
	kVar
	kAtomic
	kMap
	kPool
	kTest // the state of the body's T that goroutines observe
	nKinds
)

var kindPrefix = [nKinds]string{"m", "rw", "wg", "once", "cv", "c", "v", "a", "map", "pool", "t"}

// hdr is embedded in every rt value: it points at the value's controlled
// state in the current execution (reset when a new execution starts).
type hdr struct{ o *object }

// native is called on the native path: a goroutine abandoned by a
// timed-out execution that comes back and touches a value of that
// execution exits here instead of acting on inconsistent native state.
func (h *hdr) native() {
	if h.o != nil && h.o.poisoned.Load() {
		runtime.Goexit()
	}
}

// object is the controlled state of one rt value in one execution. One
// struct serves every kind; each kind uses its own fields.
type object struct {
	kind  kind
	id    int
	name  string // from the source, capture runs only (names.go)
	epoch uint64
	vc    vclock // release clock (all kinds)
	vcBuf [4]uint32

	poisoned    atomic.Bool // its execution abandoned a stuck goroutine
	written     bool        // a Var or atomic stored to (see exec.carried)
	lockWaiters []*gor      // goroutines waiting in Lock (exec.starved)

	// who may hold a reference, for the deadlock and leak reports
	users    []uint64 // bit set of the goroutines that used it
	usersBuf [1]uint64

	// Mutex / RWMutex
	locked  bool
	owner   *gor
	writer  *gor
	readers []*gor
	wwait   int

	// WaitGroup
	count int

	// Once
	once int

	// Cond
	waiters []*gor

	// Chan
	made   bool
	cap    int
	buf    []msg
	sends  int      // race mode: sends so far, which pick the slot of the next one
	slots  []uint64 // race mode: the buffer's slots, whose addresses sends and receives synchronise on
	closed bool
	rvc    vclock // receivers' release clock, acquired by senders (also RWMutex readers)

	// Var
	w     access
	reads []access
}

const (
	onceIdle = iota
	onceRunning
	onceDone
)

// msg is a buffered channel element with the clock of its send: a
// receive is ordered after the send of the element it takes.
type msg struct {
	v    any
	vc   vclock
	sync unsafe.Pointer // race mode: its slot (or timer), which its receive acquires
}

// access is one access to a Var for the race check: goroutine, its clock
// at the access, and the step it happened at.
type access struct {
	g, step int
	clk     uint32
	write   bool
	atomic  bool // by an atomic function form
	ok      bool
	name    string // the operation
}

// slot returns the address the next send on buffered channel o and the
// receive of its element synchronise on (race mode; nil otherwise): as in
// Go's race detector, one per buffer slot, so that the k-th receive
// happens before the (k+cap)-th send completes.
func (o *object) slot() unsafe.Pointer {
	if !raceMode {
		return nil
	}
	if o.slots == nil {
		o.slots = make([]uint64, o.cap)
	}
	s := unsafe.Pointer(&o.slots[o.sends%o.cap])
	o.sends++
	return s
}

// String names o in reports: after the source that made it (c.mu) in
// capture runs, else by kind and number (m1).
func (o *object) String() string {
	if o.name != "" {
		return o.name
	}
	return fmt.Sprintf("%s%d", kindPrefix[o.kind], o.id)
}

// obj returns the controlled state behind h in ex, creating it on first use
// in this execution.
func (ex *exec) obj(h *hdr, k kind) *object {
	if o := h.o; o != nil && o.epoch == ex.epoch {
		return o
	} else if o != nil && o.poisoned.Load() {
		runtime.Goexit() // a stale goroutine of an abandoned execution
	}
	raceHide() // verifying and naming synchronise in rt's own ways
	defer raceShow()
	ex.verifyCaller()
	ex.stale(h)
	ex.nobj[k]++
	o := &object{kind: k, id: ex.nobj[k], epoch: ex.epoch}
	o.vc, o.users = o.vcBuf[:0], o.usersBuf[:]
	if ex.capture {
		o.name = ex.nameObject(k)
	}
	if ex.cur != nil {
		o.use(ex.cur.id)
	}
	h.o = o
	ex.objs = append(ex.objs, o)
	return o
}

// stale ends the execution with an error if h is a Var or atomic that an
// earlier execution of this exploration wrote.
func (ex *exec) stale(h *hdr) {
	if prev := h.o; prev != nil && prev.written && prev.epoch >= ex.r.first && !ex.cfg.carryOver {
		ex.carried(prev)
	}
}

// carried ends the execution with an error: a Var or atomic that an
// earlier execution wrote is used again, so it was created outside the
// body and would carry its value from one execution to the next.
func (ex *exec) carried(prev *object) {
	what := "a Var"
	if prev.kind == kAtomic {
		what = "an atomic"
	}
	ex.err = fmt.Errorf("rt: %s (%s) was written by an earlier execution and is used again: it was created outside the Check body, so its value would carry over from one execution to the next; create it inside the body", prev, what)
	ex.r.carried = ex.err
	ex.touch(touch{key: keyAll})
	ex.end()
	ex.park(ex.cur)
}

// use records that goroutine id used o.
func (o *object) use(id int) {
	for id/64 >= len(o.users) {
		o.users = append(o.users, 0)
	}
	o.users[id/64] |= 1 << (id % 64)
}

// usedBy reports whether goroutine id used o.
func (o *object) usedBy(id int) bool {
	return id/64 < len(o.users) && o.users[id/64]&(1<<(id%64)) != 0
}

// virtualEpoch is the wall-clock value of virtual time zero.
var virtualEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
