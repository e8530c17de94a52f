package subtests

import (
	"sync"
	"testing"
)

func TestTransfers(t *testing.T) {
	for _, tc := range []struct {
		name     string
		accounts int
		moves    [][2]int // from, to
	}{
		{"opposite", 2, [][2]int{{0, 1}, {1, 0}}},
		{"ring of four", 4, [][2]int{{0, 1}, {1, 2}, {2, 3}, {0, 1}, {1, 2}, {2, 3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			accounts := make([]Account, tc.accounts)
			var wg sync.WaitGroup
			for _, m := range tc.moves {
				wg.Go(func() { Transfer(&accounts[m[0]], &accounts[m[1]], 1) })
			}
			wg.Wait()
			sum := 0
			for i := range accounts {
				sum += accounts[i].balance
			}
			if sum != 0 {
				t.Fatalf("money was made or lost: %d", sum)
			}
		})
	}
}
