package fuzz_test

import (
	"testing"

	"github.com/interleave/concurrency/internal/catalogue"
)

// Seeds of the catalogue targets. 0 keeps the running goroutine going
// and 1 mostly switches, so the empty input is the cooperative schedule
// and a run of ones hands over at every step. Each list leaves the bug
// for the fuzzer to find, except for the abandoned sender, whose leak
// happens on every schedule.
var (
	cooperative = []byte{}
	handOver    = []byte{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	alternate   = []byte{1, 0, 1, 0, 1, 0, 1, 0, 1, 0}

	catalogueSeeds = map[string][][]byte{
		"AbandonedSender": {cooperative},
		"AddRacesWait":    {alternate},
		"CheckThenAct":    {cooperative, {1}},
		"DoubleChecked":   {handOver, alternate},
		"LockOrder":       {cooperative, {1}},
		"LostUpdate":      {cooperative, {1}},
		"MissedSignal":    {cooperative, handOver},
		"RecursiveRLock":  {cooperative, {1}},
		"SendOnClosed":    {{1}, alternate},
		"StarvingSelect":  {cooperative, handOver},
	}
)

// The rt bug catalogue, one target per bug: the input is the schedule.
func init() {
	for _, b := range catalogue.Bugs() {
		tg := rtTarget("Fuzz"+b.Target, b.Body)
		tg.seeds = nil
		for _, s := range catalogueSeeds[b.Target] {
			tg.seeds = append(tg.seeds, input{sched: s})
		}
		tg.everySchedule = b.Target == "AbandonedSender"
		register(tg)
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
