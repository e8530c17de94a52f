package corpus_test

import (
	"fmt"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/harness/rt/corpus/abbatransfer"
)

// Each kernel is a pair of bodies for rt: Explore finds the AB-BA
// deadlock of two opposite bank transfers, and explores every schedule
// of the fixed twin, which locks accounts in id order, without failure.
func Example() {
	bug, _ := rt.Explore(abbatransfer.Buggy)
	fmt.Println(bug.Failure.Kind)
	fix, _ := rt.Explore(abbatransfer.Fixed)
	fmt.Println(fix.Failure == nil, fix.Exhausted)
	// Output:
	// deadlock
	// true true
}
