//go:build race

package rt

import (
	"errors"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"unsafe"
)

// raceMode is rt's race mode (see doc.go): built with -race and asked for
// by RaceEnv. It hides rt's hand-offs from the race detector and tells it
// the happens-before of rt's primitives instead.
var raceMode = os.Getenv(RaceEnv) == "1"

// raceHide makes the race detector ignore the synchronisation of the
// calling goroutine (rt's own hand-offs) until raceShow. Nestable.
func raceHide() {
	if raceMode {
		runtime.RaceDisable()
	}
}

func raceShow() {
	if raceMode {
		runtime.RaceEnable()
	}
}

// raceAcquire orders the calling goroutine after the releases on addr.
func raceAcquire(addr unsafe.Pointer) {
	if raceMode {
		runtime.RaceAcquire(addr)
	}
}

// raceRelease makes the calling goroutine's past the whole of what an
// acquire of addr gets (a store: for exclusive hand-overs).
func raceRelease(addr unsafe.Pointer) {
	if raceMode {
		runtime.RaceRelease(addr)
	}
}

// raceReleaseMerge adds the calling goroutine's past to what an acquire
// of addr gets.
func raceReleaseMerge(addr unsafe.Pointer) {
	if raceMode {
		runtime.RaceReleaseMerge(addr)
	}
}

// raceSetupError says what is missing for race mode: without the
// suppressions, rt's own bookkeeping would fail every execution.
func raceSetupError() error {
	if raceMode && !strings.Contains(os.Getenv("GORACE"), "suppressions=") {
		return errors.New("rt: race mode (" + RaceEnv + "=1) needs GORACE=suppressions=<file of rt.RaceSuppressions()>: use rt.RaceEnviron")
	}
	return nil
}

// raceErrors is the number of races the race detector has reported.
func raceErrors() int {
	if raceMode {
		return runtime.RaceErrors()
	}
	return 0
}

// raceLog reads the race detector's reports as it writes them to the
// file of GORACE log_path (prefix.pid), from where the last read ended.
type raceLog struct {
	path string // "" when the reports go to standard error
	off  int64
}

func newRaceLog() *raceLog {
	l := &raceLog{}
	for _, f := range strings.Fields(os.Getenv("GORACE")) {
		if p, ok := strings.CutPrefix(f, "log_path="); ok && p != "stdout" && p != "stderr" {
			l.path = p + "." + strconv.Itoa(os.Getpid())
		}
	}
	l.next()
	return l
}

// next returns what the race detector wrote since the last call.
func (l *raceLog) next() string {
	if l.path == "" {
		return ""
	}
	f, err := os.Open(l.path)
	if err != nil {
		return ""
	}
	defer f.Close()
	if _, err := f.Seek(l.off, io.SeekStart); err != nil {
		return ""
	}
	b, _ := io.ReadAll(f)
	l.off += int64(len(b))
	return string(b)
}
