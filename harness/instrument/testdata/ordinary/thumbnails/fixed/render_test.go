package thumbnails

import (
	"errors"
	"strings"
	"testing"
)

var errCorrupt = errors.New("corrupt image")

func fakeRender(path string) ([]byte, error) {
	if strings.HasPrefix(path, "bad") {
		return nil, errCorrupt
	}
	return []byte("thumb:" + path), nil
}

func TestRenderAll(t *testing.T) {
	tests := []struct {
		name    string
		paths   []string
		wantErr error
	}{
		{"ok", []string{"a.jpg", "b.jpg", "c.jpg"}, nil},
		{"one corrupt", []string{"a.jpg", "bad.jpg", "c.jpg", "d.jpg"}, errCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderAll(tt.paths, 2, fakeRender)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("RenderAll() error = %v, want %v", err, tt.wantErr)
			}
			if err == nil && len(got) != len(tt.paths) {
				t.Errorf("got %d thumbnails, want %d", len(got), len(tt.paths))
			}
		})
	}
}
