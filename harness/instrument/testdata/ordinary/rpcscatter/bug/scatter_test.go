package rpcscatter

import (
	"testing"
	"time"
)

func TestScatterGetsEveryReplica(t *testing.T) {
	replicas := []string{"r1", "r2", "r3"}
	send := func(replica string, reply func(string)) {
		go reply("pong from " + replica) // the network answers later
	}
	got := Scatter(replicas, send, time.Second)
	if len(got) != len(replicas) {
		t.Fatalf("got %d results, want %d: %+v", len(got), len(replicas), got)
	}
	for _, res := range got {
		if !res.TimedOut && res.Reply != "pong from "+res.Replica {
			t.Errorf("%s replied %q", res.Replica, res.Reply)
		}
	}
}
