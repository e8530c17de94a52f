package batcher

import (
	"sync"
	"testing"
	"time"
)

func TestEveryPointIsSentOnce(t *testing.T) {
	var mu sync.Mutex
	var sent []Point
	b := New(3, 50*time.Millisecond, func(batch []Point) {
		mu.Lock()
		sent = append(sent, batch...)
		mu.Unlock()
	})
	for i := range 4 {
		b.Add(Point{Name: "http.requests", Value: float64(i)})
	}
	b.Flush()
	mu.Lock()
	defer mu.Unlock()
	if len(sent) != 4 {
		t.Fatalf("backend got %d points, want 4: %v", len(sent), sent)
	}
	for i, p := range sent {
		if p.Value != float64(i) {
			t.Errorf("point %d has value %v, want %d", i, p.Value, i)
		}
	}
}
