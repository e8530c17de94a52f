package heartbeat

import (
	"testing"
	"time"
)

func TestCallEchoes(t *testing.T) {
	s := Open(10 * time.Second)
	defer s.Close()
	for _, body := range []string{"hello", "world"} {
		if got, want := s.Call(body), "echo "+body; got != want {
			t.Errorf("Call(%q) = %q, want %q", body, got, want)
		}
	}
}
