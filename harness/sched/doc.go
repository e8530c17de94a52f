// Package sched is the scheduling vocabulary the model explorer (package
// harness) and the controlled runtime (package harness/rt) share: one
// Strategy enum with its names, one Chooser contract for every source of
// scheduling choices (seeded random, PCT, a fuzzer's bytes, a script),
// one PCT, and one list of failure kinds (Kind).
//
// A thread here is what a schedule (harness/trace.Schedule) records for a
// step: a model thread, an rt goroutine id, or trace.TimeStep (-1) for
// rt's virtual clock. A Chooser sees the threads of the enabled
// transitions and picks one; where a thread offers several transitions
// (the ready cases of an rt select), its entries are adjacent.
//
// It depends on the standard library and harness/trace only (for the
// quoting of echoed input), so that rt can use it without linking the
// engine.
package sched
