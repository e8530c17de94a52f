// Package searchfanout queries every shard of a search index concurrently
// and merges the hits by score.
package searchfanout

import (
	"context"
	"sort"
	"sync"
)

// Hit is one matching document.
type Hit struct {
	DocID string
	Score float64
}

// Shard is one partition of the index.
type Shard interface {
	Lookup(ctx context.Context, query string) []Hit
}

// Search returns the hits of every shard, best first.
func Search(ctx context.Context, shards []Shard, query string) []Hit {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		hits []Hit
	)
	for _, sh := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			found := sh.Lookup(ctx, query)
			mu.Lock()
			hits = append(hits, found...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Slice(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	return hits
}
