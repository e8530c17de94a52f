// Package philosophers is the dining philosophers: each seat shares a fork
// with each neighbour and needs both to eat.
package philosophers

import "sync"

// Table has one fork between each pair of neighbours.
type Table struct {
	forks []sync.Mutex
	meals []int // meals[i] is only touched by the philosopher at seat i
}

// NewTable seats n philosophers.
func NewTable(n int) *Table {
	return &Table{forks: make([]sync.Mutex, n), meals: make([]int, n)}
}

// Dine has the philosopher at seat eat the given number of meals.
func (t *Table) Dine(seat, meals int) {
	lo, hi := seat, (seat+1)%len(t.forks)
	if hi < lo { // the last seat picks up its right fork first: no cycle
		lo, hi = hi, lo
	}
	left, right := &t.forks[lo], &t.forks[hi]
	for range meals {
		left.Lock()
		right.Lock()
		t.meals[seat]++
		right.Unlock()
		left.Unlock()
	}
}

// Meals returns how many meals the philosopher at seat has eaten.
func (t *Table) Meals(seat int) int { return t.meals[seat] }
