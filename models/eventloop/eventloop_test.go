package eventloop_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/checks/fairness"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/internal/modeltest"
	"github.com/interleave/concurrency/models/eventloop"
	"github.com/interleave/concurrency/models/registry"
)

// requireLasso replays a liveness violation and requires its cycle to
// return to the state where it starts, with no progress step of the
// starving thread on it.
func requireLasso(t *testing.T, m harness.Model, v harness.Violation, starving string) {
	t.Helper()
	require.Positive(t, v.Cycle)
	tr, err := harness.Replay(m, v.Schedule)
	require.NoError(t, err)
	loop := len(tr.States) - 1 - v.Cycle
	require.Equal(t, string(tr.States[loop]), string(tr.Final()), "the cycle does not close")
	for _, st := range tr.Steps[loop:] {
		if harness.ThreadName(m, st.Thread) == starving {
			require.False(t, st.Progress, "%s makes progress on the cycle", starving)
		}
	}
}

// TestVariants explores every variant: its safety checks as registered,
// then starvation under weak and strong fairness. State and transition
// counts are regression values computed by this explorer, not independent
// oracles.
func TestVariants(t *testing.T) {
	tests := []struct {
		variant        eventloop.Variant
		kind           string // the safety violation, "" if none
		violating      int    // states violating it
		states, edges  int
		weak, strong   string // the thread reported starving, "" if none
		weakLivelocked bool
	}{
		{eventloop.Blocking, "stall", 3, 15, 19, "producer", "producer", false},
		{eventloop.Awaiting, "", 0, 14, 20, "", "", false},
		{eventloop.Race, "race", 1, 14, 16, "", "", false},
		{eventloop.Atomic, "", 0, 8, 8, "", "", false},
		{eventloop.Spin, "stall", 3, 15, 24, "setter", "setter", false},
		// Weak fairness lets the loop keep resuming the waiter, which
		// awaits sleep(0) each round; strong fairness (a FIFO ready queue)
		// does not.
		{eventloop.Yielding, "", 0, 12, 16, "setter", "", true},
	}
	def, err := registry.Lookup("eventloop")
	require.NoError(t, err)
	for _, tc := range tests {
		t.Run(string(tc.variant), func(t *testing.T) {
			inst, err := def.Instantiate(string(tc.variant), nil)
			require.NoError(t, err)
			m, checks := inst.Model, inst.Checks
			require.Len(t, checks, 1)

			res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, checks...)
			require.NoError(t, err)
			require.True(t, res.Complete)
			require.Equal(t, tc.states, res.States, "states")
			require.Equal(t, tc.edges, res.Transitions, "transitions")
			if tc.kind == "" {
				require.Empty(t, res.Violating)
			} else {
				require.Equal(t, map[string]int{tc.kind: tc.violating}, res.Violating)
				modeltest.RequireReplays(t, m, checks, res.Violations[0])
			}

			for _, f := range []struct {
				fair     fairness.Fairness
				starving string
			}{{fairness.Weak, tc.weak}, {fairness.Strong, tc.strong}} {
				live, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true},
					fairness.Starvation(f.fair), fairness.Livelock(f.fair))
				require.NoError(t, err)
				if f.starving == "" {
					require.Empty(t, live.Violating, "%s fairness", f.fair)
					continue
				}
				require.Equal(t, fairness.StarvationKind, live.Violations[0].Kind)
				require.Contains(t, live.Violations[0].Message, f.starving+" never makes progress")
				requireLasso(t, m, live.Violations[0], f.starving)
				if f.fair == fairness.Weak {
					require.Equal(t, tc.weakLivelocked, live.Violating[fairness.LivelockKind] > 0)
				}
			}
		})
	}
}

// TestShortestStall: the blocking bug needs only the consumer to reach its
// blocking get first; one tick later two tasks are late.
func TestShortestStall(t *testing.T) {
	m := eventloop.New(eventloop.Blocking, 2, 1)
	res, err := harness.Explore(context.Background(), m, harness.Options{}, m.Checks()...)
	require.NoError(t, err)
	require.Equal(t, harness.Violated, res.Verdict())
	v := res.Violations[0]
	require.Equal(t, "1,3", v.Schedule.String())
	require.Equal(t, "q.get(): empty, blocks", v.Trace.Steps[0].Label)
	require.Contains(t, v.Message, "producer and heartbeat are ready")
	require.Contains(t, m.Describe(v.Trace.Final()), "loop held by consumer")
}

// TestBlockingDependsOnOrder: if the producer runs before the consumer
// reaches its blocking get, the item is there and nothing stalls. The bug
// hides in some schedules.
func TestBlockingDependsOnOrder(t *testing.T) {
	m := eventloop.New(eventloop.Blocking, 2, 1)
	tr, err := harness.Replay(m, harness.Schedule{0, 1, 1})
	require.NoError(t, err)
	require.Equal(t, "loop idle, queue=0, producer finished, consumer finished, heartbeat ready", m.Describe(tr.Final()))
}

// TestAwaitAfterActIsSafe replays the interleaving that breaks the race
// variant on the atomic one: with no await between check and act, B sees
// the balance A left.
func TestAwaitAfterActIsSafe(t *testing.T) {
	m := eventloop.New(eventloop.Atomic, 2, 1)
	tr, err := harness.Replay(m, harness.Schedule{0, 0, 0, 1})
	require.NoError(t, err)
	require.Equal(t, "if balance >= 70 (30: no)", tr.Steps[3].Label)
	require.Equal(t, "loop idle, balance=30, A finished, B finished", m.Describe(tr.Final()))
}

// TestTimersFire: in the healthy variants time does pass (the loop goes
// idle and the clock wakes the heartbeat), so "stall" holding is not for
// want of ticks.
func TestTimersFire(t *testing.T) {
	for _, v := range []eventloop.Variant{eventloop.Awaiting, eventloop.Yielding} {
		m := eventloop.New(v, 2, 1)
		var sched harness.Schedule
		s := m.Init()
		for len(sched) < 40 {
			stepped := false
			for th := range m.Threads(s) {
				if st, ok := m.Enabled(s, th); ok {
					st.Thread = th
					s = m.Apply(s, st)
					sched = append(sched, th)
					stepped = true
					break
				}
			}
			require.True(t, stepped, "%s: stuck after %s", v, sched)
		}
		tr, err := harness.Replay(m, sched)
		require.NoError(t, err)
		var ticks, beats int
		for _, st := range tr.Steps {
			switch st.Label {
			case "tick (heartbeat due)":
				ticks++
			case "beat":
				beats++
			}
		}
		require.Positive(t, ticks, "%s: no tick woke the heartbeat", v)
		require.Positive(t, beats, "%s: the heartbeat never beat", v)
		for _, c := range m.Checks() {
			require.NoError(t, c.Inspect(m, tr.Final(), false))
		}
	}
}

// TestStrategiesAgree: depth-first exploration reaches the same states and
// transitions as breadth-first.
func TestStrategiesAgree(t *testing.T) {
	for _, v := range []eventloop.Variant{eventloop.Blocking, eventloop.Awaiting, eventloop.Race, eventloop.Atomic, eventloop.Spin, eventloop.Yielding} {
		m := eventloop.New(v, 2, 1)
		bfs, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, m.Checks()...)
		require.NoError(t, err)
		dfs, err := harness.Explore(context.Background(), m, harness.Options{Strategy: harness.DFS, KeepGoing: true}, m.Checks()...)
		require.NoError(t, err)
		require.Equal(t, bfs.States, dfs.States, string(v))
		require.Equal(t, bfs.Transitions, dfs.Transitions, string(v))
		require.Equal(t, bfs.Violating, dfs.Violating, string(v))
	}
}

// TestParams: the race needs a second withdrawal and grows with a third;
// the heartbeat's period changes the state space, not the verdicts.
func TestParams(t *testing.T) {
	def, err := registry.Lookup("eventloop")
	require.NoError(t, err)
	verdict := func(variant string, params map[string]int, fair bool) []string {
		inst, err := def.Instantiate(variant, params)
		require.NoError(t, err)
		checks := inst.Checks
		if fair {
			checks = append(checks, fairness.Starvation(fairness.Strong))
		}
		res, err := harness.Explore(context.Background(), inst.Model, harness.Options{KeepGoing: true}, checks...)
		require.NoError(t, err)
		require.True(t, res.Complete)
		var kinds []string
		for _, v := range res.Violations {
			kinds = append(kinds, v.Kind)
			if v.Cycle == 0 {
				modeltest.RequireReplays(t, inst.Model, inst.Checks, v)
			}
		}
		return kinds
	}
	require.Empty(t, verdict("race", map[string]int{"withdrawals": 1}, false))
	require.Equal(t, []string{"race"}, verdict("race", map[string]int{"withdrawals": 3}, false))
	require.Empty(t, verdict("atomic", map[string]int{"withdrawals": 3}, false))
	for _, period := range []int{2, 3} {
		p := map[string]int{"period": period}
		require.Equal(t, []string{"stall", "starvation"}, verdict("blocking", p, true), "period %d", period)
		require.Equal(t, []string{"stall", "starvation"}, verdict("spin", p, true), "period %d", period)
		require.Empty(t, verdict("awaiting", p, true), "period %d", period)
		require.Empty(t, verdict("yielding", p, true), "period %d", period)
	}
}
