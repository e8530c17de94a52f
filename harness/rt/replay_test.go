package rt_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/harness/rt"
)

// TestReplayPackageResolvesAnywhere checks that the package a replay
// command names is the package under test both from its own directory
// and from the module root: people paste it where they ran go test.
func TestReplayPackageResolvesAnywhere(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command on PATH")
	}
	cmd := rt.ReplayCommand("TestX", nil)
	pkg := cmd[strings.LastIndex(cmd, " ")+1:]
	for _, dir := range []string{".", filepath.Join("..", "..")} {
		c := exec.Command("go", "list", pkg)
		c.Dir = dir
		out, err := c.CombinedOutput()
		require.NoError(t, err, "go list %s in %s: %s", pkg, dir, out)
		require.Equal(t, "github.com/interleave/concurrency/harness/rt", strings.TrimSpace(string(out)), "from %s", dir)
	}
}
