package banktransfer

import (
	"sync"
	"testing"
)

func TestConcurrentTransfersKeepTotal(t *testing.T) {
	alice, bob := NewAccount(1, 100_00), NewAccount(2, 50_00)
	var wg sync.WaitGroup
	transfer := func(from, to *Account, amount int64) {
		defer wg.Done()
		if err := Transfer(from, to, amount); err != nil {
			t.Errorf("transfer %d -> %d: %v", from.ID, to.ID, err)
		}
	}
	wg.Add(2)
	go transfer(alice, bob, 30_00)
	go transfer(bob, alice, 10_00)
	wg.Wait()
	if total := alice.Balance() + bob.Balance(); total != 150_00 {
		t.Errorf("total = %d, want 15000", total)
	}
}
