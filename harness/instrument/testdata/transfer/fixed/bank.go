// Package bank moves money between accounts, each with its own lock.
package bank

import "sync"

type Account struct {
	mu      sync.Mutex
	balance int
}

// Transfer moves amount from one account to another, locking the two
// accounts in one global order (by address) so that two opposite
// transfers cannot wait for each other.
func Transfer(from, to *Account, amount int) {
	first, second := from, to
	if lessAddr(to, from) {
		first, second = to, from
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}
