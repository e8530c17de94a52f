package filewatch

import (
	"testing"
	"time"
)

func TestNewTemplateIsReported(t *testing.T) {
	w := Watch(func() []string { return []string{"index.tmpl", "layout.tmpl"} }, time.Millisecond)
	t.Cleanup(w.Close)
	ev := <-w.Events
	if ev.Name != "index.tmpl" {
		t.Fatalf("first event = %q, want index.tmpl", ev.Name)
	}
}
