// Package chancond is a communication deadlock through a channel and a
// condition variable: a job queue whose producer first waits, on an
// unbuffered channel, for the consumer to acknowledge, and only then
// pushes the job and signals; the consumer waits on the condition for a
// job before it acknowledges. Each waits for the other. The fix pushes
// and signals before waiting for the acknowledgement.
package chancond

import "github.com/interleave/concurrency/harness/rt"

type jobs struct {
	mu    rt.Mutex
	cond  *rt.Cond
	queue []string
	ack   *rt.Chan[struct{}]
}

func newJobs() *jobs {
	j := &jobs{ack: rt.NewChan[struct{}](0)}
	j.cond = rt.NewCond(&j.mu)
	return j
}

func (j *jobs) push(job string) {
	j.mu.Lock()
	j.queue = append(j.queue, job)
	j.mu.Unlock()
	j.cond.Signal()
}

// submit waits for the acknowledgement before pushing: the bug.
func (j *jobs) submit(job string) {
	j.ack.Recv()
	j.push(job)
}

// submitFixed pushes first, then waits for the acknowledgement.
func (j *jobs) submitFixed(job string) {
	j.push(job)
	j.ack.Recv()
}

// consume takes one job and acknowledges it.
func (j *jobs) consume() string {
	j.mu.Lock()
	for len(j.queue) == 0 {
		j.cond.Wait()
	}
	job := j.queue[0]
	j.queue = j.queue[1:]
	j.mu.Unlock()
	j.ack.Send(struct{}{})
	return job
}

func run(t *rt.T, submit func(*jobs, string)) {
	j := newJobs()
	var got rt.Var[string]
	var wg rt.WaitGroup
	wg.Go(func() { got.Store(j.consume()) })
	submit(j, "build")
	wg.Wait()
	if got.Load() != "build" {
		t.Errorf("consumed %q", got.Load())
	}
}

// Buggy submits a job and waits for the acknowledgement first.
func Buggy(t *rt.T) { run(t, (*jobs).submit) }

// Fixed pushes the job before waiting.
func Fixed(t *rt.T) { run(t, (*jobs).submitFixed) }
