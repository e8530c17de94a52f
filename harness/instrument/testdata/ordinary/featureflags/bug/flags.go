// Package featureflags answers "is this feature on?" from a flag set that
// is fetched from the flag service the first time it is needed.
package featureflags

import "sync"

// Store caches the flag set of one service.
type Store struct {
	fetch func() (map[string]bool, error)

	mu     sync.Mutex
	loaded bool
	flags  map[string]bool
}

// NewStore returns a Store that calls fetch once, on first use.
func NewStore(fetch func() (map[string]bool, error)) *Store {
	return &Store{fetch: fetch}
}

// Enabled reports whether the named flag is on. A failed fetch turns every
// flag off rather than failing the request.
func (s *Store) Enabled(name string) bool {
	if !s.loaded {
		s.mu.Lock()
		if !s.loaded {
			flags, err := s.fetch()
			if err != nil {
				flags = map[string]bool{}
			}
			s.flags = flags
			s.loaded = true
		}
		s.mu.Unlock()
	}
	return s.flags[name]
}
