package cachejanitor

import (
	"testing"
	"time"
)

func TestSetGet(t *testing.T) {
	c := New(time.Minute)
	defer c.Close()
	c.Set("user:1", "ada")
	if v, ok := c.Get("user:1"); !ok || v != "ada" {
		t.Errorf("Get(user:1) = %q, %v, want ada, true", v, ok)
	}
	if _, ok := c.Get("user:2"); ok {
		t.Error("Get(user:2) found a value that was never set")
	}
}
