// Package pingall checks that every replica of a shard answers before the
// shard is put back into rotation.
package pingall

import (
	"context"
	"fmt"
	"sync"
)

// Pinger reaches one replica.
type Pinger func(ctx context.Context, addr string) error

// PingAll pings every address concurrently and returns the first failure.
func PingAll(ctx context.Context, addrs []string, ping Pinger) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for _, addr := range addrs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := ping(ctx, addr); err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = fmt.Errorf("ping %s: %w", addr, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return firstErr
}
