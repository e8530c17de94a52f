package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// atRoot runs the test from the module root, where the fixtures'
// replay lines start; it skips in -short mode (test binaries are built).
func atRoot(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds test binaries")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	t.Chdir(root)
}

// TestHarnessTest runs harness test on a fixture with a seeded lock-order
// deadlock and on its fixed twin, and replays the report's command.
func TestHarnessTest(t *testing.T) {
	atRoot(t)

	out, code, _ := runArgs([]string{"test", "./harness/instrument/testdata/transfer/bug"})
	require.Equal(t, exitViolation, code, out)
	require.Contains(t, out, "rt: deadlock: goroutines wait for each other in a cycle")
	require.Contains(t, out, "at bank.go:15", "positions are the user's file and line")
	replay := regexp.MustCompile(`replay: INTERLEAVE_REPLAY='([^']+)' harness test -run '\^TestTransfers\$' (\S+)`).FindStringSubmatch(out)
	require.NotNil(t, replay, out)
	require.Equal(t, "github.com/interleave/concurrency/harness/instrument/testdata/transfer/bug", replay[2], "the import path: the command works in any directory of the module")

	t.Setenv("INTERLEAVE_REPLAY", replay[1])
	again, code, _ := runArgs([]string{"test", "-run", "^TestTransfers$", replay[2]})
	require.Equal(t, exitViolation, code, again)
	require.Contains(t, again, "rt: deadlock")
	require.Contains(t, again, "schedule: "+replay[1])
	os.Unsetenv("INTERLEAVE_REPLAY")

	fixed, code, _ := runArgs([]string{"test", "./harness/instrument/testdata/transfer/fixed"})
	require.Equal(t, exitOK, code, fixed)
	require.Contains(t, fixed, "ok ")
}

// TestHarnessTestBuildError reports a package that does not type-check
// as bad usage, with the file and line.
func TestHarnessTestBuildError(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module broken\n\ngo 1.26\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.go"), []byte("package broken\n\nvar x int = \"s\"\n"), 0o644))
	t.Chdir(dir)
	_, code, stderr := runArgs([]string{"test", "."})
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "b.go:3")
}

// TestGoTestArgsKeepOrder: a flag written after the packages (a test's
// own flag, unknown to go test) stays after them, or go test would take
// the packages for the test binary's arguments.
func TestGoTestArgsKeepOrder(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"-v", "./a", "-queue.bug=x"}, []string{"-v", "./a", "-queue.bug=x"}},
		{[]string{"./a", "./b", "-run", "X", "-interleave.bound=1"}, []string{"./a", "./b", "-run", "X", "-interleave.bound=1"}},
		{[]string{"-count", "1", "./a", "-args", "-y"}, []string{"-count", "1", "./a", "-args", "-y"}},
	} {
		ta, err := parseTestArgs(tc.args)
		require.NoError(t, err)
		require.Equal(t, append([]string{"test", "-overlay=o.json"}, tc.want...), ta.goTestArgs("o.json", ""), "%q", tc.args)
	}
}

// TestHarnessTestSubtests: each row of a table-driven test is explored
// on its own, so the first row's deadlock is found although the last
// row alone has more schedules than the budget, and -run picks a row.
func TestHarnessTestSubtests(t *testing.T) {
	atRoot(t)
	const pkg = "./harness/instrument/testdata/subtests"

	out, code, _ := runArgs([]string{"test", "-v", pkg, "-interleave.executions=200"})
	require.Equal(t, exitViolation, code, out)
	require.Contains(t, out, "--- FAIL: TestTransfers/opposite")
	require.Contains(t, out, "rt: deadlock")
	require.Contains(t, out, "--- PASS: TestTransfers/ring_of_four")
	require.Contains(t, out, `harness test -run '^TestTransfers$/^opposite$' github.com/interleave/concurrency/`+pkg[2:])

	ring, code, _ := runArgs([]string{"test", "-v", "-run", "TestTransfers/ring", pkg, "-interleave.executions=200"})
	require.Equal(t, exitOK, code, ring)
	require.NotContains(t, ring, "opposite")
}

// TestHarnessTestOtherModule runs harness test in a module that does not
// require this one, as a user's own module would be.
func TestHarnessTestOtherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds test binaries")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/bank\n\ngo 1.26\n"), 0o644))
	for _, name := range []string{"bank.go", "bank_test.go"} {
		data, err := os.ReadFile(filepath.Join("../../harness/instrument/testdata/transfer/bug", name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	t.Chdir(dir)
	out, code, stderr := runArgs([]string{"test", "."})
	require.Equal(t, exitViolation, code, out+stderr)
	require.Contains(t, out, "rt: deadlock")
	require.Contains(t, out, "harness test -run '^TestTransfers$' example.com/bank")
	gomod, err := os.ReadFile("go.mod")
	require.NoError(t, err)
	require.NotContains(t, string(gomod), "interleave", "the user's go.mod is left alone")
}

// TestHarnessTestInstrumentAll: errgroup (another module) starts the
// goroutines of the code under test; by default they are not rt's and
// the report says how to fix that, with -instrument=all errgroup is
// rewritten too and the deadlock on the abandoned results channel is
// found. (go test hangs on it when the error comes first.)
func TestHarnessTestInstrumentAll(t *testing.T) {
	atRoot(t)
	out, code, _ := runArgs([]string{"test", "./harness/instrument/testdata/group"})
	require.Equal(t, exitViolation, code, out)
	require.Contains(t, out, "rt: uncontrolled goroutine")
	require.Contains(t, out, "rerun with -instrument=all")

	out, code, _ = runArgs([]string{"test", "-instrument=all", "./harness/instrument/testdata/group"})
	require.Equal(t, exitViolation, code, out)
	require.Contains(t, out, "rt: deadlock")
	require.Contains(t, out, "blocked in c2.Send (unbuffered, no receiver) at group.go:23")
	require.Contains(t, out, "harness test -instrument=all -run '^TestFetchAllStopsAtFirstError$' github.com/interleave/concurrency/harness/instrument/testdata/group")
}

// TestHarnessTestTestifyPosition: a require failure is reported at the
// test's line, not inside testify (its Helper calls reach rt through
// the shim).
func TestHarnessTestTestifyPosition(t *testing.T) {
	atRoot(t)
	out, code, _ := runArgs([]string{"test", "./harness/instrument/testdata/tally"})
	require.Equal(t, exitViolation, code, out)
	require.Contains(t, out, "rt: test failure: tally_test.go:10:")
}

// TestHarnessTestRace: with -race, a lost update on a plain int is a
// data race with the detector's two stacks and a replay line; its fixed
// twin passes.
func TestHarnessTestRace(t *testing.T) {
	atRoot(t)
	dir := "./harness/instrument/testdata/ordinary/hitcounter/"
	out, code, _ := runArgs([]string{"test", "-race", dir + "bug"})
	require.Equal(t, exitViolation, code, out)
	require.Contains(t, out, "rt: data race: the race detector reported a race on plain memory")
	require.Contains(t, out, "hitcounter/bug/stats.go:24")
	require.Contains(t, out, "harness test -race -run '^TestRecordFromConcurrentHandlers$' github.com/interleave/concurrency/"+dir[2:]+"bug")

	out, code, _ = runArgs([]string{"test", "-race", dir + "fixed"})
	require.Equal(t, exitOK, code, out)
}
