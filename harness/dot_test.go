package harness_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/counter"
	"github.com/interleave/concurrency/models/deadlock"
)

// dot explores m with the graph recorded and draws it with the first
// violation's path.
func dot(t *testing.T, m harness.Model, o harness.Options, checks ...harness.Check) (harness.Result, string) {
	t.Helper()
	o.Graph = true
	res := explore(t, m, o, checks...)
	d := harness.DOTOptions{Title: "test", Checks: checks}
	if len(res.Violations) > 0 {
		d.Path = res.Violations[0].Schedule
	}
	var b bytes.Buffer
	require.NoError(t, res.Graph.WriteDOT(&b, d))
	return res, b.String()
}

// body is the drawing without its comments.
func body(out string) string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "//") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

var (
	dotNode = regexp.MustCompile(`(?m)^\ts\d+ \[`)
	dotEdge = regexp.MustCompile(`(?m)^\ts\d+ -> s\d+ \[`)
)

// TestGraphOption: the graph has the states and edges the search counts,
// reductions are off and say why, and without the option there is none.
func TestGraphOption(t *testing.T) {
	for _, strat := range []harness.Strategy{harness.BFS, harness.DFS} {
		m := deadlock.New(deadlock.Ordered, 3)
		res := explore(t, m, harness.Options{Strategy: strat, Graph: true, POR: true})
		require.Equal(t, res.States, res.Graph.Len())
		edges := 0
		for i := range res.Graph.Len() {
			edges += len(res.Graph.Out(uint32(i)))
		}
		require.Equal(t, res.Transitions, edges)
		require.Equal(t, harness.Applied{Off: true, Reason: "the exported state graph has every interleaving"}, res.Reduction)
		require.Nil(t, explore(t, m, harness.Options{Strategy: strat}).Graph)
	}
	res := explore(t, counter.New(counter.Race, 2, 1), harness.Options{Graph: true, Symmetry: true})
	require.Equal(t, harness.Applied{Off: true, Reason: "the exported state graph has concrete states"}, res.Symmetry)
}

// TestGraphOptionRefused: searches that keep no graph say so.
func TestGraphOptionRefused(t *testing.T) {
	for name, o := range map[string]harness.Options{
		"compact":     {Compact: true},
		"random":      {Strategy: harness.Random},
		"pct":         {Strategy: harness.PCT, BugDepth: 2},
		"preemptions": {ContextBound: true, Preemptions: 1},
	} {
		o.Graph = true
		_, err := harness.Explore(context.Background(), abba, o)
		require.ErrorContains(t, err, "Graph", name)
	}
}

// TestDOTMarksDeadlock: the AB/BA deadlock is an octagon, red, reached by
// bold red edges from the double-bordered initial state; the ordered
// locks draw nothing red.
func TestDOTMarksDeadlock(t *testing.T) {
	res, out := dot(t, abba, harness.Options{})
	require.Len(t, dotNode.FindAllString(out, -1), res.States)
	require.Contains(t, out, "\ts0 [label=\"0\", peripheries=2];\n")
	require.Equal(t, 1, strings.Count(out, "shape=octagon"))
	require.Contains(t, out, `\ndeadlock", color=red, fontcolor=red, shape=octagon`)
	require.Equal(t, len(res.Violations[0].Schedule), strings.Count(out, "style=bold"))
	require.Contains(t, out, `s0 -> s1 [label="T0: acquire A", color=red`)

	_, out = dot(t, ordered, harness.Options{})
	require.NotContains(t, body(out), "red")
	require.NotContains(t, body(out), "octagon")
}

// TestDOTMarksViolations: every state that fails a check is red with the
// check's name, not only the one the search stopped at.
func TestDOTMarksViolations(t *testing.T) {
	m := program{objects: 1, threads: [][]op{{set(0, 1), set(0, 2)}, {set(0, 3), set(0, 2)}}}
	three := harness.Invariant("not-three", func(s harness.State) error {
		if s[2] == 3 {
			return errors.New("x=3")
		}
		return nil
	})
	res, out := dot(t, m, harness.Options{KeepGoing: true}, three)
	require.Equal(t, res.Violating["not-three"], strings.Count(out, `\nnot-three"`))
	require.Greater(t, res.Violating["not-three"], 1)
	_, out = dot(t, m, harness.Options{KeepGoing: true})
	require.NotContains(t, body(out), "red")
}

// TestDOTPathOffGraph: a path through states the search did not store
// adds them, dashed and named, with its edges.
func TestDOTPathOffGraph(t *testing.T) {
	res := explore(t, abba, harness.Options{Graph: true, MaxStates: 2})
	var b bytes.Buffer
	require.NoError(t, res.Graph.WriteDOT(&b, harness.DOTOptions{Path: harness.Schedule{0, 1}}))
	out := b.String()
	require.Len(t, dotNode.FindAllString(out, -1), 3)
	require.Contains(t, out, `s2 [label="2 (not stored)\ndeadlock", color=red`)
	require.Contains(t, out, `s1 -> s2 [label="T1: acquire B", color=red`)
	require.Contains(t, out, "// 3 states, 2 edges\n")

	err := res.Graph.WriteDOT(&b, harness.DOTOptions{Path: harness.Schedule{5}})
	require.ErrorContains(t, err, "does not replay")
}

// TestDOTEdgesOnce: depth-first search under a depth bound explores a
// state again when it finds a shorter path to it; its edges are drawn
// once.
func TestDOTEdgesOnce(t *testing.T) {
	res, out := dot(t, deadlock.New(deadlock.Ordered, 3), harness.Options{Strategy: harness.DFS, Depth: 6})
	lines := dotEdge.FindAllString(out, -1)
	require.Less(t, len(lines), res.Transitions, "the search recorded edges twice")
	edges := regexp.MustCompile(`(?m)^\t(s\d+ -> s\d+) \[label="([^"]*)"`).FindAllStringSubmatch(out, -1)
	seen := map[string]bool{}
	for _, e := range edges {
		key := e[1] + " " + e[2]
		require.False(t, seen[key], "edge %s drawn twice", key)
		seen[key] = true
	}
	require.Contains(t, out, "style=dashed", "states at the depth bound are not expanded")
}

// described is a program whose description needs quoting and wrapping.
type described struct{ program }

func (d described) Describe(s harness.State) string {
	return fmt.Sprintf(`pc %d "quoted" back\slash and a description long enough to be cut after three lines of text, here`, s[0])
}

// TestDOTLabels: quotes and backslashes are escaped, long descriptions
// are wrapped and cut, with the whole text as the tooltip, and the same
// graph gives the same bytes.
func TestDOTLabels(t *testing.T) {
	m := described{program{objects: 1, threads: [][]op{{set(0, 1)}}}}
	_, out := dot(t, m, harness.Options{})
	require.Contains(t, out, `s0 [label="0: pc 0 \"quoted\" back\\slash and\na description long enough to be\ncut after three lines of text,…", peripheries=2, `+
		`tooltip="pc 0 \"quoted\" back\\slash and a description long enough to be cut after three lines of text, here"];`)
	_, again := dot(t, m, harness.Options{})
	require.Equal(t, out, again)
}

// BenchmarkWriteDOT draws the 9,403 states of eight ordered philosophers.
func BenchmarkWriteDOT(b *testing.B) {
	res, err := harness.Explore(context.Background(), deadlock.New(deadlock.Ordered, 8), harness.Options{Graph: true})
	require.NoError(b, err)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		require.NoError(b, res.Graph.WriteDOT(&buf, harness.DOTOptions{}))
	}
	b.ReportMetric(float64(res.States)*float64(b.N)/b.Elapsed().Seconds(), "states/s")
}
