package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// runArgs runs the CLI in-process and renders everything it did the way
// golden files record it: stdout, then stderr and the exit code.
func runArgs(args []string) (string, int, string) {
	var out, errw bytes.Buffer
	code := run(args, &out, &errw)
	rec := out.String()
	if errw.Len() > 0 {
		rec += "--- stderr\n" + errw.String()
	}
	return rec + "--- exit " + string(rune('0'+code)) + "\n", code, errw.String()
}

// TestGolden runs every testdata/<case>.args (the arguments on one line)
// and compares with testdata/<case>.golden. Refresh with -update.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/*.args")
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".args")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			args := strings.Fields(string(raw))
			dot := withDotFile(t, args) // dot_test.go
			got, code, stderr := runArgs(args)
			got = dot.hide(got)
			golden := strings.TrimSuffix(file, ".args") + ".golden"
			dot.check(t, golden, code < exitUsage)
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run with -update to create it")
			require.Equal(t, string(want), got)

			again, _, _ := runArgs(args)
			require.Equal(t, got, dot.hide(again), "same flags must give the same bytes")
			dot.check(t, golden, code < exitUsage)
			require.NotContains(t, got, "goroutine ", "no panic traces")

			if strings.HasPrefix(name, "err_") {
				require.Equal(t, exitUsage, code, "bad input exits 2")
				require.Equal(t, 1, strings.Count(stderr, "\n"), "bad input is one line: %q", stderr)
				require.Contains(t, stderr, "allowed", "the error says what is allowed: %q", stderr)
			}
		})
	}
}

// TestReplayLines runs the replay command printed at the end of every
// golden violation and requires it to reproduce a violation (exit 1).
func TestReplayLines(t *testing.T) {
	goldens, err := filepath.Glob("testdata/*.golden")
	require.NoError(t, err)
	replays := 0
	for _, file := range goldens {
		raw, err := os.ReadFile(file)
		require.NoError(t, err)
		for _, line := range strings.Split(string(raw), "\n") {
			cmd, ok := strings.CutPrefix(line, "replay: harness ")
			if !ok {
				continue
			}
			replays++
			got, code, _ := runArgs(strings.Fields(cmd))
			require.Equal(t, exitViolation, code, "%s: %s\n%s", file, cmd, got)
		}
	}
	require.Positive(t, replays, "the goldens hold replay lines")
}
