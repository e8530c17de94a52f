// Package abbatransfer is a resource deadlock (AB-BA): a bank transfer
// that locks the source account, then the destination. Two opposite
// transfers at once each hold one account and wait for the other. The fix
// locks accounts in a global order (by id).
package abbatransfer

import "github.com/interleave/concurrency/harness/rt"

type account struct {
	id      int
	mu      rt.Mutex
	balance int
}

// transfer moves amount from one account to another, locking from first.
func transfer(from, to *account, amount int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}

// transferOrdered locks the account with the smaller id first.
func transferOrdered(from, to *account, amount int) {
	first, second := from, to
	if to.id < from.id {
		first, second = to, from
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}

func run(t *rt.T, transfer func(from, to *account, amount int)) {
	a, b := &account{id: 1, balance: 100}, &account{id: 2, balance: 100}
	var wg rt.WaitGroup
	wg.Go(func() { transfer(a, b, 10) })
	wg.Go(func() { transfer(b, a, 20) })
	wg.Wait()
	a.mu.Lock()
	b.mu.Lock()
	defer a.mu.Unlock()
	defer b.mu.Unlock()
	if a.balance+b.balance != 200 {
		t.Errorf("money created or lost: %d + %d", a.balance, b.balance)
	}
}

// Buggy runs two opposite transfers.
func Buggy(t *rt.T) { run(t, transfer) }

// Fixed runs them with ordered locking.
func Fixed(t *rt.T) { run(t, transferOrdered) }
