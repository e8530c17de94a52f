// Package filewatch polls a directory listing and reports files that
// appear, for hot-reloading templates.
package filewatch

import "time"

// Event says that a file appeared.
type Event struct{ Name string }

// Watcher delivers events on Events until Close.
type Watcher struct {
	Events chan Event
	done   chan struct{}
}

// Watch polls list every interval.
func Watch(list func() []string, every time.Duration) *Watcher {
	w := &Watcher{Events: make(chan Event), done: make(chan struct{})}
	go w.loop(list, every)
	return w
}

func (w *Watcher) loop(list func() []string, every time.Duration) {
	seen := map[string]bool{}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-t.C:
			for _, name := range list() {
				if !seen[name] {
					seen[name] = true
					w.Events <- Event{name}
				}
			}
		}
	}
}

// Close stops the watcher.
func (w *Watcher) Close() { close(w.done) }
