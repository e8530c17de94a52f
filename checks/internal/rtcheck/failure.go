package rtcheck

import (
	"fmt"
	"runtime"
	"testing"
)

// Failure runs f with a testing.TB whose Fatalf records its message and
// stops f's goroutine, as a failing test does, and returns the message
// ("" if f did not fail). The checks' tests use it to see Verify fail.
func Failure(t testing.TB, f func(testing.TB)) string {
	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(tb)
	}()
	<-done
	return tb.msg
}

// fatalTB records Fatalf and stops the goroutine.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
