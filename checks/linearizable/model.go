package linearizable

import (
	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/harness"
)

// HistoryFunc extracts the history a model keeps in its state, with
// pending operations as Recorder.History renders them.
type HistoryFunc func(s harness.State) []porcupine.Operation

// Model returns a harness.Check, named Kind, that checks the history
// kept in every reachable state of a model against the sequential
// specification spec. Checking every state, not only terminal ones, makes
// a breadth-first search report the shortest history that is not
// linearizable.
func Model(spec porcupine.Model, history HistoryFunc, opts ...Option) harness.Check {
	return modelCheck{spec: spec, history: history, opts: opts}
}

type modelCheck struct {
	spec    porcupine.Model
	history HistoryFunc
	opts    []Option
}

func (c modelCheck) Name() string { return Kind }

// Inspect implements harness.Check.
func (c modelCheck) Inspect(_ harness.Model, s harness.State, _ bool) error {
	h := c.history(s)
	if len(h) == 0 {
		return nil
	}
	err := Check(c.spec, h, c.opts...).Err()
	if v, ok := err.(*Violation); ok {
		return violationText{v.Text}
	}
	return err
}

// violationText is the message of a model violation: the kind is already
// the check's name.
type violationText struct{ text string }

func (v violationText) Error() string { return v.text }
