package rt_test

import (
	"testing"
	"time"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// Outside Check the rt types are the standard ones: these tests run real
// goroutines (and are meaningful under -race).

func TestNativeMutexAndWaitGroup(t *testing.T) {
	var mu rt.Mutex
	var rw rt.RWMutex
	var wg rt.WaitGroup
	var n rt.Var[int]
	for range 50 {
		wg.Go(func() {
			mu.Lock()
			n.Store(n.Load() + 1)
			mu.Unlock()
			rw.RLock()
			//lint:ignore SA2001 acquiring the lock is the point here
			rw.RUnlock()
		})
	}
	wg.Wait()
	rw.Lock()
	require.Equal(t, 50, n.Load())
	rw.Unlock()
	require.True(t, mu.TryLock())
	mu.Unlock()
}

func TestNativeChannels(t *testing.T) {
	c := rt.NewChan[int](2)
	c.Send(1)
	require.Equal(t, 1, c.Len())
	require.Equal(t, 2, c.Cap())
	v, ok := c.Recv()
	require.Equal(t, []any{1, true}, []any{v, ok})
	_, _, ready := c.TryRecv()
	require.False(t, ready)

	u := rt.NewChan[string](0)
	rt.Go(func() { u.Send("hi") })
	var got string
	i := rt.Select(c.OnRecv(nil), u.OnRecv(func(s string, _ bool) { got = s }))
	require.Equal(t, 1, i)
	require.Equal(t, "hi", got)
	require.Equal(t, -1, rt.TrySelect(u.OnRecv(nil)))
	require.Equal(t, 0, rt.TrySelect(c.OnSend(3, nil)))

	c.Close()
	v, ok = c.Recv()
	require.Equal(t, []any{3, true}, []any{v, ok})
	_, ok = c.Recv()
	require.False(t, ok)
	require.Panics(t, func() { c.Close() })
}

func TestNativeOnceCondAtomics(t *testing.T) {
	var once rt.Once
	calls := 0
	for range 3 {
		once.Do(func() { calls++ })
	}
	require.Equal(t, 1, calls)

	var mu rt.Mutex
	c := rt.NewCond(&mu)
	var ready rt.Bool
	rt.Go(func() { mu.Lock(); ready.Store(true); c.Broadcast(); mu.Unlock() })
	mu.Lock()
	for !ready.Load() {
		c.Wait()
	}
	mu.Unlock()

	var a rt.Atomic[string]
	require.Equal(t, "", a.Load())
	require.True(t, a.CompareAndSwap("", "x"))
	require.False(t, a.CompareAndSwap("", "y"))
	require.Equal(t, "x", a.Swap("z"))
	var u32 rt.Uint32
	require.Equal(t, uint32(1), u32.Add(1))
	var i32 rt.Int32
	var u64 rt.Uint64
	var i64 rt.Int64
	require.Equal(t, int32(2), i32.Add(2))
	require.Equal(t, uint64(3), u64.Add(3))
	require.True(t, i64.CompareAndSwap(0, 5))
	require.Equal(t, int64(5), i64.Swap(1))
}

func TestNativeTime(t *testing.T) {
	start := rt.Now()
	rt.Sleep(time.Millisecond)
	v, ok := rt.After(time.Millisecond).Recv()
	require.True(t, ok)
	require.True(t, v.After(start))
	rt.Yield()
}
