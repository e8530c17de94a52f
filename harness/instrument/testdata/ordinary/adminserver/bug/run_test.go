package adminserver

import (
	"context"
	"sync"
	"testing"
)

type fakeServer struct {
	stop chan struct{}
	once sync.Once
}

func (s *fakeServer) ListenAndServe() error {
	<-s.stop
	return ErrServerClosed
}

func (s *fakeServer) Shutdown(context.Context) error {
	s.once.Do(func() { close(s.stop) })
	return nil
}

func TestRunShutsDownOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv := &fakeServer{stop: make(chan struct{})}
	done := make(chan error)
	go func() { done <- Run(ctx, srv) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run() = %v, want nil after a clean shutdown", err)
	}
}
