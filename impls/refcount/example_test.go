package refcount_test

import (
	"fmt"
	"sync"

	"github.com/interleave/concurrency/impls/refcount"
)

// The owner hands a reference to a worker and drops its own; the
// finaliser runs once, when the worker releases the last reference.
func Example() {
	h := refcount.New("conn", func(s string) { fmt.Println("closing", s) }, refcount.WithBiased())
	var wg sync.WaitGroup
	_ = h.Retain() // the worker's reference, taken before handing it over
	wg.Go(func() {
		v, _ := h.Get()
		fmt.Println("using", v)
		_ = h.Release()
	})
	wg.Wait()
	_ = h.Owner().Release()
	// Output:
	// using conn
	// closing conn
}
