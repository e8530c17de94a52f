// Package crawler fetches a list of pages concurrently for the site-map
// checker.
package crawler

import (
	"maps"
	"sync"
)

// FetchAll gets every url concurrently and returns the bodies by url.
func FetchAll(urls []string, get func(url string) string) map[string]string {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		pages = make(map[string]string, len(urls))
	)
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := get(u)
			mu.Lock()
			pages[u] = body
			mu.Unlock()
		}()
	}
	done := make(chan struct{})
	go func() { // after every Add, or Wait may see zero too early
		wg.Wait()
		close(done)
	}()
	<-done
	mu.Lock()
	defer mu.Unlock()
	return maps.Clone(pages)
}
