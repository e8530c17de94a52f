package fuzz_test

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/interleave/concurrency/fuzz"
	"github.com/interleave/concurrency/fuzz/choice"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/internal/catalogue"
	"github.com/interleave/concurrency/models/counter"
	"github.com/interleave/concurrency/models/registry"
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

// TestCorpusName checks the names against the files go test -fuzz wrote
// for the crashes checked in under testdata/fuzz.
func TestCorpusName(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "Fuzz*", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, path := range files {
		file, err := os.ReadFile(path)
		require.NoError(t, err)
		args := readCorpus(t, path)
		require.Equal(t, string(file), string(fuzz.CorpusFile(args...)), path)
		require.Equal(t, filepath.Base(path), fuzz.CorpusName(args...), path)
	}
}

// readCorpus returns the arguments of a corpus file of []byte arguments.
func readCorpus(t *testing.T, path string) [][]byte {
	t.Helper()
	file, err := os.ReadFile(path)
	require.NoError(t, err)
	var args [][]byte
	for _, line := range strings.Split(strings.TrimSpace(string(file)), "\n")[1:] {
		arg, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(line, "[]byte("), ")"))
		require.NoError(t, err, line)
		args = append(args, []byte(arg))
	}
	return args
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
replay input:    INTERLEAVE_FUZZ_BUG=1 go test -run '^FuzzX$/^abc$' github.com/interleave/concurrency/fuzz
replay schedule: INTERLEAVE_FUZZ_BUG=1 INTERLEAVE_REPLAY='0,1*2' go test -run '^FuzzX$/^abc$' github.com/interleave/concurrency/fuzz
replay model:    harness replay x --schedule 0,1*2
`, c.String())
	t.Setenv(fuzz.BugEnv, "")
	require.NotContains(t, c.String(), fuzz.BugEnv)
	native := &fuzz.Crash{Target: "FuzzX", Report: "stall: c1 waited", Entry: "abc"}
	require.Equal(t, `stall: c1 waited
replay input:    go test -run '^FuzzX$/^abc$' github.com/interleave/concurrency/fuzz
`, native.String(), "a native crash has no schedule to replay")
}

// findCrash returns the first of a deterministic series of inputs whose
// schedule makes body fail, and the failure.
func findCrash(t *testing.T, body func(*rt.T)) ([]byte, *rt.Failure) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 1))
	for range 1000 {
		data := make([]byte, 32)
		for i := range data {
			data[i] = byte(r.IntN(3))
		}
		f, err := fuzz.RunRT(choice.New(data), body)
		require.NoError(t, err)
		if f != nil {
			return data, f
		}
	}
	t.Fatal("no input of the series shows the bug")
	return nil, nil
}

// TestRunRT checks that a schedule found from bytes replays through
// INTERLEAVE_REPLAY to the same report.
func TestRunRT(t *testing.T) {
	t.Setenv(rt.ReplayEnv, "")
	bug, _ := catalogue.Lookup("LostUpdate")
	data, f := findCrash(t, bug.Body(false))
	require.Equal(t, rt.KindTestFailure, f.Kind)

	again, err := fuzz.RunRT(choice.New(data), bug.Body(false))
	require.NoError(t, err)
	require.Equal(t, f.String(), again.String(), "the same bytes give the same execution")

	t.Setenv(rt.ReplayEnv, f.Schedule.String())
	replayed, err := fuzz.RunRT(choice.New(nil), bug.Body(false))
	require.NoError(t, err)
	require.Equal(t, f.String(), replayed.String())

	t.Setenv(rt.ReplayEnv, "")
	ok, err := fuzz.RunRT(choice.New(data), bug.Body(true))
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
	def, err := registry.Lookup("counter")
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
	require.Equal(t, "go run ./cmd/harness replay counter --variant race --param threads=2 --param increments=1 --schedule 0,1,0,1",
		fuzz.CLIReplay(inst, v.Schedule))

	t.Setenv(rt.ReplayEnv, "0,7")
	_, err = fuzz.RunModel(inst, choice.New(nil))
	require.ErrorContains(t, err, "not executable")
}

// A deadlock's report has its evidence as the CLI prints it.
func TestModelReportDeadlock(t *testing.T) {
	def, err := registry.Lookup("deadlock")
	require.NoError(t, err)
	inst, err := def.Instantiate("naive", map[string]int{"n": 2})
	require.NoError(t, err)
	t.Setenv(rt.ReplayEnv, "0,1")
	v, err := fuzz.RunModel(inst, choice.New(nil))
	require.NoError(t, err)
	require.NotNil(t, v)
	report := fuzz.ModelReport(inst, v)
	require.Contains(t, report, "wait-for cycle: P0 → P1 → P0\n\nCoffman conditions (4 of 4 hold):\n")
	require.Contains(t, report, "  yes  circular wait     P0 → fork1 → P1 → fork0 → P0\n")
}

// TestCrashReplays runs the replay line of a crash report the way a user
// would: the FuzzLostUpdate binary, with the bug on and the printed
// INTERLEAVE_REPLAY schedule, must print the same execution.
func TestCrashReplays(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the test binary")
	}
	t.Setenv(rt.ReplayEnv, "")
	t.Setenv(fuzz.BugEnv, "1")
	bug, _ := catalogue.Lookup("LostUpdate")
	_, f := findCrash(t, bug.Body(false))
	c := &fuzz.Crash{Target: "FuzzLostUpdate", Report: f.String(), Schedule: f.Schedule, Entry: "seed#0"}
	line := lineWith(t, c.String(), "replay schedule: ")
	env, run, ok := strings.Cut(strings.TrimPrefix(line, "replay schedule: "), " go test -run ")
	require.True(t, ok, line)
	pattern := strings.Trim(strings.TrimSuffix(run, " "+fuzz.Pkg), "'")

	bin := filepath.Join(t.TempDir(), "fuzz.test")
	out, err := exec.Command("go", "test", "-c", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	cmd := exec.Command(bin, "-test.run", pattern)
	cmd.Env = os.Environ()
	for _, kv := range strings.Fields(env) {
		cmd.Env = append(cmd.Env, strings.ReplaceAll(kv, "'", ""))
	}
	out, err = cmd.CombinedOutput()
	require.Error(t, err, "the replay should fail with the bug on:\n%s", out)
	require.Contains(t, string(out), "increments lost")
	require.Equal(t, words(tableOf(f.String())), words(tableOf(string(out))))
}

// words returns the words of each line of s, ignoring the indentation
// go test puts before a failure message.
func words(s string) [][]string {
	var ws [][]string
	for _, l := range strings.Split(s, "\n") {
		ws = append(ws, strings.Fields(l))
	}
	return ws
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
