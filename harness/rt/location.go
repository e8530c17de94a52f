package rt

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

// pkgDir is the directory of this package's source, to skip its frames.
var pkgDir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}()

// rtFile reports whether file is a source file of package rt itself: not
// its tests, nor the packages under it (the corpus), which are user code.
func rtFile(file string) bool {
	return filepath.Dir(file) == pkgDir && !strings.HasSuffix(file, "_test.go")
}

// callerLoc returns "file.go:line" of the first caller outside package rt
// (test files of rt count as callers).
func callerLoc() string {
	raceHide() // fmt's buffers are shared through a sync.Pool
	defer raceShow()
	var pcs [24]uintptr
	n := runtime.Callers(2, pcs[:])
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if userFrame(frame{fn: f.Function, file: f.File}) {
			return fmt.Sprintf("%s:%d", filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}
