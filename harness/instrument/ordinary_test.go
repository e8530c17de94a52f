package instrument_test

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing"
	"testing/fstest"
)

// corpusRoot holds one directory per kernel, each with a bug and a fixed twin.
const corpusRoot = "testdata/ordinary"

// minKernels is how many kernels the corpus promises.
const minKernels = 40

// kinds are the failures a kernel can expect, as kernels.txt names them.
var kinds = map[string]bool{"race": true, "deadlock": true, "leak": true, "panic": true, "fail": true, "livelock": true}

// kernel is one line of kernels.txt.
type kernel struct{ name, kind, shape string }

// readKernels parses kernels.txt: "<kernel> <kind> <shape...>", # comments.
func readKernels(fsys fs.FS) ([]kernel, error) {
	f, err := fsys.Open("kernels.txt")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ks []kernel
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, " ", 3)
		if len(fields) < 3 {
			return nil, fmt.Errorf("kernels.txt: %q: want <kernel> <kind> <description>", line)
		}
		ks = append(ks, kernel{fields[0], fields[1], fields[2]})
	}
	return ks, sc.Err()
}

// checkCorpus returns every way the corpus in fsys breaks its shape.
func checkCorpus(fsys fs.FS, min int) []error {
	ks, err := readKernels(fsys)
	if err != nil {
		return []error{err}
	}
	var errs []error
	listed := map[string]bool{}
	for _, k := range ks {
		if listed[k.name] {
			errs = append(errs, fmt.Errorf("%s: listed twice", k.name))
		}
		listed[k.name] = true
		if !kinds[k.kind] {
			errs = append(errs, fmt.Errorf("%s: kind %q is not one of race, deadlock, leak, panic, fail, livelock", k.name, k.kind))
		}
		for _, twin := range []string{"bug", "fixed"} {
			errs = append(errs, checkTwin(fsys, k.name, twin)...)
		}
	}
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return append(errs, err)
	}
	for _, d := range dirs {
		if d.IsDir() && !listed[d.Name()] {
			errs = append(errs, fmt.Errorf("%s: directory not listed in kernels.txt", d.Name()))
		}
	}
	if len(ks) < min {
		errs = append(errs, fmt.Errorf("%d kernels, want at least %d", len(ks), min))
	}
	return errs
}

// checkTwin checks that dir <name>/<twin> is package <name> with code and a test.
func checkTwin(fsys fs.FS, name, twin string) []error {
	dir := path.Join(name, twin)
	files, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return []error{fmt.Errorf("%s: %v", dir, err)}
	}
	var errs []error
	var code, tests int
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") {
			continue
		}
		src, err := fs.ReadFile(fsys, path.Join(dir, f.Name()))
		if err != nil {
			return append(errs, err)
		}
		af, err := parser.ParseFile(token.NewFileSet(), f.Name(), src, parser.PackageClauseOnly)
		if err != nil {
			return append(errs, fmt.Errorf("%s: %v", dir, err))
		}
		if pkg := af.Name.Name; pkg != name && pkg != name+"_test" {
			errs = append(errs, fmt.Errorf("%s/%s: package %s, want %s", dir, f.Name(), pkg, name))
		}
		if strings.HasSuffix(f.Name(), "_test.go") {
			tests++
		} else {
			code++
		}
	}
	if code == 0 || tests == 0 {
		errs = append(errs, fmt.Errorf("%s: %d code files and %d _test.go files, want at least one of each", dir, code, tests))
	}
	return errs
}

// validCorpus is a one-kernel corpus that keeps the shape.
func validCorpus() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"kernels.txt":             file("# comment\ncounter race lost update on a plain int\n"),
		"counter/bug/c.go":        file("package counter\n"),
		"counter/bug/c_test.go":   file("package counter\n"),
		"counter/fixed/c.go":      file("package counter\n"),
		"counter/fixed/c_test.go": file("package counter_test\n"),
	}
}

func TestCheckCorpusFindsSeededBreakage(t *testing.T) {
	tests := []struct {
		name    string
		break_  func(fstest.MapFS)
		wantErr string
	}{
		{"valid", func(fstest.MapFS) {}, ""},
		{"no fixed twin", func(m fstest.MapFS) { delete(m, "counter/fixed/c.go"); delete(m, "counter/fixed/c_test.go") }, "counter/fixed"},
		{"no test file", func(m fstest.MapFS) { delete(m, "counter/bug/c_test.go") }, "0 _test.go files"},
		{"unknown kind", func(m fstest.MapFS) { m["kernels.txt"].Data = []byte("counter flaky lost update\n") }, `kind "flaky"`},
		{"unlisted dir", func(m fstest.MapFS) { m["extra/bug/e.go"] = &fstest.MapFile{Data: []byte("package extra\n")} }, "extra: directory not listed"},
		{"listed twice", func(m fstest.MapFS) { m["kernels.txt"].Data = []byte("counter race a\ncounter race b\n") }, "listed twice"},
		{"wrong package", func(m fstest.MapFS) { m["counter/fixed/c.go"].Data = []byte("package main\n") }, "package main, want counter"},
		{"no description", func(m fstest.MapFS) { m["kernels.txt"].Data = []byte("counter race\n") }, "want <kernel> <kind> <description>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validCorpus()
			tt.break_(fsys)
			errs := checkCorpus(fsys, 1)
			if tt.wantErr == "" {
				if len(errs) > 0 {
					t.Fatalf("valid corpus: %v", errs)
				}
				return
			}
			if !strings.Contains(fmt.Sprint(errs), tt.wantErr) {
				t.Errorf("errors %v, want one containing %q", errs, tt.wantErr)
			}
		})
	}
	if errs := checkCorpus(validCorpus(), 2); !strings.Contains(fmt.Sprint(errs), "want at least 2") {
		t.Errorf("one kernel against a minimum of 2: errors %v", errs)
	}
}

func TestOrdinaryCorpusShape(t *testing.T) {
	for _, err := range checkCorpus(os.DirFS(corpusRoot), minKernels) {
		t.Error(err)
	}
}

// goVet runs go vet once on pkgs, from dir.
func goVet(dir string, pkgs []string) error {
	cmd := exec.Command("go", append([]string{"vet"}, pkgs...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go vet: %v\n%s", err, out)
	}
	return nil
}

func TestGoVetFindsSeededMisuse(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet; skipped with -short")
	}
	tests := []struct {
		name    string
		src     string
		wantErr bool
	}{
		{"clean", "package p\n\nimport \"fmt\"\n\nfunc F() { fmt.Printf(\"%d\\n\", 1) }\n", false},
		{"printf misuse", "package p\n\nimport \"fmt\"\n\nfunc F() { fmt.Printf(\"%d\\n\", \"one\") }\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range map[string]string{"go.mod": "module p\n\ngo 1.22\n", "p.go": tt.src} {
				if err := os.WriteFile(path.Join(dir, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := goVet(dir, []string{"."}); (err != nil) != tt.wantErr {
				t.Errorf("goVet() = %v, want error: %v", err, tt.wantErr)
			}
		})
	}
}

// TestOrdinaryCorpusVets runs go vet once over both twins of every kernel:
// the buggy ones too must be code that passes the usual checks.
func TestOrdinaryCorpusVets(t *testing.T) {
	if testing.Short() {
		t.Skip("go vet of the corpus takes a while; skipped with -short")
	}
	ks, err := readKernels(os.DirFS(corpusRoot))
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, k := range ks {
		pkgs = append(pkgs, "./"+path.Join(corpusRoot, k.name, "bug"), "./"+path.Join(corpusRoot, k.name, "fixed"))
	}
	if err := goVet(".", pkgs); err != nil {
		t.Fatal(err)
	}
}
