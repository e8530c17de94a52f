package eventloop_test

import (
	"fmt"
	"time"

	"github.com/interleave/concurrency/impls/eventloop"
)

// A task awaits a future that another goroutine resolves; a timer fires
// later; everything runs on the loop, one callback at a time.
func Example() {
	l := eventloop.New()
	done := make(chan struct{})
	f := eventloop.NewFuture[string](l)
	l.Spawn(func(tk *eventloop.Task) error {
		v, _ := eventloop.Await(tk, f)
		fmt.Println("task got", v)
		return nil
	})
	l.CallLater(10*time.Millisecond, func() { fmt.Println("timer"); l.Stop() })
	go f.Resolve("hello", nil)
	go func() { l.Run(); close(done) }()
	<-done
	fmt.Println(eventloop.Exclusive(l))
	// Output:
	// task got hello
	// timer
	// <nil>
}
