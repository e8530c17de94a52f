package coffman_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness/coffman"
)

func conds(holds [4]bool, evidence ...[]string) []coffman.Condition {
	names := []string{coffman.MutualExclusion, coffman.HoldAndWait, coffman.NoPreemption, coffman.CircularWait}
	cs := make([]coffman.Condition, 4)
	for i := range cs {
		cs[i] = coffman.Condition{Name: names[i], Holds: holds[i], Evidence: evidence[i]}
	}
	return cs
}

func one(s string) []string { return []string{s} }

var ring = []coffman.Wait{
	{Who: "P0", Object: "fork1", Why: "held by P1 since step 2"},
	{Who: "P1", Object: "fork0", Why: "held by P0 since step 1"},
}

func TestWriteText(t *testing.T) {
	for _, c := range []struct {
		name  string
		e     coffman.Evidence
		limit int
		want  string
	}{
		{"all hold", coffman.Evidence{Cycle: ring, Coffman: conds([4]bool{true, true, true, true},
			one("P0 needs fork1"), one("P0 holds fork0"), one("nothing takes a fork away"), one("P0 → fork1 → P1 → fork0 → P0"))}, 0, `
wait-for cycle: P0 → P1 → P0

Coffman conditions (4 of 4 hold):
  yes  mutual exclusion  P0 needs fork1
  yes  hold and wait     P0 holds fork0
  yes  no preemption     nothing takes a fork away
  yes  circular wait     P0 → fork1 → P1 → fork0 → P0
`},
		{"some hold, no cycle", coffman.Evidence{Coffman: conds([4]bool{true, false, true, false},
			one("main waits on exit"), one("nothing held"), one("no foreign release"), one("no cycle"))}, 0, `

Coffman conditions (2 of 4 hold):
  yes  mutual exclusion  main waits on exit
  no   hold and wait     nothing held
  yes  no preemption     no foreign release
  no   circular wait     no cycle
`},
		{"multi-line evidence", coffman.Evidence{Cycle: ring[:1], Coffman: conds([4]bool{true, true, true, true},
			[]string{"a", "b", "c"}, one("d"), []string{"e", "f"}, nil)}, 0, `
wait-for cycle: P0 → P0

Coffman conditions (4 of 4 hold):
  yes  mutual exclusion  a
                         b
                         c
  yes  hold and wait     d
  yes  no preemption     e
                         f
`},
		{"a limit elides long lists in the middle", coffman.Evidence{Cycle: waits(7), Coffman: conds([4]bool{true, true, true, true},
			lines(7), lines(4), one("x"), one("y"))}, 4, `
wait-for cycle: G0 → G1 → ... (3 more) → G5 → G6 → G0

Coffman conditions (4 of 4 hold):
  yes  mutual exclusion  line 0
                         line 1
                         ... (3 more)
                         line 5
                         line 6
  yes  hold and wait     line 0
                         line 1
                         line 2
                         line 3
  yes  no preemption     x
  yes  circular wait     y
`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			c.e.WriteText(&b, c.limit)
			require.Equal(t, strings.TrimPrefix(c.want, "\n"), b.String())
		})
	}
}

func waits(n int) []coffman.Wait {
	ws := make([]coffman.Wait, n)
	for i := range ws {
		ws[i] = coffman.Wait{Who: fmt.Sprintf("G%d", i), Object: fmt.Sprintf("m%d", i)}
	}
	return ws
}

func lines(n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprintf("line %d", i)
	}
	return s
}

func TestNamesAndHolding(t *testing.T) {
	e := coffman.Evidence{Cycle: ring, Coffman: conds([4]bool{true, false, true, true}, nil, nil, nil, nil)}
	require.Equal(t, []string{"P0", "P1"}, e.Names())
	require.Equal(t, 3, coffman.Holding(e.Coffman))
	require.Empty(t, coffman.Evidence{}.Names())
}
