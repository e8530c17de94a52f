package rt

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/interleave/concurrency/harness/report"
	"github.com/interleave/concurrency/harness/sched"
	"github.com/interleave/concurrency/harness/trace"
)

// Kind names the check that failed (package sched's list, which the
// model explorer and the checks share).
type Kind = sched.Kind

// The checks of an execution.
const (
	KindPanic        = sched.KindPanic
	KindDeadlock     = sched.KindDeadlock
	KindRace         = sched.KindRace
	KindLeak         = sched.KindLeak
	KindBlocked      = sched.KindBlocked
	KindTestFailure  = sched.KindTestFailure
	KindStepLimit    = sched.KindStepLimit
	KindUncontrolled = sched.KindUncontrolled
)

// Failure is a failed execution: the check, what it found, the schedule
// that reproduces it and the execution rendered one column per goroutine
// (cut to fit on a screen: only the goroutines the failure names get a
// column). When that cut something, FullTrace is the whole execution,
// one line per step, and Check writes it to FullTracePath. Page is the
// same failure as data for an HTML report (package report): every step,
// and the wait-for graph, race or lasso rt found; Check writes it to
// HTMLPath when the test has an artifact directory.
type Failure struct {
	Kind          Kind
	Message       string
	Schedule      trace.Schedule
	Trace         string
	FullTrace     string
	FullTracePath string
	Page          *report.Page
	HTMLPath      string
}

// String renders the failure to fit on a screen: the check and its
// finding (goroutines alike merged), the execution, where the full trace
// and the HTML report are, and the schedule to replay it.
func (f *Failure) String() string {
	where := ""
	if f.FullTracePath != "" {
		where = "full trace: " + f.FullTracePath + "\n"
	}
	if f.HTMLPath != "" {
		where += "html report: " + f.HTMLPath + "\n"
	}
	return fmt.Sprintf("rt: %s: %s\n\n%s%sschedule: %s", f.Kind, screenMessage(f.Message), f.Trace, where, f.Schedule)
}

// fullText is the whole failure: the complete message and every step.
func (f *Failure) fullText() string {
	return fmt.Sprintf("rt: %s: %s\n\n%s\nschedule: %s\n", f.Kind, f.Message, f.FullTrace, f.Schedule)
}

func panicFailure(ex *exec, g *gor, r any) *Failure {
	msg := fmt.Sprintf("%s panicked: %v", gname(g), r)
	if g.subtest != "" {
		msg = fmt.Sprintf("%s panicked in subtest %s: %v", gname(g), g.subtest, r)
	}
	if ex.capture {
		msg += " at " + panicLoc()
		if stack := panicStack(); len(stack) > 0 {
			msg += "\n  goroutine stack (innermost first, user code only):\n    " + strings.Join(stack, "\n    ")
		}
	}
	return &Failure{Kind: KindPanic, Message: msg}
}

// panicLoc returns file:line of the frame that panicked, skipping the
// runtime and this package.
func panicLoc() string {
	var pcs [32]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs[:])])
	seen := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			seen = true
		case seen && !strings.HasPrefix(f.Function, "runtime.") &&
			!rtFile(f.File):
			return fmt.Sprintf("%s:%d", baseName(f.File), f.Line)
		}
		if !more {
			return "?"
		}
	}
}

// maxPanicFrames bounds the stack a panic report shows.
const maxPanicFrames = 8

// panicStack returns the user frames of the panicking goroutine as
// "pkg.fn at file:line", innermost first.
func panicStack() []string {
	var pcs [64]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs[:])])
	var out []string
	seen := false
	for len(out) < maxPanicFrames {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			seen = true
		case seen && userFrame(frame{fn: f.Function, file: f.File}):
			out = append(out, fmt.Sprintf("%s at %s:%d", baseName(f.Function), baseName(f.File), f.Line))
		}
		if !more {
			break
		}
	}
	return out
}

func baseName(file string) string { return file[strings.LastIndexByte(file, '/')+1:] }

// testFailure is the failure of an execution the test failed; nil when
// it was skipped instead.
func (ex *exec) testFailure() *Failure {
	if !ex.t.failed {
		return nil
	}
	msg := "the body reported a failure"
	if len(ex.t.msgs) > 0 {
		msg = strings.Join(ex.t.msgs, "\n")
	}
	return &Failure{Kind: KindTestFailure, Message: msg}
}

func (ex *exec) raceFailure(o *object, prev, cur access) *Failure {
	if ex.capture {
		ex.finds().race = ex.racePage(o, prev, cur)
	}
	return &Failure{Kind: KindRace, Message: fmt.Sprintf(
		"%s: %s and %s are not ordered by happens-before",
		o, ex.accessText(prev), ex.accessText(cur))}
}

// accessText names an access and, in capture runs, where it happened.
func (ex *exec) accessText(a access) string {
	s := fmt.Sprintf("%s (step %d)", a, a.step)
	if ex.capture && a.step >= 1 && a.step <= len(ex.rows) {
		op := ex.rows[a.step-1].Text
		if a.atomic {
			op += " (atomic)"
		}
		s = fmt.Sprintf("%s %s at %s (step %d)", gname(ex.gs[a.g]), op, ex.locs[a.step-1], a.step)
	}
	return s
}
