package main

import (
	"bytes"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestMain lets the interrupt test run the CLI as a child process of the
// test binary.
func TestMain(m *testing.M) {
	if os.Getenv("HARNESS_CLI_CHILD") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestInterruptPartialReport: Ctrl-C (SIGINT) in the middle of a long
// search stops it cleanly with a partial report and exit code 0.
func TestInterruptPartialReport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a long search")
	}
	cmd := exec.Command(os.Args[0], "explore", "deadlock", "--param", "n=14", "--keep-going")
	cmd.Env = append(os.Environ(), "HARNESS_CLI_CHILD=1")
	var out, errw bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errw
	require.NoError(t, cmd.Start())
	time.Sleep(500 * time.Millisecond) // let it install its signal handler and start
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	err := cmd.Wait()
	require.NoError(t, err, "exit 0; stderr: %s", errw.String())
	require.Contains(t, out.String(), "result: bounded: no violation found before the search was interrupted")
	require.Contains(t, out.String(), "states: ")
	require.Empty(t, errw.String())
}
