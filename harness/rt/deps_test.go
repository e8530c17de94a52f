package rt_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Code written with rt's types is production code: building it must link
// neither package testing nor the model-checking engine, only the leaf
// packages trace and sched they share.
func TestProductionDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	require.NoError(t, err)
	deps := strings.Fields(string(out))
	require.NotContains(t, deps, "testing")
	require.NotContains(t, deps, "github.com/interleave/concurrency/harness")
	require.Contains(t, deps, "github.com/interleave/concurrency/harness/trace")
	require.Contains(t, deps, "github.com/interleave/concurrency/harness/sched")
}
