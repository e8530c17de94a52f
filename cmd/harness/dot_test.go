package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// dotPlaceholder in a golden case's arguments stands for a fresh file;
// the case then also compares the file with testdata/<case>.dot.golden,
// or, for an err_ case, requires that nothing was written.
const dotPlaceholder = "{dot}"

// dotCase is the DOT file of one golden case.
type dotCase struct{ path string }

// withDotFile puts a temporary file in place of the placeholder in args.
func withDotFile(t *testing.T, args []string) dotCase {
	var d dotCase
	for i, a := range args {
		if a == dotPlaceholder {
			d.path = filepath.Join(t.TempDir(), "g.dot")
			args[i] = d.path
		}
	}
	return d
}

// hide writes the placeholder back in the output, which names the file.
func (d dotCase) hide(out string) string {
	if d.path == "" {
		return out
	}
	return strings.ReplaceAll(out, d.path, dotPlaceholder)
}

// check compares the file with its golden (refreshed with -update), or
// requires that it was not written.
func (d dotCase) check(t *testing.T, golden string, written bool) {
	if d.path == "" {
		return
	}
	got, err := os.ReadFile(d.path)
	if !written {
		require.ErrorIs(t, err, os.ErrNotExist, "a refused --dot writes nothing")
		return
	}
	require.NoError(t, err)
	golden = strings.TrimSuffix(golden, ".golden") + ".dot.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run with -update to create it")
	require.Equal(t, string(want), string(got))
}

var statesLine = regexp.MustCompile(`(?m)^states: (\d+)  transitions: (\d+)`)

// exploreDot runs explore with --dot into a temporary file and returns
// the output, the exit code, the state count printed and the file.
func exploreDot(t *testing.T, args ...string) (string, int, int, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "g.dot")
	out, code, _ := runArgs(append([]string{"explore", "--dot", file}, args...))
	states := 0
	if m := statesLine.FindStringSubmatch(out); m != nil {
		states, _ = strconv.Atoi(m[1])
	}
	return out, code, states, file
}

// TestDotLimit: a search that passes --dot-max-states stops there with
// exit 2, names the flag and writes nothing; raising the limit draws it.
func TestDotLimit(t *testing.T) {
	out, code, _, file := exploreDot(t, "deadlock", "--param", "n=4", "--dot-max-states", "30")
	require.Equal(t, exitUsage, code, out)
	require.Contains(t, out, "harness explore: --dot: the search passed 30 states and was stopped; the graph is too big to draw (allowed: --dot-max-states above 30")
	_, err := os.Stat(file)
	require.ErrorIs(t, err, os.ErrNotExist)

	out, code, states, file := exploreDot(t, "deadlock", "--param", "n=4", "--dot-max-states", "3000")
	require.Equal(t, exitViolation, code, out)
	require.Greater(t, states, 30)
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Contains(t, string(raw), "// "+strconv.Itoa(states)+" states, ")

	// A --max-states at or under the limit bounds the search as usual.
	out, code, states, _ = exploreDot(t, "deadlock", "--param", "n=4", "--variant", "ordered", "--max-states", "30", "--dot-max-states", "30")
	require.Equal(t, exitOK, code, out)
	require.Equal(t, 30, states)
	require.Contains(t, out, "result: bounded")
}

// TestDotDeterministic: the same flags write the same bytes, breadth- and
// depth-first, and --dot changes nothing else in the report but the
// reductions it turns off and its last line.
func TestDotDeterministic(t *testing.T) {
	for _, strategy := range []string{"bfs", "dfs"} {
		args := []string{"counter", "--variant", "race", "--param", "threads=3", "--strategy", strategy, "--keep-going"}
		out1, _, states, f1 := exploreDot(t, args...)
		out2, _, _, f2 := exploreDot(t, args...)
		a, err := os.ReadFile(f1)
		require.NoError(t, err)
		b, err := os.ReadFile(f2)
		require.NoError(t, err)
		require.Equal(t, a, b, strategy)
		require.Equal(t, strings.ReplaceAll(out1, f1, ""), strings.ReplaceAll(out2, f2, ""))
		require.Greater(t, states, 100)

		plain, _, _ := runArgs(append([]string{"explore"}, append(args, "--por=off", "--symmetry=off")...))
		note := regexp.MustCompile(`\nstate graph: .*\n`)
		require.Regexp(t, note, out1)
		require.Equal(t, reductionsOff(plain), reductionsOff(note.ReplaceAllString(out1, "")), strategy)
	}
}

// reductionsOff drops the lines that say why reductions are off.
func reductionsOff(out string) string {
	return regexp.MustCompile(`(?m)^(partial-order|symmetry) reduction: .*\n`).ReplaceAllString(out, "")
}

// TestDotGraphviz renders the graph with Graphviz, when it is installed,
// and counts its nodes: one per state the report counts.
func TestDotGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("graphviz's dot is not on PATH (apt-get install -y graphviz): the DOT file is not rendered")
	}
	out, code, states, file := exploreDot(t, "deadlock", "--param", "n=3")
	require.Equal(t, exitViolation, code, out)
	require.Equal(t, 20, states, out)
	var svg, stderr bytes.Buffer
	cmd := exec.Command(dot, "-Tsvg", file)
	cmd.Stdout, cmd.Stderr = &svg, &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	require.Empty(t, stderr.String(), "graphviz warns")
	require.Equal(t, states, strings.Count(svg.String(), `class="node"`))
	transitions, _ := strconv.Atoi(statesLine.FindStringSubmatch(out)[2])
	require.Equal(t, transitions, strings.Count(svg.String(), `class="edge"`))
}
