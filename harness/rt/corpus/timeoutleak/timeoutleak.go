// Package timeoutleak is a communication deadlock on a channel (the
// finishReq bug of Tu et al.): a request runs in a goroutine that sends its
// result on an unbuffered channel, and the caller gives up after a
// timeout. When the timeout wins, nobody ever receives and the worker
// blocks forever. The fix is a buffer of one.
package timeoutleak

import (
	"errors"
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

var errTimeout = errors.New("request timed out")

// finishReq runs fn and waits for it at most timeout; buffer is the
// capacity of the result channel (0 is the bug).
func finishReq(fn func() int, timeout time.Duration, buffer int) (int, error) {
	ch := rt.NewChan[int](buffer)
	rt.Go(func() {
		ch.Send(fn())
	})
	var res int
	var err error
	rt.Select(
		ch.OnRecv(func(v int, _ bool) { res = v }),
		rt.After(timeout).OnRecv(func(time.Time, bool) { err = errTimeout }),
	)
	return res, err
}

func run(t *rt.T, buffer int) {
	slow := func() int { rt.Sleep(2 * time.Second); return 42 }
	if v, err := finishReq(slow, time.Second, buffer); err == nil && v != 42 {
		t.Errorf("finishReq = %d", v)
	}
}

// Buggy times out a slow request with an unbuffered result channel.
func Buggy(t *rt.T) { run(t, 0) }

// Fixed gives the result channel a buffer of one.
func Fixed(t *rt.T) { run(t, 1) }
