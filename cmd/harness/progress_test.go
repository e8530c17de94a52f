package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness"
)

func TestByteSize(t *testing.T) {
	for text, want := range map[string]uint64{"512": 512, "1KiB": 1 << 10, "3 MiB": 3 << 20, "2GiB": 2 << 30, "4G": 4 << 30, "100MB": 100 << 20} {
		var b byteSize
		require.NoError(t, b.Set(text), text)
		require.Equal(t, want, uint64(b), text)
	}
	for _, bad := range []string{"", "lots", "0", "-1MiB", "1.5GiB", "1PiB5"} {
		var b byteSize
		require.ErrorContains(t, b.Set(bad), "allowed", bad)
	}
}

func TestProgressLine(t *testing.T) {
	p := harness.Progress{States: 1234567, Transitions: 9, Depth: 42, Frontier: 9876, Memory: 3 << 20, Elapsed: 2 * time.Second}
	require.Equal(t, "1,234,567 states  617,283 states/s  depth 42  frontier 9,876  memory 3.0 MiB", progressLine(p))
	p.Frontier = 0
	require.NotContains(t, progressLine(p), "frontier")
	require.Equal(t, "0", groupDigits(0))
	require.Equal(t, "999", groupDigits(999))
	require.Equal(t, "1,000", groupDigits(1000))
}
