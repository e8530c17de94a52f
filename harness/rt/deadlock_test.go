//lint:file-ignore SA2001 taking a lock and releasing it at once is what these bodies do

package rt_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// stuckCases are the shapes of goroutines blocked forever: each seeded bug
// must be reported with its kind and the key lines of its message, and
// its fixed twin must pass.
var stuckCases = []checkCase{
	{
		name: "AB-BA while the body waits", kind: rt.KindDeadlock,
		want: []string{
			"goroutines wait for each other in a cycle:",
			"\n  G1 (func in abba at deadlock_test.go:262) blocked in x#2.Lock (held by G2) at deadlock_test.go:257\n",
			"\n  G2 (func in abba at deadlock_test.go:264) blocked in x.Lock (held by G1) at deadlock_test.go:257\n",
			"wait-for cycle: G1 → G2 → G1",
			"yes  mutual exclusion  x#2, x: a mutex has one holder at a time",
			"G1 holds x and waits for x#2 (held by G2)\n                         G2 holds x#2 and waits for x (held by G1)",
			"yes  no preemption     a lock is released only by its holder",
			"also blocked forever:\n  G0 blocked in wg.Wait (counter 2)",
			"it waits for G1 (in the cycle), G2 (in the cycle)",
		},
		bug: func(t *rt.T) { abba(t, true, true) }, ok: func(t *rt.T) { abba(t, false, true) },
	},
	{
		name: "AB-BA after the body returned is a deadlock, not a leak", kind: rt.KindDeadlock,
		want: []string{"wait-for cycle: G1 → G2 → G1"},
		bug:  func(t *rt.T) { abba(t, true, false) }, ok: func(t *rt.T) { abba(t, false, false) },
	},
	{
		name: "Lock twice", kind: rt.KindDeadlock,
		want: []string{"self-deadlock: G0 locks mu, which it already holds:", "G0 holds mu and waits for mu (held by G0)", "yes  circular wait     G0 → G0"},
		bug: func(t *rt.T) {
			var mu rt.Mutex
			mu.Lock()
			mu.Lock()
		},
		ok: func(t *rt.T) {
			var mu rt.Mutex
			mu.Lock()
			mu.Unlock()
			mu.Lock()
		},
	},
	{
		name: "RLock then Lock", kind: rt.KindDeadlock,
		want: []string{"self-deadlock: G0 locks rw for writing while it holds it for reading:", "G0 blocked in rw.Lock (held for reading by G0)"},
		bug: func(t *rt.T) {
			var rw rt.RWMutex
			rw.RLock()
			rw.Lock()
		},
		ok: func(t *rt.T) {
			var rw rt.RWMutex
			rw.RLock()
			rw.RUnlock()
			rw.Lock()
		},
	},
	{
		name: "read-write-read", kind: rt.KindDeadlock,
		want: []string{
			"G0 blocked in rw.RLock (behind G1, waiting to write)",
			"G1 (func in rwr at deadlock_test.go:291) blocked in rw.Lock (held for reading by G0)",
			"G0 holds rw (read) and waits for rw (G1 waits to write it and keeps new readers out)\n                         G1 holds nothing and waits for rw (held for reading by G0)",
			"rw: a writer excludes everyone, and a waiting writer keeps new readers out",
		},
		bug: func(t *rt.T) { rwr(t, true) }, ok: func(t *rt.T) { rwr(t, false) },
	},
	{
		name: "channel and lock", kind: rt.KindDeadlock,
		want: []string{
			"G0 blocked in mu.Lock (held by G1)",
			"G1 (func in chanLock at deadlock_test.go:304) blocked in c.Send (unbuffered, no receiver)",
			"G0 holds the other end of c and waits for mu (held by G1)\n                         G1 holds mu and waits for c (G0 could be its partner)",
			"yes  mutual exclusion  mu: a mutex has one holder at a time\n                         c: an unbuffered rendezvous has one partner",
			"yes  no preemption     a lock is released only by its holder\n                         nothing can make a blocked send or receive give up",
		},
		bug: func(t *rt.T) { chanLock(t, true) }, ok: func(t *rt.T) { chanLock(t, false) },
	},
	{
		name: "channel and WaitGroup", kind: rt.KindDeadlock,
		want: []string{
			"G0 blocked in wg.Wait (counter 1)",
			"G1 (func in chanWaitGroup at deadlock_test.go:320) blocked in c.Send (unbuffered, no receiver)",
			"G0 holds the other end of c and waits for wg (G1 could call Done)\n                         G1 holds a reference to wg (it could call Done) and waits for c (G0 could be its partner)",
			"wg: Wait passes only when every Add has its Done",
		},
		bug: func(t *rt.T) { chanWaitGroup(t, true) }, ok: func(t *rt.T) { chanWaitGroup(t, false) },
	},
	{
		name: "select over two channels and a lock", kind: rt.KindDeadlock,
		want: []string{
			"G1 (func in selectLock at deadlock_test.go:335) blocked in select on a.Recv (unbuffered, no sender), b.Recv (unbuffered, no sender)",
			"wait-for cycle: G0 → G1 → G0",
		},
		bug: func(t *rt.T) { selectLock(t, true) }, ok: func(t *rt.T) { selectLock(t, false) },
	},
	{
		name: "misused WaitGroup: Wait inside the loop", kind: rt.KindDeadlock,
		want: []string{
			"every goroutine is blocked and none waits in a cycle: the body can never return:",
			"G0 blocked in wg.Wait (counter 1)", "; nobody else holds a reference to wg any more (G1, which could reach it, exited)",
		},
		bug: func(t *rt.T) { waitInLoop(t, true) }, ok: func(t *rt.T) { waitInLoop(t, false) },
	},
	{
		name: "Cond never signalled", kind: rt.KindDeadlock,
		want: []string{"G0 blocked in c.Wait (not signalled)", "; nobody else holds a reference to c any more (G1, which could reach it, exited)"},
		bug:  func(t *rt.T) { missedSignal(t, true) }, ok: func(t *rt.T) { missedSignal(t, false) },
	},
	{
		name: "Cond and lock", kind: rt.KindDeadlock,
		want: []string{
			"G1 (func in condLock at deadlock_test.go:382) blocked in c.Wait (not signalled)",
			"G2 (func in condLock at deadlock_test.go:393) blocked in other.Lock (held by G1)",
			"G1 holds other and waits for c (G2 could Signal)\n                         G2 holds a reference to c (it could Signal) and waits for other (held by G1)",
			"c: Wait returns only after a Signal or Broadcast",
		},
		bug: func(t *rt.T) { condLock(t, true) }, ok: func(t *rt.T) { condLock(t, false) },
	},
	{
		name: "Once re-entered", kind: rt.KindDeadlock,
		want: []string{"self-deadlock: G0 calls once.Do inside the f of its own once.Do:", "G0 blocked in once.Do (f is running in G0)", "once: one goroutine runs f"},
		bug: func(t *rt.T) {
			var once rt.Once
			once.Do(func() { once.Do(func() {}) })
		},
		ok: func(t *rt.T) {
			var once rt.Once
			once.Do(func() {})
			once.Do(func() {})
		},
	},
	{
		name: "pure channel cycle", kind: rt.KindDeadlock,
		want: []string{
			"G1 (func in channelCycle at deadlock_test.go:407) blocked in c1.Recv (unbuffered, no sender)",
			"G2 (func in channelCycle at deadlock_test.go:408) blocked in c2.Recv (unbuffered, no sender)",
			"wait-for cycle: G1 → G2 → G1",
			"G1 holds the other end of c2 and waits for c1 (G2 could be its partner)\n                         G2 holds the other end of c1 and waits for c2 (G1 could be its partner)",
		},
		bug: func(t *rt.T) { channelCycle(t, true) }, ok: func(t *rt.T) { channelCycle(t, false) },
	},
	{
		name: "sender nobody receives from", kind: rt.KindLeak,
		want: []string{
			"1 goroutine(s) still blocked after the body returned, in no wait-for cycle:",
			"G1 (func at deadlock_test.go:161) blocked in c.Send (unbuffered, no receiver)", "; nobody else holds a reference to c any more (G0, which could reach it, exited)",
		},
		bug: func(t *rt.T) {
			c := rt.NewChan[int](0)
			t.Go(func() { c.Send(1) })
		},
		ok: func(t *rt.T) {
			c := rt.NewChan[int](0)
			t.Go(func() { c.Send(1) })
			c.Recv()
		},
	},
	{
		name: "a cycle and a leak outside it", kind: rt.KindDeadlock,
		want: []string{
			"wait-for cycle: G1 → G2 → G1",
			"also blocked forever:\n  G3 (func in forcedABBA at deadlock_test.go:286) blocked in full.Send (buffer full, 1/1) at deadlock_test.go:",
			"; it waits for G1 (in the cycle), G2 (in the cycle)", // they may hold c3: G0 started them after making it
		},
		bug: func(t *rt.T) { forcedABBA(t, true) }, ok: func(t *rt.T) { forcedABBA(t, false) },
	},
	{
		name: "nil channel and empty select", kind: rt.KindDeadlock,
		want: []string{
			"G0 blocked in select with no cases at deadlock_test.go:", "; nothing can ever wake it",
			"G1 (func at deadlock_test.go:186) blocked in receive from a nil channel at deadlock_test.go:",
		},
		bug: func(t *rt.T) {
			var nilChan rt.Chan[int]
			t.Go(func() { nilChan.Recv() })
			rt.Select()
		},
		ok: func(t *rt.T) {
			c := rt.NewChan[int](1)
			t.Go(func() { c.Recv() })
			rt.Select(c.OnSend(1, nil))
		},
	},
	{
		name: "two receivers left waiting on one channel", kind: rt.KindLeak,
		want: []string{
			"2 goroutine(s) still blocked", "G1, G2 (func at deadlock_test.go:204) blocked in c.Recv (unbuffered, no sender) at deadlock_test.go:",
			"; nobody can release them: the others that could reach c wait the same way",
		},
		bug: func(t *rt.T) {
			c := rt.NewChan[int](0)
			for range 2 {
				t.Go(func() { c.Recv() })
			}
		},
		ok: func(t *rt.T) {
			c := rt.NewChan[int](0)
			for range 2 {
				t.Go(func() { c.Recv() })
			}
			c.Send(1)
			c.Send(2)
		},
	},
}

func TestStuck(t *testing.T) {
	for _, c := range stuckCases {
		t.Run(c.name, func(t *testing.T) {
			rep := explore(t, c.bug, c.opts...)
			require.NotNil(t, rep.Failure, rep.String())
			require.Equal(t, c.kind, rep.Failure.Kind, rep.String())
			for _, w := range c.want {
				require.Contains(t, rep.Failure.Message, w)
			}
			noContradiction(t, rep.Failure.Message)
			again := explore(t, c.bug, c.opts...)
			require.Equal(t, rep.String(), again.String(), "same program, same report")
			ok := explore(t, c.ok, c.opts...)
			require.Nil(t, ok.Failure, ok.String())
		})
	}
}

var holdsNothing = regexp.MustCompile(`(G\d+) holds nothing`)

// noContradiction checks that a goroutine said to hold nothing is not
// named as a holder elsewhere in the message.
func noContradiction(t *testing.T, msg string) {
	for _, m := range holdsNothing.FindAllStringSubmatch(msg, -1) {
		for _, held := range []string{"held by ", "writing by ", "reading by "} {
			require.NotRegexp(t, regexp.QuoteMeta(held+m[1])+`\b`, msg)
		}
	}
	require.False(t, strings.Contains(msg, "held by nobody"), msg)
}

// abba takes two mutexes in opposite orders in two goroutines (the same
// order when fixed); the body waits for them or returns.
func abba(t *rt.T, bug, wait bool) {
	var a, b rt.Mutex
	var wg rt.WaitGroup
	lock := func(x, y *rt.Mutex) {
		defer wg.Done()
		x.Lock()
		y.Lock()
		y.Unlock()
		x.Unlock()
	}
	wg.Add(2)
	t.Go(func() { lock(&a, &b) })
	if bug {
		t.Go(func() { lock(&b, &a) })
	} else {
		t.Go(func() { lock(&a, &b) })
	}
	if wait {
		wg.Wait()
	}
}

// forcedABBA makes G1 and G2 take a and b in opposite orders, each taking
// its first lock before the other tries its second, and leaves G3 stuck
// on a full buffer; fixed, nothing blocks.
func forcedABBA(t *rt.T, bug bool) {
	if !bug {
		abba(t, false, false)
		return
	}
	var a, b rt.Mutex
	tookA, tookB := rt.NewChan[int](1), rt.NewChan[int](1)
	t.Go(func() { a.Lock(); tookA.Send(1); tookB.Recv(); b.Lock() })
	t.Go(func() { b.Lock(); tookB.Send(1); tookA.Recv(); a.Lock() })
	full := rt.NewChan[int](1)
	t.Go(func() { full.Send(1); full.Send(2) })
}

func rwr(t *rt.T, bug bool) {
	var rw rt.RWMutex
	t.Go(func() { rw.Lock(); rw.Unlock() })
	rw.RLock()
	if bug {
		rw.RLock() // a writer waiting in between blocks it
		rw.RUnlock()
	}
	rw.RUnlock()
}

// chanLock: G1 sends while holding the lock G0 takes before receiving.
func chanLock(t *rt.T, bug bool) {
	var mu rt.Mutex
	c := rt.NewChan[int](0)
	t.Go(func() { mu.Lock(); c.Send(1); mu.Unlock() })
	if !bug {
		c.Recv()
	}
	mu.Lock()
	mu.Unlock()
	if bug {
		c.Recv()
	}
}

// chanWaitGroup: G0 waits for G1, which first sends to G0.
func chanWaitGroup(t *rt.T, bug bool) {
	var wg rt.WaitGroup
	c := rt.NewChan[int](0)
	wg.Add(1)
	t.Go(func() { c.Send(1); wg.Done() })
	if !bug {
		c.Recv()
	}
	wg.Wait()
	if bug {
		c.Recv()
	}
}

// selectLock: G1 waits for either channel while holding the lock G0 takes
// before sending.
func selectLock(t *rt.T, bug bool) {
	var mu rt.Mutex
	a, b := rt.NewChan[int](0), rt.NewChan[int](0)
	t.Go(func() {
		mu.Lock()
		rt.Select(a.OnRecv(nil), b.OnRecv(nil))
		mu.Unlock()
	})
	if bug {
		mu.Lock()
		mu.Unlock()
	}
	a.Send(1)
}

// waitInLoop waits for the group inside the loop that starts its members
// (Docker #25384).
func waitInLoop(t *rt.T, bug bool) {
	var wg rt.WaitGroup
	wg.Add(2)
	for range 2 {
		t.Go(wg.Done)
		if bug {
			wg.Wait()
		}
	}
	wg.Wait()
}

// missedSignal waits without checking the condition, so a Signal sent
// before the Wait is lost.
func missedSignal(t *rt.T, bug bool) {
	var mu rt.Mutex
	c := rt.NewCond(&mu)
	var ready rt.Bool
	t.Go(func() { mu.Lock(); ready.Store(true); c.Signal(); mu.Unlock() })
	mu.Lock()
	for !ready.Load() || bug {
		c.Wait()
		bug = false
	}
	mu.Unlock()
}

// condLock: G1 waits on the Cond while holding a second lock that G2,
// which would signal, takes first.
func condLock(t *rt.T, bug bool) {
	var mu, other rt.Mutex
	c := rt.NewCond(&mu)
	var ready rt.Bool
	t.Go(func() {
		if bug {
			other.Lock()
			defer other.Unlock()
		}
		mu.Lock()
		for !ready.Load() {
			c.Wait()
		}
		mu.Unlock()
	})
	t.Go(func() {
		other.Lock()
		other.Unlock()
		mu.Lock()
		ready.Store(true)
		c.Signal()
		mu.Unlock()
	})
}

// channelCycle: G1 receives on c1 then sends on c2, G2 receives on c2
// then sends on c1.
func channelCycle(t *rt.T, bug bool) {
	c1, c2 := rt.NewChan[int](0), rt.NewChan[int](0)
	t.Go(func() { c1.Recv(); c2.Send(1) })
	t.Go(func() {
		if bug {
			c2.Recv()
			c1.Send(1)
			return
		}
		c1.Send(1)
		c2.Recv()
	})
}

// TestStuckReportIsShort: a report lists a long cycle and many goroutines
// blocked alike in a few lines.
func TestStuckReportIsShort(t *testing.T) {
	const n = 40
	for _, c := range []struct {
		name  string
		body  func(*rt.T)
		want  []string
		lines int
	}{
		{"ring of locks", func(t *rt.T) {
			var mus [n]rt.Mutex
			var wg rt.WaitGroup
			wg.Add(n)
			for i := range n {
				t.Go(func() {
					mus[i].Lock()
					wg.Done()
					wg.Wait() // every lock is held: each now waits for its neighbour's
					mus[(i+1)%n].Lock()
				})
			}
		}, []string{"... and 30 more in the cycle", "wait-for cycle: G1 → G2 → G3 → G4 → G5 → ... (30 more) → G36 → G37 → G38 → G39 → G40 → G1", "                         ... (30 more)\n                         G36 holds"}, 30},
		{"many senders", func(t *rt.T) {
			c := rt.NewChan[int](0)
			for range n {
				t.Go(func() { c.Send(1) })
			}
		}, []string{"G1, G2, G3 and 37 more (func at deadlock_test.go:445) blocked in c.Send (unbuffered, no receiver) at deadlock_test.go:"}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := explore(t, c.body, rt.WithMaxExecutions(1))
			require.NotNil(t, rep.Failure)
			for _, w := range c.want {
				require.Contains(t, rep.Failure.Message, w)
			}
			require.LessOrEqual(t, strings.Count(rep.Failure.Message, "\n")+1, c.lines, rep.Failure.Message)
		})
	}
}
