package rt_test

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// The differential test draws small programs over every rt operation and
// explores each one under every reduction: DPOR and sleep sets must reach
// exactly the outcomes exhaustive search reaches (unbounded), and under a
// preemption bound they must find every failure exhaustive search finds
// within that bound and nothing exhaustive search cannot reach at all. A
// wrong dependency relation shows up as a missing outcome.

var long = flag.Bool("long", false, "differential reduction test: check 20× more programs")

// dcode is one kind of drawn operation; dops lists how each is drawn,
// shown and run.
type dcode uint8

const (
	dLock dcode = iota
	dUnlock
	dTryLock
	dRLock
	dRUnlock
	dWLock
	dWUnlock
	dWgAdd
	dWgDone
	dWgWait
	dOnce
	dCondWait
	dSignal
	dBroadcast
	dALoad
	dAStore
	dAAdd
	dACAS
	dVLoad
	dVStore
	dSend
	dRecv
	dTryRecv
	dClose
	dLen
	dSelect
	dTrySelect
	dSleep
	dAfter
	dSelectAfter
	dYield
	dNow
	dAssert
	dTimerStop
	dTimerReset
	dTimerRecv
	dAfterFunc
	dCancel
	dCtxErr
	dCtxDone
	dTryWLock
	dTryRLock
	dVAdd
	dVALoad
	dMapLoad
	dMapStore
	dMapLoadOrStore
	dMapLoadAndDelete
	dMapRange
	dPoolGet
	dPoolPut
	nDrawn // codes below are drawn; dGo is placed by the program generator
	dGo
)

// dop is one drawn operation. Which fields matter depends on the code: A
// picks the object (mutex, atomic, var, channel: 0 unbuffered, 1
// buffered, 2 nil) or the child to start, B the second select case, SA
// and SB whether a select case sends, N a duration in ms or a CAS
// operand, One a single-case TrySelect.
type dop struct {
	Code   dcode
	A, B   int
	SA, SB bool
	N      int
	One    bool
}

// dspec says how to draw the operands of an operation, render it and run
// it; run returns what the operation observed ("" for nothing).
type dspec struct {
	draw func(*rapid.T, *dop)
	show func(dop) string
	run  func(w *dworld, o dop, k int) string
}

// chanNames name the three channels in rendered programs.
var chanNames = [3]string{"u", "b", "nilc"}

var (
	drawMutex  = func(r *rapid.T, o *dop) { o.A = rapid.IntRange(0, 1).Draw(r, "mutex") }
	drawAtomic = func(r *rapid.T, o *dop) { o.A = rapid.IntRange(0, 1).Draw(r, "atomic") }
	drawChan   = func(r *rapid.T, o *dop) { o.A = rapid.IntRange(0, 2).Draw(r, "chan") }
	drawDur    = func(r *rapid.T, o *dop) { o.N = rapid.IntRange(0, 2).Draw(r, "ms") }
	drawCase   = func(r *rapid.T, o *dop) {
		o.A, o.SA = rapid.IntRange(0, 2).Draw(r, "chan"), rapid.Bool().Draw(r, "send")
	}
	drawCases = func(r *rapid.T, o *dop) {
		drawCase(r, o)
		o.B, o.SB = rapid.IntRange(0, 2).Draw(r, "chan2"), rapid.Bool().Draw(r, "send2")
	}
)

func fixed(s string) func(dop) string { return func(dop) string { return s } }

var dops = [nDrawn]dspec{
	dLock: {drawMutex, func(o dop) string { return fmt.Sprintf("mu%d.Lock()", o.A) },
		func(w *dworld, o dop, _ int) string { w.mu[o.A].Lock(); return "" }},
	dUnlock: {drawMutex, func(o dop) string { return fmt.Sprintf("mu%d.Unlock()", o.A) },
		func(w *dworld, o dop, _ int) string { w.mu[o.A].Unlock(); return "" }},
	dTryLock: {drawMutex, func(o dop) string { return fmt.Sprintf("mu%d.TryLock()", o.A) },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(w.mu[o.A].TryLock()) }},
	dTryWLock: {nil, fixed("rw.TryLock()"),
		func(w *dworld, _ dop, _ int) string { return fmt.Sprint(w.rw.TryLock()) }},
	dTryRLock: {nil, fixed("rw.TryRLock()"),
		func(w *dworld, _ dop, _ int) string { return fmt.Sprint(w.rw.TryRLock()) }},
	dMapLoad: {drawAtomic, func(o dop) string { return fmt.Sprintf("m.Load(%d)", o.A) },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(w.m.Load(o.A)) }},
	dMapStore: {drawAtomic, func(o dop) string { return fmt.Sprintf("m.Store(%d, k)", o.A) },
		func(w *dworld, o dop, k int) string { w.m.Store(o.A, k); return "" }},
	dMapLoadOrStore: {drawAtomic, func(o dop) string { return fmt.Sprintf("m.LoadOrStore(%d, k)", o.A) },
		func(w *dworld, o dop, k int) string { return fmt.Sprint(w.m.LoadOrStore(o.A, k)) }},
	dMapLoadAndDelete: {drawAtomic, func(o dop) string { return fmt.Sprintf("m.LoadAndDelete(%d)", o.A) },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(w.m.LoadAndDelete(o.A)) }},
	dMapRange: {nil, fixed("m.Range(...)"), func(w *dworld, _ dop, _ int) string {
		var kv []any
		w.m.Range(func(k, v any) bool { kv = append(kv, k, v); return true })
		return fmt.Sprint(kv)
	}},
	dPoolGet: {nil, fixed("pool.Get()"),
		func(w *dworld, _ dop, _ int) string { return fmt.Sprint(w.pool.Get()) }},
	dPoolPut: {nil, fixed("pool.Put(k)"),
		func(w *dworld, _ dop, k int) string { w.pool.Put(k); return "" }},
	dRLock: {nil, fixed("rw.RLock()"),
		func(w *dworld, _ dop, _ int) string { w.rw.RLock(); return "" }},
	dRUnlock: {nil, fixed("rw.RUnlock()"),
		func(w *dworld, _ dop, _ int) string { w.rw.RUnlock(); return "" }},
	dWLock: {nil, fixed("rw.Lock()"),
		func(w *dworld, _ dop, _ int) string { w.rw.Lock(); return "" }},
	dWUnlock: {nil, fixed("rw.Unlock()"),
		func(w *dworld, _ dop, _ int) string { w.rw.Unlock(); return "" }},
	dWgAdd: {nil, fixed("wg.Add(1)"),
		func(w *dworld, _ dop, _ int) string { w.wg.Add(1); return "" }},
	dWgDone: {nil, fixed("wg.Done()"),
		func(w *dworld, _ dop, _ int) string { w.wg.Done(); return "" }},
	dWgWait: {nil, fixed("wg.Wait()"),
		func(w *dworld, _ dop, _ int) string { w.wg.Wait(); return "" }},
	dOnce: {nil, fixed("once.Do(func() { a1.Add(100) })"),
		func(w *dworld, _ dop, _ int) string { w.once.Do(func() { w.at[1].Add(100) }); return "" }},
	// the Cond is used as sync.Cond should be (the flag guarded by mu0),
	// so that it is exercised, not just deadlocked on
	dCondWait: {nil, fixed("mu0.Lock(); if !flag { cond.Wait() }; mu0.Unlock()"), runCondWait},
	dSignal: {nil, fixed("mu0.Lock(); flag = true; cond.Signal(); mu0.Unlock()"),
		func(w *dworld, _ dop, _ int) string { w.wake(w.cond.Signal); return "" }},
	dBroadcast: {nil, fixed("mu0.Lock(); flag = true; cond.Broadcast(); mu0.Unlock()"),
		func(w *dworld, _ dop, _ int) string { w.wake(w.cond.Broadcast); return "" }},
	dALoad: {drawAtomic, func(o dop) string { return fmt.Sprintf("a%d.Load()", o.A) },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(w.at[o.A].Load()) }},
	dAStore: {drawAtomic, func(o dop) string { return fmt.Sprintf("a%d.Store(k)", o.A) },
		func(w *dworld, o dop, k int) string { w.at[o.A].Store(int64(k)); return "" }},
	dAAdd: {drawAtomic, func(o dop) string { return fmt.Sprintf("a%d.Add(1)", o.A) },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(w.at[o.A].Add(1)) }},
	dACAS: {func(r *rapid.T, o *dop) { drawAtomic(r, o); o.N = rapid.IntRange(0, 1).Draw(r, "old") },
		func(o dop) string { return fmt.Sprintf("a%d.CompareAndSwap(%d, k)", o.A, o.N) },
		func(w *dworld, o dop, k int) string {
			return fmt.Sprint(w.at[o.A].CompareAndSwap(int64(o.N), int64(k)))
		}},
	dVLoad: {drawAtomic, func(o dop) string { return fmt.Sprintf("v%d.Load()", o.A) },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(w.vs[o.A].Load()) }},
	dVStore: {drawAtomic, func(o dop) string { return fmt.Sprintf("v%d.Store(k)", o.A) },
		func(w *dworld, o dop, k int) string { w.vs[o.A].Store(int64(k)); return "" }},
	// the atomic function forms on a Var's memory: checked against its
	// plain Loads and Stores
	dVAdd: {drawAtomic, func(o dop) string { return fmt.Sprintf("rt.AddInt64(v%d.Addr(), 1)", o.A) },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(rt.AddInt64(w.vs[o.A].Addr(), 1)) }},
	dVALoad: {drawAtomic, func(o dop) string { return fmt.Sprintf("rt.LoadInt64(v%d.Addr())", o.A) },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(rt.LoadInt64(w.vs[o.A].Addr())) }},
	dSend: {drawChan, func(o dop) string { return chanNames[o.A] + ".Send(k)" },
		func(w *dworld, o dop, k int) string { w.ch[o.A].Send(k); return "" }},
	dRecv: {drawChan, func(o dop) string { return chanNames[o.A] + ".Recv()" },
		func(w *dworld, o dop, _ int) string { v, ok := w.ch[o.A].Recv(); return fmt.Sprint(v, ok) }},
	dTryRecv: {drawChan, func(o dop) string { return chanNames[o.A] + ".TryRecv()" },
		func(w *dworld, o dop, _ int) string {
			v, ok, ready := w.ch[o.A].TryRecv()
			return fmt.Sprint(v, ok, ready)
		}},
	dClose: {drawChan, func(o dop) string { return chanNames[o.A] + ".Close()" },
		func(w *dworld, o dop, _ int) string { w.ch[o.A].Close(); return "" }},
	dLen: {drawChan, func(o dop) string { return chanNames[o.A] + ".Len()" },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(w.ch[o.A].Len()) }},
	dSelect: {drawCases, func(o dop) string {
		return fmt.Sprintf("rt.Select(%s, %s)", caseText(o.A, o.SA), caseText(o.B, o.SB))
	}, func(w *dworld, o dop, k int) string {
		var got string
		i := rt.Select(w.onCase(o.A, o.SA, k, &got), w.onCase(o.B, o.SB, k, &got))
		return fmt.Sprintf("%d %s", i, got)
	}},
	// a one-case TrySelect with a send case is TrySend
	dTrySelect: {func(r *rapid.T, o *dop) { drawCases(r, o); o.One = rapid.Bool().Draw(r, "one") },
		func(o dop) string {
			if o.One {
				return fmt.Sprintf("rt.TrySelect(%s)", caseText(o.A, o.SA))
			}
			return fmt.Sprintf("rt.TrySelect(%s, %s)", caseText(o.A, o.SA), caseText(o.B, o.SB))
		}, func(w *dworld, o dop, k int) string {
			var got string
			cases := []rt.Case{w.onCase(o.A, o.SA, k, &got)}
			if !o.One {
				cases = append(cases, w.onCase(o.B, o.SB, k, &got))
			}
			return fmt.Sprintf("%d %s", rt.TrySelect(cases...), got)
		}},
	dSleep: {drawDur, func(o dop) string { return fmt.Sprintf("rt.Sleep(%dms)", o.N) },
		func(w *dworld, o dop, _ int) string { rt.Sleep(ms(o.N)); return "" }},
	dAfter: {drawDur, func(o dop) string { return fmt.Sprintf("rt.After(%dms).Recv()", o.N) },
		func(w *dworld, o dop, _ int) string {
			v, ok := rt.After(ms(o.N)).Recv()
			return fmt.Sprint(v.Sub(w.start), ok)
		}},
	// a select with a timeout
	dSelectAfter: {func(r *rapid.T, o *dop) { drawCase(r, o); drawDur(r, o) },
		func(o dop) string { return fmt.Sprintf("rt.Select(%s, rt.After(%dms))", caseText(o.A, o.SA), o.N) },
		func(w *dworld, o dop, k int) string {
			var got string
			return fmt.Sprintf("%d %s", rt.Select(w.onCase(o.A, o.SA, k, &got), rt.After(ms(o.N)).OnRecv(nil)), got)
		}},
	dYield: {nil, fixed("rt.Yield()"),
		func(w *dworld, _ dop, _ int) string { rt.Yield(); return "" }},
	dNow: {nil, fixed("rt.Now()"),
		func(w *dworld, _ dop, _ int) string { return fmt.Sprint(rt.Now().Sub(w.start)) }},
	// a failing assertion is an outcome too (rt.KindTestFailure)
	dAssert: {drawAtomic, func(o dop) string { return fmt.Sprintf("if a%d.Load() != 0 { t.Error() }", o.A) },
		func(w *dworld, o dop, _ int) string {
			if w.at[o.A].Load() != 0 {
				w.t.Errorf("a%d != 0", o.A)
			}
			return ""
		}},
	// tm is NewTimer(1ms), ctx is WithCancel(Background()), each made only
	// for the programs that use it (a timeout is an AfterFunc that
	// cancels: both are drawn)
	dTimerStop: {nil, fixed("tm.Stop()"),
		func(w *dworld, _ dop, _ int) string { return fmt.Sprint(w.tm.Stop()) }},
	dTimerReset: {drawDur, func(o dop) string { return fmt.Sprintf("tm.Reset(%dms)", o.N) },
		func(w *dworld, o dop, _ int) string { return fmt.Sprint(w.tm.Reset(ms(o.N))) }},
	dTimerRecv: {nil, fixed("tm.C.TryRecv()"),
		func(w *dworld, _ dop, _ int) string {
			v, ok, ready := w.tm.C.TryRecv()
			return fmt.Sprint(v.Sub(w.start), ok, ready)
		}},
	dAfterFunc: {drawDur, func(o dop) string { return fmt.Sprintf("rt.AfterFunc(%dms, func() { a1.Add(10) })", o.N) },
		func(w *dworld, o dop, _ int) string { rt.AfterFunc(ms(o.N), func() { w.at[1].Add(10) }); return "" }},
	dCancel: {nil, fixed("cancel()"),
		func(w *dworld, _ dop, _ int) string { w.cancel(); return "" }},
	dCtxErr: {nil, fixed("ctx.Err()"),
		func(w *dworld, _ dop, _ int) string { return fmt.Sprint(w.ctx.Err()) }},
	dCtxDone: {drawCase, func(o dop) string { return fmt.Sprintf("rt.Select(rt.Done(ctx), %s)", caseText(o.A, o.SA)) },
		func(w *dworld, o dop, k int) string {
			var got string
			return fmt.Sprintf("%d %s", rt.Select(rt.Done(w.ctx).OnRecv(nil), w.onCase(o.A, o.SA, k, &got)), got)
		}},
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func caseText(c int, send bool) string {
	if send {
		return chanNames[c] + ".OnSend(k)"
	}
	return chanNames[c] + ".OnRecv()"
}

func runCondWait(w *dworld, _ dop, _ int) string {
	w.mu[0].Lock()
	waited := !w.flag
	if waited {
		w.cond.Wait()
	}
	w.mu[0].Unlock()
	return fmt.Sprint("waited ", waited)
}

// dworld is the shared state of one execution of a program.
type dworld struct {
	t    *rt.T
	mu   [2]rt.Mutex
	rw   rt.RWMutex
	wg   rt.WaitGroup
	once rt.Once
	cond *rt.Cond
	flag bool // guarded by mu0: read and written right after a mu0.Lock step
	at   [2]rt.Int64
	vs   [2]rt.Var[int64]
	m    rt.Map
	pool rt.Pool
	// u (unbuffered), b (buffered) and nilc, a nil *Chan
	ch     [3]*rt.Chan[int]
	tm     *rt.Timer
	ctx    context.Context
	cancel context.CancelFunc
	start  time.Time
	obs    [][]string // what each goroutine observed, op by op
}

func newWorld(t *rt.T, p dprog) *dworld {
	w := &dworld{t: t, start: rt.Now(), obs: make([][]string, len(p.Kids)+1)}
	w.cond = rt.NewCond(&w.mu[0])
	w.ch = [3]*rt.Chan[int]{rt.NewChan[int](0), rt.NewChan[int](p.Cap), nil}
	if p.uses(dTimerStop, dTimerReset, dTimerRecv) {
		w.tm = rt.NewTimer(time.Millisecond)
	}
	if p.uses(dCancel, dCtxErr, dCtxDone) {
		w.ctx, w.cancel = rt.WithCancel(context.Background())
	}
	return w
}

func (w *dworld) wake(f func()) {
	w.mu[0].Lock()
	w.flag = true
	f()
	w.mu[0].Unlock()
}

// onCase is a select case on channel c that records a received value in
// got.
func (w *dworld) onCase(c int, send bool, k int, got *string) rt.Case {
	if send {
		return w.ch[c].OnSend(k, nil)
	}
	return w.ch[c].OnRecv(func(v int, ok bool) { *got = fmt.Sprint(v, ok) })
}

// runOps runs goroutine g's operations; the k passed to each is unique to
// its position, so a received or loaded value tells where it came from.
func (w *dworld) runOps(g int, ops []dop, p dprog) {
	for i, o := range ops {
		if o.Code == dGo {
			w.start1(o.A, p)
			continue
		}
		if s := dops[o.Code].run(w, o, 10*g+i+1); s != "" {
			w.obs[g] = append(w.obs[g], fmt.Sprintf("%d:%s", i, s))
		}
	}
}

func (w *dworld) start1(kid int, p dprog) {
	f := func() { w.runOps(kid+1, p.Kids[kid], p) }
	if p.ViaWG[kid] {
		w.wg.Go(f)
	} else {
		w.t.Go(f)
	}
}

// state renders what a passing execution observed: each goroutine's
// results and the final atomics, vars, map and flag (every goroutine has
// ended, so they are read natively).
func (w *dworld) state() string {
	m := [2]any{}
	for k := range m {
		m[k], _ = w.m.Load(k)
	}
	return fmt.Sprintf("%q a=[%d %d] v=[%d %d] m=%v flag=%v", w.obs,
		w.at[0].Load(), w.at[1].Load(), w.vs[0].Load(), w.vs[1].Load(), m, w.flag)
}

// dprog is a drawn program: the body's operations (including the dGo
// that start the children) and each child's.
type dprog struct {
	Cap   int // capacity of channel b
	Body  []dop
	Kids  [][]dop
	ViaWG []bool // child started with wg.Go instead of t.Go
}

// uses reports whether a goroutine of p runs one of codes.
func (p dprog) uses(codes ...dcode) bool {
	for _, ops := range append([][]dop{p.Body}, p.Kids...) {
		for _, o := range ops {
			if slices.Contains(codes, o.Code) {
				return true
			}
		}
	}
	return false
}

func (o dop) String() string {
	if o.Code == dGo {
		return fmt.Sprintf("go G%d", o.A+1)
	}
	return dops[o.Code].show(o)
}

// GoString renders the program as rapid prints drawn values.
func (p dprog) GoString() string {
	var b strings.Builder
	fmt.Fprintf(&b, "u := rt.NewChan[int](0); b := rt.NewChan[int](%d)\n", p.Cap)
	line := func(g int, ops []dop) {
		fmt.Fprintf(&b, "  G%d:", g)
		for i, o := range ops {
			fmt.Fprintf(&b, " %d:%v;", i, o)
		}
		b.WriteByte('\n')
	}
	line(0, p.Body)
	for i, ops := range p.Kids {
		line(i+1, ops)
		if p.ViaWG[i] {
			b.WriteString("    (started with wg.Go)\n")
		}
	}
	return b.String()
}

func (p dprog) String() string { return p.GoString() }

// dgroups weights the drawn operations: a group is drawn, then an
// operation in it. Channel operations, where the subtle dependencies are,
// are drawn twice as often as the others; memory operations (one step
// each) also twice, to dilute timers, whose firing times multiply the
// schedules and make too many programs too large to exhaust.
var dgroups = [][]dcode{
	{dLock, dUnlock, dTryLock, dRLock, dRUnlock, dWLock, dWUnlock, dTryWLock, dTryRLock},
	{dWgAdd, dWgDone, dWgWait, dOnce, dCondWait, dSignal, dBroadcast},
	{dALoad, dAStore, dAAdd, dACAS, dVLoad, dVStore, dAssert, dVAdd, dVALoad},
	{dALoad, dAStore, dAAdd, dACAS, dVLoad, dVStore, dAssert, dVAdd, dVALoad},
	{dMapLoad, dMapStore, dMapLoadOrStore, dMapLoadAndDelete, dMapRange, dPoolGet, dPoolPut},
	{dSend, dRecv, dTryRecv, dClose, dLen, dSelect, dTrySelect},
	{dSend, dRecv, dTryRecv, dClose, dLen, dSelect, dTrySelect},
	{dSleep, dAfter, dSelectAfter, dYield, dNow, dTimerStop, dTimerReset, dTimerRecv, dAfterFunc,
		dCancel, dCtxErr, dCtxDone},
}

// dmaxTotal caps the operations of a whole program: exhaustive search
// grows exponentially with it, and programs it cannot exhaust are wasted.
const dmaxTotal = 7

// dgen narrows what progGen draws: operations from codes, at most
// maxTotal in all, on the first chans channels.
type dgen struct {
	codes    []dcode
	maxTotal int
	chans    int
}

// dall draws from every operation.
var dall = dgen{codes: allCodes(), maxTotal: dmaxTotal, chans: 3}

// progGen draws 1 to 3 children, each starting at a drawn point of the
// body, with up to 6 operations per goroutine.
func progGen(cfg dgen) *rapid.Generator[dprog] {
	var groups [][]dcode
	for _, g := range dgroups {
		if g = slices.DeleteFunc(slices.Clone(g), func(c dcode) bool { return !slices.Contains(cfg.codes, c) }); len(g) > 0 {
			groups = append(groups, g)
		}
	}
	op := rapid.Custom(func(r *rapid.T) dop {
		o := dop{Code: rapid.SampledFrom(rapid.SampledFrom(groups).Draw(r, "group")).Draw(r, "op")}
		if d := dops[o.Code].draw; d != nil {
			d(r, &o)
		}
		if isChanOp(o.Code) {
			o.A, o.B = o.A%cfg.chans, o.B%cfg.chans
		}
		return o
	})
	return rapid.Custom(func(r *rapid.T) dprog {
		n := rapid.IntRange(1, 3).Draw(r, "children")
		p := dprog{Cap: rapid.IntRange(1, 2).Draw(r, "cap")}
		left := cfg.maxTotal
		for kid := range n {
			ops := rapid.SliceOfN(op, 1, min(6, left-(n-1-kid))).Draw(r, "ops")
			left -= len(ops)
			p.Kids = append(p.Kids, ops)
			p.ViaWG = append(p.ViaWG, rapid.Bool().Draw(r, "wg.Go"))
		}
		p.Body = rapid.SliceOfN(op, 0, min(6, left)).Draw(r, "body")
		for kid := range n {
			at := rapid.IntRange(0, len(p.Body)).Draw(r, "start at")
			p.Body = slices.Insert(p.Body, at, dop{Code: dGo, A: kid})
		}
		return p
	})
}

// dresult is what one exploration reached.
type dresult struct {
	outcomes map[string]bool // failure kinds, or "ok " + observations
	kinds    map[rt.Kind]bool
	rep      rt.Report
}

// exploreProg explores p with one reduction and bound. A failed
// execution contributes only its kind: its observations may be partial.
func exploreProg(p dprog, red rt.Reduction, bound, maxExec int, opts ...rt.Option) (dresult, error) {
	res := dresult{outcomes: map[string]bool{}, kinds: map[rt.Kind]bool{}}
	var w *dworld
	body := func(t *rt.T) {
		w = newWorld(t, p)
		w.runOps(0, p.Body, p)
	}
	onEnd := func(kind rt.Kind, pruned bool) {
		switch {
		case pruned:
		case kind != "":
			res.outcomes[string(kind)] = true
			res.kinds[kind] = true
		default:
			res.outcomes["ok "+w.state()] = true
		}
	}
	var err error
	res.rep, err = rt.ExploreAll(body, onEnd, append([]rt.Option{rt.WithReduction(red), rt.WithPreemptionBound(bound),
		rt.WithMaxExecutions(maxExec), rt.WithBlockTimeout(10 * time.Second)}, opts...)...)
	return res, err
}

// dmaxExec bounds each exploration; a program whose exhaustive
// exploration needs more is skipped (counted, see
// TestDifferentialReductions).
const dmaxExec = 600

var reduced = []rt.Reduction{rt.DPOR, rt.SleepSets}

// diffProg checks the property on p: "" if it holds, else what broke.
// skipped reports that exhaustive search did not finish within dmaxExec.
func diffProg(p dprog) (msg string, skipped bool, err error) {
	full, err := exploreProg(p, rt.NoReduction, -1, dmaxExec)
	if err != nil || !full.rep.Exhausted {
		return "", true, err
	}
	for _, red := range reduced {
		got, err := exploreProg(p, red, -1, dmaxExec)
		if err != nil {
			return "", false, err
		}
		if m := compareRuns(red, -1, full, got, full); m != "" {
			return m, false, nil
		}
	}
	for _, bound := range []int{0, 1, 2} {
		nb, err := exploreProg(p, rt.NoReduction, bound, dmaxExec)
		if err != nil {
			return "", false, err
		}
		for _, red := range reduced {
			got, err := exploreProg(p, red, bound, dmaxExec)
			if err != nil {
				return "", false, err
			}
			if m := compareRuns(red, bound, nb, got, full); m != "" {
				return m, false, nil
			}
		}
	}
	return "", false, nil
}

// dshards is how many shards diffShards splits a program into, at
// depth dshardDepth (fixed, so that even small trees split).
const dshards, dshardDepth = 3, 2

// diffShards checks sharding on p as diffProg checks the reductions: for
// each reduction, unbounded and with preemption bound 2, the shards
// together (their outcomes joined, their executions summed, each shard
// exhausted) must pass compareRuns against the unsharded search without
// reduction: the same outcomes as exhaustive search when unbounded, every
// failure kind of the bounded search and nothing unreachable when
// bounded.
func diffShards(p dprog) (msg string, skipped bool, err error) {
	full, err := exploreProg(p, rt.NoReduction, -1, dmaxExec)
	if err != nil || !full.rep.Exhausted {
		return "", true, err
	}
	for _, bound := range []int{-1, 2} {
		base := full
		if bound >= 0 {
			if base, err = exploreProg(p, rt.NoReduction, bound, dmaxExec); err != nil {
				return "", false, err
			}
		}
		for _, red := range reduced {
			union := dresult{outcomes: map[string]bool{}, kinds: map[rt.Kind]bool{}}
			union.rep.Exhausted = true
			for k := 1; k <= dshards; k++ {
				got, err := exploreProg(p, red, bound, dmaxExec, rt.WithShard(k, dshards), rt.WithShardDepth(dshardDepth))
				if err != nil {
					return "", false, err
				}
				maps.Copy(union.outcomes, got.outcomes)
				maps.Copy(union.kinds, got.kinds)
				union.rep.Executions += got.rep.Executions
				union.rep.Exhausted = union.rep.Exhausted && got.rep.Exhausted
			}
			if m := compareRuns(red, bound, base, union, full); m != "" {
				return fmt.Sprintf("%d shards: %s", dshards, m), false, nil
			}
		}
	}
	return "", false, nil
}

// compareRuns compares reduced run got with the NoReduction run base of
// the same bound (full: unbounded NoReduction).
func compareRuns(red rt.Reduction, bound int, base, got, full dresult) string {
	where := fmt.Sprintf("%v with preemption bound %d", red, bound)
	switch {
	case !got.rep.Exhausted:
		return fmt.Sprintf("%s: not exhausted after %d executions (none: %d)", where, got.rep.Executions, base.rep.Executions)
	case got.rep.Executions > base.rep.Executions:
		return fmt.Sprintf("%s: %d executions, more than the %d without reduction", where, got.rep.Executions, base.rep.Executions)
	}
	if bound < 0 {
		missing, extra := setDiff(full.outcomes, got.outcomes), setDiff(got.outcomes, full.outcomes)
		if len(missing)+len(extra) > 0 {
			return fmt.Sprintf("%s: outcomes differ from exhaustive search\n  missing: %q\n  extra: %q", where, missing, extra)
		}
		return ""
	}
	if missing := setDiff(base.kinds, got.kinds); len(missing) > 0 {
		return fmt.Sprintf("%s: misses failures found without reduction: %q", where, missing)
	}
	if extra := setDiff(got.outcomes, full.outcomes); len(extra) > 0 {
		return fmt.Sprintf("%s: outcomes no schedule reaches: %q", where, extra)
	}
	return ""
}

// setDiff returns the sorted keys of a not in b.
func setDiff[K ~string](a, b map[K]bool) []K {
	var d []K
	for k := range a {
		if !b[k] {
			d = append(d, k)
		}
	}
	slices.Sort(d)
	return d
}

// dstats counts the programs a property run checked and skipped, until
// the first failure (then rapid is shrinking it).
type dstats struct {
	programs, skipped int
	failed            bool
}

// differential is the rapid property: draw a program and check it.
func differential(st *dstats, cfg dgen) func(*rapid.T) {
	return property(st, cfg, diffProg)
}

// property draws a program and checks it with check.
func property(st *dstats, cfg dgen, check func(dprog) (string, bool, error)) func(*rapid.T) {
	gen := progGen(cfg)
	return func(r *rapid.T) {
		p := gen.Draw(r, "program")
		msg, skipped, err := check(p)
		if !st.failed {
			st.programs++
			if skipped {
				st.skipped++
			}
		}
		if err != nil || msg != "" {
			st.failed = true
		}
		if err != nil {
			r.Fatalf("%v\n%#v", err, p)
		}
		if msg != "" {
			r.Fatalf("%s\nprogram:\n%#v", msg, p)
		}
	}
}

// isChanOp reports whether A and B of an operation name channels.
func isChanOp(c dcode) bool {
	return c >= dSend && c <= dTrySelect || c == dSelectAfter
}

// allCodes is every drawn operation.
func allCodes() []dcode {
	cs := make([]dcode, nDrawn)
	for i := range cs {
		cs[i] = dcode(i)
	}
	return cs
}

// cmdline is the set of flags given on the command line (withFlag's own
// flag.Set would look the same to flag.Visit later on).
var cmdline = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
})

// withFlag runs f with flag name set to value unless the command line set
// it (rapid reads its flags when Check starts).
func withFlag(name, value string, f func()) {
	if cmdline()[name] {
		f()
		return
	}
	old := flag.Lookup(name).Value.String()
	_ = flag.Set(name, value)
	defer func() { _ = flag.Set(name, old) }()
	f()
}

// TestDifferentialReductions checks the reductions on drawn programs over
// every operation: 2000 by default, from a fixed seed so that CI checks
// the same programs every time (400 with -short: rapid divides by 5);
// 40000 from a random seed with -long; -rapid.checks and -rapid.seed
// override.
func TestDifferentialReductions(t *testing.T) {
	differentialRun(t, diffProg, 2000, 40000)
}

// TestDifferentialShards checks sharded DFS the same way (diffShards):
// 300 programs by default, 10000 with -long.
func TestDifferentialShards(t *testing.T) {
	differentialRun(t, diffShards, 300, 10000)
}

func differentialRun(t *testing.T, check func(dprog) (string, bool, error), n, nLong int) {
	seed := "1"
	if *long {
		n, seed = nLong, "0" // 0: rapid draws a seed
	}
	st := &dstats{}
	start := time.Now()
	defer func() {
		t.Logf("%d programs (%d skipped as too large) in %v", st.programs, st.skipped, time.Since(start).Round(time.Millisecond))
	}()
	withFlag("rapid.seed", seed, func() {
		withFlag("rapid.checks", fmt.Sprint(n), func() { rapid.Check(t, property(st, dall, check)) })
	})
	require.LessOrEqual(t, st.skipped*5, st.programs, "more than 20%% of the programs were too large to exhaust: draw smaller ones")
}

// dgo starts child i in a hand-written program.
func dgo(i int) dop { return dop{Code: dGo, A: i} }

// dkids is a program whose body starts every child with t.Go and then
// runs body.
func dkids(body []dop, kids ...[]dop) dprog {
	p := dprog{Cap: 1, Kids: kids, ViaWG: make([]bool, len(kids))}
	for i := range kids {
		p.Body = append(p.Body, dgo(i))
	}
	p.Body = append(p.Body, body...)
	return p
}

// seededBugs are the wrong dependency relations rt can seed: each must
// make the property fail, on drawn programs over codes and on prog.
var seededBugs = []struct {
	name string
	gen  dgen
	prog dprog
}{
	// closing b while G2 polls it: TryRecv sees it closed or not (a
	// poll that finds nothing is a read, so with close a read too, sleep
	// sets prune the order where the poll comes first)
	{"close-is-read", dgen{[]dcode{dClose, dTryRecv, dLen}, 3, 3},
		dkids(nil, []dop{{Code: dClose, A: 1}}, []dop{{Code: dTryRecv, A: 1}})},
	// two critical sections that store to a0: the last one wins
	{"lock-is-read", dgen{[]dcode{dLock, dUnlock, dTryLock, dAStore}, 3, 3},
		dkids(nil, []dop{{Code: dLock}, {Code: dAStore}, {Code: dUnlock}},
			[]dop{{Code: dLock}, {Code: dAStore}, {Code: dUnlock}})},
	// two stores: the last one wins
	{"atomic-is-read", dgen{[]dcode{dALoad, dAStore, dAAdd, dACAS}, 3, 3},
		dkids(nil, []dop{{Code: dAStore}}, []dop{{Code: dAAdd}})},
	// the select takes u or the closed b
	{"select-chosen-only", dgen{[]dcode{dSend, dClose, dSelect}, 3, 2},
		dkids([]dop{{Code: dSelect, A: 0, B: 1}}, []dop{{Code: dSend, A: 0}}, []dop{{Code: dClose, A: 1}})},
	// G1 reaches its blocking send within its step on a0, which comes
	// first: G2's poll must also be tried before it (then G1 leaks)
	{"no-arrival", dgen{[]dcode{dSend, dTryRecv, dAAdd}, 3, 1},
		dkids(nil, []dop{{Code: dAAdd}, {Code: dSend, A: 0}}, []dop{{Code: dTryRecv, A: 0}})},
	// the timer fires before G1 stops it, or not
	{"stop-is-local", dgen{[]dcode{dTimerStop, dTimerRecv, dAAdd}, 3, 2},
		dkids(nil, []dop{{Code: dAAdd}, {Code: dTimerStop}}, []dop{{Code: dSleep, N: 2}})},
}

// TestDifferentialFindsSeededBugs checks that the property has teeth:
// with a wrong dependency relation seeded, the hand-written program
// tells the reductions apart (it agrees without the bug), and so does
// rapid on programs drawn from the operations the bug is about (not
// under -short: it takes up to a second or two per bug).
func TestDifferentialFindsSeededBugs(t *testing.T) {
	for _, bug := range seededBugs {
		t.Run(bug.name, func(t *testing.T) {
			msg, skipped, err := diffProg(bug.prog)
			require.NoError(t, err)
			require.False(t, skipped)
			require.Empty(t, msg, "without the bug:\n%#v", bug.prog)

			restore := rt.SeedDependencyBug(bug.name)
			defer restore()
			msg, _, err = diffProg(bug.prog)
			require.NoError(t, err)
			require.NotEmpty(t, msg, "the seeded bug goes unnoticed on\n%#v", bug.prog)

			if testing.Short() {
				return
			}
			tb := &recordingTB{}
			// small programs over the bug's operations and objects find it
			// quickly
			withFlag("rapid.checks", "1000", func() {
				withFlag("rapid.shrinktime", "500ms", func() { rapid.Check(tb, differential(&dstats{}, bug.gen)) })
			})
			require.NotEmpty(t, tb.failure, "rapid found no program telling the reductions apart")
			t.Log(tb.failure)
		})
	}
}

// TestDifferentialRegressions are minimal programs that rapid found
// telling the reductions apart.
func TestDifferentialRegressions(t *testing.T) {
	for _, tc := range []struct {
		name string
		prog dprog
	}{
		// RUnlock panics unless the RLock came first: they do not commute
		{"rlock-runlock", dkids(nil, []dop{{Code: dRUnlock}}, []dop{{Code: dRLock}})},
		// the execution ends at the panicking Unlock: G1's Lock must still
		// be found racing with it
		{"race-with-last-step", dkids([]dop{{Code: dUnlock}}, []dop{{Code: dLock}})},
		// G2 is started (and reaches its select on u) within G0's rw.Lock
		// step: G1's TrySelect receives only if that came first
		{"arrival-by-start", dprog{Cap: 1, Body: []dop{dgo(0), {Code: dWLock}, dgo(1)}, ViaWG: []bool{false, false},
			Kids: [][]dop{{{Code: dTrySelect, A: 0, One: true}}, {{Code: dSelect, A: 0, B: 0, SB: true}}}}},
		// G1 reaches its Recv on u within its rw.Lock step; then both of
		// G0's send cases are ready
		{"arrival-after-step", dprog{Cap: 1, Body: []dop{dgo(0), {Code: dSelect, A: 0, SA: true, B: 0, SB: true}},
			ViaWG: []bool{false}, Kids: [][]dop{{{Code: dWLock}, {Code: dRecv, A: 0}}}}},
		// G2 reaches its send on u when its Sleep ends: G1's poll receives
		// only after that
		{"arrival-after-sleep", dkids(nil, []dop{{Code: dTrySelect, A: 0, B: 0}},
			[]dop{{Code: dSleep, N: 1}, {Code: dSend, A: 0}})},
		// G1's select is completed by G0's send without a step of its own:
		// taking its ready send case on b instead must still be tried
		{"passive-select", dkids([]dop{{Code: dSend, A: 0}}, []dop{{Code: dSelect, A: 1, SA: true, B: 0}})},
		// the default of a two-case TrySelect depends on everything, so
		// G1's Lock races with it
		{"try-select-default", dkids(nil, []dop{{Code: dLock}},
			[]dop{{Code: dTrySelect, A: 1, B: 1}, {Code: dTryLock}})},
		// a TryRecv on the nil channel is ordered after the Sleep (which
		// depends on everything), so it races with it
		{"nil-chan-after-sleep", dkids([]dop{{Code: dAStore}, {Code: dSleep}},
			[]dop{{Code: dTryRecv, A: 2}, {Code: dALoad}})},
		// G3's load must come before G1's store, and G2's after it: after
		// G2's Add (while G1 sleeps) the race of G2's load with the store
		// is reversed by G3, not by G1 (source sets)
		{"initial-of-reversal", dprog{Cap: 1, Body: []dop{dgo(1), dgo(0), dgo(2)}, ViaWG: []bool{false, false, false},
			Kids: [][]dop{{{Code: dWgAdd}, {Code: dALoad}}, {{Code: dAStore}}, {{Code: dALoad}}}}},
		// the store reads the clock (Now) on its way: the clock's step must
		// be tried before it although the store alone is independent of it
		{"initial-with-whole-footprint", dprog{Cap: 1, Body: []dop{dgo(2), dgo(1), dgo(0)}, ViaWG: []bool{false, false, false},
			Kids: [][]dop{{{Code: dALoad}}, {{Code: dAfter, N: 1}}, {{Code: dAStore}, {Code: dNow}}}}},
		// two atomic loads commute: neither orders the goroutines (in
		// every order G1's load of v races with G2's store)
		{"atomic-loads-commute", dprog{Cap: 1, Body: []dop{dgo(1), dgo(0)}, ViaWG: []bool{false, false},
			Kids: [][]dop{{{Code: dVLoad}, {Code: dALoad}}, {{Code: dALoad}, {Code: dVStore}}}}},
		// G1's t.Error panics if the body has returned: it must be tried
		// before and after the body's last step
		{"error-after-body", dkids([]dop{{Code: dAStore, A: 1}, {Code: dLock}}, []dop{{Code: dAssert, A: 1}})},
		// a clock step may be enabled by either of two deadlines: both
		// orders of G1's After and G2's Sleep against it are tried
		{"two-deadlines", dprog{Cap: 1, Body: []dop{dgo(0), dgo(1)}, ViaWG: []bool{false, true},
			Kids: [][]dop{{{Code: dAfter, N: 2}, {Code: dWgDone}}, {{Code: dSleep, N: 2}, {Code: dSend, A: 0}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg, skipped, err := diffProg(tc.prog)
			require.NoError(t, err)
			require.False(t, skipped)
			require.Empty(t, msg, "program:\n%#v", tc.prog)
		})
	}
}
