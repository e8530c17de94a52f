// Package thumbnails renders thumbnails for a gallery page with a fixed
// number of workers.
package thumbnails

import "fmt"

// RenderFunc renders one image.
type RenderFunc func(path string) ([]byte, error)

type rendered struct {
	path string
	data []byte
	err  error
}

// RenderAll renders every path on n workers and stops at the first error.
func RenderAll(paths []string, n int, render RenderFunc) (map[string][]byte, error) {
	jobs := make(chan string)
	results := make(chan rendered, len(paths)) // workers never wait for a reader that has given up
	for range n {
		go func() {
			for p := range jobs {
				data, err := render(p)
				results <- rendered{p, data, err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, p := range paths {
			jobs <- p
		}
	}()
	out := make(map[string][]byte, len(paths))
	for range paths {
		r := <-results
		if r.err != nil {
			return nil, fmt.Errorf("thumbnail %s: %w", r.path, r.err)
		}
		out[r.path] = r.data
	}
	return out, nil
}
