//go:build !race

package rt

import "unsafe"

// raceMode is off without -race: the hooks below compile away.
const raceMode = false

func raceHide()                       {}
func raceShow()                       {}
func raceAcquire(unsafe.Pointer)      {}
func raceRelease(unsafe.Pointer)      {}
func raceReleaseMerge(unsafe.Pointer) {}
func raceErrors() int                 { return 0 }
func raceSetupError() error           { return nil }

type raceLog struct{}

func newRaceLog() *raceLog      { return &raceLog{} }
func (l *raceLog) next() string { return "" }
