// Package jobqueue is a bounded in-memory queue of background jobs that
// request handlers push to.
package jobqueue

import (
	"context"
	"errors"
	"sync"
)

// ErrFull is returned when the queue is at capacity.
var ErrFull = errors.New("job queue full")

// Job is one unit of background work.
type Job struct{ ID int }

// Queue holds at most max jobs.
type Queue struct {
	mu    sync.Mutex
	max   int
	items []Job
}

// New returns an empty queue of capacity max.
func New(max int) *Queue { return &Queue{max: max} }

// Push adds j unless the queue is full or the request is already gone.
func (q *Queue) Push(ctx context.Context, j Job) error {
	q.mu.Lock()
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(q.items) >= q.max {
		q.mu.Unlock()
		return ErrFull
	}
	q.items = append(q.items, j)
	q.mu.Unlock()
	return nil
}

// Len is the number of queued jobs.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}
