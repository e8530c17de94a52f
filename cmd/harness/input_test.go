package main

import (
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// requireUsageError checks the error style: exit 2, one line on stderr
// saying what is allowed, nothing on stdout, no panic trace.
func requireUsageError(t *testing.T, args []string) string {
	t.Helper()
	got, code, stderr := runArgs(args)
	require.Equal(t, exitUsage, code, "%.300s", got)
	require.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %.300s", stderr)
	require.Contains(t, stderr, "allowed", "%.300s", stderr)
	require.NotContains(t, got, "goroutine ")
	return stderr
}

// TestEmptyValues: an empty --variant or --schedule is an error, not the
// default (a shell variable that expanded to nothing).
func TestEmptyValues(t *testing.T) {
	for _, args := range [][]string{
		{"explore", "deadlock", "--variant", ""},
		{"replay", "deadlock", "--variant=", "--schedule", "0"},
		{"replay", "deadlock", "--schedule", ""},
		{"replay", "deadlock", "--schedule", "  "},
	} {
		stderr := requireUsageError(t, args)
		require.Contains(t, stderr, "is empty", "%q", args)
	}
	stderr := requireUsageError(t, []string{"explore", "deadlock", "--variant", ""})
	require.Contains(t, stderr, "naive, ordered, all-or-nothing, trylock")
	// "-" is the empty schedule as explore prints it: replayable.
	_, code, _ := runArgs([]string{"replay", "deadlock", "--schedule", "-"})
	require.Equal(t, exitOK, code)
}

// TestLongInputClipped: no error echoes a 100 KB argument whole, whatever
// path reports it.
func TestLongInputClipped(t *testing.T) {
	long := strings.Repeat("x", 100*1024)
	for _, args := range [][]string{
		{long},
		{"help", long},
		{"list", long},
		{"version", long},
		{"explore", long},
		{"explore", "deadlock", long},
		{"explore", "deadlock", "--variant", long},
		{"explore", "deadlock", "--param", long},
		{"explore", "deadlock", "--param", "n=" + long},
		{"explore", "deadlock", "--param", long + "=3"},
		{"explore", "deadlock", "--param", "n=3", "--param", "n=" + long},
		{"explore", "deadlock", "--variant", "naive", "--variant", long},
		{"explore", "deadlock", "--strategy", long},
		{"explore", "deadlock", "--fairness", long},
		{"explore", "deadlock", "--por", long},
		{"explore", "deadlock", "--symmetry", long},
		{"explore", "deadlock", "--depth", long},
		{"explore", "deadlock", "--json=" + long},
		{"explore", "deadlock", "--max-memory", long},
		{"explore", "deadlock", "--" + long},
		{"explore", "deadlock", "---" + long},
		{"replay", "deadlock", "--schedule", long},
		{"replay", "deadlock", "--schedule", "0,(" + long},
		{"test", "-interleave.strategy=" + long},
		{"test", "-interleave." + long + "=1"},
		{"test", "-instrument=" + long},
	} {
		stderr := requireUsageError(t, args)
		require.Less(t, len(stderr), 1000, "%.200s", stderr)
		require.Contains(t, stderr, "… (102", "says how long the value was: %.300s", stderr)
	}
}

// TestHelpFlags: every command's -h and --help print its help on stdout
// and exit 0, as 'harness help <command>' does.
func TestHelpFlags(t *testing.T) {
	for name, c := range commands {
		want := helpText(c)
		switch name {
		case "help":
			want = overview()
		case "test":
			want = testUsage
		}
		for _, h := range []string{"-h", "--help", "-help"} {
			args := []string{name, h}
			if name == "explore" || name == "replay" {
				args = []string{name, "deadlock", "--variant", "naive", h} // after other flags too
			}
			got, code, stderr := runArgs(args)
			require.Equal(t, exitOK, code, "%q: %s", args, got)
			require.Empty(t, stderr, "%q", args)
			require.Equal(t, want+"--- exit 0\n", got, "%q", args)
		}
	}
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		got, code, _ := runArgs(args)
		require.Equal(t, exitOK, code)
		require.Equal(t, overview()+"--- exit 0\n", got)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		got, code, stderr := runArgs(args)
		require.Equal(t, exitOK, code)
		require.Empty(t, stderr)
		require.Regexp(t, regexp.MustCompile(`^harness version (\(devel\)|v\S+), module \S+, built with go\S+`), got)
	}
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/interleave/concurrency", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.modified", Value: "true"}}}
	require.Equal(t, "harness version v1.2.3, module github.com/interleave/concurrency, built with go1.26.0, commit 0123456789ab (modified)", versionLine(info))
	require.Equal(t, "harness version (devel), module github.com/interleave/concurrency, built with go (unknown)", versionLine(&debug.BuildInfo{}))
}
