// Package logmerge follows the logs of several containers as one stream.
package logmerge

import "sync"

// Line is one log line of one container.
type Line struct {
	Container string
	Text      string
}

// Merge forwards every line of every source to one channel, which is
// closed once all sources are.
func Merge(sources ...<-chan Line) <-chan Line {
	out := make(chan Line)
	var wg sync.WaitGroup
	for _, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for l := range src {
				out <- l
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// Follow calls handle for every merged line in the background and
// returns a channel that is closed when all sources are done.
func Follow(handle func(Line), sources ...<-chan Line) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for l := range Merge(sources...) {
			handle(l)
		}
	}()
	return done
}
