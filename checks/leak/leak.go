package leak

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness/sched"
	"go.uber.org/goleak"
)

// Kind is the violation kind of a goroutine (or thread) left behind
// (the same as rt.KindLeak).
const Kind = string(sched.KindLeak)

// Leak is a finding: what was left behind and, under rt, the schedule.
type Leak struct {
	// Detail lists the goroutines left behind (stacks natively, blocked
	// operations under rt, thread names in models).
	Detail string
	// Schedule replays the execution under rt; empty otherwise.
	Schedule string
	// err is goleak's error, for Unwrap; nil under rt and in models.
	err error
}

// Unwrap returns goleak's error for a leak found by Find, so errors.As
// reaches it; nil otherwise.
func (l *Leak) Unwrap() error { return l.err }

// Error implements error.
func (l *Leak) Error() string {
	s := Kind + ": " + l.Detail
	if l.Schedule != "" {
		s += "\nschedule: " + l.Schedule
	}
	return s
}

// Option configures Find and Verify (goleak's options).
type Option = goleak.Option

// IgnoreCurrent ignores the goroutines alive when it is called: call it at
// the start of a test, before the code under test starts any.
func IgnoreCurrent() Option { return goleak.IgnoreCurrent() }

// IgnoreTopFunction ignores goroutines whose top frame is the function f
// (fully qualified, e.g. "internal/poll.runtime_pollWait").
func IgnoreTopFunction(f string) Option { return goleak.IgnoreTopFunction(f) }

// Find returns a *Leak if goroutines other than the ignored ones are
// still alive after goleak's retries, else nil. The *Leak wraps goleak's
// error; its Detail is that error's text without goleak's heading.
func Find(opts ...Option) error {
	err := goleak.Find(opts...)
	if err == nil {
		return nil
	}
	return &Leak{Detail: strings.TrimPrefix(err.Error(), "found unexpected goroutines:\n"), err: err}
}

// TB is what Verify needs of a test.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// Verify fails t if Find reports a leak.
func Verify(t TB, opts ...Option) {
	t.Helper()
	if err := Find(opts...); err != nil {
		t.Errorf("%v", err)
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}
