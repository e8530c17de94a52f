// Package checks holds what every check package shares: the errors of a
// verdict that is neither a finding nor a pass. Each check lives in its own
// package (checks/race, checks/deadlock, checks/leak, checks/linearizable,
// checks/fairness); their unknown verdicts wrap these values, so
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
