package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMain lets the signal tests run the CLI as a child process of the
// test binary: the binary is built once, by go test.
func TestMain(m *testing.M) {
	if os.Getenv("HARNESS_CLI_CHILD") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestSignalsPartialReport: SIGINT (Ctrl-C) or SIGTERM in the middle of
// a long search stops it with a partial report whose last line says it is
// bounded, and exit code 130 or 143. The signal goes out once the search
// has started: after the header line (and, for n=64, the estimate).
func TestSignalsPartialReport(t *testing.T) {
	for _, c := range []struct {
		sig      syscall.Signal
		code     int
		args     []string
		estimate bool // wait for the estimate of a large state space on stderr
	}{
		{syscall.SIGINT, 130, []string{"explore", "deadlock", "--param", "n=14", "--keep-going"}, false},
		{syscall.SIGTERM, 143, []string{"explore", "deadlock", "--param", "n=64", "--por", "off"}, true},
	} {
		t.Run(c.sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], c.args...)
			cmd.Env = append(os.Environ(), "HARNESS_CLI_CHILD=1")
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			stderr, err := cmd.StderrPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			out, errs := bufio.NewReader(stdout), bufio.NewReader(stderr)
			header, err := out.ReadString('\n')
			require.NoError(t, err)
			require.True(t, strings.HasPrefix(header, "explore deadlock  variant=naive"), header)
			note := ""
			if c.estimate {
				note, err = errs.ReadString('\n')
				require.NoError(t, err)
			}
			require.NoError(t, cmd.Process.Signal(c.sig))
			rest, err := io.ReadAll(out)
			require.NoError(t, err)
			more, err := io.ReadAll(errs)
			require.NoError(t, err)
			var exit *exec.ExitError
			require.ErrorAs(t, cmd.Wait(), &exit)
			require.Equal(t, c.code, exit.ExitCode(), "stderr: %s%s", note, more)

			report := string(rest)
			require.Contains(t, report, "result: bounded: no violation found before the search was interrupted")
			require.Contains(t, report, "states: ")
			lines := strings.Split(strings.TrimSpace(report), "\n")
			require.Equal(t, "result: bounded (interrupted): not a proof; the states beyond the bound were not explored", lines[len(lines)-1])
			if c.estimate {
				require.Contains(t, note, "harness explore: large state space: about 1.7e+33 states")
			}
			require.NotContains(t, note+string(more), "goroutine ", "no panic trace")
		})
	}
}
