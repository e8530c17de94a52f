package linearizable

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/anishathalye/porcupine"
)

// Text renders the check for people: for a history that is not
// linearizable, the operations of the failing partition in call order with
// their logical-clock intervals, the longest partial linearisation that
// porcupine found with the state after each operation, and the operations
// none of which can come next.
func (r Report) Text() string {
	m := filled(r.Model)
	parts := [][]porcupine.Operation{r.History}
	if r.Model.Partition != nil {
		parts = r.Model.Partition(r.History)
	}
	partials := r.Info.PartialLinearizationsOperations()
	for i, part := range parts {
		if i >= len(partials) {
			break
		}
		longest := longestOf(partials[i])
		if len(longest) < len(part) {
			return renderFailure(m, r.name, i, len(parts), part, longest)
		}
	}
	return fmt.Sprintf("%s: %d operations, %s", r.name, len(r.History), r.Result)
}

// longestOf returns the longest partial linearisation, the first in call
// order among equals (porcupine returns them as an unordered set).
func longestOf(ls [][]porcupine.Operation) []porcupine.Operation {
	slices.SortFunc(ls, func(a, b []porcupine.Operation) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		return slices.CompareFunc(a, b, func(x, y porcupine.Operation) int { return cmp.Compare(x.Call, y.Call) })
	})
	if len(ls) == 0 {
		return nil
	}
	return ls[0]
}

// Window is how many operations a long history shows on each side of the
// point where linearisation gets stuck: the last Window of the longest
// partial linearisation and the first Window of those left.
const Window = 8

func renderFailure(m porcupine.Model, name string, part, parts int, ops, longest []porcupine.Operation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", name)
	if parts > 1 {
		fmt.Fprintf(&b, ", partition %d of %d", part+1, parts)
	}
	fmt.Fprintf(&b, ": no order of these %d operations is legal\n", len(ops))
	ops = slices.Clone(ops)
	slices.SortStableFunc(ops, func(a, b porcupine.Operation) int { return cmp.Compare(a.Call, b.Call) })
	done := map[opKey]bool{}
	for _, op := range longest {
		done[key(op)] = true
	}
	var left []porcupine.Operation
	for _, op := range ops {
		if !done[key(op)] {
			left = append(left, op)
		}
	}
	skip := max(len(longest)-Window, 0)
	shown := map[opKey]bool{}
	for _, op := range longest[skip:] {
		shown[key(op)] = true
	}
	for _, op := range left[:min(len(left), Window)] {
		shown[key(op)] = true
	}
	b.WriteString("history (call order; [call, return] on the logical clock)")
	if len(shown) < len(ops) {
		fmt.Fprintf(&b, ", the %d operations around the point of failure", len(shown))
	}
	b.WriteString(":\n")
	for _, op := range ops {
		if shown[key(op)] {
			fmt.Fprintf(&b, "  C%d %-9s %s\n", op.ClientId, interval(op), m.DescribeOperation(op.Input, op.Output))
		}
	}
	fmt.Fprintf(&b, "longest partial linearisation (%d of %d):\n", len(longest), len(ops))
	state := m.Init()
	for i, op := range longest {
		_, state = m.Step(state, op.Input, op.Output)
		if i == skip && skip > 0 {
			fmt.Fprintf(&b, "  ... %d earlier operations\n", skip)
		}
		if i >= skip {
			fmt.Fprintf(&b, "  %d. C%d %s  => %s\n", i+1, op.ClientId, m.DescribeOperation(op.Input, op.Output), m.DescribeState(state))
		}
	}
	b.WriteString("none of these can come next:")
	for _, op := range left[:min(len(left), Window)] {
		fmt.Fprintf(&b, "\n  C%d %-9s %s", op.ClientId, interval(op), m.DescribeOperation(op.Input, op.Output))
	}
	if len(left) > Window {
		fmt.Fprintf(&b, "\n  ... %d more", len(left)-Window)
	}
	return b.String()
}

type opKey struct {
	client    int
	call, ret int64
}

func key(op porcupine.Operation) opKey { return opKey{op.ClientId, op.Call, op.Return} }

func interval(op porcupine.Operation) string {
	ret := "..."
	if op.Return != math.MaxInt64 {
		ret = fmt.Sprint(op.Return)
	}
	return fmt.Sprintf("[%d,%s]", op.Call, ret)
}

// filled returns m with porcupine's default descriptions where m has none.
func filled(m porcupine.Model) porcupine.Model {
	if m.DescribeOperation == nil {
		m.DescribeOperation = func(in, out any) string { return fmt.Sprintf("%v -> %v", in, out) }
	}
	if m.DescribeState == nil {
		m.DescribeState = func(s any) string { return fmt.Sprintf("%v", s) }
	}
	if m.Step == nil && m.StepContext != nil {
		m.Step = func(s, in, out any) (bool, any) { return m.StepContext(context.Background(), s, in, out) }
	}
	return m
}
