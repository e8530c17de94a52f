// Package workerinit is a fixed pool of workers that report which of them
// are busy, for the admin page.
package workerinit

import "sync"

// Pool runs jobs on n workers.
type Pool struct {
	jobs chan func()
	wg   sync.WaitGroup

	mu   sync.Mutex
	busy map[int]bool
}

// NewPool starts n workers.
func NewPool(n int) *Pool {
	p := &Pool{jobs: make(chan func()), busy: make(map[int]bool, n)}
	p.wg.Add(n)
	for id := range n {
		go p.worker(id)
	}
	return p
}

func (p *Pool) worker(id int) {
	defer p.wg.Done()
	p.setBusy(id, false)
	for job := range p.jobs {
		p.setBusy(id, true)
		job()
		p.setBusy(id, false)
	}
}

func (p *Pool) setBusy(id int, b bool) {
	p.mu.Lock()
	p.busy[id] = b
	p.mu.Unlock()
}

// Submit runs job on the next free worker.
func (p *Pool) Submit(job func()) { p.jobs <- job }

// Close stops the workers after the jobs already submitted.
func (p *Pool) Close() {
	close(p.jobs)
	p.wg.Wait()
}
