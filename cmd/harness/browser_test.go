package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	page "github.com/interleave/concurrency/harness/report"
	"github.com/interleave/concurrency/harness/rt"
)

// browserCase is one report page loaded in headless Chromium. page writes
// it into dir and returns its path.
type browserCase struct {
	name       string
	shot       string // the screenshot in docs/img, refreshed with -update
	page       func(t *testing.T, dir string) string
	lanes      int // <g class="lane"> in the DOM after scripts ran
	cycleEdges int // wait-for edges of the cycle
	cycleSteps int // steps of a lasso's cycle
	raceSteps  int // the two accesses of a data race
}

var browserCases = []browserCase{
	{name: "deadlock", shot: "report-deadlock.png", page: cliPage("explore deadlock --variant naive --param n=4", 1), lanes: 4, cycleEdges: 4},
	{name: "lostupdate", shot: "report-lostupdate.png", page: cliPage("explore counter --variant race", 1), lanes: 2},
	{name: "livelock", shot: "report-livelock.png", page: cliPage("explore deadlock --variant trylock --fairness weak", 2), lanes: 5, cycleSteps: 10},
	{name: "race", shot: "report-race.png", page: rtRacePage, lanes: 3, raceSteps: 2},
}

// rtRacePage is rt's page of a lost update on a plain variable: two
// goroutines increment it with no lock.
func rtRacePage(t *testing.T, dir string) string {
	rep, err := rt.Explore(func(t *rt.T) {
		var hits rt.Var[int]
		var wg rt.WaitGroup
		for range 2 {
			wg.Go(func() { hits.Store(hits.Load() + 1) })
		}
		wg.Wait()
	})
	require.NoError(t, err)
	require.NotNil(t, rep.Failure)
	require.NotNil(t, rep.Failure.Page)
	var b bytes.Buffer
	require.NoError(t, page.Write(&b, rep.Failure.Page))
	file := filepath.Join(dir, "race.html")
	require.NoError(t, os.WriteFile(file, b.Bytes(), 0o644))
	return file
}

// cliPage runs the CLI with --html and returns its k-th page.
func cliPage(args string, k int) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		file := filepath.Join(dir, "page.html")
		_, code, stderr := runArgs(append(strings.Fields(args), "--html", file))
		require.Equal(t, exitViolation, code, stderr)
		return (&htmlOut{file}).names(k)[k-1]
	}
}

// chromium finds the browser or skips the test.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("chromium not found on PATH (looked for chromium, chromium-browser, google-chrome): install it with apt-get install -y chromium, as .ci/run does")
	return ""
}

// loaded is what Chromium made of a page: the DOM after its scripts ran,
// and every line the page wrote to the console (a report writes none; a
// thrown error or a failed promise shows up there too).
type loaded struct {
	dom     string
	console []string
	took    time.Duration
}

// load opens file in headless Chromium, with a fresh profile so that
// loads can run side by side, and takes a screenshot when shot is set.
func load(t *testing.T, bin, file, shot string, flags ...string) loaded {
	t.Helper()
	abs, err := filepath.Abs(file)
	require.NoError(t, err)
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
		"--user-data-dir=" + t.TempDir(), "--dump-dom"}, flags...)
	if shot != "" {
		args = append(args, "--screenshot="+shot, "--window-size=1400,1000")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(args, "file://"+abs)...)
	var out, errw bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errw
	start := time.Now()
	require.NoError(t, cmd.Run(), "chromium: %s", errw.String())
	l := loaded{dom: out.String(), took: time.Since(start)}
	for _, line := range strings.Split(errw.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			l.console = append(l.console, line)
		}
	}
	require.Contains(t, l.dom, "</html>", "chromium printed no DOM")
	return l
}

// problems lists what is wrong with a loaded report page.
func problems(l loaded, c browserCase) []string {
	var p []string
	for _, line := range l.console {
		p = append(p, "console: "+line)
	}
	count := func(what, s string, want int) {
		if n := strings.Count(l.dom, s); n != want {
			p = append(p, fmt.Sprintf("%d %s in the DOM, want %d", n, what, want))
		}
	}
	count("lanes", `class="lane"`, c.lanes)
	count("cycle edges", `class="edge cycle"`, c.cycleEdges)
	count("cycle steps", `class="step cycle"`, c.cycleSteps)
	count("race steps", `class="step race"`, c.raceSteps)
	return p
}

// TestBrowser loads each kind of report in headless Chromium: no console
// output, the lanes and cycle drawn, a screenshot (docs/img with -update).
func TestBrowser(t *testing.T) {
	t.Parallel() // the loads overlap: most of one is the browser starting
	bin := chromium(t)
	for _, c := range browserCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			file := c.page(t, dir)
			shot := filepath.Join(dir, c.shot)
			l := load(t, bin, file, shot)
			require.Empty(t, problems(l, c))
			png, err := os.ReadFile(shot)
			require.NoError(t, err)
			require.True(t, bytes.HasPrefix(png, []byte("\x89PNG")), "a PNG screenshot")
			st, err := os.Stat(file)
			require.NoError(t, err)
			t.Logf("%s: %s, %d bytes, loaded in chromium in %v (process start included)", c.name, filepath.Base(file), st.Size(), l.took.Round(time.Millisecond))
			if *update {
				require.NoError(t, os.WriteFile(filepath.Join("..", "..", "docs", "img", c.shot), png, 0o644))
			}
		})
	}
}

// clickCopy is appended to a page: it clicks the copy button (with the
// clipboard API taken away when noClipboard) and records the outcome.
const clickCopy = `<script>
(function () {
  if (%t) { Object.defineProperty(navigator, "clipboard", {value: undefined}); }
  var b = document.querySelector("button.copy");
  b.click();
  setTimeout(function () {
    document.body.setAttribute("data-copy", b.textContent);
    document.body.setAttribute("data-selection", String(window.getSelection()));
  }, 100);
})();
</script>
</body>`

var copyOutcome = regexp.MustCompile(`data-copy="([^"]*)" data-selection="([^"]*)"`)

// copied says whether the copy button copied the replay command or
// selected it for Ctrl+C.
func copied(dom, replay string) error {
	m := copyOutcome.FindStringSubmatch(dom)
	switch {
	case m == nil:
		return fmt.Errorf("the click left no outcome")
	case m[1] == "Copied":
		return nil
	case m[1] == "Selected: press Ctrl+C" && html.UnescapeString(m[2]) == replay:
		return nil
	}
	return fmt.Errorf("button says %q, selection %q", m[1], m[2])
}

// withScript writes a copy of the page at file with script before
// </body>, and without the page's own script when strip.
func withScript(t *testing.T, file, script string, strip bool) string {
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	s := string(b)
	if strip {
		s = regexp.MustCompile(`(?s)<script>.*?</script>`).ReplaceAllString(s, "")
	}
	out := strings.TrimSuffix(file, ".html") + "-probe.html"
	require.NoError(t, os.WriteFile(out, []byte(strings.Replace(s, "</body>", script, 1)), 0o644))
	return out
}

// TestBrowserCopyButton: on file:// headless Chromium refuses the
// clipboard; the button falls back to selecting the command, without a
// console error, with and without the clipboard API.
func TestBrowserCopyButton(t *testing.T) {
	t.Parallel() // the loads overlap: most of one is the browser starting
	bin := chromium(t)
	page := cliPage("explore deadlock --param n=4", 1)(t, t.TempDir())
	replay := "harness replay deadlock --variant naive --param n=4 --schedule 0,1,2,3"
	for _, noClipboard := range []bool{false, true} {
		t.Run(fmt.Sprintf("noClipboard=%t", noClipboard), func(t *testing.T) {
			t.Parallel()
			probe := withScript(t, page, fmt.Sprintf(clickCopy, noClipboard), false)
			l := load(t, bin, probe, "", "--virtual-time-budget=2000")
			require.Empty(t, l.console)
			require.NoError(t, copied(l.dom, replay))
		})
	}
}

// TestBrowserChecksCanFail seeds the bugs the checks above look for: a
// page that writes a console error and throws, whose script removes a
// lane, and whose copy button does nothing (its script is gone).
func TestBrowserChecksCanFail(t *testing.T) {
	t.Parallel() // the loads overlap: most of one is the browser starting
	bin := chromium(t)
	c := browserCases[0]
	page := c.page(t, t.TempDir())
	seeded := `<script>
console.error("seeded console error");
document.querySelector(".lane").remove();
</script>
<script>throw new Error("seeded thrown error");</script>
` + fmt.Sprintf(clickCopy, false)
	l := load(t, bin, withScript(t, page, seeded, true), "", "--virtual-time-budget=2000")
	got := strings.Join(problems(l, c), "\n")
	require.Contains(t, got, "seeded console error")
	require.Contains(t, got, "Uncaught Error: seeded thrown error")
	require.Contains(t, got, "3 lanes in the DOM, want 4")
	require.Error(t, copied(l.dom, "harness replay deadlock --variant naive --param n=4 --schedule 0,1,2,3"))
}
