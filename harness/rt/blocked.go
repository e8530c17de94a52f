package rt

import (
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
)

// blockedFailure reports goroutine g, which held the turn but made no
// progress for the block timeout; in report runs it adds what g is waiting
// for and where (its stack without runtime and rt frames), naming a
// standard sync value or native channel as such.
func (ex *exec) blockedFailure(g *gor) *Failure {
	msg := fmt.Sprintf("%s ran or blocked outside rt for more than %v since its last rt operation (a native lock, channel, syscall or a loop without rt operations); it was abandoned", gname(g), ex.cfg.timeout)
	if ex.capture {
		if st, ok := stackOf(g.goidValue()); ok {
			msg = st.explain(g, ex.cfg.timeout.String())
		}
	}
	return &Failure{Kind: KindBlocked, Message: msg}
}

// stack is a goroutine of a stack dump: its state ("chan receive",
// "sync.Mutex.Lock", "running", ...) and its frames outside the standard
// library and rt, as "f at file:line".
type stack struct {
	state  string
	frames []string
	loc    string // file:line of the first frame outside the standard library
}

// nativeWaits names the standard library waits rt cannot see, by the
// state a stack dump gives them.
var nativeWaits = []struct{ state, what string }{
	{"sync.Mutex.", "a standard sync.Mutex, not rt.Mutex"},
	{"sync.RWMutex.", "a standard sync.RWMutex, not rt.RWMutex"},
	{"sync.WaitGroup.", "a standard sync.WaitGroup, not rt.WaitGroup"},
	{"sync.Cond.", "a standard sync.Cond, not rt.Cond"},
	{"chan ", "a native channel, not rt.Chan"},
	{"select", "a native select, not rt.Select"},
	{"sleep", "time.Sleep, not rt.Sleep"},
}

// explain says what g is stuck in, naming a native wait as such.
func (st stack) explain(g *gor, timeout string) string {
	what := fmt.Sprintf("%s ran or blocked outside rt (in state %q)", gname(g), st.state)
	for _, w := range nativeWaits {
		if strings.HasPrefix(st.state, w.state) {
			what = fmt.Sprintf("%s blocked in %s (%s)", gname(g), st.state, w.what)
		}
	}
	if st.loc != "" {
		what += " at " + st.loc
	}
	return fmt.Sprintf("%s for more than %s since its last rt operation; it was abandoned; its stack:\n%s",
		what, timeout, strings.Join(st.frames, "\n"))
}

// header matches the first line of a goroutine in a stack dump and
// captures its state.
var header = regexp.MustCompile(`^goroutine \d+ \[([^,\]]*)`)

// stackOf describes the goroutine with runtime id id.
func stackOf(id string) (stack, bool) {
	if id == "" {
		return stack{}, false
	}
	buf := make([]byte, 1<<20)
	all := string(buf[:runtime.Stack(buf, true)])
	for _, block := range strings.Split(all, "\n\n") {
		if strings.HasPrefix(block, "goroutine "+id+" ") {
			return describeStack(strings.Split(block, "\n")), true
		}
	}
	return stack{}, false
}

// goSrc is the directory of the standard library's sources.
var goSrc = func() string {
	file, _ := runtime.FuncForPC(reflect.ValueOf(strings.Cut).Pointer()).FileLine(0)
	return filepath.Dir(filepath.Dir(file)) + "/"
}()

func describeStack(lines []string) stack {
	st := stack{state: "running"}
	if m := header.FindStringSubmatch(lines[0]); m != nil {
		st.state = m[1]
	}
	for i := 1; i+1 < len(lines); i += 2 {
		fn, loc := lines[i], strings.TrimSpace(lines[i+1])
		if strings.HasPrefix(fn, "created by ") {
			break
		}
		file, _, _ := strings.Cut(loc, " ")
		if internalFrame(file) || strings.HasPrefix(file, goSrc) {
			continue
		}
		if p := strings.LastIndexByte(fn, '('); p > 0 {
			fn = fn[:p]
		}
		st.frames = append(st.frames, fmt.Sprintf("    %s at %s", fn[strings.LastIndexByte(fn, '/')+1:], baseName(file)))
		if st.loc == "" {
			st.loc = baseName(file)
		}
	}
	return st
}
