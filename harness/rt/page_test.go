package rt_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/interleave/concurrency/harness/report"
	"github.com/interleave/concurrency/harness/rt"
	"github.com/stretchr/testify/require"
)

// pageOf explores the seeded bug and its fix: the bug's failure has a
// Page (returned, with the file and line of here for locations), the
// fix has no failure, so no Page.
func pageOf(t *testing.T, bug, fixed func(*rt.T), opts ...rt.Option) *report.Page {
	t.Helper()
	rep, err := rt.Explore(bug, opts...)
	require.NoError(t, err)
	require.NotNil(t, rep.Failure, "the seeded bug is not found")
	p := rep.Failure.Page
	require.NotNil(t, p)
	js, _ := json.MarshalIndent(p, "", "  ")
	t.Logf("page: %s", js)
	if p.Lasso == nil {
		require.Equal(t, string(rep.Failure.Kind), p.Kind)
	}
	require.Equal(t, rep.Failure.Message, p.Message)
	require.Equal(t, fmt.Sprintf("rt.WithReplay(%q)", rep.Failure.Schedule.String()), p.Replay)
	require.Regexp(t, `^rt\.Explore: execution \d+ failed \(`, p.Title)
	for _, s := range p.Steps {
		require.Less(t, s.Lane, len(p.Lanes), "every step is in a lane")
	}

	ok, err := rt.Explore(fixed, opts...)
	require.NoError(t, err)
	require.Nil(t, ok.Failure, ok.String())
	return p
}

// pageLine is the line of its caller plus d, for expected locations.
func pageLine(d int) string {
	_, _, l, _ := runtime.Caller(1)
	return fmt.Sprintf("page_test.go:%d", l+d)
}

// stepsAt returns the steps whose text is text.
func stepsAt(p *report.Page, text string) []int {
	var is []int
	for i, s := range p.Steps {
		if s.Text == text {
			is = append(is, i)
		}
	}
	return is
}

// A lock-order deadlock between two goroutines: each lane, the two
// edges of the cycle labelled with the lock waited for, the four Coffman
// conditions with the steps that took the locks, and who holds what.
func TestPageDeadlock(t *testing.T) {
	var spawn, second string
	body := func(fixed bool) func(*rt.T) {
		return func(t *rt.T) {
			var a, b rt.Mutex
			spawn = pageLine(2)
			//lint:ignore SA2001 acquiring the locks is the point here
			t.Go(func() { a.Lock(); b.Lock(); b.Unlock(); a.Unlock() })
			if fixed {
				a.Lock()
				b.Lock()
				//lint:ignore SA2001 acquiring the lock is the point here
				b.Unlock()
				a.Unlock()
				return
			}
			b.Lock()
			second = pageLine(1)
			a.Lock()
			//lint:ignore SA2001 acquiring the lock is the point here
			a.Unlock()
			b.Unlock()
		}
	}
	p := pageOf(t, body(false), body(true))
	require.Equal(t, "deadlock", p.Kind)
	require.Equal(t, []string{"G0", "G1 (func at " + spawn + ")"}, p.Lanes)
	require.NotNil(t, p.WaitFor)
	require.ElementsMatch(t, p.Lanes, p.WaitFor.Nodes)
	require.Len(t, p.WaitFor.Edges, 2)
	for _, e := range p.WaitFor.Edges {
		require.True(t, e.InCycle, "%+v", e)
		require.NotEqual(t, e.From, e.To)
		want := "a" // G0 waits for a, held by G1
		if p.WaitFor.Nodes[e.From] != "G0" {
			want = "b"
		}
		require.Equal(t, want, e.Label, "%+v", e)
	}
	require.Len(t, p.Coffman, 4)
	names := []string{"mutual exclusion", "hold and wait", "no preemption", "circular wait"}
	for i, c := range p.Coffman {
		require.Equal(t, names[i], c.Name)
		require.True(t, c.Holds)
		require.NotEmpty(t, c.Evidence)
	}
	lockB := stepsAt(p, "b.Lock")
	require.NotEmpty(t, lockB)
	require.Contains(t, p.Coffman[1].Evidence, fmt.Sprintf("G0 locked b at step %d (%s)", lockB[0]+1, p.Steps[lockB[0]].Loc))
	require.Equal(t, []string{"G0 blocked in a.Lock (held by G1) at " + second},
		filter(p.FinalState, "G0 "))
	require.Contains(t, p.FinalState, "a held by G1")
	require.Contains(t, p.FinalState, "b held by G0")
	require.Nil(t, p.Race)
	require.Nil(t, p.Lasso)
}

func filter(lines []string, prefix string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

// A data race on a Var: both accesses, each at the step that made it,
// in the lane of its goroutine, with its stack, and the happens-before
// that is missing in words.
func TestPageRace(t *testing.T) {
	var store, load string
	body := func(fixed bool) func(*rt.T) {
		return func(t *rt.T) {
			var mu rt.Mutex
			x := new(rt.Var[int])
			lock := func() {
				if fixed {
					mu.Lock()
				}
			}
			unlock := func() {
				if fixed {
					mu.Unlock()
				}
			}
			store = pageLine(1)
			t.Go(func() { lock(); x.Store(1); unlock() })
			lock()
			load = pageLine(1)
			_ = x.Load()
			unlock()
		}
	}
	p := pageOf(t, body(false), body(true))
	require.Equal(t, "data race", p.Kind)
	r := p.Race
	require.NotNil(t, r)
	require.Equal(t, "x", r.Object)
	accesses := map[string]report.Access{"x.Store": r.First, "x.Load": r.Second}
	if r.First.Text == "x.Load" {
		accesses = map[string]report.Access{"x.Load": r.First, "x.Store": r.Second}
	}
	for text, a := range accesses {
		require.Equal(t, text, a.Text)
		require.GreaterOrEqual(t, a.Step, 0)
		require.Less(t, a.Step, len(p.Steps))
		s := p.Steps[a.Step]
		require.Equal(t, text, s.Text, "the access points at its step")
		require.Equal(t, a.Lane, s.Lane)
		want, lane := load, 0
		if text == "x.Store" {
			want, lane = store, 1
		}
		require.Equal(t, want, s.Loc)
		require.Equal(t, lane, a.Lane)
		require.Contains(t, a.Stack, want, "the stack is the access's")
	}
	require.Less(t, r.First.Step, r.Second.Step)
	require.Regexp(t, `^no lock, channel or atomic operation orders G\d's (write|read) at page_test\.go:\d+ \(step \d+\) before G\d's (write|read) at page_test\.go:\d+ \(step \d+\)$`, r.Missing)
	require.Contains(t, r.Missing, store)
	require.Contains(t, r.Missing, load)
	require.Nil(t, p.WaitFor)
}

// A livelock: the steps end with one turn of the cycle, which the lasso
// starts; a note says where the step limit stopped it.
func TestPageLivelock(t *testing.T) {
	body := func(fixed bool) func(*rt.T) {
		return func(t *rt.T) {
			var flag rt.Bool
			var wg rt.WaitGroup
			wg.Go(func() {
				for !flag.Load() {
					rt.Yield()
				}
			})
			if fixed {
				flag.Store(true)
			}
			wg.Wait()
		}
	}
	p := pageOf(t, body(false), body(true), rt.WithMaxSteps(500))
	require.Equal(t, "livelock", p.Kind)
	require.NotNil(t, p.Lasso)
	cycle := p.Steps[p.Lasso.Start:]
	require.Len(t, cycle, 2, "one turn of the cycle")
	require.Equal(t, "flag.Load", cycle[0].Text)
	require.Equal(t, "Yield", cycle[1].Text)
	require.Equal(t, 1, cycle[0].Lane)
	require.NotEqual(t, "flag.Load", p.Steps[p.Lasso.Start-1].Text, "the lasso starts where the repetition does")
	require.Equal(t, []string{fmt.Sprintf("steps %d to %d repeat until the step limit (WithMaxSteps) stops the execution at step 500", p.Lasso.Start+1, p.Lasso.Start+2)}, p.Notes)
	require.Contains(t, p.FinalState, "not finished when the execution stopped: G0, G1 (func at "+lineOfWgGo(p)+")")
}

// lineOfWgGo is the spawn site named in the lane of G1.
func lineOfWgGo(p *report.Page) string {
	_, rest, _ := strings.Cut(p.Lanes[1], "(func at ")
	return strings.TrimSuffix(rest, ")")
}

// A panic: its message and steps, nothing of the other checks.
func TestPagePanic(t *testing.T) {
	body := func(fixed bool) func(*rt.T) {
		return func(t *rt.T) {
			var n rt.Int64
			t.Go(func() { n.Store(n.Load() + 1) })
			n.Store(n.Load() + 1)
			if n.Load() != 2 && !fixed {
				panic("lost update")
			}
		}
	}
	p := pageOf(t, body(false), body(true))
	require.Equal(t, "panic", p.Kind)
	require.Contains(t, p.Message, "G0 panicked: lost update")
	require.Equal(t, "n.Load", p.Steps[len(p.Steps)-1].Text)
	require.Nil(t, p.WaitFor)
	require.Nil(t, p.Coffman)
	require.Nil(t, p.Race)
	require.Nil(t, p.Lasso)
}

// noArtifacts is a TB without ArtifactDir: Check writes no HTML and
// says nothing about it.
type noArtifacts struct {
	name   string
	report string
	logs   []string
}

func (n *noArtifacts) Helper()           {}
func (n *noArtifacts) Name() string      { return n.name }
func (n *noArtifacts) Fatal(args ...any) { n.Fatalf("%s", fmt.Sprint(args...)) }
func (n *noArtifacts) Fatalf(format string, args ...any) {
	n.report = fmt.Sprintf(format, args...)
	panic(n)
}
func (n *noArtifacts) Logf(format string, args ...any) {
	n.logs = append(n.logs, fmt.Sprintf(format, args...))
}
func (n *noArtifacts) Skipf(format string, args ...any) { panic("skipped") }
func (n *noArtifacts) TempDir() string                  { return os.TempDir() }

// checkFails runs Check on tb, which must fail; it returns the report.
func checkFails(t *testing.T, tb rt.TB, body func(*rt.T), report *string) string {
	t.Helper()
	func() {
		defer func() {
			if r := recover(); r != nil && r != tb {
				panic(r)
			}
		}()
		rt.Check(tb, body)
	}()
	require.NotEmpty(t, *report, "the seeded bug is not found")
	return *report
}

// Check writes the HTML report to the test's artifact directory, next
// to the full trace when there is one (and links to it), and names it in
// the failure; with no artifact directory it skips it.
func TestCheckSavesHTML(t *testing.T) {
	for _, c := range []struct {
		name string
		body func(*rt.T)
		full bool
	}{
		{"two goroutines", lostUpdate, false},
		{"ten goroutines", crowd(10, 20, false), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := &artifactTB{T: t}
			text := checkFails(t, tb, c.body, &tb.report)
			_, path, found := strings.Cut(text, "\nhtml report: ")
			require.True(t, found, text)
			path, _, _ = strings.Cut(path, "\n")
			require.Equal(t, "rt-failure.html", filepath.Base(path))
			page, err := os.ReadFile(path)
			require.NoError(t, err)
			require.Contains(t, string(page), t.Name())
			require.Contains(t, string(page), "INTERLEAVE_REPLAY=", "the replay command")
			require.Equal(t, c.full, strings.Contains(text, "full trace: "+filepath.Join(filepath.Dir(path), "rt-failure.txt")+"\n"), text)
			require.Equal(t, c.full, strings.Contains(string(page), `href="rt-failure.txt"`))
		})
	}

	t.Run("attached files", func(t *testing.T) {
		tb := &artifactTB{T: t}
		near := filepath.Join(t.ArtifactDir(), "view.html")
		far := "/elsewhere/log.txt"
		text := checkFails(t, tb, func(t *rt.T) {
			t.Attach("a view", near)
			t.Attach("a log", far)
			lostUpdate(t)
		}, &tb.report)
		_, path, _ := strings.Cut(text, "\nhtml report: ")
		path, _, _ = strings.Cut(path, "\n")
		page, err := os.ReadFile(path)
		require.NoError(t, err)
		require.Contains(t, string(page), `href="view.html"`, "a file beside the page by name")
		require.Contains(t, string(page), `href="file:///elsewhere/log.txt"`, "others by file URL")
	})

	none := &noArtifacts{name: "TestNone"}
	text := checkFails(t, none, lostUpdate, &none.report)
	require.NotContains(t, text, "html report")
	require.Empty(t, none.logs)
}
