package rt

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/interleave/concurrency/harness/trace"
)

// Explaining a nondeterministic body: DFS re-runs schedule prefixes and
// fails when the body makes different choices along the same prefix.
// explainNondeterminism re-runs the prefix a few times with source
// locations, finds the first goroutine whose next operation differs
// between runs, and searches the code that goroutine ran before it for a
// native source of randomness (the finder, below).

const (
	nondetRuns    = 8                      // runs compared for the earliest difference
	nondetMaxRuns = 64                     // runs until some difference shows
	nondetBudget  = 800 * time.Millisecond // error path only, but never slow
	nondetStacks  = 4096                   // stack dumps per run (each stops the world)
)

// explainNondeterminism re-runs the schedule prefix sched (the steps the
// diverging execution took before its choices differed) with source
// locations captured, compares runs, and returns a hint naming the native
// source of randomness and where it is, e.g.
// "map iteration at x.go:12 (range over map m) decides what G1 does next: in one run G1 c1.Send at x.go:14, in another G1 v1.Load at x.go:16".
// It returns "" if it cannot tell.
func (r *runner) explainNondeterminism(name string, body func(*T), sched trace.Schedule) (hint string) {
	defer func() {
		if recover() != nil {
			hint = "" // a hint is a courtesy: never turn the error into a crash
		}
	}()
	deadline := time.Now().Add(nondetBudget)
	sched = slices.Clone(sched) // it may be r.sched, which the next run reuses
	d, ok := r.diverge(name, body, sched, deadline)
	if !ok {
		return ""
	}
	r.frames(name, body, sched, d, deadline)
	return d.explain(newFinder())
}

// diverge runs the prefix nondetRuns times, and more (within the budget)
// until two runs differ: the order of a small map is skewed (with three
// keys, one comes first three times in four), so 8 runs can all agree.
// It returns the earliest difference with the first run.
func (r *runner) diverge(name string, body func(*T), sched trace.Schedule, deadline time.Time) (divergence, bool) {
	var base *trail
	var best divergence
	found := false
	for n := 0; n < nondetMaxRuns && time.Now().Before(deadline); n++ {
		if found && n >= nondetRuns {
			break
		}
		tr := r.follow(name, body, sched, -1, 0)
		if base == nil {
			base = tr
			continue
		}
		if d, ok := pairDiff(base, tr); ok && (!found || d.before(best)) {
			best, found = d, true
		}
	}
	return best, found
}

// follow runs the prefix once, capturing the stacks of goroutine g's
// operations from its from-th on (g < 0: none; stacks are costly).
func (r *runner) follow(name string, body func(*T), sched trace.Schedule, g, from int) *trail {
	p := &prefixPicker{s: sched, tr: &trail{stackOf: g, stackFrom: from}}
	r.run(name, body, p, true)
	return p.tr
}

// frames re-runs the prefix capturing the stacks of the goroutine that
// decided, at its operation before the divergence and at the diverging
// one, until each side of the divergence has them (each run takes one
// side or the other).
func (r *runner) frames(name string, body func(*T), sched trace.Schedule, d divergence, deadline time.Time) {
	sides := []gside{d.subject(d.a), d.subject(d.b)}
	need := func() bool {
		return slices.ContainsFunc(sides, func(s gside) bool { return s.op() != nil && s.op().frames == nil })
	}
	from := max(0, min(sides[0].cur, sides[1].cur)-1)
	for n := 0; n < nondetRuns && need() && time.Now().Before(deadline); n++ {
		tr := r.follow(name, body, sched, sides[0].g, from)
		if d.k >= len(tr.snaps) {
			continue
		}
		got := tr.at(d.k, sides[0].g)
		for _, s := range sides {
			if s.op() != nil && s.op().frames == nil && got.same(s) {
				s.adopt(got)
			}
		}
	}
}

// prefixPicker follows a schedule as long as it fits and then abandons
// the execution; unlike replayer it reports nothing, since a run that
// cannot follow the prefix is itself what we are looking at.
type prefixPicker struct {
	s   trace.Schedule
	pos int
	tr  *trail
}

func (p *prefixPicker) pick(ex *exec, trs []trans) int {
	p.tr.observe(ex)
	if p.pos >= len(p.s) {
		return -1
	}
	g := p.s[p.pos]
	p.pos++
	idx := transOf(trs, g)
	switch {
	case len(idx) == 1:
		return idx[0]
	case len(idx) == 0 || p.pos >= len(p.s) || p.s[p.pos] < 0 || p.s[p.pos] >= len(idx):
		return -1
	}
	p.pos++
	return idx[p.s[p.pos-1]]
}

func (p *prefixPicker) next() bool { return false }

// op is an operation a goroutine announced, with the user frames of its
// stack at that moment (innermost first; nil when not captured).
type op struct {
	key    uint64
	text   string
	loc    string
	frames []frame
}

// gside is a goroutine as one run saw it at one scheduling point.
type gside struct {
	tr  *trail
	g   int
	cur int // index into tr.ops[g]; -1: returned; -2: not started
}

// trail is what one run of the prefix did: every goroutine's operations
// and, at each scheduling point, which operation each goroutine was at.
type trail struct {
	ops    [][]op
	parent []int
	spawn  []string
	snaps  [][]int // -1: returned

	stackOf   int // the goroutine whose stacks are captured (-1: none)
	stackFrom int // from its operation with this index on
	dumps     int
	buf       []byte
}

func (tr *trail) observe(ex *exec) {
	snap := make([]int, len(ex.gs))
	var fresh []*gor
	for _, g := range ex.gs {
		if g.id >= len(tr.ops) {
			tr.ops = append(tr.ops, nil)
			tr.parent = append(tr.parent, g.parent)
			tr.spawn = append(tr.spawn, g.spawn)
		}
		if g.done {
			snap[g.id] = -1
			continue
		}
		ops := tr.ops[g.id]
		if k := opKey(g); len(ops) == 0 || ops[len(ops)-1].key != k {
			tr.ops[g.id] = append(ops, op{key: k, text: opText(ex, g), loc: g.pend.loc})
			if g.id == tr.stackOf && len(ops) >= tr.stackFrom {
				fresh = append(fresh, g)
			}
		}
		snap[g.id] = len(tr.ops[g.id]) - 1
	}
	tr.snaps = append(tr.snaps, snap)
	tr.attachStacks(fresh)
}

// opKey identifies an announced operation: its sequence number (the body's
// initial start has none and would clash with the first real one).
func opKey(g *gor) uint64 {
	if g.pend.op == opStart {
		return math.MaxUint64
	}
	return g.pend.seq
}

// opText renders a pending operation like the trace table does; a
// pending select has no chosen case yet, so it lists them all.
func opText(ex *exec, g *gor) string {
	p := &g.pend
	if p.op != opSelect || len(p.cases) == 1 {
		return ex.label(g, -1)
	}
	names := make([]string, len(p.cases))
	for i, c := range p.cases {
		names[i] = objName(c.o)
	}
	s := "select(" + strings.Join(names, ",") + ")"
	if !p.block {
		s += " with default"
	}
	return s
}

// attachStacks records where the goroutines that just announced an
// operation are. The one calling the picker unwinds itself; parked ones
// (started or resumed by a prerun) cannot be unwound from here, so they
// take one dump of all stacks, which stops the world: at most
// nondetStacks per run.
func (tr *trail) attachStacks(fresh []*gor) {
	var all map[string][]frame
	self := ""
	for _, g := range fresh {
		id := g.goidValue()
		if id == "" {
			continue
		}
		if self == "" {
			self = goid()
		}
		var frames []frame
		switch {
		case id == self:
			frames = ownFrames()
		case all == nil && tr.dumps < nondetStacks:
			all = tr.dump()
			frames = all[id]
		default:
			frames = all[id]
		}
		ops := tr.ops[g.id]
		ops[len(ops)-1].frames = frames
	}
}

// dump parses the stacks of all goroutines.
func (tr *trail) dump() map[string][]frame {
	tr.dumps++
	if tr.buf == nil {
		tr.buf = make([]byte, 64<<10)
	}
	n := runtime.Stack(tr.buf, true)
	for n == len(tr.buf) && len(tr.buf) < 16<<20 {
		tr.buf = make([]byte, 2*len(tr.buf))
		n = runtime.Stack(tr.buf, true)
	}
	return parseStacks(string(tr.buf[:n]))
}

// ownFrames returns the calling goroutine's user frames.
func ownFrames() []frame {
	var pcs [128]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs[:])])
	var out []frame
	for {
		f, more := frames.Next()
		if fr := (frame{fn: f.Function, file: f.File, line: f.Line}); userFrame(fr) {
			out = append(out, fr)
		}
		if !more {
			return out
		}
	}
}

// frame is one user frame of a goroutine's stack.
type frame struct {
	fn   string
	file string
	line int
}

// parseStacks reads a runtime.Stack(all) dump into each goroutine's user
// frames (outside package rt and the runtime), innermost first.
func parseStacks(dump string) map[string][]frame {
	out := map[string][]frame{}
	for block := range strings.SplitSeq(dump, "\n\n") {
		lines := strings.Split(block, "\n")
		id, ok := strings.CutPrefix(lines[0], "goroutine ")
		if !ok {
			continue
		}
		id, _, _ = strings.Cut(id, " ")
		out[id] = parseFrames(lines[1:])
	}
	return out
}

// parseFrames reads "function(args)\n\tfile:line +0x.." pairs.
func parseFrames(lines []string) []frame {
	var frames []frame
	for i := 0; i+1 < len(lines); i++ {
		fn, at := lines[i], lines[i+1]
		if strings.HasPrefix(fn, "created by ") {
			break
		}
		if !strings.HasPrefix(at, "\t") {
			continue // "...additional frames elided..." and the like
		}
		i++
		if p := strings.LastIndexByte(fn, '('); p > 0 {
			fn = fn[:p]
		}
		at, _, _ = strings.Cut(strings.TrimSpace(at), " +0x")
		c := strings.LastIndexByte(at, ':')
		line, err := strconv.Atoi(at[c+1:])
		if c < 0 || err != nil {
			continue
		}
		if f := (frame{fn: fn, file: at[:c], line: line}); userFrame(f) {
			frames = append(frames, f)
		}
	}
	return frames
}

// userFrame reports whether f is the user's: outside rt (its tests count
// as users) and the runtime.
func userFrame(f frame) bool {
	inRT := rtFile(f.file)
	return !inRT && !strings.HasPrefix(f.fn, "runtime.")
}

// at returns the goroutine's side at scheduling point k of tr.
func (tr *trail) at(k, g int) gside {
	if g >= len(tr.snaps[k]) {
		return gside{tr: tr, g: g, cur: -2}
	}
	return gside{tr: tr, g: g, cur: tr.snaps[k][g]}
}

func (s gside) op() *op {
	if s.cur < 0 {
		return nil
	}
	return &s.tr.ops[s.g][s.cur]
}

// same reports whether two sides show the goroutine at the same operation.
func (s gside) same(o gside) bool {
	a, b := s.op(), o.op()
	if a == nil || b == nil {
		return a == nil && b == nil && s.cur == o.cur
	}
	return a.text == b.text && a.loc == b.loc
}

func (s gside) String() string {
	switch s.cur {
	case -1:
		return fmt.Sprintf("G%d had returned", s.g)
	case -2:
		return fmt.Sprintf("G%d did not exist", s.g)
	}
	o := s.op()
	if o.loc == "" {
		return fmt.Sprintf("G%d %s", s.g, o.text)
	}
	return fmt.Sprintf("G%d %s at %s", s.g, o.text, o.loc)
}

// divergence is the first scheduling point at which two runs disagree
// about a goroutine.
type divergence struct {
	k    int
	a, b gside
}

// pairDiff returns the first scheduling point at which two runs
// disagree, at the goroutine with the lowest id: the earliest difference
// is the closest to its cause.
func pairDiff(a, b *trail) (divergence, bool) {
	for k := range min(len(a.snaps), len(b.snaps)) {
		for g := range max(len(a.snaps[k]), len(b.snaps[k])) {
			if x, y := a.at(k, g), b.at(k, g); !x.same(y) {
				return divergence{k: k, a: x, b: y}, true
			}
		}
	}
	return divergence{}, false
}

func (d divergence) before(e divergence) bool {
	return d.k < e.k || (d.k == e.k && d.a.g < e.a.g)
}

// adopt takes the stacks that another run captured at the same
// operations.
func (s gside) adopt(o gside) {
	s.op().frames = o.op().frames
	if s.cur >= 1 && o.cur >= 1 {
		s.tr.ops[s.g][s.cur-1].frames = o.tr.ops[o.g][o.cur-1].frames
	}
}

// subject is the goroutine whose code decided the difference, as seen in
// s's run: the goroutine itself, or its parent when it exists in only one
// run (the parent decided whether to start it).
func (d divergence) subject(s gside) gside {
	if d.a.cur != -2 && d.b.cur != -2 {
		return s
	}
	exists := d.a
	if exists.cur == -2 {
		exists = d.b
	}
	p := exists.tr.parent[exists.g]
	if p < 0 {
		return s
	}
	return s.tr.at(d.k, p)
}

func (d divergence) explain(f *finder) string {
	what := d.what()
	sa, sb := d.subject(d.a), d.subject(d.b)
	for _, s := range []gside{sa, sb} {
		if c := f.between(prevFrames(s), curFrames(s)); c != nil {
			return c.String() + fmt.Sprintf(" decides what G%d does next: %s", sa.g, what)
		}
	}
	for _, s := range []gside{sa, sb} {
		if c := f.widen(curFrames(s)); c != nil {
			return c.String() + fmt.Sprintf(" decides what G%d does next: %s", sa.g, what)
		}
	}
	return fmt.Sprintf("the same schedule led G%d to different operations (found no map iteration, math/rand, time.Now, native channel operation or go statement before them): %s", sa.g, what)
}

// what describes the two runs' difference.
func (d divergence) what() string {
	a, b := d.a, d.b
	if a.cur == -2 {
		a, b = b, a
	}
	if b.cur == -2 {
		p, at := a.tr.parent[a.g], a.tr.spawn[a.g]
		if at != "" {
			at = " at " + at
		}
		return fmt.Sprintf("in one run G%d started G%d%s, in another it did not", p, a.g, at)
	}
	return fmt.Sprintf("in one run %s, in another %s", a, b)
}

func curFrames(s gside) []frame {
	if o := s.op(); o != nil {
		return o.frames
	}
	return nil
}

// prevFrames is where the goroutine was at its previous operation: the
// code it ran since then holds the cause, if the goroutine has one.
func prevFrames(s gside) []frame {
	if s.cur < 1 {
		return nil
	}
	return s.tr.ops[s.g][s.cur-1].frames
}

// cause is a native source of randomness found in the source.
type cause struct {
	kind   string // "map iteration", "math/rand", ...
	loc    string
	detail string
	via    string // "in pick called at x.go:9" when found in a callee
}

func (c *cause) String() string {
	var notes []string
	for _, s := range []string{c.detail, c.via} {
		if s != "" {
			notes = append(notes, s)
		}
	}
	if len(notes) == 0 {
		return c.kind + " at " + c.loc
	}
	return fmt.Sprintf("%s at %s (%s)", c.kind, c.loc, strings.Join(notes, ", "))
}

// finder reads the source of the frames, type-checked when that is cheap:
// imports are stubs (rt depends on the standard library only and must not
// run the go command), so types are known for what the package itself
// declares and syntax decides the rest.
type finder struct {
	fset  *token.FileSet
	files map[string]*ast.File // by path; nil: unreadable
	info  *types.Info
	decls map[token.Pos]*ast.FuncDecl // by name position, to follow calls
	owner map[*ast.FuncDecl]*ast.File
	calls map[*ast.FuncDecl]*cause // what a called function holds (nil: nothing or in progress)
}

func newFinder() *finder {
	return &finder{fset: token.NewFileSet(), files: map[string]*ast.File{},
		info: &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
			Uses: map[*ast.Ident]types.Object{}},
		decls: map[token.Pos]*ast.FuncDecl{}, owner: map[*ast.FuncDecl]*ast.File{},
		calls: map[*ast.FuncDecl]*cause{}}
}

// index records af's function declarations, for calls to them.
func (f *finder) index(af *ast.File) {
	for _, d := range af.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			f.decls[fd.Name.Pos()] = fd
			f.owner[fd] = af
		}
	}
}

// file parses path and, the first time, its package.
func (f *finder) file(path string) *ast.File {
	if af, ok := f.files[path]; ok {
		return af
	}
	f.files[path] = nil
	af, _ := parser.ParseFile(f.fset, path, nil, parser.SkipObjectResolution)
	if af == nil {
		return nil
	}
	f.files[path] = af
	f.index(af)
	f.check(path, af)
	return af
}

// check type-checks af with the files of its package in its directory,
// as many as parse and check in a fraction of the budget.
func (f *finder) check(path string, af *ast.File) {
	const maxBytes = 2 << 20
	dir := filepath.Dir(path)
	files := []*ast.File{af}
	entries, _ := os.ReadDir(dir)
	size := 0
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if p == path || !strings.HasSuffix(p, ".go") || f.files[p] != nil {
			continue
		}
		if ok, err := build.Default.MatchFile(dir, e.Name()); !ok || err != nil {
			continue
		}
		if h, _ := parser.ParseFile(f.fset, p, nil, parser.PackageClauseOnly); h == nil || h.Name.Name != af.Name.Name {
			continue
		}
		info, err := e.Info()
		if err != nil || size+int(info.Size()) > maxBytes {
			continue
		}
		size += int(info.Size())
		if g, _ := parser.ParseFile(f.fset, p, nil, parser.SkipObjectResolution); g != nil {
			files = append(files, g)
			f.files[p] = g
			f.index(g)
		}
	}
	conf := types.Config{Importer: stubImporter{}, Error: func(error) {}, FakeImportC: true}
	conf.Check(af.Name.Name, f.fset, files, f.info) // errors expected: imports are stubs
}

// stubImporter makes every import an empty package: selectors into it are
// errors the checker tolerates, and identifiers still resolve to it.
type stubImporter struct{}

func (stubImporter) Import(path string) (*types.Package, error) {
	p := types.NewPackage(path, pkgName(path))
	p.MarkComplete()
	return p, nil
}

// pkgName guesses a package's name from its path ("math/rand/v2": rand).
func pkgName(path string) string {
	parts := strings.Split(path, "/")
	name := parts[len(parts)-1]
	if len(parts) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = parts[len(parts)-2]
	}
	name, _, _ = strings.Cut(name, ".")
	return strings.TrimPrefix(name, "go-")
}

func (f *finder) line(p token.Pos) int { return f.fset.Position(p).Line }

// region is the lines from..to of the function holding frame fr.
type region struct {
	fr       frame
	from, to int
}

// between searches the code a goroutine ran from its previous operation
// (prev's frames) to its current one (cur's), in the order it ran it:
// the rest of the functions it returned from, the common caller between
// the two calls, then the functions it called down to the operation.
func (f *finder) between(prev, cur []frame) *cause {
	i, j := len(prev)-1, len(cur)-1
	for i >= 0 && j >= 0 && prev[i].fn == cur[j].fn {
		i, j = i-1, j-1
	}
	var rs []region
	for _, fr := range prev[:i+1] {
		rs = append(rs, region{fr, fr.line, math.MaxInt})
	}
	if i+1 < len(prev) && j+1 < len(cur) {
		p, c := prev[i+1], cur[j+1]
		if p.line <= c.line {
			rs = append(rs, region{c, p.line, c.line})
		} else {
			rs = append(rs, region{c, 0, math.MaxInt}) // a loop went round
		}
	}
	for k := j; k >= 0; k-- {
		rs = append(rs, region{cur[k], 0, cur[k].line})
	}
	for _, r := range rs {
		if c := f.searchRegion(r); c != nil {
			return c
		}
	}
	return nil
}

// widen searches, for each frame, the functions enclosing it from their
// start: the value that decided may have been computed before the
// previous operation or by the function that made the closure.
func (f *finder) widen(cur []frame) *cause {
	for _, fr := range cur {
		af := f.file(fr.file)
		if af == nil {
			continue
		}
		for _, fn := range f.enclosing(af, fr) {
			if c := f.search(af, fn, f.line(fn.Pos()), fr.line, fr.line); c != nil {
				return c
			}
		}
	}
	return nil
}

func (f *finder) searchRegion(r region) *cause {
	af := f.file(r.fr.file)
	if af == nil {
		return nil
	}
	fns := f.enclosing(af, r.fr)
	if len(fns) == 0 {
		return nil
	}
	fn := fns[0]
	from := max(r.from, f.line(fn.Pos()))
	to := min(r.to, f.line(fn.End()))
	return f.search(af, fn, from, to, r.fr.line)
}

// enclosing returns the functions around the frame's line, innermost
// first, starting at the one the frame runs (picked by closure depth when
// several function literals share the line).
func (f *finder) enclosing(af *ast.File, fr frame) []ast.Node {
	var all []ast.Node
	ast.Inspect(af, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			if f.line(n.Pos()) <= fr.line && fr.line <= f.line(n.End()) {
				all = append(all, n)
			}
		}
		return n != nil
	})
	if len(all) == 0 {
		return nil
	}
	target := all[len(all)-1]
	want := closureDepth(fr.fn)
	for _, n := range all {
		if f.depth(all, n) == want {
			target = n
			break
		}
	}
	var out []ast.Node
	for _, n := range slices.Backward(all) {
		if n.Pos() <= target.Pos() && target.End() <= n.End() {
			out = append(out, n)
		}
	}
	return out
}

// depth is the number of function literals n is (or is nested in).
func (f *finder) depth(all []ast.Node, n ast.Node) int {
	d := 0
	for _, m := range all {
		if _, lit := m.(*ast.FuncLit); lit && m.Pos() <= n.Pos() && n.End() <= m.End() {
			d++
		}
	}
	return d
}

// closureDepth counts the closure components of a function name:
// "pkg.TestX.func1.2" is 2 literals deep.
func closureDepth(fn string) int {
	parts := strings.Split(fn[strings.LastIndexByte(fn, '/')+1:], ".")
	d := 0
	for _, p := range slices.Backward(parts) {
		p = strings.TrimPrefix(p, "func")
		if p == "" || strings.Trim(p, "0123456789") != "" {
			break
		}
		d++
	}
	return d
}

// search returns the first source of randomness in fn, in source order,
// that starts on lines from..to or encloses line at (a range over a map
// around the operation). Function literals that do not hold line at run
// elsewhere (another goroutine, or later): they are skipped.
func (f *finder) search(af *ast.File, fn ast.Node, from, to, at int) *cause {
	var found *cause
	ast.Inspect(fn, func(n ast.Node) bool {
		if found != nil || n == nil {
			return false
		}
		start, end := f.line(n.Pos()), f.line(n.End())
		encloses := start <= at && at <= end
		_, lit := n.(*ast.FuncLit)
		if (lit && n != fn && !encloses) || end < from || start > to {
			return false
		}
		if c := f.source(af, n); c != nil && (start >= from || encloses) {
			found = c
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok && start >= from {
			found = f.viaCall(call)
		}
		return found == nil
	})
	return found
}

// viaCall searches the function a call runs, when the package declares
// it (one level of calls hides many draws: a helper that picks a key).
// Results are memoised, which also stops recursion.
func (f *finder) viaCall(call *ast.CallExpr) *cause {
	fd := f.callee(call)
	if fd == nil {
		return nil
	}
	c, seen := f.calls[fd]
	if !seen {
		f.calls[fd] = nil
		c = f.search(f.owner[fd], fd, 0, math.MaxInt, -1)
		f.calls[fd] = c
	}
	if c == nil {
		return nil
	}
	p := f.fset.Position(call.Pos())
	via := *c
	via.via = fmt.Sprintf("in %s called at %s:%d", fd.Name.Name, filepath.Base(p.Filename), p.Line)
	return &via
}

// callee is the declaration of the function or method a call runs, if
// the type checker resolved it to user code (not rt's own, whose go
// statements and channels are not the body's).
func (f *finder) callee(call *ast.CallExpr) *ast.FuncDecl {
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	default:
		return nil
	}
	fn, ok := f.info.Uses[id].(*types.Func)
	if !ok {
		return nil
	}
	fd := f.decls[fn.Pos()]
	if fd == nil || !userFrame(frame{file: f.fset.Position(fd.Pos()).Filename}) {
		return nil
	}
	return fd
}

// source reports whether n is a native source of randomness.
func (f *finder) source(af *ast.File, n ast.Node) *cause {
	at := func(kind, detail string) *cause {
		p := f.fset.Position(n.Pos())
		return &cause{kind: kind, loc: fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line), detail: detail}
	}
	switch n := n.(type) {
	case *ast.RangeStmt:
		switch f.rangeKind(af, n.X) {
		case "map":
			return at("map iteration", "range over map "+f.text(n.X))
		case "chan":
			return at("a native channel operation", "range over channel "+f.text(n.X))
		}
	case *ast.CallExpr:
		switch path, name := f.pkgCall(af, n); {
		case path == "math/rand" || path == "math/rand/v2":
			return at("math/rand", "rand."+name)
		case path == "time" && (name == "Now" || name == "Since" || name == "Until"):
			return at("time."+name, "")
		}
	case *ast.SelectStmt:
		return at("a native channel operation", "select")
	case *ast.SendStmt:
		return at("a native channel operation", "send on "+f.text(n.Chan))
	case *ast.UnaryExpr:
		if n.Op == token.ARROW {
			return at("a native channel operation", "receive from "+f.text(n.X))
		}
	case *ast.GoStmt:
		return at("a go statement", "")
	}
	return nil
}

// pkgCall returns the import path and function of a call pkg.F(...).
func (f *finder) pkgCall(af *ast.File, call *ast.CallExpr) (path, name string) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", ""
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return "", ""
	}
	if pn, ok := f.info.Uses[id].(*types.PkgName); ok {
		return pn.Imported().Path(), sel.Sel.Name
	}
	if f.info.Uses[id] != nil {
		return "", "" // a local variable that shadows the package
	}
	for _, imp := range af.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if (imp.Name != nil && imp.Name.Name == id.Name) || (imp.Name == nil && pkgName(p) == id.Name) {
			return p, sel.Sel.Name
		}
	}
	return "", ""
}

// rangeKind is "map" or "chan" for what a range statement ranges over:
// from its type if the checker knew it, else from how it was made.
func (f *finder) rangeKind(af *ast.File, x ast.Expr) string {
	if tv, ok := f.info.Types[x]; ok && tv.Type != nil && tv.Type != types.Typ[types.Invalid] {
		switch tv.Type.Underlying().(type) {
		case *types.Map:
			return "map"
		case *types.Chan:
			return "chan"
		}
		return ""
	}
	if k := madeAs(x); k != "" {
		return k
	}
	if id, ok := x.(*ast.Ident); ok {
		return declaredAs(af, id.Name)
	}
	return ""
}

// madeAs is "map" or "chan" for a literal, make or conversion of that type.
func madeAs(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.CompositeLit:
		return typeKind(x.Type)
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "make" && len(x.Args) > 0 {
			return typeKind(x.Args[0])
		}
		return typeKind(x.Fun)
	case *ast.ParenExpr:
		return madeAs(x.X)
	}
	return ""
}

func typeKind(t ast.Expr) string {
	switch t.(type) {
	case *ast.MapType:
		return "map"
	case *ast.ChanType:
		return "chan"
	}
	return ""
}

// declaredAs looks in the file for a declaration of name as a map or a
// channel: a syntactic guess, used when types are unknown.
func declaredAs(af *ast.File, name string) string {
	kind := ""
	ast.Inspect(af, func(n ast.Node) bool {
		if kind != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == name && i < len(n.Rhs) && len(n.Lhs) == len(n.Rhs) {
					kind = madeAs(n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				switch {
				case id.Name != name:
				case n.Type != nil:
					kind = typeKind(n.Type)
				case i < len(n.Values):
					kind = madeAs(n.Values[i])
				}
			}
		case *ast.Field:
			for _, id := range n.Names {
				if id.Name == name {
					kind = typeKind(n.Type)
				}
			}
		}
		return true
	})
	return kind
}

// text renders an expression, shortened for a one-line hint.
func (f *finder) text(x ast.Expr) string {
	var b bytes.Buffer
	if printer.Fprint(&b, f.fset, x) != nil {
		return "?"
	}
	s := []rune(strings.Join(strings.Fields(b.String()), " "))
	if len(s) > 40 {
		return string(s[:37]) + "..."
	}
	return string(s)
}
