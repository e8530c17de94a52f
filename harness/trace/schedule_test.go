package trace_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/interleave/concurrency/harness/trace"
)

// TestScheduleRoundTrip: every schedule prints to a string that parses
// back to it.
func TestScheduleRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := trace.Schedule(rapid.SliceOf(rapid.IntRange(0, 12)).Draw(t, "schedule"))
		got, err := trace.ParseSchedule(s.String())
		if err != nil {
			t.Fatalf("%q: %v", s.String(), err)
		}
		if len(s) == 0 {
			s = trace.Schedule{}
		}
		if len(got) != len(s) || (len(s) > 0 && got.String() != s.String()) {
			t.Fatalf("%v → %q → %v", s, s.String(), got)
		}
	})
}

// TestLongScheduleRoundTrip: schedules long enough to be folded into
// repeated blocks (a pattern repeated, with noise) parse back to
// themselves.
func TestLongScheduleRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pattern := rapid.SliceOfN(rapid.IntRange(-1, 5), 1, 8).Draw(t, "pattern")
		var s trace.Schedule
		for range rapid.IntRange(1, 20).Draw(t, "blocks") {
			for range rapid.IntRange(1, 30).Draw(t, "repeats") {
				s = append(s, pattern...)
			}
			s = append(s, rapid.SliceOfN(rapid.IntRange(0, 40), 0, 5).Draw(t, "noise")...)
		}
		got, err := trace.ParseSchedule(s.String())
		if err != nil {
			t.Fatalf("%q: %v", s.String(), err)
		}
		if !slices.Equal(got, s) {
			t.Fatalf("%v → %q → %v", s, s.String(), got)
		}
	})
}

// A round robin of 200 threads, 100 rounds (20,000 steps), prints as one
// folded block; short schedules keep the plain form even when they repeat.
func TestScheduleFoldsRepeatedBlocks(t *testing.T) {
	var s trace.Schedule
	for range 100 {
		for g := range 200 {
			s = append(s, g)
		}
	}
	text := s.String()
	require.Less(t, len(text), 1000)
	require.True(t, strings.HasPrefix(text, "(0,1,2,"), text)
	require.True(t, strings.HasSuffix(text, ",199)*100"), text)
	require.Equal(t, "0,1,0,1,0,1,2*3", trace.Schedule{0, 1, 0, 1, 0, 1, 2, 2, 2}.String())
	back, err := trace.ParseSchedule("0,(1,t*2,(3,4)*2)*2,5")
	require.NoError(t, err)
	require.Equal(t, trace.Schedule{0, 1, -1, -1, 3, 4, 3, 4, 1, -1, -1, 3, 4, 3, 4, 5}, back)
}

func TestScheduleString(t *testing.T) {
	require.Equal(t, "0*3,1,0,2*2", trace.Schedule{0, 0, 0, 1, 0, 2, 2}.String())
	require.Equal(t, "-", trace.Schedule{}.String())
}

func TestParseScheduleErrors(t *testing.T) {
	for _, bad := range []string{"a", "0,,1", "-1", "1*0", "1*x", "2*99999999",
		"(0,1", "0)", "(0,1)", "(0,1)*0", "(0,1)*x", "()*2", "(0,1)(2)*2", "((0*1000000)*1000000)*1000000"} {
		_, err := trace.ParseSchedule(bad)
		require.Error(t, err, bad)
		require.Contains(t, err.Error(), "allowed", bad)
	}
}

// BenchmarkScheduleStringLong prints a 20,000-step schedule of 200
// threads with no repeated block (the worst case for folding).
func BenchmarkScheduleStringLong(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	s := make(trace.Schedule, 20000)
	for i := range s {
		s[i] = r.IntN(200)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = s.String()
	}
}
