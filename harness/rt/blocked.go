package rt

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
)

func (ex *exec) blockedFailure(g *gor) *Failure {
	msg := fmt.Sprintf("G%d ran or blocked outside rt for more than %v since its last rt operation (a native lock, channel, syscall or a loop without rt operations); it was abandoned", g.id, ex.cfg.timeout)
	if ex.capture {
		if st := stackOf(g.goidValue()); st != "" {
			msg += "; it is at:\n" + st
		}
	}
	return &Failure{Kind: KindBlocked, Message: msg}
}

var hexArgs = regexp.MustCompile(`\(0x[0-9a-f, .]*\)|\+0x[0-9a-f]+|\{0x[0-9a-f, .]*\}`)

// stackOf returns the stack of the goroutine with runtime id id, without
// addresses.
func stackOf(id string) string {
	if id == "" {
		return ""
	}
	buf := make([]byte, 1<<20)
	all := string(buf[:runtime.Stack(buf, true)])
	for _, block := range strings.Split(all, "\n\n") {
		if strings.HasPrefix(block, "goroutine "+id+" ") {
			lines := strings.Split(block, "\n")[1:]
			for i, l := range lines {
				lines[i] = "    " + strings.TrimSpace(hexArgs.ReplaceAllString(l, ""))
			}
			return strings.Join(lines, "\n")
		}
	}
	return ""
}
