package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHarnessTestHTMLReport: under harness test a failing test's report
// names its HTML report, which go test -artifacts -outputdir DIR keeps
// under DIR/_artifacts.
func TestHarnessTestHTMLReport(t *testing.T) {
	atRoot(t)
	dir := t.TempDir()
	out, code, _ := runArgs([]string{"test", "-artifacts", "-outputdir", dir, "./harness/instrument/testdata/transfer/bug"})
	require.Equal(t, exitViolation, code, out)
	m := regexp.MustCompile(`\n\s+html report: (\S+)\n`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	require.True(t, strings.HasPrefix(m[1], filepath.Join(dir, "_artifacts")+string(filepath.Separator)), m[1])
	require.Equal(t, "rt-failure.html", filepath.Base(m[1]))
	page, err := os.ReadFile(m[1])
	require.NoError(t, err)
	require.Contains(t, string(page), "TestTransfers")
	require.Contains(t, string(page), "DEADLOCK")
}
