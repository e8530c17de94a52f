package rt_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

type counter struct {
	mu rt.Mutex
	n  rt.Var[int]
}

// inc forgets the lock when locked is false: a data race on c.n.
func (c *counter) inc(locked bool) {
	if locked {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	c.n.Store(c.n.Load() + 1)
}

type server struct {
	updates *rt.Chan[int]
	done    *rt.Chan[bool]
}

// janitor waits for an update or done, which nobody sends.
func (s *server) janitor() { rt.Select(s.updates.OnRecv(nil), s.done.OnRecv(nil)) }

func worker(c *counter) func() { return func() { c.inc(true) } }

// startAll spawns a goroutine from a helper, so its closure is named
// with the helper.
func startAll(t *rt.T, ch *rt.Chan[int]) { t.Go(func() { ch.Send(1) }) }

// The names in a report come from the source: fields and variables for
// objects (a second object of the same name gets #2), the function a
// goroutine runs for goroutines. The fixed variants of the same programs
// pass.
func TestNames(t *testing.T) {
	cases := []struct {
		name string
		body func(fixed bool) func(*rt.T)
		want []string // regular expressions
	}{
		{"struct fields and a method value", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				c := &counter{}
				t.Go(func() { c.inc(fixed) })
				c.inc(fixed)
			}
		}, []string{`data race: c\.n: `, `G1 \(func at names_test\.go:\d+\) c\.n\.(Load|Store) at`}},
		{"variables in an AB-BA deadlock", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				var statsMu, cfgMu rt.Mutex
				//lint:ignore SA2001 acquiring the locks is the point here
				t.Go(func() { statsMu.Lock(); cfgMu.Lock(); cfgMu.Unlock(); statsMu.Unlock() })
				if fixed {
					statsMu.Lock()
					cfgMu.Lock()
				} else {
					cfgMu.Lock()
					statsMu.Lock()
				}
				statsMu.Unlock()
				cfgMu.Unlock()
			}
		}, []string{`yes  mutual exclusion  (statsMu, cfgMu|cfgMu, statsMu): `}},
		{"channels assigned, in literals, goroutines named by function", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				s := &server{done: rt.NewChan[bool](1)}
				s.updates = rt.NewChan[int](0)
				t.Go(s.janitor)
				if fixed {
					s.updates.Send(1)
				}
			}
		}, []string{`G1 janitor blocked in select on s\.updates\.Recv .*, done\.Recv`, `step +G0 +G1 janitor`}},
		{"same name twice, wg.Go of a named function", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				var wg rt.WaitGroup
				for range 2 {
					c := &counter{}
					c.mu.Lock()
					if fixed {
						c.mu.Unlock()
					}
					wg.Go(worker(c))
				}
				wg.Wait()
			}
		}, []string{`G1 \(func in worker at names_test\.go:\d+\) blocked in c\.mu\.Lock`, `blocked in c\.mu#2\.Lock`, `wg\.Wait`}},
		{"a closure spawned in a helper", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				updates := rt.NewChan[int](0)
				startAll(t, updates)
				if fixed {
					updates.Recv()
				}
			}
		}, []string{`G1 \(func in startAll at names_test\.go:\d+\) blocked in updates\.Send`}},
		{"no name in the source: the short name", func(fixed bool) func(*rt.T) {
			return func(t *rt.T) {
				d := time.Second
				if fixed {
					d = time.Millisecond
				}
				rt.Select(rt.After(d).OnRecv(nil), rt.After(time.Millisecond).OnRecv(func(time.Time, bool) {
					if !fixed {
						t.Fatal("timeout first")
					}
				}))
			}
		}, []string{`select 1:c2`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := rt.Explore(c.body(false))
			require.NoError(t, err)
			require.NotNil(t, rep.Failure, "the seeded bug is not found")
			for _, w := range c.want {
				require.Regexp(t, regexp.MustCompile(w), rep.Failure.String())
			}
			rep, err = rt.Explore(c.body(true))
			require.NoError(t, err)
			require.Nil(t, rep.Failure, rep.String())
		})
	}
}
