// Package rt is a controlled runtime: real Go code, written with rt's
// drop-in versions of go, sync, sync/atomic, channels and time, runs under
// a scheduler that explores the interleavings that matter and replays any
// failure exactly (like Loom and Shuttle for Rust).
//
// Outside Check, every rt type behaves exactly like its standard
// counterpart (Mutex is a sync.Mutex, Chan a Go channel, Go is the go
// statement), so code written with rt is production code. Inside Check:
//
//	rt.Check(t, func(t *rt.T) {
//		var mu rt.Mutex
//		n := new(rt.Var[int])
//		for range 2 {
//			t.Go(func() { mu.Lock(); n.Store(n.Load() + 1); mu.Unlock() })
//		}
//	})
//
// only one controlled goroutine runs at a time, and at every rt operation
// the scheduler decides who runs next. Every decision comes from one
// Chooser: depth-first search with dynamic partial-order reduction (DPOR
// plus sleep sets, from each operation's footprint: the object it touches
// and whether it writes) and a preemption bound (the default), seeded
// random walks, PCT, a recorded schedule, or any Chooser (a fuzzer's
// bytes: package fuzz/choice). Strategy, Chooser, PCT and the failure
// Kinds are package harness/sched's, the vocabulary the model explorer
// shares: a Chooser is told of every execution's start and asked at
// every step, with the goroutine of each possible transition. The same
// options give the same executions in the same order and the same report. Each execution is checked for panics, deadlocks
// (goroutines waiting for each other in a cycle through locks, channels,
// WaitGroups, Once or Cond, with the cycle and what each Coffman
// condition means there; or a body that can never return), data
// races on Var (vector clocks), goroutines still blocked in no cycle when
// the body returns (leaks, with who could have released them: for a
// channel, WaitGroup or Cond, the goroutines that used it or were started
// by one that could reach it),
// goroutines stuck outside rt (a timeout, never a hang; a standard
// sync value or native channel is named as such) and
// t.Error/t.Fatal/require failures. A failure is reported with the
// execution as one column per goroutine and a replay command:
//
//	INTERLEAVE_REPLAY=<schedule> go test -run '^TestX$' example.com/you/pkg
//
// Reports name objects after the source that made them (c.mu,
// s.updates) and goroutines after the function they run (G2 janitor),
// and fit on a screen: only the goroutines the failure names get a
// column, and the whole execution goes to the test's artifact directory,
// with an HTML report of the failure (Failure.Page: every step in a lane
// per goroutine, the wait-for graph, the racing accesses or the
// repeating cycle, the final state).
// A schedule replayed on changed code is followed as far as it fits;
// the report says where it diverged.
//
// Every execution also checks that rt operations run on goroutines
// started by T.Go or Go: a go statement in the body whose goroutine
// reaches an rt operation is reported as an uncontrolled goroutine (the
// stack is walked in the first execution, and in the others whenever the
// process has goroutines that were not there when Check began).
//
// A new goroutine runs at once to its first rt operation, and a goroutine
// whose blocking receive or send is completed by a partner runs on to its
// next one: scheduling choices are only ever between real operations. If
// that operation is a blocking one on an unbuffered channel, arriving
// there is a step of its own, so a partner's TrySend may come first.
// Each step's footprint (what DPOR and sleep sets call dependent) is what
// its operation touches plus what the goroutine did on the way to its
// next one: a select reads all its channels, parking at a blocking
// operation on an unbuffered channel writes it, a failing step conflicts
// with everything. A differential property test (differential_test.go)
// checks DPOR and sleep sets against unreduced search on drawn programs.
//
// Time is virtual: at any scheduling point where a Sleep, timer or ticker
// is pending, the clock may advance to the earliest deadline (a "t" in a
// schedule) and fire what is due (an AfterFunc starts its goroutine, a
// context's deadline cancels it), which costs a preemption while a
// goroutine could run (WithIdleClock: only when none can). Contexts made
// by WithCancel, WithTimeout and the like cancel through rt operations;
// Done(ctx) is their Done channel for Select. Scheduling is fair: a goroutine
// that polls SpinPolls times in a row with nothing written (Yield, a
// failed TryLock or CompareAndSwap, a select default, loads) waits until
// the goroutines it kept waiting have run, so spin loops end; a step
// limit is then a real livelock, reported as the cycle that repeats.
// Choose(n) draws data that rt explores like a scheduling choice.
//
// Race mode: with go test -race and INTERLEAVE_RACE=1 (RaceEnviron gives
// the environment, with the GORACE suppressions of rt's bookkeeping), Go's
// race detector checks the program's plain variables, maps and slices
// too. rt hides its own hand-offs between controlled goroutines from the
// detector, runs each controlled goroutine on a goroutine of its own, and
// tells the detector the happens-before of every rt operation, as the
// detector models sync, channels and atomics: Unlock before the next Lock
// (RUnlock before the next Lock, Unlock before RLock); a send before its
// receive completes, on an unbuffered channel the receive before the send
// completes, on a buffered one the k-th receive before the (k+cap)-th send
// completes; close before a receive that sees it; Done before Wait
// returns; f's return before Once.Do returns; Signal and Broadcast before
// the Wait they wake; atomic operations on one address in their order; the
// go statement before the goroutine; arming a timer before it fires;
// cancelling a context before what observes it; a Map or Pool write
// before the read that observes it. A race the detector reports fails the
// execution as a data race, with the detector's report (from GORACE
// log_path) and a replay line. Plain accesses are not scheduling points
// and DPOR does not see them, so only schedules that differ in rt
// operations are explored. That suffices: happens-before is made of rt
// operations alone, so every schedule DPOR counts as equivalent (the same
// order of dependent rt operations) has the same happens-before; until
// an execution's first race its plain reads see what happens-before
// decides, so every equivalent schedule performs the same accesses up to
// there, both accesses of that race included, and the detector reports
// it in whichever one DPOR runs. What the search cuts (the preemption
// bound, fair scheduling) and the detector's own limits (a few accesses
// remembered per 8-byte word) can still hide a race, and a race after
// the first may hide behind a racy read that decides a branch. rt's own
// Var check keeps its vector clocks (see below for buffered channels).
//
// Limitations: rt values should be created inside the body (a Var or
// atomic made outside and written by one execution is an error when the
// next one uses it, as its value would carry over; locks and channels
// made outside work);
// at most one execution runs per process at a time (Check serialises), and
// while it runs rt values must not be used natively by other goroutines of
// the process (they would be routed to the scheduler); a goroutine stuck
// outside rt is abandoned, not killed (when it comes back to an rt value of
// its execution it exits); a receive is ordered after the send of the
// element it takes, but a send on a buffered channel after all earlier
// receives (not only the one that freed its slot), which may hide a race;
// under a preemption bound sleep sets are off (a bound can cut the order
// a sleeping transition stands for) and DPOR adds the conservative
// backtrack points of Coons et al., which a property test checks against
// exhaustive search; fair scheduling cuts the schedules in which a
// goroutine polls SpinPolls times in a row while nothing is written (the
// polls after the first see the same values, but its local state may
// differ); Now is not a scheduling point, so a loop that only reads the
// time spins outside rt; Cond.L must be an rt Mutex or RWMutex inside
// Check.
package rt
