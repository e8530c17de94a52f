// Package lazyinit is a data race in lazy initialisation: a service that
// creates its database client on first use with "if s.db == nil", from
// every request goroutine. The fix is sync.Once.
package lazyinit

import "github.com/interleave/concurrency/harness/rt"

type client struct{ dsn string }

type service struct {
	db   rt.Var[*client] // a plain pointer field
	once rt.Once
	dbOK *client
}

// client returns the database client, creating it on first use: the bug.
func (s *service) client() *client {
	if s.db.Load() == nil {
		s.db.Store(&client{dsn: "postgres://db"})
	}
	return s.db.Load()
}

// clientFixed creates it under sync.Once.
func (s *service) clientFixed() *client {
	s.once.Do(func() { s.dbOK = &client{dsn: "postgres://db"} })
	return s.dbOK
}

func run(t *rt.T, get func(*service) *client) {
	s := &service{}
	var wg rt.WaitGroup
	for range 2 {
		wg.Go(func() {
			if c := get(s); c == nil || c.dsn == "" {
				t.Errorf("no client")
			}
		})
	}
	wg.Wait()
}

// Buggy serves two first requests at once.
func Buggy(t *rt.T) { run(t, (*service).client) }

// Fixed initialises under Once.
func Fixed(t *rt.T) { run(t, (*service).clientFixed) }
