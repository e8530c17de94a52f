package sched

// Kind names what a failed check found. Both explorers and the checks
// name their findings with these; a model's own invariants keep
// free-form kinds.
type Kind string

// The failure kinds.
const (
	KindDeadlock        Kind = "deadlock"
	KindRace            Kind = "data race"
	KindLivelock        Kind = "livelock"
	KindStarvation      Kind = "starvation"
	KindLeak            Kind = "leak"
	KindNotLinearizable Kind = "not linearizable"
	KindPanic           Kind = "panic"
	KindTestFailure     Kind = "test failure"
	KindStepLimit       Kind = "step limit"
	KindBlocked         Kind = "blocked outside rt"
	KindUncontrolled    Kind = "uncontrolled goroutine"
)
