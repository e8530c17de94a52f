// Package captureerr is an anonymous-function capture bug: a handler
// that loads a user and their orders in parallel, each goroutine
// assigning the enclosing function's shared err variable. Both closures
// write the same err, and an error can be overwritten by a later nil. The
// fix gives each goroutine its own error variable.
package captureerr

import (
	"errors"

	"github.com/interleave/concurrency/harness/rt"
)

var errNoOrders = errors.New("orders service unavailable")

func loadUser() (string, error) { return "alice", nil }
func loadOrders() (int, error)  { return 0, errNoOrders }

// page loads both parts; both closures assign the shared err.
func page() error {
	var err rt.Var[error] // var err error
	var wg rt.WaitGroup
	wg.Go(func() {
		_, e := loadUser()
		err.Store(e) // _, err = loadUser()
	})
	wg.Go(func() {
		_, e := loadOrders()
		err.Store(e) // _, err = loadOrders()
	})
	wg.Wait()
	return err.Load()
}

// pageFixed gives each goroutine its own error.
func pageFixed() error {
	var userErr, ordersErr rt.Var[error]
	var wg rt.WaitGroup
	wg.Go(func() { _, e := loadUser(); userErr.Store(e) })
	wg.Go(func() { _, e := loadOrders(); ordersErr.Store(e) })
	wg.Wait()
	return errors.Join(userErr.Load(), ordersErr.Load())
}

func run(t *rt.T, page func() error) {
	if err := page(); !errors.Is(err, errNoOrders) {
		t.Errorf("page() = %v, want %v", err, errNoOrders)
	}
}

// Buggy loads the page with a shared err.
func Buggy(t *rt.T) { run(t, page) }

// Fixed loads it with one error per goroutine.
func Fixed(t *rt.T) { run(t, pageFixed) }
