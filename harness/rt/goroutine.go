package rt

import (
	"runtime"
	"strconv"
)

// Go runs f in a new goroutine: a controlled one inside Check (like
// T.Go), a plain `go f()` outside.
func Go(f func()) {
	if ex := active.Load(); ex != nil {
		ex.spawn(f, ex.cur)
		return
	}
	go f()
}

// Yield is a scheduling point that lets every other runnable goroutine
// run first (runtime.Gosched outside Check). Use it in spin loops: a
// goroutine spinning on Yield is scheduled again only when nothing else
// can run.
func Yield() {
	if ex := active.Load(); ex != nil {
		ex.step(pending{op: opYield})
		return
	}
	runtime.Gosched()
}

// goid returns the runtime id of the calling goroutine (slow; capture
// runs only).
func goid() string {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = b[len("goroutine "):]
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	id, _ := strconv.Atoi(string(b[:n]))
	return strconv.Itoa(id)
}
