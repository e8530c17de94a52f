package leak

import (
	"github.com/interleave/concurrency/checks"
	"github.com/interleave/concurrency/checks/internal/rtcheck"
	"github.com/interleave/concurrency/harness/rt"
)

// Finding is a leak found under rt: goroutines still blocked when the
// body returned, with the schedule that leaves them behind.
type Finding = rtcheck.Finding

// ErrOther and ErrBounded are wrapped by RT().Explore when the verdict is
// unknown: another failure stopped the search, or the limit was reached.
// ErrBounded is checks.ErrBounded and ErrOther wraps checks.ErrUnknown, the
// values every check shares.
var (
	ErrOther   = rtcheck.ErrOther
	ErrBounded = checks.ErrBounded
)

// RTCheck is the leak check for code under the controlled runtime, with
// the faces of every rt check: Inspect judges an rt.Report; Explore runs a
// body under rt.Explore and returns a *Finding if in some schedule
// goroutines are still blocked when the body returns, an error wrapping
// ErrOther or ErrBounded when the verdict is unknown (never a pass), and
// nil when the space was exhausted; Verify fails a test unless it was.
type RTCheck struct{ rtcheck.Check }

// RT returns the leak check for code under the controlled runtime.
func RT() RTCheck { return RTCheck{rtcheck.Check{Kind: rt.KindLeak}} }
