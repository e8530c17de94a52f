// Package bank moves money between accounts, each with its own lock.
package bank

import "sync"

type Account struct {
	mu      sync.Mutex
	balance int
}

// Transfer moves amount from one account to another.
func Transfer(from, to *Account, amount int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}
