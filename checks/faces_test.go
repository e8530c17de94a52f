package checks_test

import (
	"testing"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks/deadlock"
	"github.com/interleave/concurrency/checks/fairness"
	"github.com/interleave/concurrency/checks/leak"
	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/checks/race"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
)

// rtFace is what every rt check value offers.
type rtFace interface {
	Name() string
	Inspect(rt.Report) error
	Explore(body func(*rt.T), opts ...rt.Option) (rt.Report, error)
	Verify(t testing.TB, body func(*rt.T), opts ...rt.Option) rt.Report
}

// The faces of the table in checks/doc.go, by name: renaming one (or
// giving one package a face of another shape) fails the build.
var (
	_ func(...race.Option) harness.Check                                                    = race.Model
	_ func() harness.Check                                                                  = deadlock.Model
	_ func(...int) harness.Check                                                            = leak.Model
	_ func(porcupine.Model, linearizable.HistoryFunc, ...linearizable.Option) harness.Check = linearizable.Model
	_ func(fairness.Fairness) harness.Check                                                 = fairness.Starvation
	_ func(fairness.Fairness) harness.Check                                                 = fairness.Livelock

	_ rtFace = race.RT()
	_ rtFace = deadlock.RT()
	_ rtFace = leak.RT()

	_ func(leak.TB, ...leak.Option)                                                                             = leak.Verify
	_ func(linearizable.TB, porcupine.Model, []porcupine.Operation, ...linearizable.Option) linearizable.Report = linearizable.Verify
)

// Each rt face reports its own kind.
func TestRTFacesNameTheirKind(t *testing.T) {
	for want, c := range map[string]rtFace{race.Kind: race.RT(), deadlock.Kind: deadlock.RT(), leak.Kind: leak.RT()} {
		if c.Name() != want {
			t.Errorf("%T.Name() = %q, want %q", c, c.Name(), want)
		}
	}
}
