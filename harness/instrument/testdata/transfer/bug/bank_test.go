package bank

import (
	"sync"
	"testing"
)

func TestTransfers(t *testing.T) {
	a, b := &Account{balance: 100}, &Account{balance: 100}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); Transfer(a, b, 10) }()
	go func() { defer wg.Done(); Transfer(b, a, 20) }()
	wg.Wait()
	if a.balance+b.balance != 200 {
		t.Fatalf("money was made or lost: %d", a.balance+b.balance)
	}
}
