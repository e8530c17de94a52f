package choice_test

import (
	"fmt"

	"github.com/interleave/concurrency/fuzz/choice"
)

func Example() {
	b := choice.New([]byte{3, 4})
	// the threads of the enabled transitions at steps 0, 1, 2 and 3: a
	// choice among one uses no byte
	two, one, three := []int{0, 1}, []int{1}, []int{0, 1, 2}
	fmt.Println(b.Choose(two, 0), b.Choose(one, 1), b.Choose(three, 2), b.Choose(two, 3), b.Exhausted())
	// Output: 1 0 1 0 true
}
