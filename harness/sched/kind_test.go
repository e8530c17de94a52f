package sched

import "testing"

// TestKindTexts pins the words: reports, shard results and users' tests
// compare failure kinds as text.
func TestKindTexts(t *testing.T) {
	for kind, want := range map[Kind]string{
		KindDeadlock: "deadlock", KindRace: "data race", KindLivelock: "livelock",
		KindStarvation: "starvation", KindLeak: "leak", KindNotLinearizable: "not linearizable",
		KindPanic: "panic", KindTestFailure: "test failure", KindStepLimit: "step limit",
		KindBlocked: "blocked outside rt", KindUncontrolled: "uncontrolled goroutine",
	} {
		if string(kind) != want {
			t.Errorf("kind %q, want %q", kind, want)
		}
	}
}
