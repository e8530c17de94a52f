package chathub

import "testing"

func TestBroadcastWhileClientLeaves(t *testing.T) {
	h := NewHub()
	got := make(chan string, 3)
	stay := h.Connect(func(m string) { got <- m })
	defer stay.Close()
	leave := h.Connect(func(string) {})

	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, m := range []string{"hi", "how are you", "bye"} {
			h.Broadcast(m)
		}
	}()
	leave.Close()
	<-done
	for _, want := range []string{"hi", "how are you", "bye"} {
		if m := <-got; m != want {
			t.Errorf("staying client got %q, want %q", m, want)
		}
	}
}
