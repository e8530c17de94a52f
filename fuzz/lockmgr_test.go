package fuzz_test

import (
	"errors"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/impls/lockmgr"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// impls/lockmgr: 2-3 transactions each lock a drawn sequence of resources
// (a or b, shared or exclusive) and then release everything. A transaction
// chosen as a deadlock victim stops there; no other error is allowed and
// nobody may be left waiting. The seeded bug misses cycles through shared
// locks, so the transactions wait forever: rt reports a deadlock.
func init() { register(implTarget("FuzzLockMgr", drawLockMgr)) }

func FuzzLockMgr(f *testing.F) { run(f, "FuzzLockMgr") }

// lockReq is one lock request of a transaction.
type lockReq struct {
	Name string
	Mode lockmgr.Mode
}

// lockReqGen draws a request in one draw: the resource and the mode.
var lockReqGen = rapid.Custom(func(t *rapid.T) lockReq {
	v := rapid.IntRange(0, 3).Draw(t, "lock")
	mode := lockmgr.Shared
	if v >= 2 {
		mode = lockmgr.Exclusive
	}
	return lockReq{Name: []string{"a", "b"}[v%2], Mode: mode}
})

func drawLockMgr(t *rapid.T, bug bool) func(*rt.T) {
	scripts := rapid.SliceOfN(rapid.SliceOfN(lockReqGen, 1, 3), 2, 3).Draw(t, "transactions")
	var opts []lockmgr.Option
	if bug {
		opts = append(opts, lockmgr.WithBug(lockmgr.BugSharedBlind))
	}
	return func(t *rt.T) {
		m := lockmgr.New(opts...)
		var wg rt.WaitGroup
		for _, script := range scripts {
			tx := m.Begin()
			wg.Go(func() {
				defer tx.ReleaseAll()
				for _, r := range script {
					err := tx.Lock(r.Name, r.Mode)
					if errors.Is(err, lockmgr.ErrDeadlock) {
						return // the victim: its locks are released
					}
					require.NoError(t, err)
				}
			})
		}
		wg.Wait()
	}
}
