// Package stopchan is a communication deadlock on channels: a worker loop
// that stops on a quit channel, but blocks on its unbuffered output
// without watching quit. Stop closes quit and waits for the worker to
// exit, the worker waits for Stop's goroutine to read its output. The fix
// selects on quit around the send too.
package stopchan

import "github.com/interleave/concurrency/harness/rt"

type worker struct {
	jobs, results *rt.Chan[int]
	quit, done    *rt.Chan[struct{}]
}

func start(watchQuit bool) *worker {
	w := &worker{jobs: rt.NewChan[int](1), results: rt.NewChan[int](0),
		quit: rt.NewChan[struct{}](0), done: rt.NewChan[struct{}](0)}
	rt.Go(func() { w.loop(watchQuit) })
	return w
}

// loop processes jobs until quit is closed; watchQuit says whether the
// send of a result also gives up on quit (false is the bug).
func (w *worker) loop(watchQuit bool) {
	defer w.done.Close()
	for {
		var job int
		stop := false
		rt.Select(w.jobs.OnRecv(func(v int, _ bool) { job = v }),
			w.quit.OnRecv(func(struct{}, bool) { stop = true }))
		if stop {
			return
		}
		if !watchQuit {
			w.results.Send(job * 2)
			continue
		}
		rt.Select(w.results.OnSend(job*2, nil),
			w.quit.OnRecv(func(struct{}, bool) { stop = true }))
		if stop {
			return
		}
	}
}

// stop tells the worker to quit and waits until it has.
func (w *worker) stop() {
	w.quit.Close()
	w.done.Recv()
}

func run(watchQuit bool) {
	w := start(watchQuit)
	w.jobs.Send(1) // its result is not wanted: the caller stops at once
	w.stop()
}

// Buggy stops a worker whose result nobody reads.
func Buggy(t *rt.T) { run(false) }

// Fixed stops a worker that watches quit while it sends.
func Fixed(t *rt.T) { run(true) }
