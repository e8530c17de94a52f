package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/interleave/concurrency/harness"
	page "github.com/interleave/concurrency/harness/report"
	"github.com/interleave/concurrency/models/registry"
)

// htmlUsage documents --html in the usage of explore and replay.
const htmlUsage = `  --html FILE         also write the report as a web page to FILE: schedule
                      as swimlanes, wait-for graph, Coffman conditions, in
                      one file that opens offline. Each further violation
                      gets its own page, -2, -3 … before the extension
                      (deadlock-2.html), linked from the others; with no
                      violation the page says ok or bounded. The text
                      report ends with a line naming the files`

// htmlOut is where --html writes: path for the first page, then the same
// name with -2, -3 … before the extension.
type htmlOut struct{ path string }

// openHTML checks that path can be written before the search runs, so
// that a bad path is bad input and not a search thrown away. It creates
// nothing: an existing file is opened for writing, a new one's directory
// gets a temporary file, removed at once.
func openHTML(path string) (*htmlOut, error) {
	if path == "" {
		return nil, nil
	}
	bad := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return usagef("--html %s: cannot write there: %v (allowed: a file in an existing, writable directory, e.g. --html deadlock.html)", path, err)
	}
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return nil, bad(errors.New("is a directory"))
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, bad(err)
		}
		return &htmlOut{path}, f.Close()
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".harness-html-*")
	if err != nil {
		return nil, bad(err)
	}
	f.Close()
	return &htmlOut{path}, os.Remove(f.Name())
}

// names returns the files of n pages.
func (h *htmlOut) names(n int) []string {
	ext := filepath.Ext(h.path)
	if ext == "" {
		ext = ".html"
	}
	names := []string{h.path}
	for i := 2; i <= n; i++ {
		names = append(names, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(h.path, filepath.Ext(h.path)), i, ext))
	}
	return names
}

// write writes the pages, each linking to the others, and returns the
// line that says where they are.
func (h *htmlOut) write(pages []*page.Page) (string, error) {
	names := h.names(len(pages))
	for i, p := range pages {
		for j, other := range pages {
			if j != i && len(pages) > 1 {
				p.Links = append(p.Links, page.Link{Text: fmt.Sprintf("violation %d of %d: %s", j+1, len(pages), other.Kind), Href: filepath.Base(names[j])})
			}
		}
		var b bytes.Buffer
		if err := page.Write(&b, p); err != nil {
			return "", err
		}
		if err := os.WriteFile(names[i], b.Bytes(), 0o644); err != nil {
			return "", err
		}
	}
	return "html report: " + strings.Join(names, ", ") + "\n", nil
}

// writeHTML writes the pages of r under --html and returns the line
// naming them for a text report.
func (r report) writeHTML(h *htmlOut) (string, error) {
	if h == nil {
		return "", nil
	}
	line, err := h.write(r.htmlPages())
	if err != nil || r.flags.json {
		return "", err
	}
	return line, nil
}

// htmlPages are the pages of an exploration: one per violation, or one
// that says the search found nothing.
func (r report) htmlPages() []*page.Page {
	notes := append([]string{r.summary(), r.statsLine()}, lines(r.searchLines())...)
	if len(r.res.Violations) == 0 {
		return []*page.Page{{Title: r.header(), Kind: r.res.Verdict().String(), Message: strings.TrimPrefix(r.summary(), "result: "), Notes: notes}}
	}
	var pages []*page.Page
	for _, v := range r.res.Violations {
		p := violationPage(r.inst, v, r.flags.fairness)
		p.Title = r.header()
		p.Notes = append(slices.Clone(notes), lines(minimised(v))...)
		p.Replay = replayCommand(r.inst, v, r.flags.fairness)
		pages = append(pages, p)
	}
	return pages
}

// replayPages are the pages of a replay: what it reproduced, or the
// schedule it ran. text is the replay's text report, whose lines between
// the header and the first blank line give the verdict.
func replayPages(inst registry.Instance, s harness.Schedule, cycle int, fair string, shown []harness.Violation, text string) []*page.Page {
	all := lines(text)
	title, verdict := all[0], all[1:]
	if i := slices.Index(verdict, ""); i >= 0 {
		verdict = verdict[:i]
	}
	var pages []*page.Page
	for _, v := range shown {
		p := violationPage(inst, v, fair)
		p.Title, p.Notes = title, verdict
		p.Replay = replayCommand(inst, harness.Violation{Schedule: s, Cycle: cycle}, fair)
		pages = append(pages, p)
	}
	return pages
}

// violationPage is what the text report prints for v: its schedule, the
// final state and, for a deadlock, who waits for whom.
func violationPage(inst registry.Instance, v harness.Violation, fair string) *page.Page {
	m := inst.Model
	final := v.Trace.Final()
	p := &page.Page{Kind: v.Kind, Message: v.Message, Lanes: harness.ThreadNames(m, final)}
	for _, st := range v.Trace.Steps {
		p.Steps = append(p.Steps, page.Step{Lane: st.Thread, Text: st.Label})
	}
	if d, ok := m.(harness.Describer); ok {
		p.FinalState = []string{d.Describe(final)}
	}
	if v.Cycle > 0 {
		if fair == "" {
			fair = "none"
		}
		p.Lasso = &page.Lasso{Start: len(v.Trace.Steps) - v.Cycle, Fairness: fair}
	}
	if d, ok := v.Detail.(*harness.Deadlock); ok {
		addDeadlock(p, m, d)
	}
	return p
}

// addDeadlock adds the blocked threads to the final state, and the
// wait-for graph (the cycle in its order, then the other blocked threads
// and those they wait for) with the Coffman conditions.
func addDeadlock(p *page.Page, m harness.Model, d *harness.Deadlock) {
	var others []int
	for _, w := range d.Blocked {
		p.FinalState = append(p.FinalState, blockedLine(m, w))
		others = append(append(others, w.Thread), w.WaitsFor...)
	}
	slices.Sort(others)
	threads := slices.Clone(d.Cycle) // the cycle first, in its order: a ring
	for _, th := range slices.Compact(others) {
		if !slices.Contains(threads, th) {
			threads = append(threads, th)
		}
	}
	g := &page.WaitFor{}
	for _, th := range threads {
		g.Nodes = append(g.Nodes, harness.ThreadName(m, th))
	}
	for _, w := range d.Blocked {
		for _, to := range w.WaitsFor {
			g.Edges = append(g.Edges, page.Edge{From: slices.Index(threads, w.Thread), To: slices.Index(threads, to),
				Label: w.Object, InCycle: cycleEdge(d.Cycle, w.Thread, to)})
		}
	}
	if len(g.Nodes) > 0 {
		p.WaitFor = g
	}
	p.Coffman = d.Evidence.Coffman
}

// cycleEdge reports whether from → to is an edge of the wait-for cycle.
func cycleEdge(cycle []int, from, to int) bool {
	i := slices.Index(cycle, from)
	return i >= 0 && cycle[(i+1)%len(cycle)] == to
}

// lines splits text into its lines, without blank lines at either end.
func lines(text string) []string {
	text = strings.Trim(text, "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}
