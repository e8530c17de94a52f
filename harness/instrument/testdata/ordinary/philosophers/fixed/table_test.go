package philosophers

import (
	"sync"
	"testing"
)

func TestEveryoneEats(t *testing.T) {
	const seats, meals = 3, 2
	table := NewTable(seats)
	var wg sync.WaitGroup
	for seat := range seats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			table.Dine(seat, meals)
		}()
	}
	wg.Wait()
	for seat := range seats {
		if got := table.Meals(seat); got != meals {
			t.Errorf("seat %d ate %d meals, want %d", seat, got, meals)
		}
	}
}
