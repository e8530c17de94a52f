// Package oncerecursive is a resource deadlock through sync.Once: a
// settings object loaded lazily by once.Do(load), where load, to apply a
// default, calls the public Get, which calls once.Do again. Do waits for
// the running f to return, so the goroutine waits for itself. The fix:
// load reads the map directly.
package oncerecursive

import "github.com/interleave/concurrency/harness/rt"

type settings struct {
	once   rt.Once
	values map[string]string
	// loadCallsGet makes load use the public getter (the bug).
	loadCallsGet bool
}

// Get returns the setting key, loading the settings on first use.
func (s *settings) Get(key string) string {
	s.once.Do(s.load)
	return s.values[key]
}

func (s *settings) load() {
	s.values = map[string]string{"region": "eu"}
	zone := s.values["region"]
	if s.loadCallsGet {
		zone = s.Get("region")
	}
	s.values["zone"] = zone + "-1"
}

func run(t *rt.T, loadCallsGet bool) {
	s := &settings{loadCallsGet: loadCallsGet}
	if z := s.Get("zone"); z != "eu-1" {
		t.Errorf("zone = %q", z)
	}
}

// Buggy loads settings whose loader calls Get.
func Buggy(t *rt.T) { run(t, true) }

// Fixed loads them without the recursive Do.
func Fixed(t *rt.T) { run(t, false) }
