// Package subtests has a table-driven test whose first row deadlocks and
// whose last row has more schedules than an execution budget: harness
// test must explore every row on its own to find the first row's bug.
package subtests

import "sync"

type Account struct {
	mu      sync.Mutex
	balance int
}

// Transfer takes the locks in argument order: two opposite transfers
// can deadlock.
func Transfer(from, to *Account, amount int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}
