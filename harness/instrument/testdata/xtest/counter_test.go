package counter_test

import (
	"sync"
	"testing"

	counter "github.com/interleave/concurrency/harness/instrument/testdata/xtest"
)

func TestInc(t *testing.T) {
	var c counter.Counter
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(c.Inc)
	}
	wg.Wait()
	if c.N() != 2 {
		t.Fatalf("N = %d", c.N())
	}
}
