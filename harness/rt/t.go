package rt

import (
	"fmt"
	"runtime"
	"strings"
)

// T is the handle a Check body receives. It spawns controlled goroutines
// and implements the reporting methods of testing.TB that assertions use
// (Errorf, FailNow, ...), so require.Equal(t, ...) works inside the body
// and in any controlled goroutine.
type T struct {
	ex     *exec
	name   string
	failed bool
	fatal  bool
	msgs   []string
}

// Go runs f in a new controlled goroutine.
func (t *T) Go(f func()) { t.ex.goFromCurrent(f) }

// Name returns the name of the enclosing test.
func (t *T) Name() string { return t.name }

// Helper is a no-op, for the testing.TB-like interfaces.
func (t *T) Helper() {}

// Log records a message, shown in the failure report.
func (t *T) Log(args ...any) { t.log(strings.TrimSuffix(fmt.Sprintln(args...), "\n")) }

// Logf records a formatted message, shown in the failure report.
func (t *T) Logf(format string, args ...any) { t.log(fmt.Sprintf(format, args...)) }

// log records msg without the stack lines that point into rt or the
// runtime (assertion libraries print the whole call stack).
func (t *T) log(msg string) {
	lines := strings.Split(msg, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !internalFrame(strings.TrimSpace(l)) {
			kept = append(kept, l)
		}
	}
	t.msgs = append(t.msgs, strings.Join(kept, "\n"))
}

// internalFrame reports whether a line is only a file:line in rt (not a
// test file) or in the runtime.
func internalFrame(l string) bool {
	file, _, ok := strings.Cut(l, ":")
	if !ok || strings.ContainsAny(file, " \t") {
		return false
	}
	return rtFile(file) || strings.Contains(file, "/runtime/")
}

// Fail marks the execution as failed and goes on.
func (t *T) Fail() { t.failed = true }

// Failed reports whether the execution has failed.
func (t *T) Failed() bool { return t.failed }

// Error is Log followed by Fail.
func (t *T) Error(args ...any) { t.Log(args...); t.Fail() }

// Errorf is Logf followed by Fail.
func (t *T) Errorf(format string, args ...any) { t.Logf(format, args...); t.Fail() }

// FailNow marks the execution as failed and stops it: the calling
// goroutine exits and the failure is reported.
func (t *T) FailNow() {
	t.failed, t.fatal = true, true
	runtime.Goexit()
}

// Fatal is Log followed by FailNow.
func (t *T) Fatal(args ...any) { t.Log(args...); t.FailNow() }

// Fatalf is Logf followed by FailNow.
func (t *T) Fatalf(format string, args ...any) { t.Logf(format, args...); t.FailNow() }
