// Package configlazy holds the service settings, read from the environment
// the first time anything asks for them.
package configlazy

import (
	"os"
	"strconv"
	"time"
)

// Settings are the knobs the service reads at startup.
type Settings struct {
	Addr    string
	Timeout time.Duration
	Retries int
}

var current *Settings

// Get returns the process-wide settings, loading them on first use.
func Get() *Settings {
	if current == nil {
		current = load()
	}
	return current
}

func load() *Settings {
	s := &Settings{Addr: ":8080", Timeout: 5 * time.Second, Retries: 3}
	if v := os.Getenv("SVC_ADDR"); v != "" {
		s.Addr = v
	}
	if v, err := strconv.Atoi(os.Getenv("SVC_RETRIES")); err == nil {
		s.Retries = v
	}
	return s
}
