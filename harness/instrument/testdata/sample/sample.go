// Package sample uses every construct harness test rewrites.
package sample

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

// Gather runs f on each input in its own goroutine and collects results.
func Gather(in []int, f func(int) int) []int {
	out := make(chan int, len(in))
	var wg sync.WaitGroup
	for _, x := range in {
		wg.Add(1)
		go func(v int) {
			defer wg.Done()
			out <- f(v)
		}(x)
	}
	go func() { wg.Wait(); close(out) }()
	var res []int
	for v := range out {
		res = append(res, v)
	}
	return res
}

// First returns the first value of a or b, or -1 on timeout or cancel.
func First(ctx context.Context, a, b <-chan int) int {
	select {
	case v := <-a:
		return v
	case v, ok := <-b:
		if !ok {
			return -2
		}
		return v
	case <-time.After(time.Second):
		return -1
	case <-ctx.Done():
		return -3
	}
}

var hits atomic.Int64

func Hit() int64 { return hits.Add(1) }

func Ping(ch chan<- string, msg string) {
	go send(ch, msg+"!")
}

func send(ch chan<- string, s string) { ch <- s }

func TryRecv(ch chan int) (int, bool) {
	select {
	case v := <-ch:
		return v, true
	default:
		return 0, false
	}
}

func Len(ch chan int) int { return len(ch) + cap(ch) }

func Wait(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	<-ctx.Done()
	return ctx.Err()
}
