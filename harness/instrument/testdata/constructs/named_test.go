package constructs

import "testing"

func TestRelay(t *testing.T) {
	in := make(Events, 2)
	in <- "a"
	in <- "b"
	close(in)
	if got := Relay(in, 1); len(got) != 2 || got[1] != "b." {
		t.Fatalf("Relay = %v", got)
	}
	if Guarded(3) != 3 {
		t.Fatal("Guarded")
	}
}

func TestSignal(t *testing.T) {
	if !Signal() {
		t.Fatal("Signal")
	}
}
