package fuzz_test

import (
	"testing"

	"github.com/interleave/concurrency/internal/catalogue"
)

// The rt bug catalogue, one target per bug: the input is the schedule.
func init() {
	for _, b := range catalogue.Bugs() {
		register(rtTarget("Fuzz"+b.Target, b.Body))
	}
}

func FuzzLostUpdate(f *testing.F)      { run(f, "FuzzLostUpdate") }
func FuzzCheckThenAct(f *testing.F)    { run(f, "FuzzCheckThenAct") }
func FuzzDoubleChecked(f *testing.F)   { run(f, "FuzzDoubleChecked") }
func FuzzLockOrder(f *testing.F)       { run(f, "FuzzLockOrder") }
func FuzzMissedSignal(f *testing.F)    { run(f, "FuzzMissedSignal") }
func FuzzAddRacesWait(f *testing.F)    { run(f, "FuzzAddRacesWait") }
func FuzzSendOnClosed(f *testing.F)    { run(f, "FuzzSendOnClosed") }
func FuzzAbandonedSender(f *testing.F) { run(f, "FuzzAbandonedSender") }
func FuzzRecursiveRLock(f *testing.F)  { run(f, "FuzzRecursiveRLock") }
func FuzzStarvingSelect(f *testing.F)  { run(f, "FuzzStarvingSelect") }
