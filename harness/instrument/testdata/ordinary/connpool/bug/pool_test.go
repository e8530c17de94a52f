package connpool

import (
	"sync"
	"testing"
)

func TestGetSharesOneConnection(t *testing.T) {
	var mu sync.Mutex
	var dialed []*Conn
	p := New(func(addr string) (*Conn, error) {
		c := &Conn{Addr: addr}
		mu.Lock()
		dialed = append(dialed, c)
		mu.Unlock()
		return c, nil
	})
	got := make([]*Conn, 2)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := p.Get("db-1:5432")
			if err != nil {
				t.Error(err)
			}
			got[i] = c
		}()
	}
	wg.Wait()
	if got[0] != got[1] {
		t.Fatalf("two requests got different connections to db-1")
	}
	open := 0
	for _, c := range dialed {
		if !c.closed {
			open++
		}
	}
	if open != 1 {
		t.Errorf("%d open connections to db-1, want 1", open)
	}
}
