package race_test

import (
	"testing"

	"github.com/interleave/concurrency/checks/internal/progmodel"
	"github.com/interleave/concurrency/checks/race"
	"github.com/interleave/concurrency/harness"
	"github.com/stretchr/testify/require"
)

func TestInTrace(t *testing.T) {
	long := func(label string, k harness.AccessKind) []op {
		return []op{o(label, "x", k), o("work", "y0", harness.Write), o("work", "y0", harness.Write)}
	}
	cases := []struct {
		name     string
		threads  [][]op
		schedule harness.Schedule
		want     string
	}{
		// T0 writes x, works, and only then T1 reads x: far apart, and
		// still a race, because nothing orders them.
		{"unordered, far apart", [][]op{long("write x", harness.Write), {o("read x", "x", harness.Read)}}, harness.Schedule{0, 0, 0, 1},
			`T0 "write x" (step 1) and T1 "read x" (step 4) both access x`},
		{"ordered by a lock", [][]op{locked("write x", harness.Write), locked("read x", harness.Read)}, harness.Schedule{0, 0, 0, 1, 1, 1}, ""},
		{"two reads", [][]op{{o("r", "x", harness.Read)}, {o("r", "x", harness.Read)}}, harness.Schedule{0, 1}, ""},
		{"read then unordered write", [][]op{{o("r", "x", harness.Read)}, locked("w", harness.Write)}, harness.Schedule{0, 1, 1, 1},
			`T0 "r" (step 1) and T1 "w" (step 3)`},
		{"ordered by send and receive", [][]op{{o("w", "x", harness.Write), o("send", "c", harness.Send)}, {o("recv", "c", harness.Recv), o("r", "x", harness.Read)}},
			harness.Schedule{0, 0, 1, 1}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := progmodel.New(c.threads)
			tr, err := harness.Replay(m, c.schedule)
			require.NoError(t, err)
			err = race.InTrace(m, tr)
			if c.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, c.want)
		})
	}
}
