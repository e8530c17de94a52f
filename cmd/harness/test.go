package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/interleave/concurrency/harness/instrument"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/harness/trace"
)

const testUsage = `harness test [build and test flags] [packages] [-interleave.* flags]

Runs go test on the packages with their code, and the code of their
module they import, rewritten onto rt: sync, sync/atomic, channels,
select, go statements, time and context run under rt's scheduler, and
every Test function's body runs under rt.Check. Output is go test's;
a failing test prints rt's report, which ends with the command that
replays it. Exit 0 when every test passes, 1 when one fails, 2 on bad
usage.

Flags of harness test (every other flag is go test's):
  -instrument=module|packages|all  rewrite the tested packages and what they import of their module
                                (default), only the tested ones, or all but the standard library
                                (for libraries that start goroutines: errgroup, worker pools)
  -interleave.strategy=dfs|random|pct
  -interleave.bound=N           preemption bound of dfs (-1: none; default 2)
  -interleave.executions=N      executions per test at most (default 10000)
  -interleave.seed=N            seed of random and pct
  -interleave.clock=eager|idle  when virtual time passes: at any scheduling point (default: a timeout
                                may fire while work goes on, as on a loaded machine), or only when
                                nothing else can run (for tests that assume their timeouts never fire)
  -interleave.steps=N           steps per execution at most, more is a livelock (default 100000)
  -interleave.time=DURATION     stop exploring a test after this long (default 1m; 0: no limit)
  -interleave.replay=SCHEDULE   replay one schedule (INTERLEAVE_REPLAY does the same)
  -instrument.keep              print where the rewritten files are and keep them

Example:
  harness test -race ./...
`

// goTestValueFlags are go test's and go build's flags that take a value
// as the next argument when written without "=".
var goTestValueFlags = map[string]bool{
	"run": true, "skip": true, "count": true, "timeout": true, "bench": true, "benchtime": true,
	"cpu": true, "parallel": true, "tags": true, "ldflags": true, "gcflags": true, "asmflags": true,
	"coverprofile": true, "covermode": true, "coverpkg": true, "cpuprofile": true, "memprofile": true,
	"memprofilerate": true, "blockprofile": true, "blockprofilerate": true, "mutexprofile": true,
	"mutexprofilefraction": true, "trace": true, "outputdir": true, "o": true, "exec": true, "vet": true,
	"fuzz": true, "fuzztime": true, "fuzzminimizetime": true, "list": true, "shuffle": true, "p": true,
	"mod": true, "modfile": true, "pkgdir": true, "toolexec": true, "C": true, "overlay": true,
	"test.run": true, "test.count": true, "test.timeout": true, "test.skip": true,
}

// testArgs is a harness test command line taken apart.
type testArgs struct {
	goFlags    []string // go test's flags before the packages, in order
	lateFlags  []string // flags after the packages (a test's own flags): they stay there
	packages   []string
	interleave []string // -interleave.* flags for the test binaries
	binArgs    []string // after -args
	scope      instrument.Scope
	keep       bool
	race       bool
	buildFlags []string // the flags that decide a package's files
}

func runTest(args []string, out, _ io.Writer) (int, error) {
	ta, err := parseTestArgs(args)
	if err != nil {
		return exitUsage, err
	}
	if ta == nil { // -h
		fmt.Fprint(out, testUsage)
		return exitOK, nil
	}
	work, err := os.MkdirTemp("", "interleave-test-")
	if err != nil {
		return exitInternal, err
	}
	if !ta.keep {
		defer os.RemoveAll(work)
	}
	res, err := instrument.Instrument(ta.packages, instrument.Config{BuildFlags: ta.buildFlags, Scope: ta.scope, WorkDir: work})
	if err != nil {
		return exitUsage, usagef("%v", err)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(os.Stderr, "harness test: %s\n", n)
	}
	if ta.keep {
		fmt.Fprintf(os.Stderr, "harness test: rewrote %d files of %s; overlay %s\n", res.Files, strings.Join(res.Packages, ", "), res.Overlay)
	}
	cmd := exec.Command("go", ta.goTestArgs(res.Overlay, res.ModFile)...)
	cmd.Stdout, cmd.Stderr, cmd.Stdin = out, os.Stderr, os.Stdin
	cmd.Env = append(os.Environ(), rt.CommandEnv+"="+testReplayCommand(ta))
	if ta.race {
		// rt's race mode: the race detector sees every plain variable
		env, err := rt.RaceEnviron(work)
		if err != nil {
			return exitInternal, err
		}
		cmd.Env = append(cmd.Env, env...)
	}
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return exitOK, nil
	case errors.As(err, &ee):
		return ee.ExitCode(), nil
	default:
		return exitInternal, err
	}
}

// goTestArgs is the go test command line. A flag go test does not know
// ends its package list, so the flags that came after the packages (a
// test's own, such as -queue.bug=x) stay after them.
func (ta *testArgs) goTestArgs(overlay, modFile string) []string {
	args := []string{"test", "-overlay=" + overlay}
	if modFile != "" {
		args = append(args, "-modfile="+modFile)
	}
	args = append(args, ta.goFlags...)
	args = append(args, ta.packages...)
	args = append(args, ta.lateFlags...)
	args = append(args, ta.interleave...)
	if len(ta.binArgs) > 0 {
		args = append(append(args, "-args"), ta.binArgs...)
	}
	return args
}

// testReplayCommand is how a report tells to rerun a test: harness test with
// the flags that change what runs.
func testReplayCommand(ta *testArgs) string {
	cmd := "harness test"
	if ta.race {
		cmd += " -race"
	}
	if ta.scope != instrument.ScopeModule {
		cmd += " -instrument=" + string(ta.scope)
	}
	return cmd
}

// parseTestArgs splits the command line. It returns nil, nil for -h.
func parseTestArgs(args []string) (*testArgs, error) {
	ta := &testArgs{scope: instrument.ScopeModule}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "-args" || a == "--args" {
			ta.binArgs = args[i+1:]
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			ta.packages = append(ta.packages, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case name == "h" || name == "help":
			return nil, nil
		case name == "instrument":
			if !hasValue || !validScope(value) {
				return nil, usagef("-instrument=%s: allowed are %s", trace.Quote(value), scopeNames())
			}
			ta.scope = instrument.Scope(value)
		case name == "instrument.keep":
			ta.keep = true
		case strings.HasPrefix(name, "interleave."):
			if !hasValue {
				if i+1 >= len(args) {
					return nil, usagef("-%s needs a value (allowed: -%s=VALUE)", trace.Clip(name), trace.Clip(name))
				}
				i++
				value = args[i]
			}
			if err := checkInterleaveFlag(name, value); err != nil {
				return nil, err
			}
			ta.interleave = append(ta.interleave, "-"+name+"="+value)
		default:
			flags := &ta.goFlags
			if len(ta.packages) > 0 {
				flags = &ta.lateFlags
			}
			*flags = append(*flags, a)
			if !hasValue && goTestValueFlags[name] && i+1 < len(args) {
				i++
				value = args[i]
				*flags = append(*flags, value)
			}
			switch name {
			case "race":
				ta.race = !hasValue || value == "true"
				if ta.race {
					ta.buildFlags = append(ta.buildFlags, "-race")
				}
			case "tags":
				ta.buildFlags = append(ta.buildFlags, "-tags="+value)
			}
		}
	}
	if len(ta.packages) == 0 {
		ta.packages = []string{"."}
	}
	return ta, nil
}

func validScope(s string) bool {
	for _, sc := range instrument.Scopes {
		if string(sc) == s {
			return true
		}
	}
	return false
}

func scopeNames() string {
	var names []string
	for _, sc := range instrument.Scopes {
		names = append(names, string(sc))
	}
	return strings.Join(names, ", ")
}

// checkInterleaveFlag rejects a bad -interleave.* flag before anything
// is built.
func checkInterleaveFlag(name, value string) error {
	switch name {
	case "interleave.strategy":
		if value != "dfs" && value != "random" && value != "pct" {
			return usagef("-%s=%s: allowed are dfs, random, pct", name, trace.Quote(value))
		}
	case "interleave.bound":
		if n, err := strconv.Atoi(value); err != nil || n < -1 {
			return usagef("-%s=%s: allowed are -1 (no bound) or a number of preemptions ≥ 0", name, trace.Quote(value))
		}
	case "interleave.executions":
		if n, err := strconv.Atoi(value); err != nil || n < 1 {
			return usagef("-%s=%s: allowed is a number of executions ≥ 1", name, trace.Quote(value))
		}
	case "interleave.seed":
		if _, err := strconv.ParseUint(value, 10, 64); err != nil {
			return usagef("-%s=%s: allowed is an integer ≥ 0", name, trace.Quote(value))
		}
	case "interleave.clock":
		if value != "idle" && value != "eager" {
			return usagef("-%s=%s: allowed are idle, eager", name, trace.Quote(value))
		}
	case "interleave.steps":
		if n, err := strconv.Atoi(value); err != nil || n < 1 {
			return usagef("-%s=%s: allowed is a number of steps ≥ 1", name, trace.Quote(value))
		}
	case "interleave.time":
		if d, err := time.ParseDuration(value); err != nil || d < 0 {
			return usagef("-%s=%s: allowed is a duration ≥ 0 such as 30s or 2m", name, trace.Quote(value))
		}
	case "interleave.replay":
		if strings.TrimSpace(value) == "" {
			return usagef("-%s is empty: allowed is a schedule as a report prints it", name)
		}
	default:
		return usagef("unknown flag -%s (allowed: -interleave.strategy, -interleave.bound, -interleave.executions, -interleave.seed, -interleave.clock, -interleave.steps, -interleave.time, -interleave.replay)", trace.Clip(name))
	}
	return nil
}
