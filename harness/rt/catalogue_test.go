package rt_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness/rt"
	classic "github.com/interleave/concurrency/internal/catalogue"
)

// bugCase is one classic concurrency bug written with rt: the buggy body,
// the check that must catch it, and a fixed body that must pass. The
// bodies live in internal/catalogue, shared with the fuzz targets.
type bugCase struct {
	name  string
	kind  rt.Kind
	bug   func(*rt.T)
	fixed func(*rt.T)
}

var catalogue = func() []bugCase {
	var cases []bugCase
	for _, b := range classic.Bugs() {
		cases = append(cases, bugCase{b.Name, b.Kind, b.Body(false), b.Body(true)})
	}
	return cases
}()

func TestCatalogue(t *testing.T) {
	for _, c := range catalogue {
		t.Run(c.name, func(t *testing.T) {
			rep := explore(t, c.bug)
			require.NotNil(t, rep.Failure, "bug not found: %s", rep)
			require.Equal(t, c.kind, rep.Failure.Kind, rep.String())
			t.Logf("found:\n%s", rep)

			again := explore(t, c.bug, rt.WithReplay(rep.Failure.Schedule.String()))
			require.Equal(t, 1, again.Executions)
			require.NotNil(t, again.Failure, "replay did not fail")
			require.Equal(t, rep.Failure.String(), again.Failure.String(), "replay differs")

			ok := explore(t, c.fixed)
			require.Nil(t, ok.Failure, "fixed variant failed: %s", ok)
			require.True(t, ok.Exhausted, ok.String())
		})
	}
}
