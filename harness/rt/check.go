package rt

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/interleave/concurrency/harness/trace"
)

// ReplayEnv is the environment variable that makes Check run one recorded
// schedule: INTERLEAVE_REPLAY=<schedule> go test -run TestX.
const ReplayEnv = "INTERLEAVE_REPLAY"

// TB is the part of testing.TB that Check uses: pass the test's *testing.T
// (or *testing.B, or a testing.TB). Package rt does not import testing, so
// that code written with rt's types does not link it into production
// builds.
type TB interface {
	Helper()
	Name() string
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Logf(format string, args ...any)
	Skipf(format string, args ...any)
	TempDir() string
}

// Check explores the schedules of body and fails t with a report on the
// first failure: the check that failed, the execution as one column per
// goroutine with source locations, and a replay command. Checks are
// serialised (one at a time per process) and cannot be nested. If
// INTERLEAVE_REPLAY is set, Check runs exactly that schedule.
//
// With go test -v, or when standard error is a terminal, a long Check
// prints a progress line to standard error at most every
// ProgressInterval: executions, executions per second and the frontier
// (DFS: the choices still to try on its path; random and PCT: the
// executions left of the budget). When DFS stops at its budget
// (WithMaxExecutions) with schedules left, Check says so on standard
// error even without -v (go test shows it, except for a passing package
// in package list mode, where it shows output only with -v); the test
// log, seen with -v, has the summary as always. Nothing of this goes to
// standard output.
func Check(t TB, body func(t *T), opts ...Option) {
	t.Helper()
	if s := os.Getenv(ReplayEnv); s != "" {
		opts = append(opts, WithReplay(s))
	}
	opts = append(opts, shardFromEnv())
	cfg, err := newConfig(opts)
	if err != nil {
		t.Fatal(err)
	}
	cfg.tb = t
	cfg.progress = newProgress(t.Name())
	start := time.Now()
	rep, err := explore(t.Name(), body, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Shard != nil {
		paths, err := saveShardResult(t, shardResult(t.Name(), rep, time.Since(start)))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			t.Logf("rt: shard %s result: %s", rep.Shard.Spec, p)
		}
	}
	if rep.Failure != nil {
		saveFullTrace(t, rep.Failure)
		saveHTML(t, rep.Failure)
		t.Fatalf("%s\nreplay: %s", rep, ReplayCommand(t.Name(), rep.Failure.Schedule))
	}
	if rep.Skipped != "" {
		t.Skipf("rt: %s", rep)
	}
	if note := budgetNote(t.Name(), rep); note != "" {
		fmt.Fprint(os.Stderr, note)
	}
	t.Logf("rt: %s", rep)
}

// ReplayCommand returns the shell command that replays schedule s in test
// (a name as given by testing.TB.Name) of the package in the working
// directory. The command is go test, or what CommandEnv says (harness
// test sets it for the tests it runs).
func ReplayCommand(test string, s trace.Schedule) string {
	parts := strings.Split(test, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	cmd := os.Getenv(CommandEnv)
	if cmd == "" {
		cmd = "go test"
	}
	pkg := os.Getenv(PackageEnv)
	if pkg == "" {
		pkg = pkgPath()
	}
	return "INTERLEAVE_REPLAY='" + s.String() + "' " + cmd + " -run '" + strings.Join(parts, "/") + "' " + pkg
}

// PackageEnv names the environment variable with the package to name in
// replay commands, if not the working directory's (harness test sets it
// for a dependency's package, tested in a temporary copy).
const PackageEnv = "INTERLEAVE_PACKAGE"

// CommandEnv names the environment variable with the command that runs
// the tests, if not go test, for replay commands.
const CommandEnv = "INTERLEAVE_COMMAND"

// pkgPath returns the import path of the package in the working
// directory (the module path from go.mod, then the directory below the
// module root), so that a replay command works wherever in the module it
// is pasted, the package's directory or the module root; "." if go.mod
// cannot be found or read.
func pkgPath() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if mod, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			path := modulePath(mod)
			rel, err := filepath.Rel(dir, wd)
			if path == "" || err != nil {
				return "."
			}
			if rel == "." {
				return path
			}
			return path + "/" + filepath.ToSlash(rel)
		}
		if filepath.Dir(dir) == dir {
			return "."
		}
	}
}

// modulePath returns the path of the module line of a go.mod file, or ""
// if there is none.
func modulePath(gomod []byte) string {
	for line := range strings.Lines(string(gomod)) {
		line, _, _ = strings.Cut(line, "//")
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`+"`")
		}
	}
	return ""
}

// saveFullTrace writes the whole failure to the test's artifact directory
// (kept with go test -artifacts) when the report had to leave steps out.
func saveFullTrace(t TB, f *Failure) {
	if f.FullTrace == "" {
		return
	}
	dir, err := artifactDir(t)
	if err == nil {
		path := filepath.Join(dir, "rt-failure.txt")
		if err = os.WriteFile(path, []byte(f.fullText()), 0o644); err == nil {
			f.FullTracePath = path
			return
		}
	}
	t.Logf("rt: the full trace could not be saved: %v", err)
}

// artifactDir is t.ArtifactDir (Go 1.26), with an error instead of a
// panic for a TB that does not implement it (or a fake embedding a nil
// testing.TB).
func artifactDir(t TB) (dir string, err error) {
	a, ok := t.(interface{ ArtifactDir() string })
	if !ok {
		return "", fmt.Errorf("%T has no ArtifactDir", t)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%T has no ArtifactDir: %v", t, r)
		}
	}()
	return a.ArtifactDir(), nil
}
