// Package banktransfer moves money between accounts, locking each account
// rather than the whole bank so that unrelated transfers run in parallel.
package banktransfer

import (
	"errors"
	"sync"
)

// ErrInsufficientFunds is returned when the source cannot cover a transfer.
var ErrInsufficientFunds = errors.New("insufficient funds")

// Account holds a balance in cents.
type Account struct {
	ID      int
	mu      sync.Mutex
	balance int64
}

// NewAccount opens an account with an initial balance.
func NewAccount(id int, balance int64) *Account { return &Account{ID: id, balance: balance} }

// Balance returns the current balance.
func (a *Account) Balance() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}

// Transfer moves amount from one account to another, atomically.
func Transfer(from, to *Account, amount int64) error {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	if from.balance < amount {
		return ErrInsufficientFunds
	}
	from.balance -= amount
	to.balance += amount
	return nil
}
