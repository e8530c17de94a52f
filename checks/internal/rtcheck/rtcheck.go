// Package rtcheck adapts one kind of failure of the controlled runtime
// (harness/rt) to a check value, so that checks/race and checks/deadlock
// reuse rt's own detectors instead of duplicating them, and builds the
// errors of unknown verdicts on the values in package checks (Verdict).
package rtcheck

import (
	"fmt"
	"testing"

	"github.com/interleave/concurrency/checks"
	"github.com/interleave/concurrency/harness/rt"
)

// ErrOther is wrapped by Explore's error when another kind of failure
// stopped the exploration before this check could rule its own out: the
// verdict is unknown, not ok. It wraps checks.ErrUnknown.
var ErrOther = Verdict(checks.ErrUnknown, "another failure stopped the exploration")

// ErrBounded is wrapped by Explore's error when the execution limit was
// reached before the space was exhausted: nothing was found, but nothing
// is proved either.
var ErrBounded = checks.ErrBounded

// Finding is a failure of the check's kind found by rt.
type Finding struct{ *rt.Failure }

// Error renders the failure with its schedule.
func (f *Finding) Error() string { return f.Failure.String() }

// Check selects the failures of one rt.Kind.
type Check struct{ Kind rt.Kind }

// Name is the kind the check reports.
func (c Check) Name() string { return string(c.Kind) }

// Inspect returns a *Finding if rep failed with the check's kind, else
// nil.
func (c Check) Inspect(rep rt.Report) error {
	if rep.Failure != nil && rep.Failure.Kind == c.Kind {
		return &Finding{rep.Failure}
	}
	return nil
}

// Explore runs body under rt.Explore and judges the report: a *Finding
// when the check's kind is found; an error wrapping ErrOther or ErrBounded
// when the verdict is unknown; nil only when the space within the bounds
// of opts was exhausted without a failure.
func (c Check) Explore(body func(*rt.T), opts ...rt.Option) (rt.Report, error) {
	rep, err := rt.Explore(body, opts...)
	if err != nil {
		return rep, err
	}
	if err := c.Inspect(rep); err != nil {
		return rep, err
	}
	switch {
	case rep.Failure != nil:
		return rep, fmt.Errorf("%s check: %w: %s", c.Kind, ErrOther, rep.Failure)
	case !rep.Exhausted:
		return rep, fmt.Errorf("%s check: %w: %d executions without a failure, space not exhausted", c.Kind, ErrBounded, rep.Executions)
	}
	return rep, nil
}

// Verify is Explore for a test: it fails t with the finding, or with the
// reason the verdict is unknown, and logs the report when the space was
// exhausted without a failure.
func (c Check) Verify(t testing.TB, body func(*rt.T), opts ...rt.Option) rt.Report {
	t.Helper()
	rep, err := c.Explore(body, opts...)
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Logf("%s check: %s", c.Kind, rep)
	return rep
}
