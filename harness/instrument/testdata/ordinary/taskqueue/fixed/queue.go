// Package taskqueue is a blocking FIFO of tasks shared by a set of
// consumer goroutines.
package taskqueue

import "sync"

// Task is one unit of work.
type Task struct{ ID int }

// Queue blocks Get until a task arrives or the queue is closed.
type Queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []Task
	closed bool
}

// New returns an empty queue.
func New() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// Put adds a task and wakes one consumer.
func (q *Queue) Put(t Task) {
	q.mu.Lock()
	q.items = append(q.items, t)
	q.mu.Unlock()
	q.cond.Signal()
}

// Get takes the oldest task; ok is false once the queue is closed and empty.
func (q *Queue) Get() (t Task, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed { // another consumer may have taken it first
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return Task{}, false
	}
	t, q.items = q.items[0], q.items[1:]
	return t, true
}

// Close wakes every consumer; Get drains what is left, then reports !ok.
func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}
