package catalogue

import (
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// Bug is one classic concurrency bug written with rt.
type Bug struct {
	// Name says what goes wrong, e.g. "lost update".
	Name string
	// Target is a short identifier (CamelCase), used to name fuzz targets.
	Target string
	// Kind is the rt check that catches the buggy body.
	Kind rt.Kind
	// Body returns the buggy body (fixed false) or the fixed one.
	Body func(fixed bool) func(*rt.T)
}

// Bugs returns the catalogue, in a fixed order.
func Bugs() []Bug {
	return []Bug{
		{"lost update", "LostUpdate", rt.KindTestFailure, lostUpdate},
		{"check-then-act on a map", "CheckThenAct", rt.KindTestFailure, checkThenAct},
		{"double-checked initialisation", "DoubleChecked", rt.KindRace, doubleChecked},
		{"AB/BA lock order", "LockOrder", rt.KindDeadlock, lockOrder},
		{"missed Cond signal", "MissedSignal", rt.KindDeadlock, missedSignal},
		{"WaitGroup.Add racing with Wait", "AddRacesWait", rt.KindTestFailure, addRacesWait},
		{"send on a closed channel", "SendOnClosed", rt.KindPanic, sendOnClosed},
		{"unbuffered send with no receiver", "AbandonedSender", rt.KindLeak, abandonedSender},
		{"recursive RLock with a writer waiting", "RecursiveRLock", rt.KindDeadlock, recursiveRLock},
		{"select starving a case", "StarvingSelect", rt.KindTestFailure, starvingSelect},
	}
}

// Lookup returns the bug whose Target is target.
func Lookup(target string) (Bug, bool) {
	for _, b := range Bugs() {
		if b.Target == target {
			return b, true
		}
	}
	return Bug{}, false
}

// lostUpdate: two goroutines increment with Load then Store.
func lostUpdate(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		var n rt.Int64
		var wg rt.WaitGroup
		for range 2 {
			wg.Go(func() {
				if fixed {
					n.Add(1)
					return
				}
				n.Store(n.Load() + 1)
			})
		}
		wg.Wait()
		require.Equal(t, int64(2), n.Load(), "increments lost")
	}
}

// checkThenAct: "insert if absent" in two critical sections.
func checkThenAct(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		m := map[string]int{}
		var mu rt.Mutex
		var inserts rt.Int64
		var wg rt.WaitGroup
		for i := range 2 {
			wg.Go(func() {
				mu.Lock()
				_, ok := m["k"]
				if !fixed {
					mu.Unlock()
					mu.Lock()
				}
				if !ok {
					m["k"] = i
					inserts.Add(1)
				}
				mu.Unlock()
			})
		}
		wg.Wait()
		require.Equal(t, int64(1), inserts.Load(), "the key was inserted twice")
	}
}

type config struct{ port int }

// doubleChecked: the flag is published before the value it guards.
func doubleChecked(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		var mu rt.Mutex
		var once rt.Once
		var ready rt.Bool
		var cfg rt.Var[*config]
		get := func() *config {
			if fixed {
				once.Do(func() { cfg.Store(&config{port: 80}) })
				return cfg.Load()
			}
			if !ready.Load() {
				mu.Lock()
				if !ready.Load() {
					ready.Store(true)
					cfg.Store(&config{port: 80})
				}
				mu.Unlock()
			}
			return cfg.Load()
		}
		var wg rt.WaitGroup
		for range 2 {
			wg.Go(func() { require.Equal(t, 80, get().port) })
		}
		wg.Wait()
	}
}

// lockOrder: two goroutines take two locks in opposite orders.
func lockOrder(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		var a, b rt.Mutex
		var moves rt.Var[int] // guarded by a and b together
		var wg rt.WaitGroup
		wg.Go(func() { a.Lock(); b.Lock(); moves.Store(moves.Load() + 1); b.Unlock(); a.Unlock() })
		wg.Go(func() {
			first, second := &b, &a
			if fixed {
				first, second = &a, &b
			}
			first.Lock()
			second.Lock()
			moves.Store(moves.Load() + 1)
			second.Unlock()
			first.Unlock()
		})
		wg.Wait()
	}
}

// missedSignal: the waiter does not check the condition before waiting.
func missedSignal(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		var mu rt.Mutex
		c := rt.NewCond(&mu)
		var ready rt.Var[bool]
		t.Go(func() {
			mu.Lock()
			ready.Store(true)
			c.Signal()
			mu.Unlock()
		})
		mu.Lock()
		if fixed {
			for !ready.Load() {
				c.Wait()
			}
		} else {
			c.Wait()
		}
		mu.Unlock()
	}
}

// addRacesWait: Add is called inside the goroutine, racing with Wait.
func addRacesWait(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		var wg rt.WaitGroup
		var n rt.Int64
		for range 2 {
			if fixed {
				wg.Add(1)
			}
			t.Go(func() {
				if !fixed {
					wg.Add(1)
				}
				n.Add(1)
				wg.Done()
			})
		}
		wg.Wait()
		require.Equal(t, int64(2), n.Load(), "Wait returned before the work was done")
	}
}

// sendOnClosed: the owner closes the channel while a producer may send.
func sendOnClosed(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		c := rt.NewChan[int](1)
		var wg rt.WaitGroup
		wg.Go(func() { c.Send(1) })
		if fixed {
			wg.Wait()
		}
		c.Close()
		wg.Wait()
	}
}

// abandonedSender: the caller times out and the worker's send on an
// unbuffered channel never finds a receiver.
func abandonedSender(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		size := 0
		if fixed {
			size = 1
		}
		c := rt.NewChan[int](size)
		t.Go(func() {
			rt.Sleep(2 * time.Second)
			c.Send(42)
		})
		rt.Select(c.OnRecv(nil), rt.After(time.Second).OnRecv(nil))
	}
}

// recursiveRLock: a reader re-enters RLock while a writer is waiting.
func recursiveRLock(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		var rw rt.RWMutex
		var n rt.Var[int]
		t.Go(func() { rw.Lock(); n.Store(1); rw.Unlock() })
		read := func() int {
			if !fixed {
				rw.RLock()
				defer rw.RUnlock()
			}
			return n.Load()
		}
		rw.RLock()
		_ = read()
		rw.RUnlock()
	}
}

// starvingSelect: a consumer selecting over a busy and a quiet channel may
// serve the busy one again and again while the quiet one waits.
func starvingSelect(fixed bool) func(*rt.T) {
	return func(t *rt.T) {
		hi, lo := rt.NewChan[int](3), rt.NewChan[int](1)
		var loSent rt.Bool
		t.Go(func() {
			for i := range 3 {
				hi.Send(i)
			}
		})
		t.Go(func() { lo.Send(0); loSent.Store(true) })
		bypass, gotLo := 0, false
		onHi := func(int, bool) {
			if loSent.Load() && !gotLo {
				bypass++
			}
		}
		onLo := func(int, bool) { gotLo = true }
		for i := range 4 {
			if fixed {
				first, second := hi.OnRecv(onHi), lo.OnRecv(onLo)
				if i%2 == 1 || bypass > 0 {
					first, second = second, first
				}
				if rt.TrySelect(first) >= 0 || rt.TrySelect(second) >= 0 {
					continue
				}
			}
			rt.Select(hi.OnRecv(onHi), lo.OnRecv(onLo))
		}
		require.LessOrEqual(t, bypass, 1, "the quiet channel was bypassed %d times", bypass)
	}
}
