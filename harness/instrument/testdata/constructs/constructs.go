// Package constructs holds the harder corners of the syntax harness test
// rewrites; its tests pass under harness test and under go test alike.
package constructs

import (
	"context"
	"errors"
	sy "sync"
	"sync/atomic"
	"time"
)

type Level int

type Server struct {
	sy.Mutex
	once  sy.Once
	cond  *sy.Cond
	ready bool
	hits  int64
	reqs  chan chan Level
	stop  chan struct{}
}

func NewServer() *Server {
	s := &Server{reqs: make(chan chan Level), stop: make(chan struct{})}
	s.cond = sy.NewCond(&s.Mutex)
	return s
}

// Serve answers requests until Stop.
func (s *Server) Serve() {
	s.once.Do(func() {
		s.Lock()
		s.ready = true
		s.cond.Broadcast()
		s.Unlock()
	})
loop:
	for {
		select {
		case reply := <-s.reqs:
			atomic.AddInt64(&s.hits, 1)
			reply <- 3 // an untyped constant sent on a chan Level
		case <-s.stop:
			break loop
		}
	}
}

func (s *Server) WaitReady() {
	s.Lock()
	for !s.ready {
		s.cond.Wait()
	}
	s.Unlock()
}

func (s *Server) Ask() Level {
	reply := make(chan Level, 1)
	s.reqs <- reply
	return <-reply
}

func (s *Server) Stop() { close(s.stop) }

func (s *Server) Hits() int64 { return atomic.LoadInt64(&s.hits) }

// Fan sends each value on its own goroutine (variadic, method value,
// generic function) and returns how many arrived.
func Fan[T any](vals ...T) int {
	out := make(chan T, len(vals))
	var wg sy.WaitGroup
	wg.Add(len(vals))
	for _, v := range vals {
		go emit(&wg, out, v)
	}
	go wg.Wait()
	wg.Wait()
	close(out)
	n := 0
	for range out {
		n++
	}
	return n
}

func emit[T any](wg *sy.WaitGroup, out chan<- T, v T) {
	defer wg.Done()
	out <- v
}

func Sum(ch <-chan int, parts ...int) (total int) {
	done := make(chan int)
	go func(xs ...int) {
		s := 0
		for _, x := range xs {
			s += x
		}
		done <- s
	}(parts...)
	for ch != nil || done != nil {
		select {
		case v, ok := <-ch:
			if !ok {
				ch = nil
				continue
			}
			total += v
		case s := <-done:
			total += s
			done = nil
		}
	}
	return total
}

var ErrSlow = errors.New("slow")

// Within runs f and gives up after d.
func Within(ctx context.Context, d time.Duration, f func() int) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	res := make(chan int, 1)
	go func() { res <- f() }()
	timer := time.NewTimer(2 * d)
	defer timer.Stop()
	select {
	case v := <-res:
		return v, nil
	case <-ctx.Done():
		return 0, ErrSlow
	case <-timer.C:
		return 0, ErrSlow
	}
}

// Ticks counts n ticks of a ticker.
func Ticks(n int) int {
	tk := time.NewTicker(time.Millisecond)
	defer tk.Stop()
	got := 0
	for range tk.C {
		got++
		if got == n {
			break
		}
	}
	return got
}
