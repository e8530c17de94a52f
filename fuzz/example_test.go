package fuzz_test

import (
	"fmt"

	"github.com/interleave/concurrency/fuzz"
	"github.com/interleave/concurrency/fuzz/choice"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/models/counter"
)

// Fuzz input bytes choose the thread of every step of a model: here both
// threads read x before either writes it.
func ExampleWalk() {
	m := counter.New(counter.Race, 2, 1)
	s, vs := fuzz.Walk(m, choice.New([]byte{0, 1}), fuzz.MaxModelSteps, m.LostUpdate())
	fmt.Println(s, vs[0].Kind)
	// Output: 0,1,0,1 lost-update
}

// Fuzz input bytes schedule real Go code written with rt: the first of
// these inputs whose schedule loses an increment.
func ExampleRunRT() {
	body := func(t *rt.T) {
		var n rt.Int64
		var wg rt.WaitGroup
		for range 2 {
			wg.Go(func() { n.Store(n.Load() + 1) })
		}
		wg.Wait()
		if n.Load() != 2 {
			t.Errorf("lost an increment: n=%d", n.Load())
		}
	}
	for i := range 256 {
		data := []byte{byte(i), byte(i >> 2), byte(i >> 4), byte(i >> 6)}
		if f, _ := fuzz.RunRT(choice.New(data), body); f != nil {
			fmt.Println(f.Kind, f.Message)
			return
		}
	}
	// Output: test failure example_test.go:32: lost an increment: n=1
}
