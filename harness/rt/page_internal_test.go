package rt

import (
	"strings"
	"testing"
)

// tsanReport is a race detector report as race mode reads it: the
// current access first, then the previous one, each with its stack
// (rt's worker frame below the user's), then where the goroutines were
// created.
var tsanReport = strings.NewReplacer("PKG", pkgDir).Replace(`==================
WARNING: DATA RACE
Write at 0x00c00001c0f8 by goroutine 9:
  example.com/bank.(*Stats).Record()
      /src/bank/stats.go:24 +0x44
  example.com/bank.handle()
      /src/bank/server.go:12 +0x2c
  github.com/interleave/concurrency/harness/rt.(*worker).run()
      PKG/worker.go:80 +0x99

Previous read at 0x00c00001c0f8 by goroutine 8:
  example.com/bank.(*Stats).Get()
      /src/bank/stats.go:31 +0x3c

Goroutine 9 (running) created at:
  github.com/interleave/concurrency/harness/rt.workerSource()
      PKG/worker.go:40 +0x10
==================`)

// The race of a race detector report: first the previous access, then
// the current one, each where it was made, with its user frames; no lane
// nor step.
func TestTsanRace(t *testing.T) {
	r := tsanRace(tsanReport)
	if r == nil {
		t.Fatal("no race found in the report")
	}
	check := func(what string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("object", r.Object, "memory at 0x00c00001c0f8")
	check("first lane", r.First.Lane, -1)
	check("first text", r.First.Text, "read at stats.go:31")
	check("first stack", r.First.Stack, "bank.(*Stats).Get at stats.go:31")
	check("second lane", r.Second.Lane, -1)
	check("second text", r.Second.Text, "write at stats.go:24")
	check("second stack", r.Second.Stack, "bank.(*Stats).Record at stats.go:24\nbank.handle at server.go:12")
	check("steps", [2]int{r.First.Step, r.Second.Step}, [2]int{-1, -1})
	check("missing", r.Missing, "no rt operation orders the read at stats.go:31 before the write at stats.go:24")
	if tsanRace("no report") != nil {
		t.Error("a race found in no report")
	}
}
