package trace

import (
	"fmt"
	"strings"
)

// Row is one step of a rendered execution: the thread (column) that took it
// and the text shown in that column. A Row with Thread -1 is a note that
// spans the table (such as the start of a repeating cycle) and takes no
// step number.
type Row struct {
	Thread int
	Text   string
	Step   int // the step's number, when rows were left out before it (0: the next)
}

// maxColumn caps the width of one thread's column so that long labels do
// not push the other threads off the screen; longer text is cut with "…".
const maxColumn = 28

// FormatColumns renders an execution as a table with one column per thread
// (named by names) and one numbered line per step, so that the interleaving
// reads top to bottom and who did what reads left to right:
//
//	step  P0          P1
//	   1  take fork0
//	   2              take fork1
//
// Both the model explorer and the controlled runtime render through it.
func FormatColumns(names []string, rows []Row) string {
	width := make([]int, len(names))
	for i, n := range names {
		width[i] = len([]rune(n))
	}
	cells := make([]string, len(rows))
	for i, r := range rows {
		if r.Thread < 0 {
			continue
		}
		cells[i] = clip(r.Text)
		if r.Thread >= 0 && r.Thread < len(width) {
			width[r.Thread] = max(width[r.Thread], len([]rune(cells[i])))
		}
	}
	num := len(fmt.Sprint(len(rows)))
	num = max(num, len("step"))
	var b strings.Builder
	line := func(lead string, col int, text string, all []string) {
		b.WriteString(fmt.Sprintf("%*s", num, lead))
		var ln strings.Builder
		for i := range width {
			ln.WriteString("  ")
			cell := ""
			if all != nil {
				cell = all[i]
			} else if i == col {
				cell = text
			}
			ln.WriteString(cell)
			ln.WriteString(strings.Repeat(" ", width[i]-len([]rune(cell))))
		}
		b.WriteString(strings.TrimRight(ln.String(), " "))
		b.WriteByte('\n')
	}
	line("step", -1, "", names)
	n := 0
	for i, r := range rows {
		if r.Thread < 0 {
			b.WriteString(strings.Repeat(" ", num+2) + r.Text + "\n")
			continue
		}
		n++
		if r.Step > 0 {
			n = r.Step
		}
		line(fmt.Sprint(n), r.Thread, cells[i], nil)
	}
	return b.String()
}

func clip(s string) string {
	r := []rune(s)
	if len(r) <= maxColumn {
		return s
	}
	return string(r[:maxColumn-1]) + "…"
}

// FormatBytes renders a byte count with a binary unit: "512 B", "3.5 MiB".
func FormatBytes(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTP"[exp])
}
