package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// philosophers is the page of naive dining philosophers, n=3.
func philosophers() *Page {
	return &Page{
		Title:   "explore deadlock  variant=naive  n=3  strategy=bfs",
		Kind:    "deadlock",
		Message: "no thread can step, and P0, P1, P2 have not finished",
		Lanes:   []string{"P0", "P1", "P2"},
		Steps: []Step{
			{Lane: 0, Text: "take fork0"}, {Lane: 1, Text: "take fork1"}, {Lane: 2, Text: "take fork2"},
		},
		FinalState: []string{"held: fork0 by P0, fork1 by P1, fork2 by P2"},
		WaitFor: &WaitFor{Nodes: []string{"P0", "P1", "P2"}, Edges: []Edge{
			{From: 0, To: 1, Label: "fork1", InCycle: true},
			{From: 1, To: 2, Label: "fork2", InCycle: true},
			{From: 2, To: 0, Label: "fork0", InCycle: true},
		}},
		Coffman: []Condition{
			{Name: "mutual exclusion", Holds: true, Evidence: []string{"P0 needs fork1, held by P1 since step 2"}},
			{Name: "hold and wait", Holds: true, Evidence: []string{"P0 holds fork0 while waiting for fork1"}},
			{Name: "no preemption", Holds: true, Evidence: []string{"every release is made by the holder itself"}},
			{Name: "circular wait", Holds: true, Evidence: []string{"P0 → fork1 → P1 → fork2 → P2 → fork0 → P0"}},
		},
		Replay: "harness replay deadlock --variant naive --param n=3 --schedule 0,1,2",
	}
}

// lostUpdate is a counter's lost update: no graph, values in the steps.
func lostUpdate() *Page {
	return &Page{
		Title: "explore counter  variant=race  threads=2  increments=1", Kind: "lost-update",
		Message: "x=1 after 2 threads × 1 increments (want 2)",
		Lanes:   []string{"T0", "T1"},
		Steps: []Step{
			{Lane: 0, Text: "read x (=0)"}, {Lane: 1, Text: "read x (=0)"},
			{Lane: 0, Text: "write x=1"}, {Lane: 1, Text: "write x=1"},
		},
		FinalState: []string{"x=1, T0 did 1/1, T1 did 1/1"},
		Replay:     "harness replay counter --variant race --param threads=2 --param increments=1 --schedule 0,1,0,1",
	}
}

// livelock is a lasso: the last four steps repeat forever.
func livelock() *Page {
	return &Page{
		Title: "explore deadlock  variant=trylock  n=2  fairness=weak", Kind: "livelock",
		Message: "threads step forever on a weak-fair cycle of 4 steps and none makes progress",
		Lanes:   []string{"P0", "P1"},
		Steps: []Step{
			{Lane: 0, Text: "take fork0"}, {Lane: 1, Text: "take fork1"},
			{Lane: 0, Text: "put back fork0"}, {Lane: 1, Text: "put back fork1"},
			{Lane: 0, Text: "take fork0"},
		},
		Lasso:  &Lasso{Start: 1, Fairness: "weak"},
		Replay: "harness replay deadlock --variant trylock --param n=2 --schedule 0,1,0,1,0 --cycle 4 --fairness weak",
	}
}

// race is rt's data race, with source locations and stacks.
func race() *Page {
	return &Page{
		Title: "TestCounter", Kind: "data race",
		Message: "n: G1 n.Store at demo_test.go:15 (step 5) and G2 n.Load at demo_test.go:15 (step 7) are not ordered by happens-before",
		Lanes:   []string{"G0", "G1 (func at demo_test.go:15)", "G2 (func at demo_test.go:15)"},
		Steps: []Step{
			{Lane: 0, Text: "start", Loc: "demo_test.go:10"},
			{Lane: 0, Text: "wg.Add", Loc: "demo_test.go:14"},
			{Lane: 0, Text: "wg.Add", Loc: "demo_test.go:14"},
			{Lane: 1, Text: "n.Load", Loc: "demo_test.go:15"},
			{Lane: 1, Text: "n.Store", Loc: "demo_test.go:15"},
			{Lane: 1, Text: "wg.Done", Loc: "demo_test.go:15"},
			{Lane: 2, Text: "n.Load", Loc: "demo_test.go:15"},
		},
		Race: &Race{Object: "n",
			First:   Access{Lane: 1, Step: 4, Text: "write n", Stack: "demo.TestCounter.func1()\n\tdemo_test.go:15"},
			Second:  Access{Lane: 2, Step: 6, Text: "read n", Stack: "demo.TestCounter.func1()\n\tdemo_test.go:15"},
			Missing: "G1's wg.Done at step 6 does not happen before G2's n.Load: only wg.Wait would order them"},
		Links:  []Link{{Text: "linearizability view", Href: "porcupine.html"}},
		Notes:  []string{"schedule: 0*3,1*3,2"},
		Replay: "INTERLEAVE_REPLAY='0*3,1*3,2' go test -run '^TestCounter$' ./pkg",
	}
}

// ok is a search that found nothing: no lanes, no replay.
func ok() *Page {
	return &Page{Title: "explore deadlock  variant=ordered  n=3  strategy=bfs", Kind: "ok",
		Message: "result: ok: no violation in the whole reachable space (checked: deadlock)",
		Notes:   []string{"states: 26  transitions: 51  max depth: 9"}}
}

// long has more steps than are drawn, and a lasso in the part drawn last.
func long(n int) *Page {
	p := &Page{Title: "long", Kind: "livelock", Lanes: []string{"A", "B"}, Replay: "replay"}
	for i := range n {
		p.Steps = append(p.Steps, Step{Lane: i % 2, Text: fmt.Sprintf("step %d", i+1)})
	}
	p.Lasso = &Lasso{Start: n - 2}
	return p
}

func hostile() *Page {
	evil := `<script>alert(1)</script>"'&<img src=x onerror=alert(2)>`
	p := race()
	p.Title, p.Kind, p.Message = evil, evil, evil
	p.Lanes[0] = evil
	p.Steps[0].Text, p.Steps[0].Loc = evil, evil
	p.FinalState = []string{evil}
	p.WaitFor = &WaitFor{Nodes: []string{evil, "x"}, Edges: []Edge{{From: 0, To: 1, Label: evil, InCycle: true}}}
	p.Coffman = []Condition{{Name: evil, Evidence: []string{evil}}}
	p.Race.Object, p.Race.Missing, p.Race.First.Stack = evil, evil, evil
	p.Links = []Link{{Text: evil, Href: "javascript:alert(3)"}}
	p.Notes = []string{evil}
	p.Replay = evil
	return p
}

var pages = map[string]func() *Page{
	"deadlock": philosophers, "lostupdate": lostUpdate, "livelock": livelock, "race": race, "ok": ok,
	"long": func() *Page { return long(25) },
}

func render(t *testing.T, p *Page) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestGolden renders each page and compares it with testdata/<name>.golden.
// Refresh with -update.
func TestGolden(t *testing.T) {
	defer func(n int) { maxDrawn = n }(maxDrawn)
	maxDrawn = 10
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			got := render(t, page())
			file := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s; run with -update and review the diff", name, file)
			}
			if again := render(t, page()); again != got {
				t.Error("the same page must give the same bytes")
			}
		})
	}
}

// external matches what would make the browser fetch something: a src or
// href to another host, a CSS import or url() that is not a fragment.
var external = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:|//)|@import|url\(\s*["']?[^#"'\s)]`)

func TestSelfContained(t *testing.T) {
	for name, page := range pages {
		got := render(t, page())
		if m := external.FindString(got); m != "" {
			t.Errorf("%s: external reference %q", name, m)
		}
		for _, tag := range []string{"<link", "<img", "<iframe", "<object", "<embed", "script src"} {
			if strings.Contains(got, tag) {
				t.Errorf("%s: has %s", name, tag)
			}
		}
	}
	// the check itself catches each way of loading something
	for _, bad := range []string{`<img src="https://x/y.png">`, `<a href='//cdn'>`, `@import "a.css";`, `background: url(a.png)`} {
		if !external.MatchString(bad) {
			t.Errorf("the external check misses %s", bad)
		}
	}
}

func TestEscapes(t *testing.T) {
	got := render(t, hostile())
	for _, bad := range []string{"<script>alert", "<img src=x", "javascript:alert", `"'&<img`} {
		if strings.Contains(got, bad) {
			t.Errorf("hostile text %q reached the page unescaped", bad)
		}
	}
	if n := strings.Count(got, "<script>"); n != 1 {
		t.Errorf("want the copy button's script only, got %d <script>", n)
	}
	if !strings.Contains(got, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("hostile text is not shown escaped")
	}
}

func TestParts(t *testing.T) {
	cases := []struct {
		page       *Page
		want, not  []string
		lanes      int
		cycleEdges int
	}{
		{philosophers(), []string{`data-lane="P2"`, "Coffman conditions (4 of 4 hold)", `marker-end="url(#arrow-cycle)"`, `id="replay-cmd"`},
			[]string{"repeat forever", `class="step race"`}, 3, 3},
		{lostUpdate(), []string{"write x=1", "x=1, T0 did 1/1"}, []string{"Who waits", "Data race"}, 2, 0},
		{livelock(), []string{"↻ the 4 steps below repeat forever (weak fairness)", `class="step cycle"`, `class="bracket"`}, nil, 2, 0},
		{race(), []string{`class="step race"`, "no happens-before", "Missing happens-before", "G1 (func at demo_test.go:15), step 5", `href="porcupine.html"`, "demo_test.go:14"}, nil, 3, 0},
		{ok(), []string{"result: ok"}, []string{"swimlanes", "replay-cmd", "<section id=\"schedule\""}, 0, 0},
	}
	for _, c := range cases {
		got := render(t, c.page)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: missing %q", c.page.Kind, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: has %q", c.page.Kind, w)
			}
		}
		if n := strings.Count(got, `class="lane"`); n != c.lanes {
			t.Errorf("%s: %d lanes, want %d", c.page.Kind, n, c.lanes)
		}
		if n := strings.Count(got, `class="edge cycle"`); n != c.cycleEdges {
			t.Errorf("%s: %d cycle edges, want %d", c.page.Kind, n, c.cycleEdges)
		}
	}
}

// TestLong draws at most maxDrawn steps and says how many it left out.
func TestLong(t *testing.T) {
	got := render(t, long(100_000))
	if n := strings.Count(got, `<g class="step`); n != maxDrawn {
		t.Errorf("drew %d steps, want %d", n, maxDrawn)
	}
	for _, w := range []string{"98,000 steps left out (steps 1,001 to 99,000)", "The schedule has 100,000 steps", `data-step="100000"`, "↻ the 2 steps below"} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q", w)
		}
	}
	if len(got) > 2<<20 {
		t.Errorf("page of %d bytes for %d drawn steps", len(got), maxDrawn)
	}
	short := render(t, long(maxDrawn))
	if strings.Contains(short, "left out") || strings.Count(short, `<g class="step`) != maxDrawn {
		t.Error("a schedule that fits is drawn whole")
	}
}

func TestBadIndexes(t *testing.T) {
	bad := map[string]func(p *Page){
		"step 2 is in lane 5":        func(p *Page) { p.Steps[1].Lane = 5 },
		"lasso starts at step index": func(p *Page) { p.Lasso = &Lasso{Start: 9} },
		"wait-for edge 0→7":          func(p *Page) { p.WaitFor.Edges[0].To = 7 },
		"race access":                func(p *Page) { p.Race = &Race{First: Access{Lane: 0, Step: 3}, Second: Access{Lane: -1, Step: -1}} },
	}
	for want, spoil := range bad {
		p := philosophers()
		spoil(p)
		var b bytes.Buffer
		err := Write(&b, p)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "allowed") {
			t.Errorf("want an error naming %q and what is allowed, got %v", want, err)
		}
		if b.Len() > 0 {
			t.Error("a bad page writes nothing")
		}
	}
	if err := Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("a nil page is an error")
	}
}

func BenchmarkWrite(b *testing.B) {
	cases := map[string]*Page{"deadlock": philosophers(), "lostupdate": lostUpdate(), "livelock": livelock(), "race": race()}
	for _, n := range []int{2000, 100_000} {
		cases[fmt.Sprintf("steps=%d", n)] = long(n)
	}
	for name, p := range cases {
		b.Run(name, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := Write(&buf, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes")
		})
	}
}

// TestLocalLinks: links to files beside the page or elsewhere on disk
// (file:) stay as they are; other schemes go through html/template's
// filter.
func TestLocalLinks(t *testing.T) {
	p := &Page{Title: "t", Kind: "deadlock", Lanes: []string{"G0"}, Steps: []Step{{Text: "start"}},
		Links: []Link{{Text: "beside", Href: "view.html"}, {Text: "far", Href: "file:///tmp/a%20b/log.txt"}, {Text: "bad", Href: "javascript:alert(1)"}}}
	got := render(t, p)
	for _, want := range []string{`href="view.html"`, `href="file:///tmp/a%20b/log.txt"`, `href="#ZgotmplZ"`} {
		if !strings.Contains(got, want) {
			t.Errorf("page has no %s", want)
		}
	}
}
