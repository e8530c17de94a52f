package fuzz_test

import (
	"slices"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/queue"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// impls/queue: producers and consumers with drawn operation counts (each
// a blocking call or a try-then-block), the main goroutine balancing the
// totals. Every item must arrive once and in its producer's order, and
// nobody may be left waiting. The seeded bug is the lost wake-up: a
// consumer sleeps beside an item, which rt reports as a deadlock.
func init() { register(implTarget("FuzzQueue", drawQueue)) }

func FuzzQueue(f *testing.F) { run(f, "FuzzQueue") }

// queueClient is one goroutine's workload: it puts or gets len(Try)
// items, each with TryPut/TryGet first when Try says so.
type queueClient struct {
	Producer bool
	Try      []bool
}

var queueClientGen = rapid.Custom(func(t *rapid.T) queueClient {
	return queueClient{
		Producer: rapid.Bool().Draw(t, "producer"),
		Try:      rapid.SliceOfN(rapid.Bool(), 1, 3).Draw(t, "try"),
	}
})

func drawQueue(t *rapid.T, bug bool) func(*rt.T) {
	capacity := rapid.IntRange(1, 2).Draw(t, "capacity")
	clients := rapid.SliceOfN(queueClientGen, 2, 3).Draw(t, "clients")
	var opts []queue.Option
	if bug {
		opts = append(opts, queue.WithBug(queue.BugLostWakeup))
	}
	return func(t *rt.T) {
		q := queue.New[int](capacity, opts...)
		got := make([][]int, len(clients)+1) // per consumer, main last
		var wg rt.WaitGroup
		balance := 0 // items put minus items got by the clients
		for i, c := range clients {
			if c.Producer {
				balance += len(c.Try)
				wg.Go(func() { produce(t, q, i, c.Try) })
				continue
			}
			balance -= len(c.Try)
			wg.Go(func() { got[i] = consume(q, c.Try) })
		}
		main := len(clients)
		if balance < 0 {
			produce(t, q, main, make([]bool, -balance))
		} else {
			got[main] = consume(q, make([]bool, balance))
		}
		wg.Wait()
		checkDelivery(t, clients, balance, got)
	}
}

// produce puts len(try) items p*100+k, k = 0, 1, ...
func produce(t *rt.T, q *queue.Queue[int], p int, try []bool) {
	for k, tr := range try {
		item := p*100 + k
		if tr && q.TryPut(item) {
			continue
		}
		require.NoError(t, q.Put(item))
	}
}

// consume gets len(try) items.
func consume(q *queue.Queue[int], try []bool) []int {
	var got []int
	for _, tr := range try {
		if tr {
			if e, ok := q.TryGet(); ok {
				got = append(got, e)
				continue
			}
		}
		e, _ := q.Get()
		got = append(got, e)
	}
	return got
}

// checkDelivery checks that every item put arrived exactly once, and
// that each consumer got each producer's items in order.
func checkDelivery(t *rt.T, clients []queueClient, balance int, got [][]int) {
	var want, all []int
	for i, c := range clients {
		if c.Producer {
			for k := range c.Try {
				want = append(want, i*100+k)
			}
		}
	}
	for k := range max(-balance, 0) {
		want = append(want, len(clients)*100+k)
	}
	for _, g := range got {
		all = append(all, g...)
		last := map[int]int{}
		for _, e := range g {
			p := e / 100
			if k, ok := last[p]; ok {
				require.Less(t, k, e%100, "producer %d's items out of order: %v", p, g)
			}
			last[p] = e % 100
		}
	}
	slices.Sort(want)
	slices.Sort(all)
	require.Equal(t, want, all, "items put vs items got")
}
