package queue

import (
	"errors"
	"sync"
)

// ErrClosed is returned by Put on a closed queue.
var ErrClosed = errors.New("queue: closed")

// Queue is a bounded FIFO queue of E, safe for concurrent use. Create it
// with New.
type Queue[E any] struct {
	mu       sync.Mutex
	notEmpty *sync.Cond
	notFull  *sync.Cond
	buf      []E
	head, n  int
	closed   bool
	bug      Bug
}

// New returns an empty queue that holds at most capacity elements; it
// panics if capacity < 1.
func New[E any](capacity int, opts ...Option) *Queue[E] {
	if capacity < 1 {
		panic("queue: capacity must be at least 1")
	}
	var c Queue[struct{}]
	for _, o := range opts {
		o.apply(&c)
	}
	q := &Queue[E]{buf: make([]E, capacity), bug: c.bug}
	q.notEmpty, q.notFull = sync.NewCond(&q.mu), sync.NewCond(&q.mu)
	return q
}

// Put appends e, blocking while the queue is full. It returns ErrClosed,
// without appending, if the queue is or gets closed.
func (q *Queue[E]) Put(e E) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.n == len(q.buf) && !q.closed {
		q.notFull.Wait()
	}
	if q.closed {
		return ErrClosed
	}
	q.push(e)
	return nil
}

// Get removes and returns the oldest element, blocking while the queue is
// empty. ok is false when the queue is closed and empty.
func (q *Queue[E]) Get() (e E, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.n == 0 && !q.closed {
		q.notEmpty.Wait()
	}
	if q.n == 0 {
		return e, false
	}
	return q.pop(), true
}

// TryPut appends e if there is room and the queue is open, and reports
// whether it did.
func (q *Queue[E]) TryPut(e E) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed || q.n == len(q.buf) {
		return false
	}
	q.push(e)
	return true
}

// TryGet removes and returns the oldest element if there is one.
func (q *Queue[E]) TryGet() (e E, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.n == 0 {
		return e, false
	}
	return q.pop(), true
}

// Close closes the queue and wakes every waiter. Closing twice is a
// no-op.
func (q *Queue[E]) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.notEmpty.Broadcast()
	q.notFull.Broadcast()
}

// Len returns the number of elements in the queue.
func (q *Queue[E]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.n
}

// push appends e; q.mu is held and there is room.
func (q *Queue[E]) push(e E) {
	q.buf[(q.head+q.n)%len(q.buf)] = e
	q.n++
	if q.bug != BugLostWakeup || q.n == 1 {
		q.notEmpty.Signal()
	}
}

// pop removes the oldest element; q.mu is held and q.n > 0.
func (q *Queue[E]) pop() E {
	var zero E
	e := q.buf[q.head]
	q.buf[q.head] = zero
	q.head = (q.head + 1) % len(q.buf)
	q.n--
	if q.bug != BugLostWakeup || q.n == len(q.buf)-1 {
		q.notFull.Signal()
	}
	return e
}
