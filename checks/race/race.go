package race

import (
	"fmt"
	"slices"

	"github.com/interleave/concurrency/checks/internal/rtcheck"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
)

// Kind is the violation kind of both checks (the same as rt.KindRace).
const Kind = string(rt.KindRace)

// Option configures Model.
type Option interface{ apply(*modelCheck) }

type optionFunc func(*modelCheck)

func (f optionFunc) apply(c *modelCheck) { f(c) }

// Atomic declares objects that the model reads and writes atomically (an
// atomic counter's x++): conflicting accesses to them are not races.
func Atomic(objects ...string) Option {
	return optionFunc(func(c *modelCheck) { c.atomic = append(c.atomic, objects...) })
}

// Model returns the race check for models, a harness.Check that fails in
// a state where two threads have enabled steps with conflicting plain
// accesses to the same object.
func Model(opts ...Option) harness.Check {
	c := &modelCheck{}
	for _, o := range opts {
		o.apply(c)
	}
	return c
}

type modelCheck struct{ atomic []string }

// Name implements harness.Check.
func (c *modelCheck) Name() string { return Kind }

// Inspect implements harness.Check.
func (c *modelCheck) Inspect(m harness.Model, s harness.State, _ bool) error {
	steps := slices.Collect(harness.EnabledSteps(m, s))
	for i, a := range steps {
		for _, b := range steps[i+1:] {
			if obj, ok := c.conflict(a, b); ok {
				return fmt.Errorf("%s %q and %s %q both access %s, at least one writes, and both can run next in either order",
					harness.ThreadName(m, a.Thread), a.Label, harness.ThreadName(m, b.Thread), b.Label, obj)
			}
		}
	}
	return nil
}

// conflict returns an object that a and b access plainly, at least one
// of them writing.
func (c *modelCheck) conflict(a, b harness.Step) (string, bool) {
	for _, x := range a.Access {
		for _, y := range b.Access {
			if x.Object != y.Object || !plain(x.Kind) || !plain(y.Kind) ||
				(x.Kind != harness.Write && y.Kind != harness.Write) || slices.Contains(c.atomic, x.Object) {
				continue
			}
			return x.Object, true
		}
	}
	return "", false
}

func plain(k harness.AccessKind) bool { return k == harness.Read || k == harness.Write }

// Finding is a data race found under rt: the failure with both accesses,
// the schedule and its rendering.
type Finding = rtcheck.Finding

// ErrOther and ErrBounded are wrapped by RT().Explore when the verdict is
// unknown: another failure stopped the search, or the limit was reached.
// ErrBounded is checks.ErrBounded and ErrOther wraps checks.ErrUnknown, the
// values every check shares.
var (
	ErrOther   = rtcheck.ErrOther
	ErrBounded = rtcheck.ErrBounded
)

// RTCheck is the race check for code under the controlled runtime. Its
// Inspect judges an rt.Report; Verify fails a test unless the space is
// exhausted without a finding; its Explore runs a body under rt.Explore and
// returns a *Finding for a race, an error wrapping ErrOther or ErrBounded
// for an unknown verdict, and nil when the space was exhausted.
type RTCheck struct{ rtcheck.Check }

// RT returns the race check for code under the controlled runtime: rt's
// vector-clock detector on rt.Var, as a check value.
func RT() RTCheck { return RTCheck{rtcheck.Check{Kind: rt.KindRace}} }
