package harness_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/interleave/concurrency/harness"
)

// TestScheduleRoundTrip: every schedule prints to a string that parses
// back to it.
func TestScheduleRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := harness.Schedule(rapid.SliceOf(rapid.IntRange(0, 12)).Draw(t, "schedule"))
		got, err := harness.ParseSchedule(s.String())
		if err != nil {
			t.Fatalf("%q: %v", s.String(), err)
		}
		if len(s) == 0 {
			s = harness.Schedule{}
		}
		if len(got) != len(s) || (len(s) > 0 && got.String() != s.String()) {
			t.Fatalf("%v → %q → %v", s, s.String(), got)
		}
	})
}

func TestScheduleString(t *testing.T) {
	require.Equal(t, "0*3,1,0,2*2", harness.Schedule{0, 0, 0, 1, 0, 2, 2}.String())
	require.Equal(t, "-", harness.Schedule{}.String())
}

func TestParseScheduleErrors(t *testing.T) {
	for _, bad := range []string{"a", "0,,1", "-1", "1*0", "1*x", "2*99999999"} {
		_, err := harness.ParseSchedule(bad)
		require.Error(t, err, bad)
		require.Contains(t, err.Error(), "allowed", bad)
	}
}
