package socket_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/coffman"
	"github.com/interleave/concurrency/internal/modeltest"
	"github.com/interleave/concurrency/models/registry"
	"github.com/interleave/concurrency/models/socket"
)

func terminal(m harness.Model, s harness.State) bool {
	for th := range m.Threads(s) {
		if _, ok := m.Enabled(s, th); ok {
			return false
		}
	}
	return true
}

// TestVariants explores every variant with the default parameters (buffer
// 2, size 5). State and transition counts are regression values computed
// by this explorer, not independent oracles.
func TestVariants(t *testing.T) {
	tests := []struct {
		variant       socket.Variant
		first         string         // the shortest violation's kind, "" if none
		kinds         map[string]int // violating states per kind
		states, edges int
	}{
		{socket.SendFirst, harness.DeadlockKind, map[string]int{harness.DeadlockKind: 1}, 57, 113},
		{socket.RequestResponse, "", map[string]int{}, 88, 148},
		{socket.NoShutdown, harness.DeadlockKind, map[string]int{harness.DeadlockKind: 1}, 41, 68},
		{socket.HalfClose, "", map[string]int{}, 100, 172},
		{socket.Stream, "message-split", map[string]int{"message-split": 248, "message-merge": 84}, 263, 446},
		{socket.Framed, "", map[string]int{}, 101, 175},
	}
	def, err := registry.Lookup("socket")
	require.NoError(t, err)
	for _, tc := range tests {
		t.Run(string(tc.variant), func(t *testing.T) {
			inst, err := def.Instantiate(string(tc.variant), nil)
			require.NoError(t, err)
			m, checks := inst.Model.(*socket.Model), inst.Checks

			res, err := harness.Explore(context.Background(), m, harness.Options{}, checks...)
			require.NoError(t, err)
			if tc.first == "" {
				require.Equal(t, harness.OK, res.Verdict())
			} else {
				require.Equal(t, tc.first, res.Violations[0].Kind)
			}

			all, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, checks...)
			require.NoError(t, err)
			require.True(t, all.Complete)
			require.Equal(t, tc.states, all.States, "states")
			require.Equal(t, tc.edges, all.Transitions, "transitions")
			require.Equal(t, tc.kinds, all.Violating)
			for _, v := range all.Violations {
				modeltest.RequireReplays(t, m, checks, v)
			}
		})
	}
}

// TestSendFirstCycle: the deadlock's wait-for cycle runs through all four
// threads and the four full buffers, and the Coffman report says circular
// wait holds.
func TestSendFirstCycle(t *testing.T) {
	m := socket.New(socket.SendFirst, 2, 5)
	res, err := harness.Explore(context.Background(), m, harness.Options{})
	require.NoError(t, err)
	v := res.Violations[0]
	require.Equal(t, harness.DeadlockKind, v.Kind)
	require.Equal(t, "client sndbuf 2/2 rcvbuf 2/2; server sndbuf 2/2 rcvbuf 2/2", m.Describe(v.Trace.Final()))
	d := v.Detail.(*harness.Deadlock)
	require.Equal(t, []int{0, 2, 1, 3}, d.Cycle)
	var circular coffman.Condition
	for _, c := range d.Evidence.Coffman {
		if c.Name == "circular wait" {
			circular = c
		}
	}
	require.True(t, circular.Holds)
	require.Equal(t, []string{"client → client send buffer (full) → net c→s → server receive buffer (full) → server → " +
		"server send buffer (full) → net s→c → client receive buffer (full) → client"}, circular.Evidence)
}

// TestSendFirstFits: when one direction can hold the whole message
// (size ≤ 2 × buffer), sending first does not deadlock.
func TestSendFirstFits(t *testing.T) {
	for _, p := range []struct{ buffer, size int }{{2, 4}, {1, 2}, {3, 6}} {
		m := socket.New(socket.SendFirst, p.buffer, p.size)
		res, err := harness.Explore(context.Background(), m, harness.Options{})
		require.NoError(t, err)
		require.Equal(t, harness.OK, res.Verdict(), "buffer=%d size=%d", p.buffer, p.size)
	}
	m := socket.New(socket.SendFirst, 1, 3)
	res, err := harness.Explore(context.Background(), m, harness.Options{})
	require.NoError(t, err)
	require.Equal(t, harness.DeadlockKind, res.Violations[0].Kind, "buffer=1 size=3")
}

// run drives m by always stepping the lowest enabled thread and returns
// the narrated trace.
func run(t *testing.T, m harness.Model) harness.Trace {
	t.Helper()
	var sched harness.Schedule
	s := m.Init()
	for !terminal(m, s) {
		for th := range m.Threads(s) {
			if st, ok := m.Enabled(s, th); ok {
				st.Thread = th
				s = m.Apply(s, st)
				sched = append(sched, th)
				break
			}
		}
	}
	tr, err := harness.Replay(m, sched)
	require.NoError(t, err)
	return tr
}

func labels(tr harness.Trace, th int) []string {
	var out []string
	for _, st := range tr.Steps {
		if st.Thread == th {
			out = append(out, st.Label)
		}
	}
	return out
}

// TestEndOfStream: after the peer closes (or shuts down writing), recv
// returns the remaining data and then 0 bytes: end of stream.
func TestEndOfStream(t *testing.T) {
	tr := run(t, socket.New(socket.RequestResponse, 2, 3))
	require.Equal(t, []string{"connect()", "send(request): 2 in, 1 left", "send(request): last 1 in",
		"recv → 1 (response)", "recv → 1 (response)", "recv → 1 (response)", "recv → 0: end of stream", "close()"}, labels(tr, 0))

	// Half-close: the server reads the request to end of stream, which the
	// client's shutdown causes, and the client still reads the response.
	tr = run(t, socket.New(socket.HalfClose, 2, 2))
	require.Equal(t, []string{"accept()", "recv → 1 (request)", "recv → 1 (request)", "recv → 0: end of stream",
		"send(response): all 2 in", "close()"}, labels(tr, 1))
	require.Equal(t, []string{"connect()", "send(request): all 2 in", "shutdown(SHUT_WR)",
		"recv → 1 (response)", "recv → 1 (response)", "recv → 0: end of stream", "close()"}, labels(tr, 0))
}

// TestMergeAlone: with one-byte messages a recv can never return part of
// a message, but it can still return two of them.
func TestMergeAlone(t *testing.T) {
	m := socket.New(socket.Stream, 2, 1)
	res, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, m.Checks()...)
	require.NoError(t, err)
	require.Equal(t, []string{"message-merge"}, kinds(res))
	v := res.Violations[0]
	require.Contains(t, v.Message, `"AB"`)
	require.Equal(t, `recv → 2: msg "AB"`, v.Trace.Steps[len(v.Trace.Steps)-1].Label)
	modeltest.RequireReplays(t, m, m.Checks(), v)
}

func kinds(res harness.Result) []string {
	var out []string
	for _, v := range res.Violations {
		out = append(out, v.Kind)
	}
	return out
}

// TestFramedLarger: framing keeps messages whole for other buffer sizes
// too, while the unframed stream keeps failing.
func TestFramedLarger(t *testing.T) {
	for _, p := range []struct{ buffer, size int }{{1, 2}, {3, 4}, {4, 3}} {
		m := socket.New(socket.Framed, p.buffer, p.size)
		res, err := harness.Explore(context.Background(), m, harness.Options{}, m.Checks()...)
		require.NoError(t, err)
		require.Equal(t, harness.OK, res.Verdict(), "framed buffer=%d size=%d", p.buffer, p.size)

		m = socket.New(socket.Stream, p.buffer, p.size)
		res, err = harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, m.Checks()...)
		require.NoError(t, err)
		require.NotEmpty(t, res.Violations, "stream buffer=%d size=%d", p.buffer, p.size)
		require.True(t, strings.HasPrefix(res.Violations[0].Kind, "message-"))
	}
}

// TestStrategiesAgree: depth-first exploration reaches the same states,
// transitions and violating states as breadth-first.
func TestStrategiesAgree(t *testing.T) {
	for _, v := range []socket.Variant{socket.SendFirst, socket.RequestResponse, socket.NoShutdown, socket.HalfClose, socket.Stream, socket.Framed} {
		m := socket.New(v, 2, 5)
		bfs, err := harness.Explore(context.Background(), m, harness.Options{KeepGoing: true}, m.Checks()...)
		require.NoError(t, err)
		dfs, err := harness.Explore(context.Background(), m, harness.Options{Strategy: harness.DFS, KeepGoing: true}, m.Checks()...)
		require.NoError(t, err)
		require.Equal(t, bfs.States, dfs.States, string(v))
		require.Equal(t, bfs.Transitions, dfs.Transitions, string(v))
		require.Equal(t, bfs.Violating, dfs.Violating, string(v))
	}
}
