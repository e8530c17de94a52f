package ringbuffer

import (
	"fmt"
	"runtime"
	"testing"
)

func TestShipperSeesRecordsInOrder(t *testing.T) {
	r := New(2)
	const n = 3
	go func() {
		for i := 1; i <= n; i++ {
			for !r.Push(Record{Seq: i, Msg: fmt.Sprint("req ", i)}) {
				runtime.Gosched() // shipper is behind
			}
		}
	}()
	for want := 1; want <= n; {
		rec, ok := r.Pop()
		if !ok {
			runtime.Gosched()
			continue
		}
		if rec.Seq != want {
			t.Fatalf("popped %+v, want Seq %d", rec, want)
		}
		want++
	}
}
