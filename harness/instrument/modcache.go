package instrument

import (
	"fmt"
	"go/version"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"
)

// cachedModules returns the modules of the packages under test that live
// in the module cache (a dependency's own tests), by path.
func cachedModules(roots []*packages.Package) map[string]*packages.Module {
	cache := goEnv("", "GOMODCACHE")
	mods := map[string]*packages.Module{}
	for _, p := range roots {
		if m := p.Module; m != nil && !m.Main && cache != "" && strings.HasPrefix(m.Dir, cache+string(filepath.Separator)) {
			mods[m.Path] = m
		}
	}
	return mods
}

// minGo is the language version rewritten code needs (range over
// rt.Chan.All is a range over a function).
const minGo = "1.23"

// writeModFile writes, if the build needs one, a go.mod (with its
// go.sum) to build with -modfile: the main module's, with a go line of
// at least minGo, a replace of each module by a copy in the work
// directory and, if needOurs, a requirement of this module (rt and the
// shim) replaced by its source. It returns "" when the main module's own
// go.mod does.
func writeModFile(cfg Config, mods map[string]*packages.Module, needOurs bool) (string, error) {
	gomod := goEnv(cfg.Dir, "GOMOD")
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("harness test needs a main module (no go.mod here)")
	}
	data, err := os.ReadFile(gomod)
	if err != nil {
		return "", err
	}
	sum, err := os.ReadFile(strings.TrimSuffix(gomod, ".mod") + ".sum")
	if err != nil && !os.IsNotExist(err) {
		return "", err
	}
	mf, err := modfile.Parse(gomod, data, nil)
	if err != nil {
		return "", err
	}
	changed, err := raiseGo(mf, minGo)
	if err != nil || (!changed && len(mods) == 0 && !needOurs) {
		return "", err
	}
	for path, m := range mods {
		dst := filepath.Join(cfg.WorkDir, "mod", path+"@"+m.Version)
		if err := copyModule(path, m.Dir, dst); err != nil {
			return "", err
		}
		if err := mf.AddReplace(path, "", dst, ""); err != nil {
			return "", err
		}
	}
	if needOurs {
		src, err := ownSource()
		if err != nil {
			return "", err
		}
		if err := requireOwn(mf, src); err != nil {
			return "", err
		}
		ourSum, _ := os.ReadFile(filepath.Join(src, "go.sum"))
		sum = append(append(sum, '\n'), ourSum...)
	}
	text, err := mf.Format()
	if err != nil {
		return "", err
	}
	modfile := filepath.Join(cfg.WorkDir, "go.mod")
	if err := os.WriteFile(modfile, text, 0o644); err != nil {
		return "", err
	}
	return modfile, os.WriteFile(filepath.Join(cfg.WorkDir, "go.sum"), sum, 0o644)
}

// requireOwn adds this module, replaced by its source src, to mf, and
// raises mf's go version to this module's if it is lower (the go command
// insists).
func requireOwn(mf *modfile.File, src string) error {
	data, err := os.ReadFile(filepath.Join(src, "go.mod"))
	if err != nil {
		return err
	}
	own, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		return err
	}
	if own.Go != nil {
		if _, err := raiseGo(mf, own.Go.Version); err != nil {
			return err
		}
	}
	if err := mf.AddRequire(modulePath, "v0.0.0"); err != nil {
		return err
	}
	return mf.AddReplace(modulePath, "", src, "")
}

// modulePath is the module of rt and the shim, which rewritten code
// imports.
const modulePath = "github.com/interleave/concurrency"

// ownSource finds this module's source: where this file was compiled
// from (a checkout, or the module cache after go install).
func ownSource() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if ok {
		root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
		if data, err := os.ReadFile(filepath.Join(root, "go.mod")); err == nil && strings.Contains(string(data), "module "+modulePath+"\n") {
			return root, nil
		}
	}
	return "", fmt.Errorf("cannot find the source of %s (built with -trimpath?): add it to your go.mod (go get %s)", modulePath, modulePath)
}

// hasModule reports whether module path is in the build list of the
// main module in dir.
func hasModule(dir, path string) bool {
	cmd := exec.Command("go", "list", "-m", path)
	cmd.Dir = dir
	return cmd.Run() == nil
}

// raiseGo raises mf's go line to v if it is lower, and reports whether
// it did.
func raiseGo(mf *modfile.File, v string) (bool, error) {
	if mf.Go != nil && version.Compare("go"+mf.Go.Version, "go"+v) >= 0 {
		return false, nil
	}
	return true, mf.AddGoStmt(v)
}

// copyModule copies module path from src to dst, with a go.mod of at
// least minGo (a module from before modules gets one: a replacement
// needs it).
func copyModule(path, src, dst string) error {
	if err := copyTree(src, dst); err != nil {
		return err
	}
	file := filepath.Join(dst, "go.mod")
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		data, err = []byte("module "+path+"\n"), nil
	}
	if err != nil {
		return err
	}
	mf, err := modfile.Parse(file, data, nil)
	if err != nil {
		return err
	}
	if _, err := raiseGo(mf, minGo); err != nil {
		return err
	}
	out, err := mf.Format()
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o644)
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
}

// goEnv is go env name, "" if it cannot be had.
func goEnv(dir, name string) string {
	cmd := exec.Command("go", "env", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
