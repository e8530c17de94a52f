package routetable

import (
	"sync"
	"testing"
)

func TestLookupDuringReload(t *testing.T) {
	tbl := New("default:80")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the config watcher
		defer wg.Done()
		tbl.Set("api.example.com", "api:8080")
		tbl.Set("www.example.com", "web:8080")
	}()
	for _, host := range []string{"unknown.example.com", "other.example.com"} {
		if got := tbl.Lookup(host); got != "default:80" {
			t.Errorf("Lookup(%s) = %s, want default:80", host, got)
		}
	}
	wg.Wait()
	if got := tbl.Lookup("api.example.com"); got != "api:8080" {
		t.Errorf("Lookup(api.example.com) = %s after reload", got)
	}
}
