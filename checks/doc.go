// Package checks holds what every check package shares: the errors of a
// verdict that is neither a finding nor a pass. Each check lives in its own
// package (checks/race, checks/deadlock, checks/leak, checks/linearizable,
// checks/fairness), with the same faces by the same names:
//
//	             Model(...)        RT()               Verify(t, ...)
//	             harness.Check     rt check value     native
//	race         yes               yes                (go test -race)
//	deadlock     yes               yes                -
//	leak         yes               yes                yes (goleak)
//	linearizable yes               (Verify in body)   yes (porcupine)
//	fairness     Starvation,       -                  -
//	             Livelock
//
// Their unknown verdicts wrap these values, so
//
//	errors.Is(err, checks.ErrBounded)
//
// means the same for every check. The packages' own names (race.ErrBounded,
// leak.ErrBounded, linearizable.ErrUnknown, …) are these same values.
package checks

import "errors"

// ErrBounded is wrapped when a limit (rt's execution limit) was reached
// before the space was exhausted: nothing was found, nothing is proved.
var ErrBounded = errors.New("bounded")

// ErrUnknown is wrapped when the verdict is unknown for another reason:
// another failure stopped the search first, or a checker ran out of time.
var ErrUnknown = errors.New("unknown")
