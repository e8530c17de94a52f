package queue_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/interleave/concurrency/checks/linearizable"
	"github.com/interleave/concurrency/impls/queue"
	"github.com/interleave/concurrency/internal/seeded"
	"github.com/stretchr/testify/require"
)

// The tests pass under go test and under harness test, which explores
// their interleavings; -queue.bug switches a seeded bug on for harness
// test to find:
//
//	harness test ./impls/queue -queue.bug=lostwakeup
var seededBug = seeded.Flag("queue", map[string]queue.Bug{"lostwakeup": queue.BugLostWakeup})

// newQueue is a queue with the seeded bug the flag names.
func newQueue(t testing.TB, capacity int) *queue.Queue[int] {
	return queue.New[int](capacity, queue.WithBug(seededBug(t)))
}

// delivery is a workload: producers put items each, consumers get them
// all between them, the try variants first where try says so.
type delivery struct {
	name                string
	cap                 int
	producers, consumer []int // items each client puts or gets
	try                 bool
}

var deliveries = []delivery{
	{name: "two consumers wait, two producers", cap: 2, producers: []int{1, 1}, consumer: []int{1, 1}},
	{name: "two producers wait on a full queue", cap: 1, producers: []int{1, 1, 1}, consumer: []int{3}},
	{name: "try before blocking", cap: 1, producers: []int{2}, consumer: []int{1, 1}, try: true},
}

// TestEveryItemDelivered: every item put is got exactly once, each
// producer's items in order, and every client finishes (a lost wake-up
// leaves a consumer asleep beside an item: a deadlock).
func TestEveryItemDelivered(t *testing.T) {
	for _, d := range deliveries {
		t.Run(d.name, func(t *testing.T) {
			q := newQueue(t, d.cap)
			got := make([][]int, len(d.consumer))
			var wg sync.WaitGroup
			for p, n := range d.producers {
				wg.Go(func() { produce(q, p, n, d.try) })
			}
			for c, n := range d.consumer {
				wg.Go(func() { got[c] = consume(q, n, d.try) })
			}
			wg.Wait()
			checkDelivery(t, d.producers, got)
		})
	}
}

// produce puts n items p*100+k, k = 0, 1, ...
func produce(q *queue.Queue[int], p, n int, try bool) {
	for k := range n {
		if try && q.TryPut(p*100+k) {
			continue
		}
		_ = q.Put(p*100 + k)
	}
}

// consume gets n items.
func consume(q *queue.Queue[int], n int, try bool) []int {
	var got []int
	for range n {
		e, ok := 0, false
		if try {
			e, ok = q.TryGet()
		}
		if !ok {
			e, _ = q.Get()
		}
		got = append(got, e)
	}
	return got
}

// checkDelivery checks that every item put arrived exactly once, and
// that each consumer got each producer's items in order.
func checkDelivery(t *testing.T, producers []int, got [][]int) {
	t.Helper()
	var want, all []int
	for p, n := range producers {
		for k := range n {
			want = append(want, p*100+k)
		}
	}
	for _, g := range got {
		all = append(all, g...)
		last := map[int]int{}
		for _, e := range g {
			if k, ok := last[e/100]; ok {
				require.Less(t, k, e%100, "producer %d's items out of order: %v", e/100, g)
			}
			last[e/100] = e % 100
		}
	}
	slices.Sort(want)
	slices.Sort(all)
	require.Equal(t, want, all, "items put vs items got")
}

// scenario is a workload for the linearizability check: a capacity and
// each client's operations, balanced so that every blocking operation
// completes.
type scenario struct {
	name    string
	cap     int
	clients [][]input
}

var scenarios = []scenario{
	{"two getters wait, two putters", 2, [][]input{
		{{op: opGet}}, {{op: opGet}}, {{op: opPut, val: 1}}, {{op: opPut, val: 2}}}},
	{"two putters wait on a full queue", 1, [][]input{
		{{op: opPut, val: 1}}, {{op: opPut, val: 2}}, {{op: opPut, val: 3}}, {{op: opGet}, {op: opGet}, {op: opGet}}}},
	{"try operations beside blocking ones", 1, [][]input{
		{{op: opTryPut, val: 1}, {op: opPut, val: 2}}, {{op: opTryGet}, {op: opGet}}}},
	{"close while a getter waits", 1, [][]input{
		{{op: opGet}, {op: opGet}}, {{op: opPut, val: 1}, {op: opClose}}}},
}

// TestLinearizable: every history is linearizable with respect to the
// sequential queue (spec), checked with porcupine once all clients are
// done.
func TestLinearizable(t *testing.T) {
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			q := newQueue(t, s.cap)
			rec := linearizable.NewRecorder()
			var wg sync.WaitGroup
			for _, ops := range s.clients {
				c := rec.Client()
				wg.Go(func() {
					for _, in := range ops {
						do(c, q, in)
					}
				})
			}
			wg.Wait()
			linearizable.Verify(t, spec(s.cap), rec.History(), linearizable.WithName("queue"))
		})
	}
}
