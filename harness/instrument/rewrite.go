package instrument

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Import paths and names the rewritten files use. The names start with
// two underscores so they cannot clash with the user's.
const (
	rtPath    = "github.com/interleave/concurrency/harness/rt"
	shimPath  = "github.com/interleave/concurrency/harness/instrument/shim"
	rtName    = "__rt"
	shimName  = "__shim"
	tempName  = "__i" // prefix of temporaries
	testingPk = "testing"
)

// file rewrites one source file of a type-checked package.
type file struct {
	fset *token.FileSet
	info *types.Info
	ast  *ast.File
	buf  *buffer
	base int // offset of the file in fset

	test     bool // a _test.go file
	usesRT   bool
	usesShim bool
	temps    int
	skip     map[ast.Node]bool  // nodes rewritten as part of their parent
	dropped  map[*ast.Ident]int // package names whose use was rewritten away
	keepT    map[ast.Node]bool  // testing.T selectors that stay (test signatures, fuzz targets)
	notes    []string           // what could not be rewritten, with positions
}

func newFile(fset *token.FileSet, info *types.Info, f *ast.File, src []byte) *file {
	tf := fset.File(f.Pos())
	name := tf.Name()
	return &file{fset: fset, info: info, ast: f, base: tf.Base(),
		buf:  &buffer{file: name, src: src},
		test: strings.HasSuffix(name, "_test.go"),
		skip: map[ast.Node]bool{}, dropped: map[*ast.Ident]int{}, keepT: map[ast.Node]bool{}}
}

func (f *file) off(p token.Pos) int { return int(p) - f.base }

func (f *file) rt(name string) string {
	f.usesRT = true
	return rtName + "." + name
}

func (f *file) shim(name string) string {
	f.usesShim = true
	return shimName + "." + name
}

func (f *file) temp() string {
	f.temps++
	return tempName + strconv.Itoa(f.temps)
}

func (f *file) note(p token.Pos, format string, args ...any) {
	f.notes = append(f.notes, fmt.Sprintf("%s: %s", f.fset.Position(p), fmt.Sprintf(format, args...)))
}

// rewrite applies every rewrite to the file and returns its new text, or
// nil if nothing changed.
func (f *file) rewrite() ([]byte, error) {
	var stack []ast.Node
	ast.Inspect(f.ast, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			f.post(top, stack)
			return true
		}
		f.pre(n)
		stack = append(stack, n)
		return true
	})
	if len(f.buf.edits) == 0 {
		return nil, nil
	}
	f.imports()
	return f.buf.bytes()
}

// pre marks the nodes that their parent rewrites as a whole.
func (f *file) pre(n ast.Node) {
	switch n := n.(type) {
	case *ast.CallExpr:
		if f.builtin(n.Fun) == "make" && len(n.Args) > 0 && f.chanKind(f.info.TypeOf(n.Args[0])) != notChan {
			f.skip[n.Args[0]] = true
		}
		if tv := f.info.Types[n.Fun]; tv.IsType() && f.chanKind(tv.Type) == nativeChan && len(n.Args) == 1 {
			// sema(make(chan struct{}, n)): the channel stays Go's
			if mk, ok := ast.Unparen(n.Args[0]).(*ast.CallExpr); ok && f.builtin(mk.Fun) == "make" {
				f.skip[mk] = true
			}
		}
	case *ast.TypeSpec:
		if f.chanKind(f.info.TypeOf(n.Name)) == nativeChan {
			f.skip[n.Type] = true
		}
	case *ast.SelectStmt:
		for _, s := range n.Body.List {
			switch c := s.(*ast.CommClause).Comm.(type) {
			case *ast.SendStmt:
				f.skip[c] = true
			case *ast.ExprStmt:
				f.skip[c.X] = true
			case *ast.AssignStmt:
				f.skip[c.Rhs[0]] = true
			}
		}
	case *ast.FuncDecl:
		f.preFunc(n)
	}
}

func (f *file) post(n ast.Node, stack []ast.Node) {
	if f.skip[n] {
		return
	}
	depth := len(stack)
	switch n := n.(type) {
	case *ast.ChanType:
		f.buf.replace(f.off(n.Begin), f.off(n.Value.Pos()), "*"+f.rt("Chan")+"[", depth)
		f.buf.close(f.off(n.End()), "]", depth)
	case *ast.SendStmt:
		if f.operand(n.Chan, depth) {
			f.buf.replace(f.off(n.Chan.End()), f.off(n.Value.Pos()), ".Send(", depth)
			f.buf.close(f.off(n.Value.End()), ")", depth)
		}
	case *ast.UnaryExpr:
		if n.Op == token.ARROW && f.chanKind(f.info.TypeOf(n.X)) != nativeChan {
			fn := "Recv"
			if _, ok := f.info.TypeOf(n).(*types.Tuple); ok {
				fn = "RecvOK"
			}
			f.buf.replace(f.off(n.OpPos), f.off(n.X.Pos()), f.shim(fn)+"(", depth)
			f.operand(n.X, depth+1)
			f.buf.close(f.off(n.End()), ")", depth)
		}
	case *ast.RangeStmt:
		if f.operand(n.X, depth+1) {
			f.buf.close(f.off(n.X.End()), ".All()", depth+1)
		}
	case *ast.CallExpr:
		f.call(n, depth)
	case *ast.SelectorExpr:
		f.selector(n, depth)
	case *ast.GoStmt:
		f.goStmt(n, depth)
	case *ast.SelectStmt:
		f.selectStmt(n, depth)
	case *ast.FuncDecl:
		f.testFunc(n)
	}
}

// Kinds of channel types: Go's chan T becomes *rt.Chan[T], a defined
// type with a channel underneath (type Events chan Event) a defined
// pointer type, whose values go through shim.C to reach rt.Chan's
// methods. A defined channel type with methods cannot be a pointer type:
// it stays a Go channel, and so do the operations on its values.
type chanKind int

const (
	notChan chanKind = iota
	plainChan
	namedChan
	nativeChan
)

func (f *file) chanKind(t types.Type) chanKind {
	if t == nil {
		return notChan
	}
	if _, ok := t.Underlying().(*types.Chan); !ok {
		return notChan
	}
	named, ok := types.Unalias(t).(*types.Named)
	switch {
	case !ok:
		return plainChan
	case named.NumMethods() > 0:
		return nativeChan
	}
	return namedChan
}

// operand prepares channel expression e for a method of rt.Chan and
// reports whether it is a channel rt controls.
func (f *file) operand(e ast.Expr, depth int) bool {
	switch f.chanKind(f.info.TypeOf(e)) {
	case plainChan:
		f.wrap(e, depth)
		return true
	case namedChan:
		f.buf.open(f.off(e.Pos()), f.shim("C")+"(", depth)
		f.buf.close(f.off(e.End()), ")", depth)
		return true
	}
	return false
}

// wrap parenthesises e so that a method can be called on it, unless it
// is an operand already.
func (f *file) wrap(e ast.Expr, depth int) {
	switch e.(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr, *ast.CallExpr, *ast.ParenExpr:
		return
	}
	f.buf.open(f.off(e.Pos()), "(", depth)
	f.buf.close(f.off(e.End()), ")", depth)
}

// builtin is the name of the builtin function fun refers to, or "".
func (f *file) builtin(fun ast.Expr) string {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return ""
	}
	if b, ok := f.info.Uses[id].(*types.Builtin); ok {
		return b.Name()
	}
	return ""
}

// call rewrites make(chan T, n), close, len and cap of a channel, and
// ctx.Done().
func (f *file) call(n *ast.CallExpr, depth int) {
	switch b := f.builtin(n.Fun); b {
	case "make":
		if len(n.Args) == 0 {
			return
		}
		typ := n.Args[0]
		if k := f.chanKind(f.info.TypeOf(typ)); k != plainChan && k != namedChan {
			return
		}
		if ct, ok := typ.(*ast.ChanType); ok { // make(chan T, n) → rt.NewChan[T](int(n))
			f.buf.replace(f.off(n.Pos()), f.off(ct.Value.Pos()), f.rt("NewChan")+"[", depth)
		} else { // make(Events, n), a defined type or an alias → shim.Make[Events](int(n))
			f.buf.replace(f.off(n.Pos()), f.off(typ.Pos()), f.shim("Make")+"[", depth)
		}
		if len(n.Args) == 1 {
			f.buf.replace(f.off(typ.End()), f.off(n.End()), "](0)", depth)
		} else if tv := f.info.Types[n.Args[1]]; tv.Value != nil || types.Identical(tv.Type, types.Typ[types.Int]) {
			f.buf.replace(f.off(typ.End()), f.off(n.Args[1].Pos()), "](", depth)
		} else { // NewChan takes an int; make takes any integer
			f.buf.replace(f.off(typ.End()), f.off(n.Args[1].Pos()), "](int(", depth)
			f.buf.close(f.off(n.Args[1].End()), ")", depth)
		}
	case "close", "len", "cap":
		if len(n.Args) != 1 || !f.operand(n.Args[0], depth+1) {
			return
		}
		method := map[string]string{"close": "Close", "len": "Len", "cap": "Cap"}[b]
		f.buf.replace(f.off(n.Pos()), f.off(n.Args[0].Pos()), "", depth)
		f.buf.replace(f.off(n.Args[0].End()), f.off(n.End()), "."+method+"()", depth)
	case "":
		sel, ok := n.Fun.(*ast.SelectorExpr)
		if !ok || len(n.Args) != 0 || !f.isContextDone(sel) {
			return
		}
		f.buf.open(f.off(n.Pos()), f.rt("Done")+"(", depth)
		f.buf.replace(f.off(sel.X.End()), f.off(n.End()), ")", depth)
	}
}

// isContextDone reports whether sel is the Done method of a
// context.Context.
func (f *file) isContextDone(sel *ast.SelectorExpr) bool {
	s := f.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || sel.Sel.Name != "Done" {
		return false
	}
	fn := s.Obj().(*types.Func)
	return fn.Pkg() != nil && fn.Pkg().Path() == "context"
}

// selector renames a qualified identifier of sync, sync/atomic, time or
// context to rt's, and testing.T to the shim's.
func (f *file) selector(n *ast.SelectorExpr, depth int) {
	pkgID, ok := n.X.(*ast.Ident)
	if !ok {
		return
	}
	pn, ok := f.info.Uses[pkgID].(*types.PkgName)
	if !ok {
		return
	}
	path := pn.Imported().Path()
	var to string
	if path == testingPk && n.Sel.Name == "T" {
		if f.keepT[n] {
			return
		}
		to = f.shim("T")
	} else if name, ok := renames[path][n.Sel.Name]; ok {
		to = f.rt(name)
	} else {
		return
	}
	f.dropped[pkgID]++
	f.buf.replace(f.off(n.Pos()), f.off(n.End()), to, depth)
}

// preFunc keeps *testing.T where the testing package requires it: in
// the signatures of tests and anywhere in fuzz targets.
func (f *file) preFunc(n *ast.FuncDecl) {
	if !f.test || n.Recv != nil {
		return
	}
	switch {
	case strings.HasPrefix(n.Name.Name, "Fuzz"):
		ast.Inspect(n, func(m ast.Node) bool {
			if s, ok := m.(*ast.SelectorExpr); ok {
				f.keepT[s] = true
			}
			return true
		})
	case f.isTestFunc(n):
		star := n.Type.Params.List[0].Type.(*ast.StarExpr)
		f.keepT[star.X] = true
	}
}

// isTestFunc reports whether n is func TestXxx(t *testing.T).
func (f *file) isTestFunc(n *ast.FuncDecl) bool {
	if !f.test || n.Recv != nil || n.Body == nil || !isTestName(n.Name.Name) {
		return false
	}
	ps := n.Type.Params.List
	if len(ps) != 1 || len(ps[0].Names) > 1 || n.Type.Results != nil {
		return false
	}
	star, ok := ps[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "T" {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	pn, ok := f.info.Uses[id].(*types.PkgName)
	return ok && pn.Imported().Path() == testingPk
}

// isTestName is go test's rule: Test followed by nothing or by a
// character that is not a lower-case letter.
func isTestName(name string) bool {
	rest, ok := strings.CutPrefix(name, "Test")
	return ok && (rest == "" || !('a' <= rest[0] && rest[0] <= 'z')) && name != "TestMain"
}

// testFunc runs the body of a test under rt.Check through the shim.
func (f *file) testFunc(n *ast.FuncDecl) {
	if !f.isTestFunc(n) {
		return
	}
	p := n.Type.Params.List[0]
	name := "__t"
	if len(p.Names) == 1 && p.Names[0].Name != "_" {
		name = p.Names[0].Name
	} else if len(p.Names) == 0 {
		// func TestX(*testing.T): give the parameter a name to pass on
		f.buf.open(f.off(p.Pos()), name+" ", 0)
	} else {
		f.buf.replace(f.off(p.Names[0].Pos()), f.off(p.Names[0].End()), name, 0)
	}
	f.buf.open(f.off(n.Body.Lbrace)+1, fmt.Sprintf(" %s(%s, func(%s *%s) {", f.shim("Run"), name, name, f.shim("T")), 0)
	f.buf.close(f.off(n.Body.Rbrace), "}); ", 0)
}

// goStmt turns go f(x, y) into rt.Go, evaluating f and its arguments
// where the go statement is, as Go does.
func (f *file) goStmt(n *ast.GoStmt, depth int) {
	call := n.Call
	sig, _ := f.info.TypeOf(call.Fun).(*types.Signature)
	if f.builtin(call.Fun) != "" || sig == nil {
		// go close(ch), go println(x): the arguments are evaluated by
		// the new goroutine, a difference no program should notice
		f.buf.replace(f.off(n.Pos()), f.off(n.End()), f.rt("Go")+"(func() { "+f.buf.take(f.off(call.Pos()), f.off(call.End()))+" })", depth)
		return
	}
	if len(call.Args) == 0 && sig.Results().Len() == 0 && !isGeneric(f.info, call.Fun) {
		f.buf.replace(f.off(n.Pos()), f.off(call.Fun.Pos()), f.rt("Go")+"(", depth)
		f.buf.replace(f.off(call.Fun.End()), f.off(call.End()), ")", depth)
		return
	}
	var names, values, args []string
	fun := f.buf.take(f.off(call.Fun.Pos()), f.off(call.Fun.End()))
	if f.isFuncName(call.Fun) {
		args = append(args, fun)
	} else {
		t := f.temp()
		names, values = append(names, t), append(values, fun)
		args = append(args, t)
	}
	callArgs := make([]string, len(call.Args))
	for i, a := range call.Args {
		text := f.buf.take(f.off(a.Pos()), f.off(a.End()))
		if tv := f.info.Types[a]; tv.Value != nil || tv.IsNil() || isUntyped(tv.Type) {
			callArgs[i] = text // constants: no evaluation to hoist, and no type to give a temporary
			continue
		}
		t := f.temp()
		names, values = append(names, t), append(values, text)
		callArgs[i] = t
	}
	dots := ""
	if call.Ellipsis.IsValid() {
		dots = "..."
	}
	goCall := fmt.Sprintf("%s(func() { %s(%s%s) })", f.rt("Go"), args[0], strings.Join(callArgs, ", "), dots)
	text := goCall
	if len(names) > 0 {
		text = fmt.Sprintf("{ %s := %s; %s }", strings.Join(names, ", "), strings.Join(values, ", "), goCall)
	}
	f.buf.replace(f.off(n.Pos()), f.off(n.End()), text, depth)
}

// isFuncName reports whether e names a declared function (a value with
// nothing to evaluate, possibly generic).
func (f *file) isFuncName(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := f.info.Uses[e].(*types.Func)
		return ok
	case *ast.SelectorExpr:
		if _, ok := f.info.Selections[e]; ok {
			return false // a method value binds its receiver now
		}
		_, ok := f.info.Uses[e.Sel].(*types.Func)
		return ok
	case *ast.IndexExpr:
		return f.isFuncName(e.X)
	case *ast.IndexListExpr:
		return f.isFuncName(e.X)
	}
	return false
}

func isGeneric(info *types.Info, fun ast.Expr) bool {
	switch e := ast.Unparen(fun).(type) {
	case *ast.Ident:
		_, ok := info.Instances[e]
		return ok
	case *ast.SelectorExpr:
		_, ok := info.Instances[e.Sel]
		return ok
	}
	return false
}

func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}

// selectStmt turns a select statement into a switch on rt.Select (or
// TrySelect with a default) whose cases are made, in source order, in
// the switch's init statement:
//
//	switch __i1, __i2 := shim.OnRecv(a), shim.OnSend(b, x); rt.Select(__i1.Case, __i2.Case) {
//	case 0: v := __i1.V
//	case 1:
//	}
//
// A switch, not a block, so that break and a label mean what they did.
func (f *file) selectStmt(n *ast.SelectStmt, depth int) {
	if len(n.Body.List) == 0 { // select {}: blocks for ever
		f.buf.replace(f.off(n.Select), f.off(n.End()), "for { "+f.rt("Select")+"() }", depth)
		return
	}
	var names, values, cases []string
	hasDefault, last := false, len(n.Body.List)-1
	native, controlled := 0, 0
	for _, s := range n.Body.List {
		var ch ast.Expr
		switch c := s.(*ast.CommClause).Comm.(type) {
		case nil:
			hasDefault = true
			continue
		case *ast.SendStmt:
			ch = c.Chan
		default:
			ch = f.recvOperand(c)
		}
		if f.chanKind(f.info.TypeOf(ch)) == nativeChan {
			native++
		} else {
			controlled++
		}
	}
	if native > 0 { // Go channels: the select stays Go's
		if controlled > 0 {
			f.note(n.Pos(), "this select mixes channels of a defined type with methods, which stay Go channels, with channels rt controls: it cannot be rewritten")
		}
		return
	}
	for i, s := range n.Body.List {
		cc := s.(*ast.CommClause)
		head := ""
		switch c := cc.Comm.(type) {
		case nil:
			head = "default:"
		case *ast.SendStmt:
			t := f.temp()
			ch, v := f.takeChan(c.Chan), f.takeExpr(c.Value)
			names, values = append(names, t), append(values, fmt.Sprintf("%s(%s, %s)", f.shim("OnSend"), ch, v))
			cases = append(cases, t+".Case")
			head = fmt.Sprintf("case %d:", len(cases)-1)
		case *ast.ExprStmt:
			t := f.temp()
			names, values = append(names, t), append(values, f.onRecv(c.X))
			cases = append(cases, t+".Case")
			head = fmt.Sprintf("case %d:", len(cases)-1)
		case *ast.AssignStmt:
			t := f.temp()
			names, values = append(names, t), append(values, f.onRecv(c.Rhs[0]))
			cases = append(cases, t+".Case")
			lhs := make([]string, len(c.Lhs))
			for j, l := range c.Lhs {
				lhs[j] = f.takeExpr(l)
			}
			rhs := t + ".V"
			if len(lhs) == 2 {
				rhs += ", " + t + ".OK"
			}
			head = fmt.Sprintf("case %d: %s %s %s", len(cases)-1, strings.Join(lhs, ", "), c.Tok, rhs)
		}
		if i == last && !hasDefault && len(cases) > 0 {
			// the last case of a blocking select is the switch's default,
			// so that the switch terminates where the select did
			head = "default:" + strings.TrimPrefix(head, fmt.Sprintf("case %d:", len(cases)-1))
		}
		f.buf.replace(f.off(cc.Case), f.off(cc.Colon)+1, head, depth)
	}
	sel := f.rt("Select")
	if hasDefault {
		sel = f.rt("TrySelect")
	}
	init := ""
	if len(names) > 0 {
		init = fmt.Sprintf("%s := %s; ", strings.Join(names, ", "), strings.Join(values, ", "))
	}
	f.buf.replace(f.off(n.Select), f.off(n.Body.Lbrace)+1,
		fmt.Sprintf("switch %s%s(%s) {", init, sel, strings.Join(cases, ", ")), depth)
}

// onRecv is the case of a select that receives with e (<-c).
func (f *file) onRecv(e ast.Expr) string {
	u := ast.Unparen(e).(*ast.UnaryExpr)
	return fmt.Sprintf("%s(%s)", f.shim("OnRecv"), f.takeChan(u.X))
}

// recvOperand is the channel a receive case of a select receives from.
func (f *file) recvOperand(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch c := comm.(type) {
	case *ast.ExprStmt:
		e = c.X
	case *ast.AssignStmt:
		e = c.Rhs[0]
	}
	return ast.Unparen(e).(*ast.UnaryExpr).X
}

// takeChan is takeExpr of a channel operand, through shim.C if its type
// is a defined one.
func (f *file) takeChan(e ast.Expr) string {
	text := f.takeExpr(e)
	if f.chanKind(f.info.TypeOf(e)) == namedChan {
		text = f.shim("C") + "(" + text + ")"
	}
	return text
}

// takeExpr is e's text with its rewrites, removed from the buffer to be
// placed elsewhere.
func (f *file) takeExpr(e ast.Expr) string {
	return f.buf.take(f.off(e.Pos()), f.off(e.End()))
}

// imports adds rt's and the shim's imports on the package clause's line
// (so no line moves) and blanks the imports whose every use was
// rewritten.
func (f *file) imports() {
	uses := map[*types.PkgName]int{}
	dropped := map[*types.PkgName]int{}
	ast.Inspect(f.ast, func(n ast.Node) bool { // this file's uses, not the package's
		if id, ok := n.(*ast.Ident); ok {
			if pn, ok := f.info.Uses[id].(*types.PkgName); ok {
				uses[pn]++
				dropped[pn] += f.dropped[id]
			}
		}
		return true
	})
	for _, spec := range f.ast.Imports {
		pn, ok := f.info.Implicits[spec].(*types.PkgName)
		if !ok {
			pn, ok = f.info.Defs[spec.Name].(*types.PkgName)
		}
		if !ok || uses[pn] == 0 || uses[pn] != dropped[pn] {
			continue
		}
		if spec.Name != nil {
			f.buf.replace(f.off(spec.Name.Pos()), f.off(spec.Name.End()), "_", 0)
		} else {
			f.buf.open(f.off(spec.Path.Pos()), "_ ", 0)
		}
	}
	var add []string
	if f.usesRT {
		add = append(add, fmt.Sprintf("import %s %q", rtName, rtPath))
	}
	if f.usesShim {
		add = append(add, fmt.Sprintf("import %s %q", shimName, shimPath))
	}
	if len(add) > 0 {
		f.buf.open(f.off(f.ast.Name.End()), "; "+strings.Join(add, "; "), -1)
	}
}
