package rt

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
)

// blockedFailure reports goroutine g, which held the turn but made no
// progress for the block timeout; in report runs it adds what g is waiting
// for and where (its stack without runtime and rt frames).
func (ex *exec) blockedFailure(g *gor) *Failure {
	msg := fmt.Sprintf("G%d ran or blocked outside rt for more than %v since its last rt operation (a native lock, channel, syscall or a loop without rt operations); it was abandoned", g.id, ex.cfg.timeout)
	if ex.capture {
		if st := stackOf(g.goidValue()); st != "" {
			msg += "; it is " + st
		}
	}
	return &Failure{Kind: KindBlocked, Message: msg}
}

// header matches the first line of a goroutine in a stack dump and
// captures its state ("chan receive", "sync.Mutex.Lock", "running", ...).
var header = regexp.MustCompile(`^goroutine \d+ \[([^,\]]*)`)

// stackOf describes the goroutine with runtime id id: its state and the
// frames of the code under test, as "state at:\n    f at file:line".
func stackOf(id string) string {
	if id == "" {
		return ""
	}
	buf := make([]byte, 1<<20)
	all := string(buf[:runtime.Stack(buf, true)])
	for _, block := range strings.Split(all, "\n\n") {
		if strings.HasPrefix(block, "goroutine "+id+" ") {
			return describeStack(strings.Split(block, "\n"))
		}
	}
	return ""
}

func describeStack(lines []string) string {
	state := "running"
	if m := header.FindStringSubmatch(lines[0]); m != nil {
		state = m[1]
	}
	var frames []string
	for i := 1; i+1 < len(lines); i += 2 {
		fn, loc := lines[i], strings.TrimSpace(lines[i+1])
		if strings.HasPrefix(fn, "created by ") {
			break
		}
		file, _, _ := strings.Cut(loc, " ")
		if internalFrame(file) {
			continue
		}
		if p := strings.LastIndexByte(fn, '('); p > 0 {
			fn = fn[:p]
		}
		frames = append(frames, fmt.Sprintf("    %s at %s", fn[strings.LastIndexByte(fn, '/')+1:], baseName(file)))
	}
	return fmt.Sprintf("in state %q at:\n%s", state, strings.Join(frames, "\n"))
}
