package rt

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/interleave/concurrency/harness"
)

// Kind names the check that failed.
type Kind string

// The checks of an execution.
const (
	KindPanic        Kind = "panic"
	KindDeadlock     Kind = "deadlock"
	KindRace         Kind = "data race"
	KindLeak         Kind = "leak"
	KindBlocked      Kind = "blocked outside rt"
	KindTestFailure  Kind = "test failure"
	KindStepLimit    Kind = "step limit"
	KindUncontrolled Kind = "uncontrolled goroutine"
)

// Failure is a failed execution: the check, what it found, the schedule
// that reproduces it and the execution rendered one column per goroutine.
type Failure struct {
	Kind     Kind
	Message  string
	Schedule harness.Schedule
	Trace    string
}

// String renders the failure: the check and its finding, the execution,
// and the schedule to replay it.
func (f *Failure) String() string {
	return fmt.Sprintf("rt: %s: %s\n\n%sschedule: %s", f.Kind, f.Message, f.Trace, f.Schedule)
}

func panicFailure(ex *exec, g *gor, r any) *Failure {
	msg := fmt.Sprintf("G%d panicked: %v", g.id, r)
	if ex.capture {
		msg += " at " + panicLoc()
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
		s = fmt.Sprintf("G%d %s at %s (step %d)", a.g, op, ex.locs[a.step-1], a.step)
	}
	return s
}
