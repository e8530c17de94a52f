package instrument

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

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

// copyModules copies each module to the work directory and writes a
// go.mod (with its go.sum) that is the main module's plus a replace of
// each module by its copy, to build with -modfile.
func copyModules(cfg Config, mods map[string]*packages.Module) (string, error) {
	gomod := goEnv(cfg.Dir, "GOMOD")
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("testing a dependency's packages needs a main module (no go.mod here)")
	}
	data, err := os.ReadFile(gomod)
	if err != nil {
		return "", err
	}
	text := string(data) + "\n"
	for path, m := range mods {
		dst := filepath.Join(cfg.WorkDir, "mod", path+"@"+m.Version)
		if err := copyTree(m.Dir, dst); err != nil {
			return "", err
		}
		text += fmt.Sprintf("replace %s => %s\n", path, dst)
	}
	modfile := filepath.Join(cfg.WorkDir, "go.mod")
	if err := os.WriteFile(modfile, []byte(text), 0o644); err != nil {
		return "", err
	}
	sum, err := os.ReadFile(strings.TrimSuffix(gomod, ".mod") + ".sum")
	if err != nil && !os.IsNotExist(err) {
		return "", err
	}
	return modfile, os.WriteFile(filepath.Join(cfg.WorkDir, "go.sum"), sum, 0o644)
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
