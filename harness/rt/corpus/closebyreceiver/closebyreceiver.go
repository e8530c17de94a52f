// Package closebyreceiver is a misused channel (closed by the receiver):
// a search that stops reading results after the first match and closes
// the results channel "to tell the workers to stop", so a worker still
// sending panics. The fix: the receiver closes a separate done channel,
// and workers select on it while sending.
package closebyreceiver

import "github.com/interleave/concurrency/harness/rt"

// first returns the first result of the shards; fixed uses a done channel.
func first(shards []string, fixed bool) string {
	results := rt.NewChan[string](0)
	done := rt.NewChan[struct{}](0)
	for _, s := range shards {
		rt.Go(func() {
			r := s + ":match"
			if fixed {
				rt.Select(results.OnSend(r, nil), done.OnRecv(nil))
				return
			}
			results.Send(r)
		})
	}
	r, _ := results.Recv()
	if fixed {
		done.Close()
	} else {
		results.Close() // the bug: the receiver closes
	}
	return r
}

func run(t *rt.T, fixed bool) {
	if r := first([]string{"eu", "us"}, fixed); r == "" {
		t.Errorf("no result")
	}
}

// Buggy closes the results channel from the receiver.
func Buggy(t *rt.T) { run(t, false) }

// Fixed closes a done channel instead.
func Fixed(t *rt.T) { run(t, true) }
