package choice_test

import (
	"fmt"

	"github.com/interleave/concurrency/fuzz/choice"
)

func Example() {
	b := choice.New([]byte{3, 4})
	fmt.Println(b.Choose(2), b.Choose(3), b.Choose(2), b.Exhausted())
	// Output: 1 1 0 true
}
