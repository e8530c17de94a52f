package leak

import (
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
)

// Model returns a harness.Check named Kind for models: in a state in
// which no thread can step, if every main thread has finished, every other
// thread must have finished too; one still blocked is left behind. (The
// engine also reports such a state as a deadlock; this check says that
// the program's main part completed and what it abandoned.) The model
// must implement harness.Finisher.
func Model(main ...int) harness.Check { return terminal{main: main} }

type terminal struct{ main []int }

func (terminal) Name() string { return Kind }

// Inspect implements harness.Check.
func (c terminal) Inspect(m harness.Model, s harness.State, isTerminal bool) error {
	f, ok := m.(harness.Finisher)
	if !isTerminal || !ok {
		return nil
	}
	isMain := map[int]bool{}
	for _, th := range c.main {
		if !f.Finished(s, th) {
			return nil
		}
		isMain[th] = true
	}
	var left []string
	for th := range m.Threads(s) {
		if !isMain[th] && !f.Finished(s, th) {
			st, _ := m.Enabled(s, th)
			left = append(left, fmt.Sprintf("%s blocked at %q", harness.ThreadName(m, th), st.Label))
		}
	}
	if len(left) == 0 {
		return nil
	}
	return fmt.Errorf("%s left behind after the main threads finished: %s",
		plural(len(left), "thread"), strings.Join(left, ", "))
}
