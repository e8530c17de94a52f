package fuzz_test

import (
	"flag"
	"path/filepath"
	"sync"
	"testing"

	"github.com/interleave/concurrency/fuzz"
)

// Inputs checked in under testdata/fuzz/<Target> are known crashers of the
// seeded bugs, kept as regression inputs for the correct code. go test
// -fuzz runs them before it fuzzes and stops at the first failure, so with
// INTERLEAVE_FUZZ_BUG=1 it would only ever show the stored crash. While
// fuzzing with the bug on, they are skipped: the fuzzer looks for a new
// one. Outside fuzzing (go test -run 'FuzzX/<entry>') they replay as
// always.

// fuzzing reports whether this process runs under go test -fuzz.
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

var (
	storedOnce sync.Once
	stored     map[string]bool // "<Target>/<entry>" for every file in testdata/fuzz
)

// skipKnownCrasher skips input args of target name if it is stored under
// testdata/fuzz and the fuzzer runs with the bug on.
func skipKnownCrasher(t *testing.T, name string, args ...[]byte) {
	if !fuzz.Bug() || !fuzzing() {
		return
	}
	storedOnce.Do(func() {
		stored = map[string]bool{}
		files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "Fuzz*", "*"))
		for _, f := range files {
			stored[filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f)] = true
		}
	})
	if entry := fuzz.CorpusName(args...); stored[name+"/"+entry] {
		t.Skipf("testdata/fuzz/%s/%s is a known crasher; replay it with %s=1 go test -run '^%s$/^%s$' ./fuzz", name, entry, fuzz.BugEnv, name, entry)
	}
}

// TestFuzzingSkipsKnownCrashers checks that the stored crashers are found
// and skipped only while fuzzing with the bug on.
func TestFuzzingSkipsKnownCrashers(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzLostUpdate", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no stored FuzzLostUpdate input: %v", err)
	}
	stored := readCorpus(t, files[0])
	old := flag.Lookup("test.fuzz").Value.String()
	defer func() { _ = flag.Set("test.fuzz", old) }()
	for _, tc := range []struct {
		bug, fuzz string
		args      [][]byte
		want      bool
	}{
		{"1", "^FuzzLostUpdate$", stored, true},
		{"1", "", stored, false},
		{"", "^FuzzLostUpdate$", stored, false},
		{"1", "^FuzzLostUpdate$", [][]byte{[]byte("not stored")}, false},
	} {
		t.Setenv(fuzz.BugEnv, tc.bug)
		if err := flag.Set("test.fuzz", tc.fuzz); err != nil {
			t.Fatal(err)
		}
		var got bool
		t.Run("input", func(t *testing.T) {
			defer func() { got = t.Skipped() }()
			skipKnownCrasher(t, "FuzzLostUpdate", tc.args...)
		})
		if got != tc.want {
			t.Errorf("bug=%q -fuzz=%q args %q: skipped %v, want %v", tc.bug, tc.fuzz, tc.args, got, tc.want)
		}
	}
}
