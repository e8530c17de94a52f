package configwatch

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestCurrentUntilClose(t *testing.T) {
	load := func() map[string]string { return map[string]string{"log_level": "debug"} }
	w := Watch(context.Background(), load, time.Minute)
	cfg, err := w.Current()
	if err != nil || cfg["log_level"] != "debug" {
		t.Fatalf("Current() = %v, %v", cfg, err)
	}
	w.Close()
	if _, err := w.Current(); !errors.Is(err, ErrClosed) {
		t.Errorf("Current() after Close: err = %v, want ErrClosed", err)
	}
}
