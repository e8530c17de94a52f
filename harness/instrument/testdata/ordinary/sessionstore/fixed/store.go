// Package sessionstore keeps logged-in sessions in memory and tracks when
// each was last used, for idle expiry.
package sessionstore

import (
	"sync"
	"time"
)

// Session is one logged-in user.
type Session struct {
	User     string
	LastSeen time.Time
	Requests int
}

// Store is read on every request and written on login and logout.
type Store struct {
	mu       sync.RWMutex
	sessions map[string]*Session
}

// New returns an empty store.
func New() *Store { return &Store{sessions: make(map[string]*Session)} }

// Login creates a session.
func (s *Store) Login(id, user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[id] = &Session{User: user, LastSeen: time.Now()}
}

// Touch marks the session as used by one more request and returns a copy.
func (s *Store) Touch(id string) (Session, bool) {
	s.mu.Lock() // Touch writes the session
	defer s.mu.Unlock()
	sess, ok := s.sessions[id]
	if !ok {
		return Session{}, false
	}
	sess.LastSeen = time.Now()
	sess.Requests++
	return *sess, true
}
