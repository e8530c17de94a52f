package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	page "github.com/interleave/concurrency/harness/report"
	"github.com/stretchr/testify/require"
)

// htmlCases run with and without --html; pages are the files --html
// writes, compared with testdata/html/<name>[-k].golden.
var htmlCases = []struct {
	name  string
	args  string
	pages int
}{
	{"deadlock", "explore deadlock --param n=4", 1},
	{"lostupdate", "explore counter --variant race", 1},
	{"livelock", "explore deadlock --variant trylock --fairness weak", 2},
	{"ok", "explore deadlock --variant ordered --param n=3", 1},
	{"json", "explore deadlock --param n=3 --json", 1},
	{"replay", "replay deadlock --param n=3 --schedule 0,1,2", 1},
	{"replay_lasso", "replay deadlock --variant trylock --param n=3 --schedule 0,1,0,2,0,1,2 --cycle 6 --fairness weak", 1},
	{"replay_none", "replay counter --variant race --schedule 0,1", 1},
}

// TestHTML: --html adds one line to the text report (none to JSON) and
// writes the same pages every time.
func TestHTML(t *testing.T) {
	for _, c := range htmlCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, c.name+".html")
			args := strings.Fields(c.args)
			plain, code, _ := runArgs(args)
			with, codeWith, _ := runArgs(append(args, "--html", file))
			require.Equal(t, code, codeWith, "--html does not change the exit code")
			names := (&htmlOut{file}).names(c.pages)
			extra := "html report: " + strings.Join(names, ", ") + "\n"
			if strings.Contains(c.args, "--json") {
				extra = ""
			}
			at := strings.LastIndex(plain, "--- exit")
			require.Equal(t, plain[:at]+extra+plain[at:], with, "the text report gains one line")
			for i, name := range names {
				got, err := os.ReadFile(name)
				require.NoError(t, err)
				golden := filepath.Join("testdata", "html", strings.TrimSuffix(filepath.Base(name), ".html")+".golden")
				if *update {
					require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
					require.NoError(t, os.WriteFile(golden, got, 0o644))
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "run with -update to create it")
				require.Equal(t, string(want), string(got), "page %d of %s", i+1, c.name)
			}
			_, err := os.Stat((&htmlOut{file}).names(c.pages + 1)[c.pages])
			require.ErrorIs(t, err, os.ErrNotExist, "one page per violation, no more")
		})
	}
}

// TestHTMLPageContents checks the conversion where the goldens would not
// show a mistake at a glance.
func TestHTMLPageContents(t *testing.T) {
	dir := t.TempDir()
	read := func(args string, page int) string {
		file := filepath.Join(dir, "p.html")
		runArgs(append(strings.Fields(args), "--html", file))
		b, err := os.ReadFile((&htmlOut{file}).names(page)[page-1])
		require.NoError(t, err)
		return string(b)
	}
	has := func(page, want string) {
		t.Helper()
		require.True(t, strings.Contains(page, want), "the page lacks %q", want)
	}
	deadlock := read("explore deadlock --param n=4", 1)
	require.Equal(t, 4, strings.Count(deadlock, `class="lane"`))
	require.Equal(t, 4, strings.Count(deadlock, `class="edge cycle"`))
	has(deadlock, "Coffman conditions (4 of 4 hold)")
	has(deadlock, "P0 at &#34;take fork1&#34; waits for fork1, holding fork0")
	has(deadlock, "harness replay deadlock --variant naive --param n=4 --schedule 0,1,2,3</pre>")

	livelock := read("explore deadlock --variant trylock --param n=3 --fairness weak", 2)
	has(livelock, "LIVELOCK")
	has(livelock, "repeat forever (weak fairness)")
	has(livelock, `<a href="p.html">violation 1 of 2: starvation</a>`)
	require.Equal(t, 6, strings.Count(livelock, `class="step cycle"`), "the cycle's steps")

	// no cycle: main waits for the child, the child for a lock nobody
	// can release; both are nodes, one edge, not highlighted
	fork := read("explore process --variant fork-lock", 1)
	require.Equal(t, 2, strings.Count(fork, `<g class="node">`))
	require.Equal(t, 1, strings.Count(fork, `<g class="edge">`))
	require.Zero(t, strings.Count(fork, `class="edge cycle"`))
	has(fork, "Coffman conditions (2 of 4 hold)")
}

func TestHTMLBadPath(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "missing", "x.html"), dir} {
		out, code, stderr := runArgs([]string{"explore", "deadlock", "--html", path})
		require.Equal(t, exitUsage, code, out)
		require.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
		require.Contains(t, stderr, "--html "+path+": cannot write there")
		require.Contains(t, stderr, "allowed")
	}
	ro := filepath.Join(dir, "ro")
	require.NoError(t, os.Mkdir(ro, 0o555))
	if os.Geteuid() != 0 { // root writes anywhere
		_, code, _ := runArgs([]string{"explore", "deadlock", "--html", filepath.Join(ro, "x.html")})
		require.Equal(t, exitUsage, code)
	}
}

// TestHTMLCheckCreatesNothing: the check before the search leaves no file
// behind and does not touch an existing one.
func TestHTMLCheckCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	_, err := openHTML(filepath.Join(dir, "new.html"))
	require.NoError(t, err)
	old := filepath.Join(dir, "old.html")
	require.NoError(t, os.WriteFile(old, []byte("keep"), 0o644))
	_, err = openHTML(old)
	require.NoError(t, err)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	b, err := os.ReadFile(old)
	require.NoError(t, err)
	require.Equal(t, "keep", string(b))
}

// TestHTMLWriteFails: a directory gone after the check is an error, not
// a page silently lost.
func TestHTMLWriteFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	require.NoError(t, os.Mkdir(dir, 0o755))
	h, err := openHTML(filepath.Join(dir, "x.html"))
	require.NoError(t, err)
	require.NoError(t, os.Remove(dir))
	_, err = h.write([]*page.Page{{Kind: "ok"}})
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestHTMLNames(t *testing.T) {
	require.Equal(t, []string{"a/r.html", "a/r-2.html", "a/r-3.html"}, (&htmlOut{"a/r.html"}).names(3))
	require.Equal(t, []string{"report", "report-2.html"}, (&htmlOut{"report"}).names(2))
}
