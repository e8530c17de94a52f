// Package condbroadcast is a communication deadlock on a condition
// variable: a bounded queue whose Close sets closed and calls Signal, so
// only one of the consumers blocked in Pop wakes up and the others wait
// forever. The fix: Close broadcasts.
package condbroadcast

import "github.com/interleave/concurrency/harness/rt"

type queue struct {
	mu     rt.Mutex
	cond   *rt.Cond
	items  []int
	closed bool
}

func newQueue() *queue {
	q := &queue{}
	q.cond = rt.NewCond(&q.mu)
	return q
}

// pop waits for an item; ok is false once the queue is closed and empty.
func (q *queue) pop() (v int, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return 0, false
	}
	v, q.items = q.items[0], q.items[1:]
	return v, true
}

// close wakes the consumers; broadcast false is the bug (Signal).
func (q *queue) close(broadcast bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	if broadcast {
		q.cond.Broadcast()
	} else {
		q.cond.Signal()
	}
}

func run(broadcast bool) {
	q := newQueue()
	var wg rt.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				if _, ok := q.pop(); !ok {
					return
				}
			}
		})
	}
	q.close(broadcast)
	wg.Wait()
}

// Buggy closes a queue with two waiting consumers by Signal.
func Buggy(t *rt.T) { run(false) }

// Fixed closes it by Broadcast.
func Fixed(t *rt.T) { run(true) }
