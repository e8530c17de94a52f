package rt

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"unsafe"

	"github.com/interleave/concurrency/harness/report"
)

// T is the handle a Check body receives. It spawns controlled goroutines
// and implements the methods of testing.T that test code and assertion
// libraries use (Errorf, FailNow, Helper, Run, Cleanup, Skip, ...), so
// require.Equal(t, ...) works inside the body and in any controlled
// goroutine. A failure, a log message or a skip concerns the execution
// being explored.
type T struct {
	ex      *exec
	h       hdr // the body's T: its object, for footprints
	name    string
	parent  *T   // nil for the body's T
	g       *gor // the goroutine running the test (for a subtest, the one that called Run)
	failed  bool
	fatal   bool // the execution stops: FailNow, or SkipNow outside a subtest
	skipped bool
	done    bool // the test function and its cleanups have returned
	subs    map[string]int
	clean   []func()
	ctx     context.Context
	cancel  context.CancelFunc

	// the body's T only
	msgs    []string
	files   []report.Link   // Attach
	helpers map[string]bool // functions that called Helper (capture runs)
	skipMsg string
}

// Go runs f in a new controlled goroutine.
func (t *T) Go(f func()) { t.ex.goFromCurrent(f) }

// Name returns the name of the test: the enclosing test's, and
// "parent/sub" for a subtest.
func (t *T) Name() string { return t.name }

// root is the body's T, which holds the execution's messages.
func (t *T) root() *T {
	for t.parent != nil {
		t = t.parent
	}
	return t
}

// touch declares that the step being taken reads or writes the state of
// the test that goroutines observe (failed, completed), so that DPOR and
// sleep sets order such steps.
func (t *T) touch(write bool) {
	if ex := t.ex; ex.footprints {
		ex.touch(touch{key: ex.obj(&t.root().h, kTest).key(), write: write})
	}
}

// Helper marks the calling function as a test helper: the source
// location of a message skips its frames, as testing does.
func (t *T) Helper() {
	if !t.ex.capture { // locations are only shown in report runs
		return
	}
	r := t.root()
	if r.helpers == nil {
		r.helpers = map[string]bool{}
	}
	// harness test's shim.T forwards Helper: the helper is its caller
	for skip := 1; ; skip++ {
		pc, _, _, ok := runtime.Caller(skip)
		if !ok {
			return
		}
		name := runtime.FuncForPC(pc).Name()
		r.helpers[name] = true
		if !strings.HasPrefix(name, shimPackage+".") {
			return
		}
	}
}

// shimPackage is harness test's stand-in for *testing.T, whose methods
// forward to T's.
const shimPackage = "github.com/interleave/concurrency/harness/instrument/shim"

// Log records a message, shown in the failure report.
func (t *T) Log(args ...any) { t.log(strings.TrimSuffix(fmt.Sprintln(args...), "\n")) }

// Logf records a formatted message, shown in the failure report.
func (t *T) Logf(format string, args ...any) { t.log(fmt.Sprintf(format, args...)) }

// log records msg, prefixed (in report runs) with where it was logged
// and the subtest's name, without the stack lines that point into rt or
// the runtime (assertion libraries print the whole call stack). As with
// testing, logging after the test and all its parents have completed
// panics.
func (t *T) log(msg string) {
	lines := strings.Split(msg, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !internalFrame(strings.TrimSpace(l)) {
			kept = append(kept, l)
		}
	}
	msg = strings.Join(kept, "\n")
	t.checkLive("Log", msg)
	if t.ex.capture {
		if loc := t.logLoc(); loc != "" {
			msg = loc + ": " + msg
		}
	}
	if t.parent != nil {
		msg = t.name + ": " + msg
	}
	r := t.root()
	r.lock()
	r.msgs = append(r.msgs, msg)
	r.unlock()
}

// Attach names a file that explains a failure, such as a visualisation
// a check wrote (checks/linearizable attaches porcupine's): the HTML
// report of the failure links it. Files attached in executions that pass
// are forgotten.
func (t *T) Attach(text, path string) {
	r := t.root()
	r.lock()
	r.files = append(r.files, report.Link{Text: text, Href: path})
	r.unlock()
}

// lock and unlock order what goroutines do to a test's log and failure
// state for the race detector (race mode), as testing.T's mutex does.
func (t *T) lock()   { raceAcquire(unsafe.Pointer(t)) }
func (t *T) unlock() { raceRelease(unsafe.Pointer(t)) }

// checkLive panics as testing does when what (Log, Fail) is called after
// t and all its parents have completed.
func (t *T) checkLive(what, msg string) {
	t.touch(false)
	for p := t; p != nil; p = p.parent {
		if !p.done {
			return
		}
	}
	name := t.name
	if name == "" {
		name = "the Check body"
	}
	s := fmt.Sprintf("%s in goroutine after %s has completed", what, name)
	if msg != "" {
		s += ": " + msg
	}
	panic(s)
}

// logLoc returns file:line of the first caller of a T method outside rt
// and outside the functions marked with Helper.
func (t *T) logLoc() string {
	var pcs [32]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs[:])])
	helpers := t.root().helpers
	for {
		f, more := frames.Next()
		if userFrame(frame{fn: f.Function, file: f.File}) && !helpers[f.Function] {
			return fmt.Sprintf("%s:%d", baseName(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
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

// Fail marks the test (and its parents) as failed and goes on.
func (t *T) Fail() {
	t.checkLive("Fail", "")
	t.touch(true)
	r := t.root()
	r.lock()
	for p := t; p != nil; p = p.parent {
		p.failed = true
	}
	r.unlock()
}

// Failed reports whether the test has failed.
func (t *T) Failed() bool {
	t.touch(false)
	t.root().lock()
	return t.failed
}

// Error is Log followed by Fail.
func (t *T) Error(args ...any) { t.Log(args...); t.Fail() }

// Errorf is Logf followed by Fail.
func (t *T) Errorf(format string, args ...any) { t.Logf(format, args...); t.Fail() }

// FailNow marks the test as failed and stops it. In a subtest, on the
// goroutine that called Run, Run returns false and the parent goes on;
// otherwise the calling goroutine exits and the execution is reported
// as failed.
func (t *T) FailNow() {
	t.Fail()
	t.stop()
}

// Fatal is Log followed by FailNow.
func (t *T) Fatal(args ...any) { t.Log(args...); t.FailNow() }

// Fatalf is Logf followed by FailNow.
func (t *T) Fatalf(format string, args ...any) { t.Logf(format, args...); t.FailNow() }

// SkipNow marks the test as skipped and stops it. A subtest skipped on
// the goroutine that called Run ends there (Run returns true). Anywhere
// else, the skip ends the execution and the whole exploration: Check
// skips the enclosing test with the message, and Report.Skipped holds
// it. A skip never hides a failure found before it.
func (t *T) SkipNow() {
	t.skipped = true
	if t.parent == nil || t.ex.cur != t.g {
		r := t.root()
		r.skipped = true
		if r.skipMsg == "" {
			r.skipMsg = "SkipNow called"
		}
	}
	t.stop()
}

// Skip is Log followed by SkipNow.
func (t *T) Skip(args ...any) {
	t.Log(args...)
	t.root().skipMsg = strings.TrimSuffix(fmt.Sprintln(args...), "\n")
	t.SkipNow()
}

// Skipf is Logf followed by SkipNow.
func (t *T) Skipf(format string, args ...any) {
	t.Logf(format, args...)
	t.root().skipMsg = fmt.Sprintf(format, args...)
	t.SkipNow()
}

// Skipped reports whether the test was skipped.
func (t *T) Skipped() bool { return t.skipped }

// stopTest unwinds a subtest's goroutine to its Run.
type stopTest struct{ t *T }

// stop ends t's test function: a subtest on its own goroutine unwinds to
// Run; otherwise the goroutine exits and the execution stops.
func (t *T) stop() {
	if t.parent != nil && t.ex.cur == t.g {
		panic(stopTest{t})
	}
	t.root().fatal = true
	runtime.Goexit()
}

// Run runs f as a subtest of t named name ("parent/name" in messages),
// in the calling goroutine, and reports whether it did not fail. Its
// failures fail t too; FailNow and SkipNow in it return from Run. Its
// cleanups run when f returns.
func (t *T) Run(name string, f func(t *T)) bool {
	sub := &T{ex: t.ex, name: t.subName(name), parent: t, g: t.ex.cur}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if s, ok := r.(stopTest); !ok || s.t != sub {
					if g := t.ex.cur; g != nil && g.subtest == "" {
						g.subtest = sub.name // the innermost subtest the panic left
					}
					panic(r)
				}
			}
		}()
		defer sub.cleanup()
		f(sub)
	}()
	return !sub.failed
}

// subName is the unique name of t's subtest called name, as testing
// makes it: spaces become underscores and a repeated name gets #01, ...
func (t *T) subName(name string) string {
	name = strings.ReplaceAll(name, " ", "_")
	if t.subs == nil {
		t.subs = map[string]int{}
	}
	n := t.subs[name]
	t.subs[name]++
	if n > 0 {
		name = fmt.Sprintf("%s#%02d", name, n)
	}
	if t.name == "" {
		return name
	}
	return t.name + "/" + name
}

// Cleanup registers f to run when the test function and its subtests
// have returned, in the goroutine that ran it, inside the controlled
// execution; cleanups run last-registered first.
func (t *T) Cleanup(f func()) { t.clean = append(t.clean, f) }

// Context returns a context cancelled just before t's Cleanup functions
// run, as testing.T.Context: an rt context, so Done(ctx) can be waited on
// in Select, and goroutines waiting on it are woken when the test ends.
func (t *T) Context() context.Context {
	if t.ctx == nil {
		t.ctx, t.cancel = WithCancel(context.Background())
	}
	return t.ctx
}

// cleanup cancels t's context and runs t's cleanups, unless the execution
// is being torn down, and marks t completed.
func (t *T) cleanup() {
	defer func() {
		t.done = true
		t.touch(t.parent == nil) // a late Log panics once the body's T is done
	}()
	if t.cancel != nil && !t.ex.aborting.Load() {
		t.cancel()
	}
	for len(t.clean) > 0 && !t.ex.aborting.Load() {
		f := t.clean[len(t.clean)-1]
		t.clean = t.clean[:len(t.clean)-1]
		f()
	}
}

// bodyFunc is the function of the body's goroutine. Like runBody and
// cleanup it is below user code: no race suppression may match it. Not
// inlined: a closure made by an inlined function is named after the
// caller (runner.run.bodyFunc.func1), which a suppression matches.
//
//go:noinline
func bodyFunc(t *T, body func(*T)) func() { return func() { t.runBody(body) } }

// runBody runs the Check body with t, then its cleanups.
func (t *T) runBody(body func(*T)) {
	t.g = t.ex.cur
	defer t.cleanup()
	body(t)
}

// TempDir returns a new temporary directory: the enclosing test's
// TempDir under Check (removed when that test ends), else one removed
// when the execution ends.
func (t *T) TempDir() string {
	if tb := t.ex.cfg.tb; tb != nil {
		return tb.TempDir()
	}
	dir, err := os.MkdirTemp("", "rt-tempdir-")
	if err != nil {
		t.Fatalf("TempDir: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
