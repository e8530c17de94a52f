package leak

import (
	"github.com/interleave/concurrency/checks"
	"github.com/interleave/concurrency/checks/internal/rtcheck"
	"github.com/interleave/concurrency/harness/rt"
)

// RT explores body under the controlled runtime and returns a *Leak if in
// some schedule goroutines are still blocked when the body returns. The
// report says how many executions were run; a failure other than a leak
// is returned as an error wrapping checks.ErrUnknown, and running out of
// executions before the space is exhausted returns an error wrapping
// ErrBounded (never a pass).
func RT(body func(*rt.T), opts ...rt.Option) (rt.Report, error) {
	rep, err := rt.Explore(body, opts...)
	if err != nil {
		return rep, err
	}
	if f := rep.Failure; f != nil {
		if f.Kind == rt.KindLeak {
			return rep, &Leak{Detail: f.Message + "\n\n" + f.Trace, Schedule: f.Schedule.String()}
		}
		return rep, rtcheck.Verdict(checks.ErrUnknown, f.String())
	}
	if !rep.Exhausted {
		return rep, errBounded
	}
	return rep, nil
}

// ErrBounded is wrapped by RT's error when the execution limit was reached
// before every schedule was explored: no leak was found, but none is ruled
// out. It is checks.ErrBounded, the value every check wraps.
var ErrBounded = checks.ErrBounded

var errBounded = rtcheck.Verdict(ErrBounded, "leak: bounded: the execution limit was reached before every schedule was explored")
