// Package fuzz makes go test -fuzz a way to use the harness: its fuzz
// targets (in the _test files) decode the fuzzer's input into the
// scheduling choices of one execution (package choice) and, for the
// implementations, into the operations each goroutine performs (through
// rapid.MakeFuzz), so the same bytes always give the same execution and
// the fuzzer's coverage guidance steers the schedule.
//
// Every target runs the correct code by default, so plain go test ./fuzz
// replays the seed corpus and testdata/fuzz as regression tests and
// passes. With INTERLEAVE_FUZZ_BUG=1 the target runs the seeded bug
// instead and the fuzzer's job is to find it:
//
//	INTERLEAVE_FUZZ_BUG=1 go test -run '^$' -fuzz '^FuzzLostUpdate$' -fuzztime 60s ./fuzz
//
// While fuzzing with the bug on, the crashers stored under testdata/fuzz
// are skipped (go test would otherwise stop at the first and never fuzz);
// go test -run FuzzX/<entry> still replays them.
//
// A crash fails the target with the same report as rt.Check (the check
// that failed, one column per goroutine, the schedule) and replay lines:
// the stored input re-runs with go test -run FuzzX/<entry>, and the
// schedule alone with INTERLEAVE_REPLAY (see Crash).
//
// Schedule targets take one []byte (the choices); operation targets take
// two, the operation bytes that rapid decodes and the schedule. The
// package holds what the targets share: Bug (the switch), RunRT (one rt
// execution under a Chooser), Walk and RunModel (one model execution),
// ModelReport, Crash (report and replay lines) and CorpusName (the file
// go test -fuzz stores an input in).
package fuzz
