package rt

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Reports name objects after the source that made them (c.mu, statsMu,
// s.updates) and goroutines after the function they run (G2 janitor).
// Names are found in capture runs only, so exploration stays fast: the
// first use of an object is traced back to the user's call (c.mu.Lock()
// names c.mu; updates := rt.NewChan[int](0) names updates), whose source
// file is parsed once per process.

// maxNameLen bounds a name taken from source, so that columns stay narrow.
const maxNameLen = 32

// site is a call from user code into rt: the user's file and line and
// the rt function called (typ is its receiver type, "" for a function).
type site struct {
	file     string
	line     int
	typ, fun string
}

// callSite returns the user call that led to the current rt operation.
func callSite() (site, bool) {
	var pcs [32]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs[:])])
	last := ""
	for {
		f, more := frames.Next()
		if userFrame(frame{fn: f.Function, file: f.File}) {
			typ, fun := splitRTFunc(last)
			return site{file: f.File, line: f.Line, typ: typ, fun: fun}, last != ""
		}
		last = f.Function
		if !more {
			return site{}, false
		}
	}
}

// splitRTFunc splits "…/rt.(*Chan[...]).Send" into "Chan" and "Send".
func splitRTFunc(fn string) (typ, fun string) {
	fn = fn[strings.LastIndexByte(fn, '/')+1:]
	fn = strings.TrimPrefix(fn, "rt.")
	if rest, ok := strings.CutPrefix(fn, "(*"); ok {
		typ, fun, _ = strings.Cut(rest, ").")
	} else {
		fun = fn
	}
	typ, _, _ = strings.Cut(typ, "[")
	fun, _, _ = strings.Cut(fun, "[")
	return typ, fun
}

// typeKinds maps rt types to the kind of object their methods create;
// the atomic types are the rest.
var typeKinds = map[string]kind{"Mutex": kMutex, "RWMutex": kRWMutex, "WaitGroup": kWaitGroup,
	"Once": kOnce, "Cond": kCond, "Chan": kChan, "Var": kVar}

// chanOf names the channel field of the timers whose constructors make
// one: a ticker assigned to m.ticker has its channel named m.ticker.C.
var chanOf = map[string]string{"NewTimer": ".C", "NewTicker": ".C"}

// creates reports whether a call at s is what made an object of kind k:
// a method of its own type, or NewChan (not Cond.Wait locking its L).
func (s site) creates(k kind) bool {
	if s.typ == "" {
		return k == kChan && (s.fun == "NewChan" || chanOf[s.fun] != "") || k == kCond && s.fun == "NewCond"
	}
	tk, ok := typeKinds[s.typ]
	if !ok {
		tk = kAtomic
	}
	return tk == k
}

// nameObject names a new object of kind k after the user call that made
// it, "" if the source does not say. Among several candidates on the
// line, the least used name wins (a.Lock(); b.Lock() names a, then b);
// a name given before gets a number (c.mu#2).
func (ex *exec) nameObject(k kind) string {
	s, ok := callSite()
	if !ok || !s.creates(k) {
		return ""
	}
	cands := sourceNames(s)
	if len(cands) == 0 {
		return ""
	}
	if ex.names == nil {
		ex.names = map[string]int{}
	}
	best := cands[0]
	for _, c := range cands[1:] {
		if ex.names[c] < ex.names[best] {
			best = c
		}
	}
	ex.names[best]++
	if n := ex.names[best]; n > 1 {
		return best + "#" + strconv.Itoa(n)
	}
	return best
}

// parsed is a source file parsed for names.
type parsed struct {
	fset *token.FileSet
	file *ast.File
	src  []byte
}

var (
	parsedMu sync.Mutex
	parsedBy = map[string]*parsed{} // by path; nil if it does not parse
)

func parseSource(path string) *parsed {
	parsedMu.Lock()
	defer parsedMu.Unlock()
	if p, ok := parsedBy[path]; ok {
		return p
	}
	var p *parsed
	if src, err := os.ReadFile(path); err == nil {
		fset := token.NewFileSet()
		if f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution); err == nil {
			p = &parsed{fset: fset, file: f, src: src}
		}
	}
	parsedBy[path] = p
	return p
}

// sourceNames lists, in source order and without repeats, the names the
// calls of s.fun on the line of s give: the receiver of a method call, or
// what the result of NewChan is assigned to.
func sourceNames(s site) []string {
	p := parseSource(s.file)
	if p == nil {
		return nil
	}
	var names []string
	var stack []ast.Node
	ast.Inspect(p.file, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if call, ok := n.(*ast.CallExpr); ok && p.fset.Position(call.Lparen).Line == s.line {
			if name := p.callName(call, s, stack); name != "" && len(name) <= maxNameLen && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
		stack = append(stack, n)
		return true
	})
	return names
}

// callName is the name call (a call of s.fun) gives, "" if none.
func (p *parsed) callName(call *ast.CallExpr, s site, stack []ast.Node) string {
	fun := call.Fun
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	if sel, ok := fun.(*ast.SelectorExpr); ok && sel.Sel.Name == s.fun {
		if s.typ != "" {
			return p.text(sel.X)
		}
		if name := p.assignedTo(call, stack[len(stack)-1]); name != "" {
			return name + chanOf[s.fun]
		}
		return ""
	}
	if id, ok := fun.(*ast.Ident); ok && id.Name == s.fun && s.typ == "" {
		return p.assignedTo(call, stack[len(stack)-1]) // NewChan inside package rt
	}
	return ""
}

// assignedTo names the variable, field or key that e is assigned to in
// its parent node.
func (p *parsed) assignedTo(e ast.Expr, parent ast.Node) string {
	switch a := parent.(type) {
	case *ast.AssignStmt:
		for i, r := range a.Rhs {
			if r == e && len(a.Lhs) == len(a.Rhs) {
				return p.text(a.Lhs[i])
			}
		}
	case *ast.ValueSpec:
		for i, v := range a.Values {
			if v == e && len(a.Names) == len(a.Values) {
				return a.Names[i].Name
			}
		}
	case *ast.KeyValueExpr:
		if a.Value == e {
			return p.text(a.Key)
		}
	}
	return ""
}

// text is the source of e without parentheses and &, "" if it spans lines.
func (p *parsed) text(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				e = x.X
				continue
			}
		}
		break
	}
	s := string(p.src[p.fset.Position(e.Pos()).Offset:p.fset.Position(e.End()).Offset])
	if strings.ContainsAny(s, "\n\t") {
		return ""
	}
	return s
}

// funcLabel names the function f a goroutine runs: "janitor", "run" for
// a method value, "(func at x.go:42)" for a closure (with "in start"
// when it is not written in the body's function, root). It returns "" for
// rt's own wrappers, whose goroutines keep their spawn location.
func funcLabel(f any, root, spawn string) string {
	fn := runtime.FuncForPC(reflect.ValueOf(f).Pointer())
	if f == nil || fn == nil {
		return ""
	}
	file, _ := fn.FileLine(fn.Entry())
	if !userFrame(frame{fn: fn.Name(), file: file}) {
		return ""
	}
	if closureDepth(fn.Name()) == 0 {
		name, _, _ := strings.Cut(shortFunc(fn.Name()), "[")
		return strings.TrimSuffix(name[strings.LastIndexByte(name, '.')+1:], "-fm")
	}
	if r := funcRoot(fn.Name()); r != root {
		return "(func in " + r + " at " + spawn + ")"
	}
	return "(func at " + spawn + ")"
}

// funcName is the runtime name of function f.
func funcName(f any) string {
	if fn := runtime.FuncForPC(reflect.ValueOf(f).Pointer()); fn != nil {
		return fn.Name()
	}
	return ""
}

// shortFunc drops the package path: "pkg.(*S).run-fm".
func shortFunc(fn string) string {
	fn = fn[strings.LastIndexByte(fn, '/')+1:]
	_, rest, _ := strings.Cut(fn, ".")
	return rest
}

// funcRoot is the named function a closure is written in: "TestX" for
// "pkg.TestX.func1.2", "worker" for "pkg.TestX.func1.worker.func1" (a
// closure of worker inlined in TestX).
func funcRoot(fn string) string {
	parts := strings.Split(shortFunc(fn), ".")
	return parts[max(len(parts)-closureDepth(fn)-1, 0)]
}

// name is g's name in reports: "G2 janitor", "G3 (func at x.go:42)",
// "G0" for the body.
func (g *gor) name() string {
	if g.label == "" {
		return threadName(g.id)
	}
	return threadName(g.id) + " " + g.label
}
