package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/trace"
)

// maxWorkers bounds --workers.
const maxWorkers = 256

// byteSize is a --max-memory value: a whole number of bytes with an
// optional binary unit.
type byteSize uint64

// byteUnits are the units --max-memory takes; K, M and G are binary too.
var byteUnits = []struct {
	suffix string
	scale  uint64
}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}

func (b *byteSize) String() string { return trace.FormatBytes(uint64(*b)) }

func (b *byteSize) Set(text string) error {
	num, scale := strings.TrimSpace(text), uint64(1)
	for _, u := range byteUnits {
		if n, ok := strings.CutSuffix(num, u.suffix); ok {
			num, scale = strings.TrimSpace(n), u.scale
			break
		}
	}
	n, err := strconv.ParseUint(num, 10, 64)
	if err != nil || n == 0 || n > (1<<63)/scale {
		return fmt.Errorf("--max-memory %s is not a size (allowed: a positive whole number with an optional unit B, KiB, MiB, GiB, TiB, e.g. 512MiB)", trace.Quote(text))
	}
	*b = byteSize(n * scale)
	return nil
}

// isTerminal reports whether f is a character device, as a terminal is.
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// showProgress makes the search print a progress line on w once a second
// when w is a terminal. The returned function clears the line.
func showProgress(o *harness.Options, w *os.File) (done func()) {
	if !isTerminal(w) {
		return func() {}
	}
	shown := false
	o.Progress = func(p harness.Progress) {
		shown = true
		fmt.Fprintf(w, "\r\033[K%s", progressLine(p))
	}
	return func() {
		if shown {
			fmt.Fprint(w, "\r\033[K")
		}
	}
}

// progressLine renders one progress report.
func progressLine(p harness.Progress) string {
	rate := float64(p.States) / max(p.Elapsed.Seconds(), 1e-9)
	line := fmt.Sprintf("%s states  %s states/s  depth %d", groupDigits(p.States), groupDigits(int(rate)), p.Depth)
	if p.Frontier > 0 {
		line += "  frontier " + groupDigits(p.Frontier)
	}
	return line + "  memory " + trace.FormatBytes(p.Memory)
}

// groupDigits writes n with thousands separators: 1,234,567.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
