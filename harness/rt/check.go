package rt

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/interleave/concurrency/harness"
)

// ReplayEnv is the environment variable that makes Check run one recorded
// schedule: INTERLEAVE_REPLAY=<schedule> go test -run TestX.
const ReplayEnv = "INTERLEAVE_REPLAY"

// Check explores the schedules of body and fails t with a report on the
// first failure: the check that failed, the execution as one column per
// goroutine with source locations, and a replay command. Checks are
// serialised (one at a time per process) and cannot be nested. If
// INTERLEAVE_REPLAY is set, Check runs exactly that schedule.
func Check(t testing.TB, body func(t *T), opts ...Option) {
	t.Helper()
	if s := os.Getenv(ReplayEnv); s != "" {
		opts = append(opts, WithReplay(s))
	}
	cfg, err := newConfig(opts)
	if err != nil {
		t.Fatal(err)
	}
	cfg.tb = t
	rep, err := explore(t.Name(), body, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failure != nil {
		t.Fatalf("%s\nreplay: %s", rep, ReplayCommand(t.Name(), rep.Failure.Schedule))
	}
	if rep.Skipped != "" {
		t.Skipf("rt: %s", rep)
	}
	t.Logf("rt: %s", rep)
}

// ReplayCommand returns the shell command that replays schedule s in test
// (a name as given by testing.TB.Name) of the package in the working
// directory.
func ReplayCommand(test string, s harness.Schedule) string {
	parts := strings.Split(test, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return "INTERLEAVE_REPLAY='" + s.String() + "' go test -run '" + strings.Join(parts, "/") + "' " + pkgPath()
}

// pkgPath returns the working directory relative to the module root, as
// ./dir (or "." if it cannot be found).
func pkgPath() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			rel, err := filepath.Rel(dir, wd)
			if err != nil || rel == "." {
				return "."
			}
			return "./" + filepath.ToSlash(rel)
		}
		if filepath.Dir(dir) == dir {
			return "."
		}
	}
}
