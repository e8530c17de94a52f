package trace_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness/trace"
)

func TestFormatColumns(t *testing.T) {
	got := trace.FormatColumns([]string{"P0", "P1"}, []trace.Row{
		{Thread: 0, Text: "take fork0"},
		{Thread: -1, Text: "↻ repeat"},
		{Thread: 1, Text: "a label much longer than the column cap allows"},
	})
	want := "" +
		"step  P0          P1\n" +
		"   1  take fork0\n" +
		"      ↻ repeat\n" +
		"   2              a label much longer than th…\n"
	require.Equal(t, want, got)
}

func TestFormatBytes(t *testing.T) {
	require.Equal(t, "512 B", trace.FormatBytes(512))
	require.Equal(t, "1.5 KiB", trace.FormatBytes(1536))
	require.Equal(t, "3.0 GiB", trace.FormatBytes(3<<30))
}
