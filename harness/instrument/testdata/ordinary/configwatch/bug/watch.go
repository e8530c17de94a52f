// Package configwatch polls a configuration source and keeps the latest
// version in memory for the request path.
package configwatch

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrClosed is returned by Current after Close.
var ErrClosed = errors.New("config watcher closed")

// Watcher refreshes the config every interval.
type Watcher struct {
	cancel context.CancelFunc

	mu     sync.Mutex
	cur    map[string]string
	closed bool
}

// Watch loads the config once and then refreshes it in the background.
func Watch(parent context.Context, load func() map[string]string, every time.Duration) *Watcher {
	ctx, cancel := context.WithCancel(parent)
	w := &Watcher{cancel: cancel, cur: load()}
	go w.refresh(ctx, load, every)
	return w
}

func (w *Watcher) refresh(ctx context.Context, load func() map[string]string, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			cfg := load()
			w.mu.Lock()
			w.cur = cfg
			w.mu.Unlock()
		}
	}
}

// Current returns the latest config.
func (w *Watcher) Current() (map[string]string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil, ErrClosed
	}
	return w.cur, nil
}

// Close stops serving the config.
func (w *Watcher) Close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
}
