// Package rwupgrade is a resource deadlock (lock upgrade): a session
// cache whose lookup, holding the read lock, finds an expired session and
// takes the write lock to delete it without releasing the read lock
// first. RWMutex cannot upgrade: Lock waits for every reader, itself
// included. The fix releases the read lock, then locks and checks again.
package rwupgrade

import (
	"time"

	"github.com/interleave/concurrency/harness/rt"
)

type sessions struct {
	mu      rt.RWMutex
	expires map[string]time.Time
}

// valid reports whether id is a live session, deleting it if expired.
func (s *sessions) valid(id string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	exp, ok := s.expires[id]
	if ok && rt.Now().After(exp) {
		s.mu.Lock() // the bug: upgrade while holding the read lock
		delete(s.expires, id)
		s.mu.Unlock()
		return false
	}
	return ok
}

// validFixed drops the read lock before taking the write lock.
func (s *sessions) validFixed(id string) bool {
	s.mu.RLock()
	exp, ok := s.expires[id]
	s.mu.RUnlock()
	if !ok || !rt.Now().After(exp) {
		return ok
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if exp, ok := s.expires[id]; ok && rt.Now().After(exp) {
		delete(s.expires, id)
	}
	return false
}

func run(t *rt.T, valid func(*sessions, string) bool) {
	s := &sessions{expires: map[string]time.Time{"old": rt.Now().Add(-time.Minute)}}
	if valid(s, "old") {
		t.Errorf("expired session is valid")
	}
}

// Buggy looks up an expired session.
func Buggy(t *rt.T) { run(t, (*sessions).valid) }

// Fixed looks it up with the fixed upgrade.
func Fixed(t *rt.T) { run(t, (*sessions).validFixed) }
