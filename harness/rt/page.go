package rt

import (
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"github.com/interleave/concurrency/harness/coffman"
	"github.com/interleave/concurrency/harness/report"
	"github.com/interleave/concurrency/harness/sched"
	"github.com/interleave/concurrency/harness/trace"
)

// Every failure is also a report.Page, the data of an HTML report: the
// steps of the report run, one lane per goroutine, and what the check
// found. What only the failing state shows (the wait-for graph, the locks
// held, the racing accesses) is taken by the report run when it fails,
// into exec.found; report then adds the steps. Exploration never builds
// any of it.

// found is what a report run's failure found, for its Page.
type found struct {
	waitFor *report.WaitFor
	coffman []report.Condition
	race    *report.Race
	final   []string
	stacks  map[int]string // the user stack of each Var access, by step
}

// finds returns ex.found, made on first use.
func (ex *exec) finds() *found {
	if ex.found == nil {
		ex.found = &found{stacks: map[int]string{}}
	}
	return ex.found
}

// page builds f's Page from report run ex: lanes and steps (for a
// livelock, up to the end of the first turn of its cycle) and, when ex
// reproduced f, what it found.
func (ex *exec) page(f *Failure, reproduced bool) *report.Page {
	p := &report.Page{Kind: string(f.Kind), Message: f.Message, Lanes: ex.laneNames("")}
	rows := ex.rows
	if start, n := ex.fold[0], ex.fold[1]; n > 0 && reproduced {
		rows = rows[:start+n]
		p.Kind, p.Lasso = string(sched.KindLivelock), &report.Lasso{Start: start}
		p.Notes = append(p.Notes, fmt.Sprintf("steps %d to %d repeat until the step limit (WithMaxSteps) stops the execution at step %d",
			start+1, start+n, len(ex.rows)))
	}
	p.Steps = make([]report.Step, len(rows))
	for i, r := range rows {
		lane := r.Thread
		if lane == trace.TimeStep {
			lane = len(ex.gs)
		}
		p.Steps[i] = report.Step{Lane: lane, Text: r.Text, Loc: ex.locs[i]}
	}
	if fd := ex.found; fd != nil && reproduced {
		p.WaitFor, p.Coffman, p.Race, p.FinalState = fd.waitFor, fd.coffman, fd.race, fd.final
	}
	p.Links = append(p.Links, ex.t.files...)
	return p
}

// finishPage completes the Page of rep's failure, making one for a
// failure found outside a report run: its title and replay command (as
// Check prints it for test name; for Explore, the option).
func (rep *Report) finishPage(name string) {
	f := rep.Failure
	if f == nil {
		return
	}
	if f.Page == nil {
		f.Page = &report.Page{Kind: string(f.Kind), Message: f.Message}
	}
	what := name
	f.Page.Replay = fmt.Sprintf("rt.WithReplay(%q)", f.Schedule.String())
	if name == "" {
		what = "rt.Explore"
	} else {
		f.Page.Replay = ReplayCommand(name, f.Schedule)
	}
	f.Page.Title = fmt.Sprintf("%s: execution %d failed (%s)", what, rep.Executions, rep.Method())
}

// finalState is what rt knows of the state in which a report run
// failed with kind k: the locks held, WaitGroup counters, channel
// buffers, the goroutines not finished and the virtual time.
func (ex *exec) finalState(k Kind) []string {
	var s []string
	for _, o := range ex.objs {
		s = append(s, objectState(o)...)
	}
	var running []*gor
	for _, g := range ex.gs {
		switch {
		case g.done:
		case k == KindDeadlock || k == KindLeak:
			s = append(s, ex.describe(g))
		default:
			running = append(running, g)
		}
	}
	if len(running) > 0 {
		s = append(s, "not finished when the execution stopped: "+nameAll(running, gname))
	}
	if ex.now > 0 {
		s = append(s, fmt.Sprintf("virtual time: %v", ex.now))
	}
	return s
}

// objectState describes what o holds that matters after a failure.
func objectState(o *object) []string {
	var s []string
	switch o.kind {
	case kMutex, kRWMutex:
		if h := o.owner; h != nil || o.writer != nil {
			if h == nil {
				h = o.writer
			}
			s = append(s, fmt.Sprintf("%s held by %s", o, holder(h)))
		}
		if len(o.readers) > 0 {
			s = append(s, fmt.Sprintf("%s held for reading by %s", o, holders(o.readers)))
		}
	case kWaitGroup:
		if o.count != 0 {
			s = append(s, fmt.Sprintf("%s counter %d", o, o.count))
		}
	case kOnce:
		if o.once == onceRunning {
			s = append(s, fmt.Sprintf("%s: f is running in %s", o, holder(o.owner)))
		}
	case kChan:
		if len(o.buf) > 0 {
			s = append(s, fmt.Sprintf("%s holds %d of %d buffered values", o, len(o.buf), o.cap))
		}
		if o.closed {
			s = append(s, fmt.Sprintf("%s closed", o))
		}
	}
	return s
}

// waitForGraph is the wait-for graph of the blocked goroutines, the
// edges of the cycles found marked; nil when nobody waits for anyone.
func (ex *exec) waitForGraph(blocked []*gor, cycles [][]edge) *report.WaitFor {
	type key struct {
		from, to *gor
		o        *object
	}
	inCycle := map[key]bool{}
	for _, c := range cycles {
		for i, e := range c { // edge i leaves the goroutine edge i-1 enters
			inCycle[key{c[(i+len(c)-1)%len(c)].to, e.to, e.o}] = true
		}
	}
	w := &report.WaitFor{}
	node := map[*gor]int{}
	id := func(g *gor) int {
		if _, ok := node[g]; !ok {
			node[g] = len(w.Nodes)
			w.Nodes = append(w.Nodes, laneName(g, ""))
		}
		return node[g]
	}
	seen := map[key]bool{}
	for _, g := range blocked {
		id(g)
		for _, e := range ex.waitsFor(g) {
			k := key{g, e.to, e.o}
			if !seen[k] {
				seen[k] = true
				w.Edges = append(w.Edges, report.Edge{From: id(g), To: id(e.to), Label: e.o.String(), InCycle: inCycle[k]})
			}
		}
	}
	if len(w.Edges) == 0 {
		return nil
	}
	return w
}

// pageConditions are the conditions of ev, the evidence of cycle c, and
// for hold and wait also the steps that took the locks held (a report
// run knows their source locations).
func (ex *exec) pageConditions(ev coffman.Evidence, c []edge) []report.Condition {
	cs := slices.Clone(ev.Coffman)
	for i := range cs {
		if cs[i].Name == coffman.HoldAndWait {
			cs[i].Evidence = append(slices.Clip(cs[i].Evidence), ex.lockSteps(c)...)
		}
	}
	return cs
}

// lockSteps says at which step each goroutine of cycle c took the locks
// it holds (the last Lock or RLock of the lock it ran).
func (ex *exec) lockSteps(c []edge) []string {
	var s []string
	for _, e := range c {
		g := e.to
		for _, o := range ex.objs {
			if o.owner != g && o.writer != g && !slices.Contains(o.readers, g) || o.kind == kOnce {
				continue
			}
			if i := ex.lastStep(g, o.String()+".Lock", o.String()+".Lock(acquire)", o.String()+".RLock"); i >= 0 {
				s = append(s, fmt.Sprintf("%s locked %s at step %d (%s)", gid(g), o, i+1, ex.locs[i]))
			}
		}
	}
	return s
}

// lastStep is the index of g's last step whose text is one of texts, or -1.
func (ex *exec) lastStep(g *gor, texts ...string) int {
	for i := len(ex.rows) - 1; i >= 0; i-- {
		if r := ex.rows[i]; r.Thread == g.id && slices.Contains(texts, r.Text) {
			return i
		}
	}
	return -1
}

// racePage is a race on Var o between accesses prev and cur, each at
// its step.
func (ex *exec) racePage(o *object, prev, cur access) *report.Race {
	return &report.Race{Object: o.String(), First: ex.pageAccess(prev), Second: ex.pageAccess(cur),
		Missing: fmt.Sprintf("no lock, channel or atomic operation orders %s before %s", ex.accessWords(prev), ex.accessWords(cur))}
}

func (ex *exec) pageAccess(a access) report.Access {
	pa := report.Access{Lane: a.g, Step: -1, Text: a.name, Stack: ex.finds().stacks[a.step]}
	if a.step >= 1 && a.step <= len(ex.rows) {
		pa.Step, pa.Text = a.step-1, ex.rows[a.step-1].Text
	}
	if a.atomic {
		pa.Text += " (atomic)"
	}
	return pa
}

// accessWords says who accessed how, where: "G1's write at x.go:24 (step 3)".
func (ex *exec) accessWords(a access) string {
	how := "read"
	if a.write {
		how = "write"
	}
	if a.atomic {
		how = "atomic " + how
	}
	s := fmt.Sprintf("%s's %s", threadName(a.g), how)
	if a.step >= 1 && a.step <= len(ex.locs) && ex.locs[a.step-1] != "" {
		s += " at " + ex.locs[a.step-1]
	}
	return s + fmt.Sprintf(" (step %d)", a.step)
}

// recordStack keeps the user stack of the access the step being taken
// makes, for the Page of a race.
func (ex *exec) recordStack() {
	var pcs [32]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs[:])])
	var out []string
	for len(out) < maxPanicFrames {
		f, more := frames.Next()
		if userFrame(frame{fn: f.Function, file: f.File}) {
			out = append(out, fmt.Sprintf("%s at %s:%d", baseName(f.Function), baseName(f.File), f.Line))
		}
		if !more {
			break
		}
	}
	ex.finds().stacks[ex.steps] = strings.Join(out, "\n")
}

// tsanHeader matches an access of a race detector report: "Write at
// 0xc000012345 by goroutine 7:" or "Previous read at ...".
var tsanHeader = regexp.MustCompile(`^(Previous )?(.+) at (0x[0-9a-f]+) by (?:main )?goroutine`)

// tsanRace is the race of the race detector's report text: its two
// accesses, where and with what stack. Their Lane and Step are -1: the
// detector numbers goroutines its own way (not by runtime id), and plain
// accesses are no steps. Nil when text has not both accesses.
func tsanRace(text string) *report.Race {
	var r report.Race
	var got [2]bool
	var where [2]string
	for block := range strings.SplitSeq(text, "\n\n") {
		lines := strings.Split(block, "\n")
		h := slices.IndexFunc(lines, tsanHeader.MatchString) // after the banner, in the first block
		if h < 0 {
			continue
		}
		m, lines := tsanHeader.FindStringSubmatch(lines[h]), lines[h:]
		st := describeStack(lines) // the header takes the place of a dump's
		a := report.Access{Lane: -1, Step: -1, Text: strings.ToLower(m[2]), Stack: trimFrames(st.frames)}
		if st.loc != "" {
			a.Text += " at " + st.loc
		}
		i := 1 // the report names the current access first, then the previous one
		if m[1] != "" {
			i = 0
		}
		if got[i] {
			continue
		}
		got[i], where[i] = true, a.Text
		if i == 0 {
			r.First = a
		} else {
			r.Second, r.Object = a, "memory at "+m[3]
		}
	}
	if !got[0] || !got[1] {
		return nil
	}
	r.Missing = fmt.Sprintf("no rt operation orders the %s before the %s", where[0], where[1])
	return &r
}

func trimFrames(frames []string) string {
	for i, f := range frames {
		frames[i] = strings.TrimSpace(f)
	}
	return strings.Join(frames, "\n")
}
