package constructs

import (
	"context"
	"testing"
	"time"
)

func TestServer(t *testing.T) {
	s := NewServer()
	go s.Serve()
	s.WaitReady()
	if l := s.Ask(); l != 3 {
		t.Fatalf("Ask = %d", l)
	}
	s.Stop()
	if s.Hits() != 1 {
		t.Errorf("hits %d", s.Hits())
	}
}

func TestFan(t *testing.T) {
	t.Parallel()
	if n := Fan("a", "b"); n != 2 {
		t.Fatalf("Fan = %d", n)
	}
}

func TestSum(t *testing.T) {
	ch := make(chan int, 2)
	ch <- 1
	ch <- 2
	close(ch)
	if s := Sum(ch, 3, 4); s != 10 {
		t.Fatalf("Sum = %d", s)
	}
}

func TestWithin(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func() int
	}{{"fast", func() int { return 1 }}} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Within(context.Background(), time.Second, tc.f)
			if err == nil && v != 1 {
				t.Errorf("v = %d", v)
			}
		})
	}
}

func TestTicks(t *testing.T) {
	errs := make(chan error, 1)
	go func() {
		if Ticks(2) != 2 {
			errs <- context.Canceled
		}
		close(errs)
	}()
	for err := range errs {
		t.Error(err)
	}
	t.Cleanup(func() {})
}
