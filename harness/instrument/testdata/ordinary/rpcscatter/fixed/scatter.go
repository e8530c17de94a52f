// Package rpcscatter sends a request to every replica and collects each
// reply, or a timeout for replicas that do not answer in time.
package rpcscatter

import (
	"sync"
	"sync/atomic"
	"time"
)

// Result is what became of one request.
type Result struct {
	Replica  string
	Reply    string
	TimedOut bool
}

// SendFunc sends a request to replica; reply is called when it answers.
type SendFunc func(replica string, reply func(string))

// Scatter returns one result per replica, each either its reply or a
// timeout, whichever came first.
func Scatter(replicas []string, send SendFunc, timeout time.Duration) []Result {
	results := make(chan Result, len(replicas))
	var wg sync.WaitGroup
	wg.Add(len(replicas))
	for _, r := range replicas {
		var answered atomic.Bool
		finish := func(res Result) {
			if !answered.CompareAndSwap(false, true) { // the reply and the timer may both get here
				return
			}
			results <- res
			wg.Done()
		}
		timer := time.AfterFunc(timeout, func() { finish(Result{Replica: r, TimedOut: true}) })
		send(r, func(reply string) {
			timer.Stop()
			finish(Result{Replica: r, Reply: reply})
		})
	}
	wg.Wait()
	close(results)
	var out []Result
	for res := range results {
		out = append(out, res)
	}
	return out
}
