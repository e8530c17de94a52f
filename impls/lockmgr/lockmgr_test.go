package lockmgr_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/interleave/concurrency/checks/deadlock"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/lockmgr"
	"github.com/stretchr/testify/require"
)

type step struct {
	name string
	mode lockmgr.Mode
}

// ghost tracks, independently of the manager, how each resource is held
// by the transactions that believe they hold it.
type ghost struct {
	mu        rt.Mutex
	shared    map[string]int
	exclusive map[string]int
}

func (g *ghost) enter(t *rt.T, held map[string]lockmgr.Mode) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for name, mode := range held {
		if mode == lockmgr.Exclusive {
			g.exclusive[name]++
		} else {
			g.shared[name]++
		}
		if x := g.exclusive[name]; x > 1 || (x == 1 && g.shared[name] > 0) {
			t.Errorf("%s granted twice: %d exclusive and %d shared holders", name, x, g.shared[name])
		}
	}
}

func (g *ghost) leave(held map[string]lockmgr.Mode) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for name, mode := range held {
		if mode == lockmgr.Exclusive {
			g.exclusive[name]--
		} else {
			g.shared[name]--
		}
	}
}

// txs runs one transaction per script: lock every step in order (or all at
// once with LockOrdered), check that the locks are exclusive where they
// should be, release all. A victim must hold nothing after its error.
func txs(ordered bool, scripts [][]step, opts ...lockmgr.Option) func(*rt.T) {
	return func(t *rt.T) {
		m := lockmgr.New(opts...)
		g := &ghost{shared: map[string]int{}, exclusive: map[string]int{}}
		var wg rt.WaitGroup
		for _, script := range scripts {
			tx := m.Begin()
			wg.Go(func() {
				if err := run(tx, ordered, script); err != nil {
					require.ErrorIs(t, err, lockmgr.ErrDeadlock)
					require.Empty(t, tx.Held(), "the victim's locks are released")
					return
				}
				held := tx.Held()
				require.Len(t, held, distinct(script))
				g.enter(t, held)
				g.leave(held)
				tx.ReleaseAll()
			})
		}
		wg.Wait()
		require.NoError(t, m.Verify())
	}
}

func distinct(script []step) int {
	names := map[string]bool{}
	for _, s := range script {
		names[s.name] = true
	}
	return len(names)
}

func run(tx *lockmgr.Tx, ordered bool, script []step) error {
	if ordered {
		var reqs []lockmgr.Request
		for _, s := range script {
			reqs = append(reqs, lockmgr.Request{Name: s.name, Mode: s.mode})
		}
		return lockmgr.LockOrdered(tx, reqs...)
	}
	for _, s := range script {
		if err := tx.Lock(s.name, s.mode); err != nil {
			return err
		}
	}
	return nil
}

var (
	S, X = lockmgr.Shared, lockmgr.Exclusive
	// crossShared: each holds one resource shared and wants the other's
	// exclusively: a cycle through shared locks.
	crossShared = [][]step{{{"a", S}, {"b", X}}, {{"b", S}, {"a", X}}}
	// upgrade: both read a, then both want to write it.
	upgrade = [][]step{{{"a", S}, {"a", X}}, {{"a", S}, {"a", X}}}
	// crossExclusive: the AB/BA cycle with exclusive locks only.
	crossExclusive = [][]step{{{"a", X}, {"b", X}}, {{"b", X}, {"a", X}}}
	// threeWay: a cycle of three.
	threeWay = [][]step{{{"a", X}, {"b", S}}, {{"b", X}, {"c", S}}, {{"c", X}, {"a", S}}}
	// readers never conflict.
	readers = [][]step{{{"a", S}, {"b", S}}, {{"b", S}, {"a", S}}}
)

// Every scenario passes the deadlock check (a cycle is broken by a victim)
// and the lock checks on every schedule, with the correct manager.
func TestNoDeadlockSurvives(t *testing.T) {
	cases := []struct {
		name    string
		scripts [][]step
		ordered bool
	}{
		{"cycle through shared locks", crossShared, false},
		{"two upgraders", upgrade, false},
		{"AB/BA exclusive", crossExclusive, false},
		{"three-way cycle", threeWay, false},
		{"readers", readers, false},
		{"AB/BA with LockOrdered", crossExclusive, true},
		{"three-way with LockOrdered", threeWay, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := deadlock.RT().Explore(txs(c.ordered, c.scripts))
			require.NoError(t, err)
			t.Log(rep)
		})
	}
}

// Exclusive cycles are still found with the seeded bug: it is specific to
// shared locks.
func TestSharedBlindStillSeesExclusiveCycles(t *testing.T) {
	_, err := deadlock.RT().Explore(txs(false, crossExclusive, lockmgr.WithBug(lockmgr.BugSharedBlind)))
	require.NoError(t, err)
}

// TestSeededBugs: with BugSharedBlind a cycle through shared locks is not
// detected and the transactions wait for each other forever.
func TestSeededBugs(t *testing.T) {
	for name, scripts := range map[string][][]step{"shared-blind cross": crossShared, "shared-blind upgrade": upgrade} {
		t.Run(name, func(t *testing.T) {
			_, err := deadlock.RT().Explore(txs(false, scripts, lockmgr.WithBug(lockmgr.BugSharedBlind)))
			var f *deadlock.Finding
			require.ErrorAs(t, err, &f)
			require.Equal(t, rt.KindDeadlock, f.Kind)
			require.Contains(t, f.Message, "every goroutine is blocked")
			t.Log(f)
		})
	}
}

// Both transactions hold a resource shared and want the other's
// exclusively: on every schedule exactly one is the victim, with an error
// naming the cycle, and the other gets both locks.
func TestVictimError(t *testing.T) {
	rt.Check(t, func(t *rt.T) {
		m := lockmgr.New()
		t1, t2 := m.Begin(), m.Begin()
		require.NoError(t, t1.Lock("a", S))
		require.NoError(t, t2.Lock("b", S))
		errs := [2]error{}
		var wg rt.WaitGroup
		wg.Go(func() { errs[0] = t1.Lock("b", X) })
		wg.Go(func() { errs[1] = t2.Lock("a", X) })
		wg.Wait()
		victim, winner, want := t2, t1, map[string]lockmgr.Mode{"a": S, "b": X}
		if errs[0] != nil {
			victim, winner, want = t1, t2, map[string]lockmgr.Mode{"a": X, "b": S}
		}
		err := errs[victim.ID()-1]
		require.ErrorIs(t, err, lockmgr.ErrDeadlock)
		require.NoError(t, errs[winner.ID()-1])
		require.Contains(t, err.Error(), sprintf("on the cycle T%d -> T%d -> T%d; T%d is the victim", victim.ID(), winner.ID(), victim.ID(), victim.ID()))
		require.Empty(t, victim.Held())
		require.Equal(t, want, winner.Held())
		require.NoError(t, m.Verify())
	})
}

var sprintf = fmt.Sprintf

// Natively, with real goroutines: transactions lock random sets in random
// orders, retrying when they are victims; every one finishes.
func TestNativeStress(t *testing.T) {
	m := lockmgr.New()
	names := []string{"a", "b", "c", "d"}
	var wg sync.WaitGroup
	var victims, commits sync.Map
	for w := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for i := range 50 {
				for attempt := 0; ; attempt++ {
					tx := m.Begin()
					err := run(tx, false, []step{{names[r.IntN(4)], lockmgr.Mode(r.IntN(2))}, {names[r.IntN(4)], lockmgr.Mode(r.IntN(2))}})
					if err == nil {
						tx.ReleaseAll()
						commits.Store(fmt.Sprint(w, i), true)
						break
					}
					if !errors.Is(err, lockmgr.ErrDeadlock) {
						t.Error(err)
						return
					}
					victims.Store(fmt.Sprint(w, i, attempt), true)
				}
			}
		})
	}
	wg.Wait()
	require.NoError(t, m.Verify())
	n := 0
	commits.Range(func(any, any) bool { n++; return true })
	require.Equal(t, 8*50, n)
}
