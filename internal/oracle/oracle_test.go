package oracle

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMatchesShared keeps the copy identical to ../shared/oracles, the
// source of truth, wherever that folder is beside the repository.
func TestMatchesShared(t *testing.T) {
	shared, err := filepath.Glob("../../../shared/oracles/*.tsv")
	require.NoError(t, err)
	if len(shared) == 0 {
		t.Skip("../shared/oracles is not beside the repository")
	}
	for _, src := range shared {
		want, err := os.ReadFile(src)
		require.NoError(t, err)
		got, err := files.ReadFile(filepath.Base(src))
		require.NoError(t, err, "copy %s into internal/oracle", src)
		require.Equal(t, string(want), string(got), "internal/oracle/%s differs from %s", filepath.Base(src), src)
	}
}

func TestRows(t *testing.T) {
	rows, err := Rows("counter.tsv")
	require.NoError(t, err)
	require.Len(t, rows, 13)
	require.Equal(t, "race", rows[0]["variant"])
	n, ok := rows[0].Int("states")
	require.True(t, ok)
	require.Equal(t, 57, n)
	_, ok = rows[4].Int("lost_update_terminal_states")
	require.False(t, ok, "'-' is not a number")
}
