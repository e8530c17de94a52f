package linearizable_test

import (
	"context"
	"math"
	"testing"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/harness"
	"github.com/stretchr/testify/require"
)

// incModel is a model of two threads each incrementing x once; the state
// keeps the history: [x, clock, then per thread pc, tmp, call, ret]. In
// the split variant the increment reads in one step and writes in the
// next; otherwise it is one atomic step after the call.
type incModel struct{ split bool }

const (
	threads = 2
	width   = 4
)

func (incModel) Name() string                          { return "inc" }
func (incModel) Init() harness.State                   { return make(harness.State, 2+threads*width) }
func (incModel) Threads(harness.State) int             { return threads }
func (incModel) Finished(s harness.State, th int) bool { return s[2+th*width] == 3 }

func (m incModel) Enabled(s harness.State, th int) (harness.Step, bool) {
	labels := []string{"call", "read x", "write x, return"}
	if !m.split {
		labels = []string{"call", "x++", "return"}
	}
	pc := s[2+th*width]
	if pc >= 3 {
		return harness.Step{}, false
	}
	acc := []harness.Access{{Object: "x", Kind: harness.Read}}
	if pc > 0 {
		acc = []harness.Access{{Object: "x", Kind: harness.Write}}
	}
	return harness.Step{Footprint: harness.Footprint{Thread: th, Label: labels[pc], Access: acc}}, true
}

func (m incModel) Apply(s harness.State, st harness.Step) harness.State {
	n := append(harness.State(nil), s...)
	t := n[2+st.Thread*width:]
	switch t[0] {
	case 0:
		n[1]++
		t[2] = n[1]
	case 1:
		if m.split {
			t[1] = n[0]
		} else {
			n[0]++
			t[1] = n[0]
		}
	case 2:
		if m.split {
			n[0] = t[1] + 1
			t[1] = n[0]
		}
		n[1]++
		t[3] = n[1]
	}
	t[0]++
	return n
}

// incHistory reads the history kept in an incModel state.
func incHistory(s harness.State) []porcupine.Operation {
	var h []porcupine.Operation
	for th := range threads {
		t := s[2+th*width:]
		switch {
		case t[0] == 0:
		case t[0] < 3:
			h = append(h, porcupine.Operation{ClientId: th, Input: counterOp{inc: true}, Call: int64(t[2]),
				Output: linearizable.Pending{}, Return: math.MaxInt64})
		default:
			h = append(h, porcupine.Operation{ClientId: th, Input: counterOp{inc: true}, Call: int64(t[2]),
				Output: int(t[1]), Return: int64(t[3])})
		}
	}
	return h
}

func TestModel(t *testing.T) {
	cases := []struct {
		name  string
		split bool
	}{{"read then write is caught", true}, {"atomic increment passes", false}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check := linearizable.Model(counterSpec, incHistory)
			res, err := harness.Explore(context.Background(), incModel{split: c.split}, harness.Options{}, check)
			require.NoError(t, err)
			if !c.split {
				require.Equal(t, harness.OK, res.Verdict())
				return
			}
			require.Len(t, res.Violations, 1)
			v := res.Violations[0]
			require.Equal(t, linearizable.Kind, v.Kind)
			require.Len(t, v.Schedule, 6, "breadth-first search finds the shortest history")
			require.Contains(t, v.Message, "none of these can come next")
			t.Logf("schedule %s\n%s", v.Schedule, v.Message)
		})
	}
}
