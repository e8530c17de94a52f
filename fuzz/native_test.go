package fuzz_test

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/fuzz"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// Native targets run a server's real code and goroutines, unchanged, on
// in-memory connections (pipeListener): the input is a client script
// (rapid.MakeFuzz decodes it), the Go scheduler schedules, and the script
// is run in lockstep (every step waits for the server's reply before the
// next one), so what each client must receive is known exactly and no
// check waits for something that should not come. The only wait that can
// time out is stallBound, and only a stalled server meets it.
//
// Why pipes and not loopback TCP: the Go fuzzer minimizes every input
// that reaches new coverage with O(n²) runs in the input's length, so a
// target must be cheap per run; a TCP version ran at 0 exec/s under
// default flags, and its scripts with a client that stopped reading paid
// 200 ms or more per refill of a small receive window (a window below
// loopback's 64 KB segment is reopened by the sender's zero-window probe).
// A pipe buffers nothing, so the slow-client paths are met after a few
// lines, deterministically.

// stallBound is how long a client waits for a reply the server owes it
// before the check calls the server stalled (eventloop.Liveness's tests
// use the same). A correct server answers in microseconds over a pipe,
// so the bound leaves a loaded machine and the race detector a wide
// margin; it is short because every run that shows a stall waits it out,
// and the fuzzer minimizes a crash with many runs.
const stallBound = 300 * time.Millisecond

// nativeTarget builds a target whose input is a client script: exec draws
// it from rapid and runs it against the server, with the seeded bug or
// without, and returns the report of the first contract violation, or "".
func nativeTarget(name string, seeds []input, exec func(rp *rapid.T, bug bool) string) target {
	return target{name: name, native: true, seeds: seeds, build: func(bug bool, on onCrash) func(*testing.T, input) {
		return func(t *testing.T, in input) {
			t.Helper()
			var report string
			rapid.MakeFuzz(func(rp *rapid.T) { report = exec(rp, bug) })(t, in.ops)
			if report != "" {
				on(t, &fuzz.Crash{Target: name, Report: report, Entry: fuzz.EntryOf(t.Name(), in.ops)})
			}
		}
	}}
}

// seedsFrom returns the native seeds: zeros (the smallest script) and
// randomBytes(k, n) for each {k, n}, inputs whose scripts miss the
// target's seeded bug (TestSeedsMissTheBugs checks it), found once by
// decoding randomBytes(1..) and kept here, cut to the n bytes rapid
// reads: the fuzzer minimizes an input with O(n²) runs, so dead bytes
// cost.
func seedsFrom(zeros int, ks ...[2]int) []input {
	seeds := []input{{ops: make([]byte, zeros)}}
	for _, k := range ks {
		seeds = append(seeds, input{ops: randomBytes(uint64(k[0]), k[1])})
	}
	return seeds
}

// script records one run of a native script: a row per step in the
// column of the client that took it, and the first contract violation.
type script struct {
	server  string // the title line: server, options, bug
	clients []string
	rows    []trace.Row
	label   string // the step being run, shown with its outcome
	kind    string // violation kind ("" while the contract holds)
	msg     string
}

// step adds a row in client i's column.
func (s *script) step(i int, format string, args ...any) {
	s.rows = append(s.rows, trace.Row{Thread: i, Text: fmt.Sprintf(format, args...)})
}

// fail records a violation; only the first one is reported, with a row
// (the step and the violation kind) in client i's column (i < 0: none).
func (s *script) fail(i int, kind, format string, args ...any) {
	if s.kind != "" {
		return
	}
	s.kind, s.msg = kind, fmt.Sprintf(format, args...)
	if i >= 0 {
		s.step(i, "%s ✗ %s", s.label, kind)
	}
}

func (s *script) failed() bool { return s.kind != "" }

// report renders the violation: the check, the server, one column per
// client. Empty if the contract held.
func (s *script) report() string {
	if !s.failed() {
		return ""
	}
	return fmt.Sprintf("%s: %s\n%s\n\n%s", s.kind, s.msg, s.server, trace.FormatColumns(s.clients, s.rows))
}

// pipeListener is an in-memory net.Listener: Dial returns the client end
// of a net.Pipe and queues the server end for Accept. A pipe buffers
// nothing, so a client that does not read holds up the server's writer at
// once: the slow-client path is met after a few lines, not after the
// kernel's buffers, and no TCP timer (a zero-window probe waits 200 ms or
// more) slows an execution down.
type pipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn, 16), done: make(chan struct{})}
}

// Dial connects a client; the server end waits in the backlog for
// Accept, as a TCP connection waits for accept(2).
func (l *pipeListener) Dial() (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Accept returns the next connection, or net.ErrClosed once closed.
func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops Accept and closes the connections still in the backlog.
func (l *pipeListener) Close() error {
	l.once.Do(func() {
		close(l.done)
		for {
			select {
			case c := <-l.conns:
				c.Close()
			default:
				return
			}
		}
	})
	return nil
}

// Addr names the listener.
func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "pipe" }

// clip shortens a line for the report.
func clip(s string) string {
	if len(s) > 40 {
		return fmt.Sprintf("%s…(%d bytes)", s[:24], len(s))
	}
	return s
}

// isTimeout reports whether err is a deadline that passed.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// serverLeak asks goleak for the goroutines started since ignore was
// taken and returns those of package pkg (a function prefix such as
// "github.com/interleave/concurrency/impls/chat."), one line each: its
// state and the package's innermost frame. "" if there are none.
func serverLeak(ignore leak.Option, pkg string) string {
	err := leak.Find(ignore)
	var l *leak.Leak
	if !errors.As(err, &l) {
		return ""
	}
	var out []string
	heads := goroutineHead.FindAllStringIndex(l.Detail, -1)
	for i, h := range heads {
		end := len(l.Detail)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		for _, ln := range strings.Split(l.Detail[h[1]:end], "\n") {
			if strings.HasPrefix(ln, pkg) {
				out = append(out, l.Detail[h[0]:h[1]]+": "+ln)
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

// goroutineHead is the head of one goroutine in goleak's report, up to
// the state.
var goroutineHead = regexp.MustCompile(`Goroutine \d+ in state [^,\n]*`)

// TestNativeCrashesReplay runs the checked-in crashes of the native
// targets as their replay lines do: with the seeded bug on, each shows
// its violation again (the checks catch the bugs); against the correct
// server it passes.
func TestNativeCrashesReplay(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out stall bounds")
	}
	for _, tc := range []struct{ target, entry, kind string }{
		{"FuzzChat", "c6e231e009fa92dc", "stall"},
		{"FuzzChatClose", "54bd08a7844da1e9", leak.Kind},
		{"FuzzEcho", "3bb103deb8104f4b", "stall"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			args := readCorpus(t, filepath.Join("testdata", "fuzz", tc.target, tc.entry))
			require.Len(t, args, 1, "a native input is one []byte")
			in := input{ops: args[0]}
			got, skipped := crashOf(t, targets[tc.target], true, in)
			require.False(t, skipped)
			require.NotNil(t, got, "the seeded bug is not caught")
			require.True(t, strings.HasPrefix(got.Report, tc.kind+": "), "%s", got.Report)
			require.Nil(t, got.Schedule)
			got, _ = crashOf(t, targets[tc.target], false, in)
			require.Nil(t, got, "the correct server fails")
		})
	}
}

func TestScriptReport(t *testing.T) {
	s := &script{server: "server x", clients: []string{"c0", "c1"}}
	s.step(0, "JOIN a")
	s.step(1, "PUB a ×2")
	require.Empty(t, s.report(), "no violation, no report")
	s.label = "drain"
	s.fail(0, "order", "c0 got %q", "x")
	s.fail(1, "stall", "second violation")
	require.Equal(t, `order: c0 got "x"
server x

step  c0             c1
   1  JOIN a
   2                 PUB a ×2
   3  drain ✗ order
`, s.report())
}
