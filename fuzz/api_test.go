package fuzz_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interleave/concurrency/fuzz"
	"github.com/interleave/concurrency/fuzz/choice"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/internal/catalogue"
	"github.com/interleave/concurrency/models/counter"
	"github.com/stretchr/testify/require"
)

func TestBug(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  bool
	}{{"", false}, {"0", false}, {"1", true}, {"yes", true}} {
		t.Setenv(fuzz.BugEnv, tc.value)
		require.Equal(t, tc.want, fuzz.Bug(), "%s=%q", fuzz.BugEnv, tc.value)
	}
}

// TestCorpusName checks the name against the file go test -fuzz wrote for
// a crash of FuzzLostUpdate (checked in under testdata/fuzz).
func TestCorpusName(t *testing.T) {
	const name = "b3ea8a0dc8a2ffaf"
	file, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzLostUpdate", name))
	require.NoError(t, err)
	require.Equal(t, string(file), string(fuzz.CorpusFile([]byte("0001"))))
	require.Equal(t, name, fuzz.CorpusName([]byte("0001")))
}

func TestEntryOf(t *testing.T) {
	tests := []struct{ test, want string }{
		{"FuzzX/seed#0", "seed#0"},
		{"FuzzX/b3ea8a0dc8a2ffaf", "b3ea8a0dc8a2ffaf"},
		{"FuzzX", fuzz.CorpusName([]byte("0001"))},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, fuzz.EntryOf(tc.test, []byte("0001")))
	}
}

func TestCrashString(t *testing.T) {
	c := &fuzz.Crash{Target: "FuzzX", Report: "rt: panic: boom", Schedule: harness.Schedule{0, 1, 1}, Entry: "abc",
		Also: []string{"harness replay x --schedule 0,1*2"}}
	t.Setenv(fuzz.BugEnv, "1")
	require.Equal(t, `rt: panic: boom
replay input:    INTERLEAVE_FUZZ_BUG=1 go test -run '^FuzzX$/^abc$' ./fuzz
replay schedule: INTERLEAVE_FUZZ_BUG=1 INTERLEAVE_REPLAY='0,1*2' go test -run '^FuzzX$/^abc$' ./fuzz
replay model:    harness replay x --schedule 0,1*2
`, c.String())
	t.Setenv(fuzz.BugEnv, "")
	require.NotContains(t, c.String(), fuzz.BugEnv)
}

// TestRunRT checks that a schedule found from bytes replays through
// INTERLEAVE_REPLAY to the same report.
func TestRunRT(t *testing.T) {
	t.Setenv(rt.ReplayEnv, "")
	body := catalogue.Bugs()[0].Body(false) // lost update
	f, err := fuzz.RunRT(choice.New([]byte("0001")), body)
	require.NoError(t, err)
	require.NotNil(t, f)
	require.Equal(t, rt.KindTestFailure, f.Kind)

	t.Setenv(rt.ReplayEnv, f.Schedule.String())
	again, err := fuzz.RunRT(choice.New(nil), body)
	require.NoError(t, err)
	require.Equal(t, f.String(), again.String())

	t.Setenv(rt.ReplayEnv, "")
	ok, err := fuzz.RunRT(choice.New(nil), catalogue.Bugs()[0].Body(true))
	require.NoError(t, err)
	require.Nil(t, ok)
}

func TestWalk(t *testing.T) {
	m := counter.New(counter.Race, 2, 1)
	tests := []struct {
		name string
		data []byte
		want harness.Schedule
		kind string
	}{
		{"cooperative: no update lost", nil, harness.Schedule{0, 0, 1, 1}, ""},
		{"interleaved reads lose an update", []byte{0, 1}, harness.Schedule{0, 1, 0, 1}, "lost-update"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, vs := fuzz.Walk(m, choice.New(tc.data), fuzz.MaxModelSteps, m.LostUpdate())
			require.Equal(t, tc.want, s)
			if tc.kind == "" {
				require.Empty(t, vs)
				return
			}
			require.Len(t, vs, 1)
			require.Equal(t, tc.kind, vs[0].Kind)
		})
	}
}

func TestRunModelReplay(t *testing.T) {
	def, err := harness.Lookup("counter")
	require.NoError(t, err)
	inst, err := def.Instantiate("race", map[string]int{"threads": 2, "increments": 1})
	require.NoError(t, err)
	t.Setenv(rt.ReplayEnv, "0,1,0,1")
	v, err := fuzz.RunModel(inst, choice.New(nil))
	require.NoError(t, err)
	require.NotNil(t, v)
	report := fuzz.ModelReport(inst, v)
	require.Contains(t, report, "LOST-UPDATE: x=1")
	require.Contains(t, report, "read x (=0)")
	require.Equal(t, "go run ./harness/cmd/harness replay counter --variant race --param threads=2 --param increments=1 --schedule 0,1,0,1",
		fuzz.CLIReplay(inst, v.Schedule))

	t.Setenv(rt.ReplayEnv, "0,7")
	_, err = fuzz.RunModel(inst, choice.New(nil))
	require.ErrorContains(t, err, "not executable")
}

// TestCrashReplays runs the checked-in crash the way its report says: the
// stored input with the bug on fails with the lost update, and the
// printed INTERLEAVE_REPLAY line reproduces the same report.
func TestCrashReplays(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test")
	}
	bin := filepath.Join(t.TempDir(), "fuzz.test")
	out, err := exec.Command("go", "test", "-c", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	run := func(env ...string) string {
		cmd := exec.Command(bin, "-test.run", "^FuzzLostUpdate$/^b3ea8a0dc8a2ffaf$")
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		require.Error(t, err, "the crash should fail with the bug on:\n%s", out)
		return string(out)
	}
	first := run(fuzz.BugEnv + "=1")
	require.Contains(t, first, "increments lost")
	line := lineWith(t, first, "replay schedule: ")
	sched := strings.TrimSuffix(strings.SplitN(line, "INTERLEAVE_REPLAY='", 2)[1], "'")
	sched = sched[:strings.IndexByte(sched, '\'')]
	again := run(fuzz.BugEnv+"=1", rt.ReplayEnv+"="+sched)
	require.Equal(t, tableOf(first), tableOf(again))
}

func lineWith(t *testing.T, out, prefix string) string {
	for _, l := range strings.Split(out, "\n") {
		if i := strings.Index(l, prefix); i >= 0 {
			return l[i:]
		}
	}
	t.Fatalf("no line with %q in:\n%s", prefix, out)
	return ""
}

// tableOf returns the report's schedule table (the lines with "step" and
// after, up to the schedule line).
func tableOf(out string) string {
	i := strings.Index(out, "step ")
	j := strings.Index(out, "schedule: ")
	if i < 0 || j < i {
		return ""
	}
	return out[i:j]
}
