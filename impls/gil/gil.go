package gil

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Op is an instruction's operation.
type Op uint8

// The instructions of the stack machine.
const (
	Push   Op = iota // push Arg
	Add              // pop b, a; push a+b
	Dup              // push a copy of the top
	Load             // push global Arg
	Store            // pop into global Arg
	JumpNZ           // pop; if it is not zero, jump to instruction Arg
	IO               // blocking I/O for Arg milliseconds (runs without the lock)
	Halt             // stop the thread
)

// Instr is one instruction.
type Instr struct {
	Op  Op
	Arg int64
}

// Program is a thread's bytecode.
type Program []Instr

// Bug is a seeded bug, switched on by WithBug.
type Bug int

// The seeded bugs.
const (
	NoBug Bug = iota
	// BugHoldDuringIO does not release the lock around I/O.
	BugHoldDuringIO
	// BugBarging lets a thread giving the lock up take it back at once,
	// ahead of the waiting threads.
	BugBarging
	// BugNoLock never takes the lock: threads run bytecode at once.
	BugNoLock
)

// String names the bug as the mutation table does.
func (b Bug) String() string {
	switch b {
	case BugHoldDuringIO:
		return "lock not released around I/O"
	case BugBarging:
		return "no fair hand-off (barging)"
	case BugNoLock:
		return "no lock at all"
	}
	return "none"
}

// DefaultSwitchInterval is the default switch interval, in instructions.
const DefaultSwitchInterval = 100

// Option configures New.
type Option interface{ apply(*Interp) }

type optionFunc func(*Interp)

func (f optionFunc) apply(in *Interp) { f(in) }

// WithSwitchInterval sets how many instructions a thread runs before it
// gives the lock to a waiting thread (at least 1).
func WithSwitchInterval(n int) Option {
	return optionFunc(func(in *Interp) { in.interval = max(n, 1) })
}

// WithIO replaces what the IO instruction does (default: time.Sleep for Arg
// milliseconds).
func WithIO(f func(arg int64)) Option { return optionFunc(func(in *Interp) { in.io = f }) }

// WithBug switches on a seeded bug.
func WithBug(b Bug) Option { return optionFunc(func(in *Interp) { in.bug = b }) }

// Errors of the checks.
var (
	ErrOverlap    = errors.New("gil: two threads ran bytecode at the same time")
	ErrStarvation = errors.New("gil: starvation")
	ErrProgram    = errors.New("gil: bad program")
)

// Interp is an interpreter with a global lock and a set of globals.
type Interp struct {
	interval int
	io       func(int64)
	bug      Bug
	globals  []int64 // guarded by the lock: under BugNoLock a data race
	lock     lock

	running  atomic.Int32 // threads inside an instruction
	overlaps atomic.Int32
	executed atomic.Int64 // instructions run, by all threads
	ioWaits  atomic.Int32 // I/O done holding the lock while a thread waited
}

// New returns an interpreter with n globals, all zero.
func New(n int, opts ...Option) *Interp {
	in := &Interp{interval: DefaultSwitchInterval, globals: make([]int64, n)}
	in.io = func(ms int64) { time.Sleep(time.Duration(ms) * time.Millisecond) }
	for _, o := range opts {
		o.apply(in)
	}
	in.lock.init(in.bug == BugBarging, in.bug == BugNoLock)
	return in
}

// Global returns global i (read it once Run has returned).
func (in *Interp) Global(i int) int64 { return in.globals[i] }

// Stats are what Run measured, for the checks.
type Stats struct {
	Threads   int
	Interval  int
	Overlaps  int           // instructions that started while another ran
	MaxBypass int64         // most instructions others ran while a thread waited for the lock
	MaxWait   time.Duration // longest wait for the lock
	IOWaits   int           // I/O operations during which the lock was held and a thread waited for it
	Elapsed   time.Duration // from start to the last thread's end
	Executed  int64         // instructions run
}

// Run runs one thread (goroutine) per program and returns when all have
// halted. The error reports a bad program (an empty stack, a jump out of
// range, an unknown global).
func (in *Interp) Run(progs ...Program) (Stats, error) {
	start := time.Now()
	errs := make([]error, len(progs))
	waits := make([]wait, len(progs))
	var wg sync.WaitGroup
	for i, p := range progs {
		wg.Go(func() { errs[i] = in.thread(i, p, &waits[i]) })
	}
	wg.Wait()
	s := Stats{Threads: len(progs), Interval: in.interval, Overlaps: int(in.overlaps.Load()),
		Elapsed: time.Since(start), Executed: in.executed.Load(), IOWaits: int(in.ioWaits.Load())}
	for _, w := range waits {
		s.MaxBypass, s.MaxWait = max(s.MaxBypass, w.bypass), max(s.MaxWait, w.d)
	}
	return s, errors.Join(errs...)
}

// wait is the longest wait of one thread.
type wait struct {
	bypass int64
	d      time.Duration
}

// acquire takes the lock for thread th and records how long it waited.
func (in *Interp) acquire(th int, w *wait) {
	var t0 time.Time
	var n0 int64
	in.lock.acquire(th, func() { t0, n0 = time.Now(), in.executed.Load() })
	w.bypass = max(w.bypass, in.executed.Load()-n0)
	w.d = max(w.d, time.Since(t0))
}

func (in *Interp) thread(th int, p Program, w *wait) error {
	in.acquire(th, w)
	defer in.lock.release()
	var stack []int64
	ran := 0
	for pc := 0; pc < len(p); {
		if ran >= in.interval {
			ran = 0
			if in.lock.contended() {
				in.lock.release()
				in.acquire(th, w)
			}
		}
		ins := p[pc]
		if ins.Op == IO {
			in.doIO(th, ins.Arg, w)
			pc, ran = pc+1, 0
			continue
		}
		if ins.Op == Halt {
			return nil
		}
		var err error
		if pc, stack, err = in.exec(ins, pc, stack); err != nil {
			return fmt.Errorf("%w: thread %d: %v", ErrProgram, th, err)
		}
		ran++
	}
	return nil
}

func (in *Interp) doIO(th int, arg int64, w *wait) {
	if in.bug == BugHoldDuringIO {
		in.runIO(th, arg)
		return
	}
	in.lock.release()
	in.runIO(th, arg)
	in.acquire(th, w)
}

// runIO does the I/O, counting it for Bounded if thread th held the lock
// through it while another thread waited.
func (in *Interp) runIO(th int, arg int64) {
	in.io(arg)
	if in.lock.keepsWaiting(th) {
		in.ioWaits.Add(1)
	}
}

// exec runs one instruction, counting overlaps with other threads.
func (in *Interp) exec(ins Instr, pc int, stack []int64) (int, []int64, error) {
	if in.running.Add(1) > 1 {
		in.overlaps.Add(1)
	}
	defer in.running.Add(-1)
	in.executed.Add(1)
	pop := func() (int64, error) {
		if len(stack) == 0 {
			return 0, fmt.Errorf("instruction %d: empty stack", pc)
		}
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		return v, nil
	}
	global := func() (*int64, error) {
		if ins.Arg < 0 || int(ins.Arg) >= len(in.globals) {
			return nil, fmt.Errorf("instruction %d: no global %d", pc, ins.Arg)
		}
		return &in.globals[ins.Arg], nil
	}
	switch ins.Op {
	case Push:
		return pc + 1, append(stack, ins.Arg), nil
	case Dup:
		v, err := pop()
		return pc + 1, append(stack, v, v), err
	case Add:
		b, err1 := pop()
		a, err2 := pop()
		return pc + 1, append(stack, a+b), errors.Join(err1, err2)
	case Load:
		g, err := global()
		if err != nil {
			return pc, stack, err
		}
		return pc + 1, append(stack, *g), nil
	case Store:
		g, err1 := global()
		v, err2 := pop()
		if err := errors.Join(err1, err2); err != nil {
			return pc, stack, err
		}
		*g = v
		return pc + 1, stack, nil
	case JumpNZ:
		v, err := pop()
		if err != nil || v == 0 {
			return pc + 1, stack, err
		}
		if ins.Arg < 0 {
			return pc, stack, fmt.Errorf("instruction %d: jump to %d", pc, ins.Arg)
		}
		return int(ins.Arg), stack, nil
	}
	return pc, stack, fmt.Errorf("instruction %d: unknown op %d", pc, ins.Op)
}

// Bound is how long a thread may wait for the lock.
type Bound struct {
	Bypass int64         // instructions run by other threads
	Wait   time.Duration // time (0: no bound)
}

// DefaultBound is the fair hand-off bound of s: (threads-1) × interval
// instructions, and wait (0: no bound in time, which bytecode takes too
// natively).
func DefaultBound(s Stats, wait time.Duration) Bound {
	return Bound{Bypass: int64(max(s.Threads-1, 0) * s.Interval), Wait: wait}
}

// Exclusive is the mutual-exclusion check: no instruction started while
// another thread was running one.
func Exclusive(s Stats) error {
	if s.Overlaps > 0 {
		return fmt.Errorf("%w: %d instruction(s) overlapped", ErrOverlap, s.Overlaps)
	}
	return nil
}

// Bounded is the no-starvation check: no thread waited for the lock
// beyond b, nor through another thread's I/O.
func Bounded(s Stats, b Bound) error {
	switch {
	case s.MaxBypass > b.Bypass:
		return fmt.Errorf("%w: a waiting thread saw %d instructions of others run before it got the lock (bound %d)", ErrStarvation, s.MaxBypass, b.Bypass)
	case s.IOWaits > 0:
		return fmt.Errorf("%w: a thread waited for the lock through another thread's I/O (%d times)", ErrStarvation, s.IOWaits)
	case b.Wait > 0 && s.MaxWait > b.Wait:
		return fmt.Errorf("%w: a thread waited %v for the lock (bound %v)", ErrStarvation, s.MaxWait, b.Wait)
	}
	return nil
}
