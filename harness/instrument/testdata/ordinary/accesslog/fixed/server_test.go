package accesslog

import "testing"

func TestShutdownFlushesLog(t *testing.T) {
	s := NewServer()
	go s.Serve()
	if got := s.Do("/healthz"); got != "200 OK" {
		t.Fatalf("Do(/healthz) = %q", got)
	}
	log := s.Shutdown()
	if len(log) != 1 || log[0] != "GET /healthz 200" {
		t.Errorf("access log = %q, want one line for /healthz", log)
	}
}
