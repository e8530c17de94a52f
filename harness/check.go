package harness

// Check is a property of a model's states. The engine calls Inspect on
// every reachable state it expands, telling it whether the state is
// terminal (no thread can step); a non-nil error is a violation, and its
// text says what is wrong in that state. Checks return findings and never
// print.
type Check interface {
	// Name is the violation kind reported when the check fails, e.g.
	// "lost-update".
	Name() string
	Inspect(m Model, s State, terminal bool) error
}

// Invariant returns a Check that must hold in every reachable state.
func Invariant(name string, holds func(State) error) Check {
	return stateCheck{name: name, holds: holds}
}

// Terminal returns a Check that must hold in every reachable state in
// which no thread can step, such as "when all threads are done, x equals
// the number of increments".
func Terminal(name string, holds func(State) error) Check {
	return stateCheck{name: name, holds: holds, terminalOnly: true}
}

type stateCheck struct {
	name         string
	holds        func(State) error
	terminalOnly bool
}

func (c stateCheck) Name() string { return c.name }

func (c stateCheck) Inspect(_ Model, s State, terminal bool) error {
	if c.terminalOnly && !terminal {
		return nil
	}
	return c.holds(s)
}
