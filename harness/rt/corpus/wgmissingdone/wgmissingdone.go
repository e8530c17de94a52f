// Package wgmissingdone is a misused WaitGroup: a batch uploader adds one
// to the group per file, but a worker returns early on a skipped file
// without calling Done, so Wait never returns. The fix is defer wg.Done().
package wgmissingdone

import (
	"strings"

	"github.com/interleave/concurrency/harness/rt"
)

// upload uploads every file that is not hidden and returns the count;
// deferDone says whether Done is deferred (false is the bug).
func upload(files []string, deferDone bool) int {
	var uploaded rt.Int64
	var wg rt.WaitGroup
	wg.Add(len(files))
	for _, f := range files {
		rt.Go(func() {
			if deferDone {
				defer wg.Done()
			}
			if strings.HasPrefix(f, ".") {
				return // skipped: the bug forgets Done here
			}
			uploaded.Add(1)
			if !deferDone {
				wg.Done()
			}
		})
	}
	wg.Wait()
	return int(uploaded.Load())
}

func run(t *rt.T, deferDone bool) {
	if n := upload([]string{"a.txt", ".DS_Store"}, deferDone); n != 1 {
		t.Errorf("uploaded %d, want 1", n)
	}
}

// Buggy uploads a batch with a hidden file.
func Buggy(t *rt.T) { run(t, false) }

// Fixed defers Done.
func Fixed(t *rt.T) { run(t, true) }
