package eventloop

import "time"

// Future is a result that becomes available later. Its state lives on the
// loop: Resolve and Then may be called from any goroutine, and every
// continuation runs on the loop.
type Future[T any] struct {
	l    *Loop
	done bool
	v    T
	err  error
	cbs  []func(T, error)
}

// NewFuture returns an unresolved future of l.
func NewFuture[T any](l *Loop) *Future[T] { return &Future[T]{l: l} }

// Resolve sets the result; the first resolution wins.
func (f *Future[T]) Resolve(v T, err error) {
	f.l.CallSoon(func() {
		if f.done {
			return
		}
		f.done, f.v, f.err = true, v, err
		for _, cb := range f.cbs {
			f.l.CallSoon(func() { cb(v, err) })
		}
		f.cbs = nil
	})
}

// Then runs cb on the loop with the result, once it is there.
func (f *Future[T]) Then(cb func(T, error)) {
	f.l.CallSoon(func() {
		if f.done {
			v, err := f.v, f.err
			f.l.CallSoon(func() { cb(v, err) })
			return
		}
		f.cbs = append(f.cbs, cb)
	})
}

// Task is a coroutine running on a loop: its code runs only while the
// loop has handed control to it, and Await hands control back.
type Task struct {
	l      *Loop
	resume chan struct{}
	yield  chan struct{}
}

// Spawn starts f as a task of l; the returned future resolves when f
// returns.
func (l *Loop) Spawn(f func(*Task) error) *Future[struct{}] {
	tk := &Task{l: l, resume: make(chan struct{}), yield: make(chan struct{})}
	done := NewFuture[struct{}](l)
	go func() {
		<-tk.resume
		err := f(tk)
		done.Resolve(struct{}{}, err)
		tk.yield <- struct{}{}
	}()
	l.CallSoon(tk.step)
	return done
}

// step is the loop callback that runs the task until it yields or ends.
func (tk *Task) step() {
	tk.resume <- struct{}{}
	<-tk.yield
}

// Await suspends tk until f is resolved and returns its result; the loop
// runs other callbacks meanwhile. Call it only from tk's own code.
func Await[T any](tk *Task, f *Future[T]) (T, error) {
	var v T
	var err error
	f.Then(func(x T, e error) {
		v, err = x, e
		tk.step()
	})
	tk.yield <- struct{}{}
	<-tk.resume
	return v, err
}

// Sleep suspends tk for d while the loop runs other callbacks.
func (tk *Task) Sleep(d time.Duration) {
	f := NewFuture[struct{}](tk.l)
	tk.l.CallLater(d, func() { f.Resolve(struct{}{}, nil) })
	_, _ = Await(tk, f)
}
