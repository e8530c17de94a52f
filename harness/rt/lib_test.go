package rt_test

import (
	"fmt"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// libCases are seeded bugs in code using the parts of Go's concurrency
// library that rt mirrors (sync.Map, Pool, OnceValue, RWMutex.TryLock,
// atomic And/Or, Pointer, Value, the atomic function forms, nil channels,
// ranging over a channel), each with its fix: DPOR must find the bug and
// exhaust the fix.
var libCases = []checkCase{
	{
		name: "send on a nil channel field", kind: rt.KindLeak,
		want: []string{"nil channel"},
		bug: func(t *rt.T) {
			var results *rt.Chan[int] // never made
			t.Go(func() { results.Send(1) })
		},
		ok: func(t *rt.T) {
			results := rt.NewChan[int](1)
			t.Go(func() { results.Send(1) })
		},
	},
	{
		name: "close of a nil channel", kind: rt.KindPanic,
		want: []string{"close of nil channel"},
		bug: func(t *rt.T) {
			var done *rt.Chan[struct{}]
			t.Go(func() { done.Close() })
		},
		ok: func(t *rt.T) {
			done := rt.NewChan[struct{}](0)
			t.Go(func() { done.Close() })
			done.Recv()
		},
	},
	{
		name: "range over a channel nobody closes", kind: rt.KindDeadlock,
		want: []string{"Recv"},
		bug: func(t *rt.T) {
			c := rt.NewChan[int](1)
			t.Go(func() { c.Send(1); c.Send(2) })
			for range c.All() {
			}
		},
		ok: func(t *rt.T) {
			c := rt.NewChan[int](1)
			t.Go(func() { c.Send(1); c.Send(2); c.Close() })
			sum := 0
			for v := range c.All() {
				sum += v
			}
			if sum != 3 {
				t.Errorf("sum %d", sum)
			}
		},
	},
	{
		name: "writing under TryRLock", kind: rt.KindRace,
		want: []string{"Store"},
		bug: func(t *rt.T) {
			var rw rt.RWMutex
			var n rt.Var[int]
			for range 2 {
				t.Go(func() {
					if rw.TryRLock() {
						n.Store(n.Load() + 1)
						rw.RUnlock()
					}
				})
			}
		},
		ok: func(t *rt.T) {
			var rw rt.RWMutex
			var n rt.Var[int]
			for range 2 {
				t.Go(func() {
					if rw.TryLock() {
						n.Store(n.Load() + 1)
						rw.Unlock()
					}
				})
			}
		},
	},
	{
		name: "check-then-initialise instead of OnceValue", kind: rt.KindTestFailure,
		want: []string{"initialised 2 times"},
		bug: func(t *rt.T) {
			var mu rt.Mutex
			var cfg, inits rt.Int64
			get := func() int64 {
				mu.Lock()
				v := cfg.Load()
				mu.Unlock()
				if v == 0 { // the lock is dropped between check and act
					mu.Lock()
					cfg.Store(inits.Add(1))
					mu.Unlock()
				}
				return cfg.Load()
			}
			var wg rt.WaitGroup
			wg.Go(func() { get() })
			wg.Go(func() { get() })
			wg.Wait()
			if n := inits.Load(); n != 1 {
				t.Errorf("initialised %d times", n)
			}
		},
		ok: func(t *rt.T) {
			var inits rt.Int64
			get := rt.OnceValue(func() int64 { return inits.Add(1) })
			var wg rt.WaitGroup
			wg.Go(func() { get() })
			wg.Go(func() { get() })
			wg.Wait()
			if n := inits.Load(); n != 1 || get() != 1 {
				t.Errorf("initialised %d times", n)
			}
		},
	},
	{
		name: "Map: Load then Store instead of LoadOrStore", kind: rt.KindTestFailure,
		want: []string{"two sessions for k"},
		bug: func(t *rt.T) {
			var m rt.Map
			var made rt.Int64
			open := func() {
				if _, ok := m.Load("k"); !ok {
					m.Store("k", made.Add(1))
				}
			}
			var wg rt.WaitGroup
			wg.Go(open)
			wg.Go(open)
			wg.Wait()
			if made.Load() > 1 {
				t.Error("two sessions for k")
			}
		},
		ok: func(t *rt.T) {
			var m rt.Map
			var made rt.Int64
			open := func() {
				if _, loaded := m.LoadOrStore("k", 0); !loaded {
					made.Add(1)
				}
			}
			var wg rt.WaitGroup
			wg.Go(open)
			wg.Go(open)
			wg.Wait()
			if made.Load() > 1 {
				t.Error("two sessions for k")
			}
		},
	},
	{
		// sync.Map orders a write only before the reads that observe it:
		// finding key a says nothing about what was written after it
		name: "Map: reading data published under another key", kind: rt.KindRace,
		want: []string{"not ordered by happens-before"},
		bug: func(t *rt.T) {
			var m rt.Map
			var data rt.Var[int]
			t.Go(func() { m.Store("a", 1); data.Store(1); m.Store("b", 1) })
			if _, ok := m.Load("a"); ok {
				_ = data.Load()
			}
		},
		ok: func(t *rt.T) {
			var m rt.Map
			var data rt.Var[int]
			t.Go(func() { m.Store("a", 1); data.Store(1); m.Store("b", 1) })
			if _, ok := m.Load("b"); ok {
				_ = data.Load()
			}
		},
	},
	{
		name: "Pool: using a buffer after Put", kind: rt.KindRace,
		want: []string{"not ordered by happens-before"},
		bug: func(t *rt.T) {
			p := &rt.Pool{New: func() any { return new(rt.Var[int]) }}
			t.Go(func() {
				b := p.Get().(*rt.Var[int])
				p.Put(b)
				b.Store(1) // after Put: another goroutine may have it
			})
			b := p.Get().(*rt.Var[int])
			b.Store(2)
		},
		ok: func(t *rt.T) {
			p := &rt.Pool{New: func() any { return new(rt.Var[int]) }}
			t.Go(func() {
				b := p.Get().(*rt.Var[int])
				b.Store(1)
				p.Put(b)
			})
			b := p.Get().(*rt.Var[int])
			b.Store(2)
		},
	},
	{
		name: "flags set with Load and Store instead of Or", kind: rt.KindTestFailure,
		want: []string{"flags 0b"},
		bug: func(t *rt.T) {
			var flags rt.Uint32
			var wg rt.WaitGroup
			for bit := range 2 {
				wg.Go(func() { flags.Store(flags.Load() | 1<<bit) })
			}
			wg.Wait()
			if f := flags.Load(); f != 3 {
				t.Errorf("flags %#b", f)
			}
		},
		ok: func(t *rt.T) {
			var flags rt.Uint32
			var wg rt.WaitGroup
			for bit := range 2 {
				wg.Go(func() { flags.Or(1 << bit) })
			}
			wg.Wait()
			if f := flags.And(1); f != 3 || flags.Load() != 1 {
				t.Errorf("flags %#b", f)
			}
		},
	},
	{
		name: "Pointer published before its fields are set", kind: rt.KindRace,
		want: []string{"not ordered by happens-before"},
		bug: func(t *rt.T) {
			type config struct{ port rt.Var[int] }
			var cur rt.Pointer[config]
			t.Go(func() {
				c := new(config)
				cur.Store(c)
				c.port.Store(80)
			})
			if c := cur.Load(); c != nil {
				_ = c.port.Load()
			}
		},
		ok: func(t *rt.T) {
			type config struct{ port rt.Var[int] }
			var cur rt.Pointer[config]
			t.Go(func() {
				c := new(config)
				c.port.Store(80)
				cur.Store(c)
			})
			if c := cur.Load(); c != nil {
				_ = c.port.Load()
			}
		},
	},
	{
		name: "plain increment of a counter others add to atomically", kind: rt.KindRace,
		want: []string{"AddInt64 (atomic)", "not ordered by happens-before"},
		bug: func(t *rt.T) {
			var hits rt.Var[int64]
			t.Go(func() { rt.AddInt64(hits.Addr(), 1) })
			hits.Store(hits.Load() + 1)
		},
		ok: func(t *rt.T) {
			var hits rt.Var[int64]
			t.Go(func() { rt.AddInt64(hits.Addr(), 1) })
			rt.AddInt64(hits.Addr(), 1)
		},
	},
	{
		name: "plain data read before the atomic flag", kind: rt.KindRace,
		want: []string{"not ordered by happens-before"},
		bug: func(t *rt.T) {
			var data rt.Var[int]
			var ready int32 // a plain variable used atomically
			t.Go(func() { data.Store(1); rt.StoreInt32(&ready, 1) })
			d := data.Load()
			if rt.LoadInt32(&ready) == 1 {
				_ = d
			}
		},
		ok: func(t *rt.T) {
			var data rt.Var[int]
			var ready int32
			t.Go(func() { data.Store(1); rt.StoreInt32(&ready, 1) })
			if rt.LoadInt32(&ready) == 1 {
				_ = data.Load()
			}
		},
	},
	{
		// G1's atomic load is not ordered before G2's atomic store, so a
		// plain write ordered after the store still races with it
		name: "plain write after an atomic load elsewhere", kind: rt.KindRace,
		want: []string{"LoadInt64 (atomic)"},
		bug: func(t *rt.T) {
			var x rt.Var[int64]
			c := rt.NewChan[int](0)
			t.Go(func() { rt.LoadInt64(x.Addr()) })
			t.Go(func() { rt.StoreInt64(x.Addr(), 1); c.Send(1) })
			c.Recv()
			x.Store(2)
		},
		ok: func(t *rt.T) {
			var x rt.Var[int64]
			c := rt.NewChan[int](0)
			t.Go(func() { rt.LoadInt64(x.Addr()); c.Send(1) })
			t.Go(func() { rt.StoreInt64(x.Addr(), 1); c.Send(1) })
			c.Recv()
			c.Recv()
			x.Store(2)
		},
	},
}

func TestLibrary(t *testing.T) {
	runCheckCases(t, libCases)
}

// both runs f natively and inside Check (one goroutine: one execution)
// and requires the same result: the controlled library behaves as the
// standard one.
func both(t *testing.T, f func() string) string {
	t.Helper()
	native := f()
	var inside string
	rep := explore(t, func(*rt.T) { inside = f() })
	require.Nil(t, rep.Failure, rep.String())
	require.Equal(t, native, inside, "inside Check")
	return native
}

// panicOf returns what f panics with, "" if nothing.
func panicOf(f func()) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

func TestMapMatchesSyncMap(t *testing.T) {
	ops := func(m interface {
		Load(any) (any, bool)
		Store(any, any)
		LoadOrStore(any, any) (any, bool)
		LoadAndDelete(any) (any, bool)
		Delete(any)
		Swap(any, any) (any, bool)
		CompareAndSwap(any, any, any) bool
		CompareAndDelete(any, any) bool
		Range(func(any, any) bool)
		Clear()
	}) string {
		var out []any
		r := func(vs ...any) { out = append(out, vs...) }
		r(m.Load("a"))
		m.Store("a", 1)
		r(m.Load("a"))
		r(m.LoadOrStore("a", 2))
		r(m.LoadOrStore("b", 3))
		r(m.Swap("a", 4))
		r(m.Swap("c", 5))
		r(m.CompareAndSwap("a", 1, 6), m.CompareAndSwap("a", 4, 6), m.CompareAndSwap("z", nil, 1))
		r(m.CompareAndDelete("b", 0), m.CompareAndDelete("b", 3))
		r(m.LoadAndDelete("c"))
		r(m.LoadAndDelete("c"))
		m.Delete("nothing")
		n := 0
		m.Range(func(k, v any) bool { n++; return true })
		r(n)
		m.Range(func(k, v any) bool { n++; return false })
		r(n)
		m.Clear()
		r(m.Load("a"))
		return fmt.Sprint(out...)
	}
	want := ops(new(sync.Map))
	require.Equal(t, want, both(t, func() string { return ops(new(rt.Map)) }))
	require.Equal(t, "<nil> false 1 true 1 true 3 false 1 true <nil> false false true false false true 5 true <nil> false 1 2 <nil> false", want)
}

func TestMapRangeInStoreOrder(t *testing.T) {
	rep := explore(t, func(t *rt.T) {
		var m rt.Map
		for _, k := range []string{"z", "a", "m", "b"} {
			m.Store(k, len(k))
		}
		m.Delete("a")
		m.Store("a", 0) // keeps its place
		var keys []any
		m.Range(func(k, _ any) bool { keys = append(keys, k); return true })
		if fmt.Sprint(keys) != "[z a m b]" {
			t.Errorf("Range visits %v", keys)
		}
	})
	require.Nil(t, rep.Failure, rep.String())
}

func TestTryLockRWMutex(t *testing.T) {
	// what TryLock and TryRLock return while rw is in each state
	got := both(t, func() string {
		var rw rt.RWMutex
		var out []bool
		out = append(out, rw.TryLock(), rw.TryLock(), rw.TryRLock())
		rw.Unlock()
		out = append(out, rw.TryRLock(), rw.TryRLock(), rw.TryLock())
		rw.RUnlock()
		rw.RUnlock()
		out = append(out, rw.TryLock())
		return fmt.Sprint(out)
	})
	require.Equal(t, "[true false false true true false true]", got)

	// a waiting writer keeps TryRLock and TryLock out, as in sync
	rep := explore(t, func(t *rt.T) {
		var rw rt.RWMutex
		rw.RLock()
		//lint:ignore SA2001 the writer only has to wait
		t.Go(func() { rw.Lock(); rw.Unlock() })
		rt.WaitIdle() // the writer waits for the reader
		if rw.TryRLock() || rw.TryLock() {
			t.Error("a Try succeeded while a writer waits")
		}
		rw.RUnlock()
	})
	require.Nil(t, rep.Failure, rep.String())
}

func TestOnceFuncs(t *testing.T) {
	got := both(t, func() string {
		calls := 0
		f := rt.OnceFunc(func() { calls++ })
		f()
		f()
		v := rt.OnceValue(func() int { calls++; return 7 })
		vs := rt.OnceValues(func() (int, error) { calls++; return 8, fmt.Errorf("e") })
		n := calls
		out := fmt.Sprint(n, v(), v())
		a, b := vs()
		boom := rt.OnceFunc(func() { calls++; panic("boom") })
		p1, p2 := panicOf(boom), panicOf(boom)
		return fmt.Sprintln(out, a, b, p1, p2, calls)
	})
	require.Equal(t, "1 7 7 8 e boom boom 4\n", got)
}

func TestOnceFuncWaitsForTheFirstCall(t *testing.T) {
	for _, fixed := range []bool{false, true} {
		rep := explore(t, func(t *rt.T) {
			var ready rt.Var[bool]
			initOnce := func() { ready.Store(true) }
			if fixed {
				initOnce = rt.OnceFunc(initOnce)
			}
			var wg rt.WaitGroup
			for range 2 {
				wg.Go(func() { initOnce(); _ = ready.Load() })
			}
			wg.Wait()
		})
		if fixed {
			require.Nil(t, rep.Failure, rep.String())
		} else {
			require.Equal(t, rt.KindRace, rep.Failure.Kind, rep.String())
		}
	}
}

func TestValuePanics(t *testing.T) {
	got := both(t, func() string {
		var v rt.Value
		first := v.Load()
		v.Store(1)
		swapped := v.CompareAndSwap(1, 2)
		old := v.Swap(3)
		return fmt.Sprint(first, swapped, old, v.Load(), " | ",
			panicOf(func() { v.Store(nil) }), " | ", panicOf(func() { v.Store("x") }), " | ",
			panicOf(func() { v.Swap(nil) }), " | ", panicOf(func() { v.CompareAndSwap(3, "y") }))
	})
	require.Equal(t, "<nil> true 2 3 | sync/atomic: store of nil value into Value | "+
		"sync/atomic: store of inconsistently typed value into Value | sync/atomic: swap of nil value into Value | "+
		"sync/atomic: compare and swap of inconsistently typed values", got)
}

func TestAtomicFunctionForms(t *testing.T) {
	got := both(t, func() string {
		var i32 int32
		var i64 rt.Var[int64]
		var u32 uint32
		var u64 uint64
		var up uintptr
		x, y := 1, 2
		p := unsafe.Pointer(&x)
		return fmt.Sprint(
			rt.AddInt32(&i32, 3), rt.OrInt32(&i32, 4), rt.AndInt32(&i32, 6), rt.LoadInt32(&i32),
			rt.SwapInt32(&i32, 9), rt.CompareAndSwapInt32(&i32, 9, 1), rt.CompareAndSwapInt32(&i32, 9, 2), i32,
			rt.AddInt64(i64.Addr(), 5), rt.SwapInt64(i64.Addr(), 6), i64.Load(),
			rt.AddUint32(&u32, 1), rt.OrUint32(&u32, 2), rt.AndUint32(&u32, 2), rt.LoadUint32(&u32),
			rt.AddUint64(&u64, 1), rt.CompareAndSwapUint64(&u64, 1, 3), rt.LoadUint64(&u64),
			rt.AddUintptr(&up, 2), rt.OrUintptr(&up, 1), rt.LoadUintptr(&up),
			rt.LoadPointer(&p) == unsafe.Pointer(&x), rt.CompareAndSwapPointer(&p, unsafe.Pointer(&x), unsafe.Pointer(&y)),
			rt.SwapPointer(&p, nil) == unsafe.Pointer(&y), p == nil,
		)
	})
	require.Equal(t, "3 3 7 6 6 true false 1 5 5 6 1 1 3 2 1 true 3 2 2 3 true true true true", got)
	// and the methods And and Or return the old value
	require.Equal(t, "5 7 5 0 1 0 4", both(t, func() string {
		var a rt.Int64
		var b rt.Uint64
		var c rt.Uintptr
		a.Store(5)
		return fmt.Sprint(a.Or(2), " ", a.And(5), " ", a.Load(), " ", b.Or(1), " ", b.And(0), " ", c.Or(4), " ", c.Load())
	}))
}

func TestNilChannel(t *testing.T) {
	var nc *rt.Chan[int]
	got := both(t, func() string {
		var zero rt.Chan[int]
		ready := rt.NewChan[int](1)
		ready.Send(1)
		i := rt.Select(nc.OnRecv(nil), nc.OnSend(1, nil), zero.OnRecv(nil), ready.OnRecv(nil))
		_, _, ok := nc.TryRecv()
		return fmt.Sprint(i, ok, rt.TrySelect(nc.OnSend(1, nil)), nc.Len(), nc.Cap(), zero.Cap(), ready.Cap(),
			panicOf(nc.Close), panicOf(zero.Close))
	})
	require.Equal(t, "3 false -1 0 0 0 1close of nil channelclose of nil channel", got)

	// a select's nil case is never ready, whatever the schedule
	rep := explore(t, func(t *rt.T) {
		c := rt.NewChan[int](0)
		t.Go(func() { c.Send(1) })
		if rt.Select(nc.OnSend(1, nil), c.OnRecv(nil), nc.OnRecv(nil)) != 1 {
			t.Error("a nil case was taken")
		}
	})
	require.Nil(t, rep.Failure, rep.String())
	require.True(t, rep.Exhausted)

	rep = explore(t, func(t *rt.T) { nc.Recv() })
	require.Equal(t, rt.KindDeadlock, rep.Failure.Kind)
	require.Contains(t, rep.Failure.Message, "receive from a nil channel")
}

func TestChanAllStopsEarly(t *testing.T) {
	require.Equal(t, "[1 2] 1", both(t, func() string {
		c := rt.NewChan[int](3)
		c.Send(1)
		c.Send(2)
		c.Send(3)
		var got []int
		for v := range c.All() {
			if got = append(got, v); v == 2 {
				break
			}
		}
		return fmt.Sprint(got, " ", c.Len())
	}))
}

func TestPool(t *testing.T) {
	got := both(t, func() string {
		made := 0
		p := &rt.Pool{New: func() any { made++; return made }}
		a := p.Get()
		p.Put(a)
		p.Put(nil)
		var empty rt.Pool
		return fmt.Sprint(a, made, empty.Get())
	})
	require.Equal(t, "1 1 <nil>", got)
}

// TestSetFinalizer: outside Check it is runtime.SetFinalizer; inside, the
// finalizer is not set, since the garbage collector's goroutine would run
// it at a moment no schedule decides.
func TestSetFinalizer(t *testing.T) {
	ran := make(chan bool, 1)
	func() {
		obj := new([64]byte)
		rt.SetFinalizer(obj, func(*[64]byte) { ran <- true })
	}()
	runtime.GC()
	select {
	case <-ran:
	case <-time.After(5 * time.Second):
		t.Fatal("the finalizer set outside Check did not run")
	}

	rep, err := rt.Explore(func(t *rt.T) {
		obj := new([64]byte)
		rt.SetFinalizer(obj, func(*[64]byte) { ran <- true })
	})
	require.NoError(t, err)
	require.Nil(t, rep.Failure)
	runtime.GC()
	runtime.GC()
	time.Sleep(10 * time.Millisecond)
	require.Empty(t, ran, "a finalizer set inside Check ran")
}
