package fuzz

import (
	"flag"
	"os"
	"regexp"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
)

// BugEnv is the environment variable that switches the seeded bugs on:
// INTERLEAVE_FUZZ_BUG=1 (any value but "" and "0").
const BugEnv = "INTERLEAVE_FUZZ_BUG"

// Pkg is the package the replay lines name: its import path, so that they
// work from the module root and from the package directory alike.
const Pkg = "github.com/interleave/concurrency/fuzz"

// Bug reports whether the seeded bugs are switched on.
func Bug() bool {
	v := os.Getenv(BugEnv)
	return v != "" && v != "0"
}

// Instrumented reports whether the test binary was built by harness test
// (whose shim defines the -interleave.* flags): only then do the plain
// sync, channels and go statements of impls/ run under rt.
func Instrumented() bool { return flag.Lookup("interleave.strategy") != nil }

// RunRT runs body once, every scheduling choice taken from ch, or exactly
// the schedule in INTERLEAVE_REPLAY when that is set (followed as far as
// it fits the body, then default choices). It returns the failure, or
// nil if the execution passed; the error is for a malformed schedule or
// bad options.
func RunRT(ch rt.Chooser, body func(*rt.T), opts ...rt.Option) (*rt.Failure, error) {
	if s := os.Getenv(rt.ReplayEnv); s != "" {
		opts = append(opts, rt.WithReplay(s))
	} else {
		opts = append(opts, rt.WithChooser(ch), rt.WithMaxExecutions(1))
	}
	rep, err := rt.Explore(body, opts...)
	return rep.Failure, err
}

// Crash is a failure found from one fuzz input, printed as the failure
// message of the target.
type Crash struct {
	// Target is the fuzz target, e.g. "FuzzLostUpdate".
	Target string
	// Report is the rt or model report: the check that failed, one column
	// per goroutine or thread, the final state.
	Report string
	// Schedule is the execution's schedule; INTERLEAVE_REPLAY replays it.
	// Nil for a native target (real goroutines and connections, no
	// schedule to choose), whose input is the whole of what it replays.
	Schedule harness.Schedule
	// Entry is the corpus entry that holds the input: its file name under
	// testdata/fuzz/<Target> (see CorpusName) or a seed ("seed#0").
	Entry string
	// Also are further replay commands, such as the CLI's for a model.
	Also []string
}

// EntryOf returns the corpus entry a fuzz function is running: the last
// element of the test name when go test runs the corpus (FuzzX/seed#0,
// FuzzX/<file>), else the file name go test -fuzz will store its
// arguments under.
func EntryOf(testName string, args ...[]byte) string {
	if _, entry, ok := strings.Cut(testName, "/"); ok {
		return entry
	}
	return CorpusName(args...)
}

// String renders the report followed by the replay lines: the stored
// input, and the schedule alone through INTERLEAVE_REPLAY (if there is
// one).
func (c *Crash) String() string {
	var b strings.Builder
	b.WriteString(c.Report)
	if !strings.HasSuffix(c.Report, "\n") {
		b.WriteByte('\n')
	}
	run := "go test -run '^" + regexp.QuoteMeta(c.Target) + "$/^" + regexp.QuoteMeta(c.Entry) + "$' " + Pkg
	env := ""
	if Bug() {
		env = BugEnv + "=1 "
	}
	b.WriteString("replay input:    " + env + run + "\n")
	if c.Schedule != nil {
		b.WriteString("replay schedule: " + env + rt.ReplayEnv + "='" + c.Schedule.String() + "' " + run + "\n")
	}
	for _, a := range c.Also {
		b.WriteString("replay model:    " + a + "\n")
	}
	return b.String()
}
