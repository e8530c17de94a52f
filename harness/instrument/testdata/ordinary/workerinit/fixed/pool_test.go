package workerinit

import (
	"sync/atomic"
	"testing"
)

func TestPoolRunsEveryJob(t *testing.T) {
	p := NewPool(2)
	var ran atomic.Int32
	for range 3 {
		p.Submit(func() { ran.Add(1) })
	}
	p.Close()
	if n := ran.Load(); n != 3 {
		t.Errorf("%d jobs ran, want 3", n)
	}
}
