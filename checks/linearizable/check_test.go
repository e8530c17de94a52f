package linearizable_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/stretchr/testify/require"
)

func op(client int, inc bool, call, ret int64, out any) porcupine.Operation {
	return porcupine.Operation{ClientId: client, Input: counterOp{inc}, Call: call, Output: out, Return: ret}
}

func TestCheckVerdicts(t *testing.T) {
	pending := linearizable.Pending{}
	cases := []struct {
		name    string
		history []porcupine.Operation
		ok      bool
	}{
		{"sequential incs", []porcupine.Operation{op(0, true, 1, 2, 1), op(1, true, 3, 4, 2)}, true},
		{"overlapping incs in either order", []porcupine.Operation{op(0, true, 1, 4, 2), op(1, true, 2, 3, 1)}, true},
		{"lost update: two incs both return 1", []porcupine.Operation{op(0, true, 1, 3, 1), op(1, true, 2, 4, 1)}, false},
		{"stale read after an inc returned", []porcupine.Operation{op(0, true, 1, 2, 1), op(1, false, 3, 4, 0)}, false},
		{"pending inc may have taken effect", []porcupine.Operation{op(0, true, 1, 1<<62, pending), op(1, false, 2, 3, 1)}, true},
		{"pending inc may have had no effect", []porcupine.Operation{op(0, true, 1, 1<<62, pending), op(1, false, 2, 3, 0)}, true},
		{"pending inc cannot undo a returned one", []porcupine.Operation{op(0, true, 1, 2, 1), op(1, true, 3, 1<<62, pending), op(0, false, 4, 5, 0)}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := linearizable.Check(counterSpec, c.history)
			err := r.Err()
			if c.ok {
				require.NoError(t, err)
				require.Equal(t, porcupine.Ok, r.Result)
				return
			}
			var v *linearizable.Violation
			require.ErrorAs(t, err, &v)
			require.True(t, strings.HasPrefix(err.Error(), linearizable.Kind+": "), err.Error())
		})
	}
}

func TestTextShowsLongestPartialLinearisation(t *testing.T) {
	h := []porcupine.Operation{op(0, true, 1, 2, 1), op(1, true, 3, 6, 2), op(0, false, 4, 5, 0)}
	text := linearizable.Check(counterSpec, h, linearizable.WithName("counter")).Text()
	want := `counter: no order of these 3 operations is legal
history (call order; [call, return] on the logical clock):
  C0 [1,2]     inc() -> 1
  C1 [3,6]     inc() -> 2
  C0 [4,5]     get() -> 0
longest partial linearisation (2 of 3):
  1. C0 inc() -> 1  => n=1
  2. C1 inc() -> 2  => n=2
none of these can come next:
  C0 [4,5]     get() -> 0`
	require.Equal(t, want, text)
}

// fakeTB records what Verify does to a test.
type fakeTB struct {
	fatal string
	logs  []string
}

func (f *fakeTB) Helper()                      {}
func (f *fakeTB) Logf(format string, a ...any) { f.logs = append(f.logs, format) }
func (f *fakeTB) Fatalf(format string, a ...any) {
	f.fatal = strings.TrimSpace(strings.ReplaceAll(format, "%v", "")) + errString(a)
}

func errString(a []any) string {
	if len(a) == 1 {
		if e, ok := a[0].(error); ok {
			return e.Error()
		}
	}
	return ""
}

func TestVerifyWritesHTML(t *testing.T) {
	dir := t.ArtifactDir()
	bad := []porcupine.Operation{op(0, true, 1, 3, 1), op(1, true, 2, 4, 1)}
	var tb fakeTB
	linearizable.Verify(&tb, counterSpec, bad, linearizable.WithHTMLDir(dir), linearizable.WithName("lost/update"))
	require.Contains(t, tb.fatal, linearizable.Kind)
	require.Contains(t, tb.fatal, "visualisation: "+dir+"/lost_update.html")
	html, err := os.ReadFile(dir + "/lost_update.html")
	require.NoError(t, err)
	require.Contains(t, string(html), "<html")
	t.Logf("visualisation written to %s", dir)

	var good fakeTB
	linearizable.Verify(&good, counterSpec, bad[:1], linearizable.WithHTMLDir(dir))
	require.Empty(t, good.fatal)
}

// logSpec is an append-only log whose state is the whole order of
// appends: porcupine's cache cannot merge different orders, so many
// overlapping appends take factorial time.
var logSpec = porcupine.Model{
	Init: func() any { return "" },
	Step: func(state, input, output any) (bool, any) {
		if v, ok := input.(string); ok {
			return true, state.(string) + v
		}
		return output == state, state
	},
}

// TestUnknownIsNotAPass: a history porcupine cannot decide in time is
// neither accepted nor called a violation.
func TestUnknownIsNotAPass(t *testing.T) {
	const n = 14
	var h []porcupine.Operation
	for i := range n {
		h = append(h, porcupine.Operation{ClientId: i, Input: string(rune('a' + i)), Call: 0, Return: 10})
	}
	// A read after all appends that no order explains.
	h = append(h, porcupine.Operation{ClientId: n, Input: 0, Output: "impossible", Call: 20, Return: 21})
	r := linearizable.Check(logSpec, h, linearizable.WithTimeout(50*time.Millisecond))
	require.Equal(t, porcupine.Unknown, r.Result)
	require.ErrorIs(t, r.Err(), linearizable.ErrUnknown)
	var tb fakeTB
	linearizable.Verify(&tb, logSpec, h, linearizable.WithTimeout(50*time.Millisecond))
	require.Contains(t, tb.fatal, "unknown")
}
