// Package userloader caches user profiles and makes concurrent requests
// for the same user share one backend call.
package userloader

import "sync"

// User is a profile from the user service.
type User struct {
	ID   string
	Name string
}

type call struct {
	done chan struct{}
	user User
	err  error
}

// Loader is a read-through cache with request deduplication.
type Loader struct {
	load func(id string) (User, error)

	mu       sync.Mutex
	cache    map[string]User
	inflight map[string]*call
}

// New returns an empty loader.
func New(load func(id string) (User, error)) *Loader {
	return &Loader{load: load, cache: map[string]User{}, inflight: map[string]*call{}}
}

// Get returns the user, loading it at most once.
func (l *Loader) Get(id string) (User, error) {
	l.mu.Lock()
	if u, ok := l.cache[id]; ok {
		l.mu.Unlock()
		return u, nil
	}
	if c, ok := l.inflight[id]; ok {
		l.mu.Unlock()
		<-c.done
		return c.user, c.err
	}
	c := &call{done: make(chan struct{})}
	l.inflight[id] = c
	l.mu.Unlock()

	c.user, c.err = l.load(id)
	l.mu.Lock()
	delete(l.inflight, id)
	l.mu.Unlock()
	close(c.done)
	if c.err == nil {
		l.mu.Lock()
		l.cache[id] = c.user
		l.mu.Unlock()
	}
	return c.user, c.err
}
