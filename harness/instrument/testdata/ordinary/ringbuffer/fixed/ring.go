// Package ringbuffer passes log records from the request path to the log
// shipper through a lock-free single-producer single-consumer ring.
package ringbuffer

import "sync/atomic"

// Record is one log line.
type Record struct {
	Seq int
	Msg string
}

// Ring is safe for one Push goroutine and one Pop goroutine.
type Ring struct {
	buf  []Record
	mask uint64
	head atomic.Uint64 // next slot to read, owned by the consumer
	tail atomic.Uint64 // next slot to write, owned by the producer
}

// New returns a ring of size slots; size must be a power of two.
func New(size int) *Ring {
	return &Ring{buf: make([]Record, size), mask: uint64(size - 1)}
}

// Push adds v and reports false if the ring is full.
func (r *Ring) Push(v Record) bool {
	t := r.tail.Load()
	if t-r.head.Load() == uint64(len(r.buf)) {
		return false
	}
	r.buf[t&r.mask] = v
	r.tail.Store(t + 1) // publish only a written slot
	return true
}

// Pop takes the oldest record and reports false if the ring is empty.
func (r *Ring) Pop() (Record, bool) {
	h := r.head.Load()
	if h == r.tail.Load() {
		return Record{}, false
	}
	v := r.buf[h&r.mask]
	r.head.Store(h + 1)
	return v, true
}
