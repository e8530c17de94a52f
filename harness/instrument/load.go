package instrument

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Scope says which packages are rewritten besides the ones under test.
type Scope string

const (
	// ScopeModule rewrites every package of the tested packages' modules
	// that they import (the default): the code a test exercises is the
	// module's own.
	ScopeModule Scope = "module"
	// ScopePackages rewrites only the packages under test.
	ScopePackages Scope = "packages"
	// ScopeAll rewrites every package they import but the standard
	// library's: a library that starts goroutines for the code under
	// test (errgroup, a worker pool) must, or rt sees operations on
	// goroutines it did not start.
	ScopeAll Scope = "all"
)

// Scopes lists the allowed scopes.
var Scopes = []Scope{ScopeModule, ScopePackages, ScopeAll}

// Config is what Instrument needs to know about the build.
type Config struct {
	Dir        string   // where the go command runs ("" is the working directory)
	BuildFlags []string // -tags, -race: they decide which files are in a package
	Scope      Scope
	WorkDir    string // where the rewritten files and the overlay go
}

// Result is an instrumented build: the overlay to pass to go test and
// what was rewritten.
type Result struct {
	Overlay  string   // path of the -overlay JSON file
	ModFile  string   // if not "", the -modfile to build with (see copyModules)
	Packages []string // import paths rewritten, sorted
	Files    int      // files rewritten
	Lines    int      // lines of the files rewritten
	Notes    []string // what could not be rewritten, with positions
}

// isRuntime reports whether path is rt or what it is made of, which run as
// they are: rewriting rt onto itself makes no sense.
func isRuntime(path string) bool {
	for _, p := range []string{rtPath, shimPath, "github.com/interleave/concurrency/harness/trace"} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// Instrument type-checks the packages matching patterns and the
// packages of their modules that they import (as Scope says) and writes
// an overlay that replaces each of their files by its rewrite onto rt,
// and adds to each package under test a file that links the shim (for
// its flags). golang.org/x/tools/go/packages is the go command's own
// view of packages, files and build tags, with type information.
func Instrument(patterns []string, cfg Config) (*Result, error) {
	roots, err := loadGraph(cfg, patterns)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	targets, tested, cached := scope(roots, cfg.Scope)
	// The go command takes no overlay for the module cache: test a copy
	// of those modules, through a go.mod that replaces them (and that
	// requires rt's module if the main module does not).
	if res.ModFile, err = writeModFile(cfg, cached, !hasModule(cfg.Dir, modulePath)); err != nil {
		return nil, err
	}
	if res.ModFile != "" {
		cfg.BuildFlags = append(cfg.BuildFlags, "-modfile="+res.ModFile)
		if roots, err = loadGraph(cfg, patterns); err != nil {
			return nil, err
		}
		targets, tested, _ = scope(roots, cfg.Scope)
	}
	if len(targets) == 0 {
		return res, writeOverlay(cfg.WorkDir, map[string]string{}, res)
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedSyntax |
			packages.NeedTypes | packages.NeedTypesInfo | packages.NeedModule,
		Dir: cfg.Dir, BuildFlags: cfg.BuildFlags, Tests: true,
	}, targets...)
	if err != nil {
		return nil, err
	}
	if err := loadErrors(pkgs); err != nil {
		return nil, err
	}
	replace := map[string]string{}
	done := map[string]bool{}
	for _, p := range pkgs {
		if err := rewritePackage(p, cfg.WorkDir, replace, done, res); err != nil {
			return nil, err
		}
	}
	sort.Strings(res.Packages)
	for _, p := range tested {
		if err := linkShim(p, cfg.WorkDir, replace); err != nil {
			return nil, err
		}
	}
	return res, writeOverlay(cfg.WorkDir, replace, res)
}

// loadGraph loads the packages matching patterns and their imports,
// without syntax: enough to decide what to rewrite.
func loadGraph(cfg Config, patterns []string) ([]*packages.Package, error) {
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule,
		Dir:  cfg.Dir, BuildFlags: cfg.BuildFlags, Tests: true,
	}, patterns...)
	if err != nil {
		return nil, err
	}
	return pkgs, loadErrors(pkgs)
}

// loadErrors is the first error of any package, as the go command
// prints it.
func loadErrors(pkgs []*packages.Package) error {
	var msgs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msgs = append(msgs, e.Error())
		}
	})
	if len(msgs) > 0 {
		sort.Strings(msgs)
		return fmt.Errorf("%s", strings.Join(msgs, "\n"))
	}
	return nil
}

// scope returns the import paths to rewrite, the packages under test
// (the ones given, without test variants) and the modules of the paths
// to rewrite that live in the module cache.
func scope(roots []*packages.Package, s Scope) (targets []string, tested []*packages.Package, cached map[string]*packages.Module) {
	set := map[string]*packages.Module{}
	add := func(p *packages.Package) {
		set[strings.TrimSuffix(p.PkgPath, "_test")] = p.Module // an external test package comes with its package
	}
	modules := map[string]bool{}
	for _, p := range roots {
		if strings.HasSuffix(p.ID, ".test") || isRuntime(p.PkgPath) {
			continue
		}
		if !strings.Contains(p.ID, " ") {
			tested = append(tested, p)
		}
		add(p)
		if p.Module != nil {
			modules[p.Module.Path] = true
		}
	}
	if s != ScopePackages {
		packages.Visit(roots, nil, func(p *packages.Package) {
			if p.Module == nil || isRuntime(p.PkgPath) || strings.HasSuffix(p.PkgPath, ".test") {
				return // the standard library, rt
			}
			if s == ScopeAll || modules[p.Module.Path] {
				add(p)
			}
		})
	}
	cache := goEnv("", "GOMODCACHE")
	cached = map[string]*packages.Module{}
	for path, m := range set {
		targets = append(targets, path)
		if m != nil && !m.Main && cache != "" && strings.HasPrefix(m.Dir, cache+string(filepath.Separator)) {
			cached[m.Path] = m
		}
	}
	sort.Strings(targets)
	return targets, tested, cached
}

// rewritePackage rewrites each file of p not rewritten yet (a package
// and its test variant share their non-test files).
func rewritePackage(p *packages.Package, work string, replace map[string]string, done map[string]bool, res *Result) error {
	if strings.HasSuffix(p.ID, ".test") || isRuntime(p.PkgPath) {
		return nil
	}
	rewrote := false
	for _, syn := range p.Syntax {
		name := p.Fset.File(syn.Pos()).Name()
		if done[name] {
			continue
		}
		done[name] = true
		if usesCgo(syn) {
			res.Notes = append(res.Notes, name+": uses cgo; runs as it is")
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		f := newFile(p.Fset, p.TypesInfo, syn, src)
		out, err := f.rewrite()
		if err != nil {
			return err
		}
		res.Notes = append(res.Notes, f.notes...)
		if out == nil {
			continue
		}
		path, err := writeRewrite(work, name, out)
		if err != nil {
			return err
		}
		replace[name] = path
		res.Files++
		res.Lines += strings.Count(string(src), "\n")
		rewrote = true
	}
	if rewrote && !slices.Contains(res.Packages, p.PkgPath) {
		res.Packages = append(res.Packages, p.PkgPath)
	}
	return nil
}

func usesCgo(f *ast.File) bool {
	for _, imp := range f.Imports {
		if imp.Path.Value == `"C"` {
			return true
		}
	}
	return false
}

// writeRewrite stores the rewrite of file name under work, in a directory
// of its own per source directory so that names never collide.
func writeRewrite(work, name string, out []byte) (string, error) {
	sum := sha256.Sum256([]byte(filepath.Dir(name)))
	dir := filepath.Join(work, hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, filepath.Base(name))
	return path, os.WriteFile(path, out, 0o644)
}

// shimFile is the file added to a package under test: it links the shim,
// whose init defines the -interleave.* flags, even into a test binary
// with no test to rewrite.
const shimFile = "zz_interleave_test.go"

func linkShim(p *packages.Package, work string, replace map[string]string) error {
	dir := ""
	for _, f := range append(p.GoFiles, p.OtherFiles...) {
		dir = filepath.Dir(f)
		break
	}
	if tests, _ := filepath.Glob(filepath.Join(dir, "*_test.go")); dir == "" || len(tests) == 0 {
		return nil // go test says "no test files"
	}
	name := filepath.Join(dir, shimFile)
	src := fmt.Sprintf("package %s\n\nimport _ %q\n", p.Name, shimPath)
	if p.Module != nil && !p.Module.Main {
		// a dependency's package, tested in a copy that is gone after
		// the run: its replay command names it by import path
		src = fmt.Sprintf("package %s\n\nimport %s %q\n\nfunc init() { %s.SetPackage(%q) }\n", p.Name, shimName, shimPath, shimName, p.PkgPath)
	}
	path, err := writeRewrite(work, name, []byte(src))
	if err != nil {
		return err
	}
	replace[name] = path
	return nil
}

func writeOverlay(work string, replace map[string]string, res *Result) error {
	data, err := json.MarshalIndent(struct{ Replace map[string]string }{replace}, "", "\t")
	if err != nil {
		return err
	}
	res.Overlay = filepath.Join(work, "overlay.json")
	return os.WriteFile(res.Overlay, data, 0o644)
}
