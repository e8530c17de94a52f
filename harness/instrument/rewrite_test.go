package instrument_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/interleave/concurrency/harness/instrument"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// rewrites instruments the fixture packages matching pattern and returns
// the overlay: original path (relative to testdata) → rewritten text.
func rewrites(t *testing.T, scope instrument.Scope, patterns ...string) (map[string]string, *instrument.Result) {
	t.Helper()
	res, err := instrument.Instrument(patterns, instrument.Config{Scope: scope, WorkDir: t.TempDir()})
	require.NoError(t, err)
	data, err := os.ReadFile(res.Overlay)
	require.NoError(t, err)
	var ov struct{ Replace map[string]string }
	require.NoError(t, json.Unmarshal(data, &ov))
	abs, err := filepath.Abs("testdata")
	require.NoError(t, err)
	out := map[string]string{}
	for orig, path := range ov.Replace {
		text, err := os.ReadFile(path)
		require.NoError(t, err)
		rel, err := filepath.Rel(abs, orig)
		require.NoError(t, err)
		out[filepath.ToSlash(rel)] = strings.ReplaceAll(string(text), abs+string(filepath.Separator), "testdata/")
	}
	return out, res
}

// fixtures are the packages of testdata (go's ./... skips testdata).
var fixtures = []string{"./testdata/sample", "./testdata/constructs", "./testdata/transfer/bug", "./testdata/transfer/fixed", "./testdata/xtest", "./testdata/subtests"}

// TestRewriteGolden compares the rewrite of each fixture with
// testdata/golden/<file>.golden. Refresh with -update.
func TestRewriteGolden(t *testing.T) {
	for _, pkg := range []string{"sample", "constructs", "transfer/bug", "xtest"} {
		t.Run(pkg, func(t *testing.T) {
			got, _ := rewrites(t, instrument.ScopeModule, "./testdata/"+pkg)
			require.NotEmpty(t, got)
			for rel, text := range got {
				golden := filepath.Join("testdata", "golden", rel+".golden")
				if *update {
					require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
					require.NoError(t, os.WriteFile(golden, []byte(text), 0o644))
					continue
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "run with -update to create it")
				require.Equal(t, string(want), text, rel)
			}
		})
	}
}

// TestRewriteKeepsLines checks that every line of a rewritten file is
// where it was: the go command reports, and rt's reports print, the
// positions of the rewrite, which must be the user's.
func TestRewriteKeepsLines(t *testing.T) {
	got, _ := rewrites(t, instrument.ScopeModule, fixtures...)
	names := make([]string, 0, len(got))
	for rel := range got {
		names = append(names, rel)
	}
	sort.Strings(names)
	for _, rel := range names {
		if strings.HasSuffix(rel, "zz_interleave_test.go") {
			continue
		}
		orig, err := os.ReadFile(filepath.Join("testdata", rel))
		require.NoError(t, err)
		text := got[rel]
		header, body, _ := strings.Cut(text, "\n")
		require.Equal(t, "//line testdata/"+rel+":1", header, rel)
		if strings.Contains(body, "/*line ") {
			continue // a moved multi-line expression: the directive restores the lines
		}
		require.Equal(t, strings.Count(string(orig), "\n"), strings.Count(body, "\n"), rel)
	}
}
