package pool

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Pool runs the phases of the parallel search on the caller's goroutine
// and on helpers that wait between phases, spinning for a while before
// they sleep: a phase lasts from a fraction of a millisecond to a few,
// and waking a sleeping thread costs a good part of that on a virtual
// machine.
type Pool struct {
	helpers []chan *job
	spin    int // rounds to spin: none when workers outnumber processors
	wg      sync.WaitGroup
}

// job is one phase: f(w, i) for i in [0, n), worker w taking the next i.
type job struct {
	n    int
	f    func(w, i int)
	next atomic.Int64
	left atomic.Int32  // helpers still at it
	done chan struct{} // closed by the last helper
}

// spinRounds is how many times a waiting goroutine yields before it
// sleeps: some milliseconds.
const spinRounds = 1 << 14

// New starts helpers goroutines; the caller is worker 0, the helpers 1 to
// helpers.
func New(helpers int) *Pool {
	p := &Pool{helpers: make([]chan *job, helpers)}
	if helpers < runtime.GOMAXPROCS(0) {
		p.spin = spinRounds
	}
	for i := range p.helpers {
		ch := make(chan *job, 1)
		p.helpers[i] = ch
		p.wg.Add(1)
		go p.help(i+1, ch)
	}
	return p
}

// Run runs a phase, f(w, i) for i in [0, n) with w the worker, and
// returns when every worker is done with it.
func (p *Pool) Run(n int, f func(w, i int)) {
	j := &job{n: n, f: f, done: make(chan struct{})}
	j.left.Store(int32(len(p.helpers)))
	for _, ch := range p.helpers {
		ch <- j
	}
	j.work(0)
	for spin := 0; j.left.Load() > 0; spin++ {
		if spin >= p.spin {
			<-j.done
			return
		}
		runtime.Gosched()
	}
}

func (j *job) work(w int) {
	for i := int(j.next.Add(1) - 1); i < j.n; i = int(j.next.Add(1) - 1) {
		j.f(w, i)
	}
}

func (p *Pool) help(w int, ch chan *job) {
	defer p.wg.Done()
	for {
		j, ok := p.wait(ch)
		if !ok {
			return
		}
		j.work(w)
		if j.left.Add(-1) == 0 {
			close(j.done)
		}
	}
}

// wait receives the next job, spinning before it sleeps.
func (p *Pool) wait(ch chan *job) (*job, bool) {
	for range p.spin {
		select {
		case j, ok := <-ch:
			return j, ok
		default:
			runtime.Gosched()
		}
	}
	j, ok := <-ch
	return j, ok
}

// Stop ends the helpers.
func (p *Pool) Stop() {
	for _, ch := range p.helpers {
		close(ch)
	}
	p.wg.Wait()
}
