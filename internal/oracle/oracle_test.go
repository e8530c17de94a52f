package oracle

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMatchesShared keeps the copies identical to ../shared (the oracles
// and the SPIN models of scripts/bench-spin.sh), the source of truth,
// wherever that folder is beside the repository.
func TestMatchesShared(t *testing.T) {
	for _, c := range []struct{ shared, copy string }{
		{"../../../shared/oracles/*.tsv", "."},
		{"../../../shared/anchors/spin/*.pml", "spin"},
	} {
		shared, err := filepath.Glob(c.shared)
		require.NoError(t, err)
		if len(shared) == 0 {
			t.Skipf("%s is not beside the repository", filepath.Dir(c.shared))
		}
		for _, src := range shared {
			want, err := os.ReadFile(src)
			require.NoError(t, err)
			got, err := os.ReadFile(filepath.Join(c.copy, filepath.Base(src)))
			require.NoError(t, err, "copy %s into internal/oracle/%s", src, c.copy)
			require.Equal(t, string(want), string(got), "internal/oracle/%s/%s differs from %s", c.copy, filepath.Base(src), src)
		}
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
