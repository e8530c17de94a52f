package pingall

import (
	"context"
	"errors"
	"testing"
)

var errRefused = errors.New("connection refused")

func fakePinger(down ...string) Pinger {
	return func(ctx context.Context, addr string) error {
		for _, d := range down {
			if addr == d {
				return errRefused
			}
		}
		return nil
	}
}

func TestPingAll(t *testing.T) {
	addrs := []string{"10.0.0.1:7000", "10.0.0.2:7000", "10.0.0.3:7000"}
	tests := []struct {
		name    string
		down    []string
		wantErr bool
	}{
		{"all up", nil, false},
		{"two down", []string{"10.0.0.1:7000", "10.0.0.3:7000"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := PingAll(context.Background(), addrs, fakePinger(tt.down...))
			if (err != nil) != tt.wantErr {
				t.Fatalf("PingAll() = %v, want error: %v", err, tt.wantErr)
			}
			if tt.wantErr && !errors.Is(err, errRefused) {
				t.Errorf("PingAll() = %v, want it to wrap %v", err, errRefused)
			}
		})
	}
}
