package rt

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
)

// A report fits on a screen whatever the size of the program: only the
// goroutines the failure names get a column, the steps of the others
// are folded into one row per stretch, long runs of one goroutine and
// long stretches far from the failure are left out, and a message that
// lists many goroutines alike is merged. The whole execution goes to
// Failure.FullTrace (a file, under Check).

const (
	maxColumns  = 6  // goroutines with a column in the short trace
	maxRows     = 30 // rows of the short trace
	runShown    = 3  // first steps shown of a run by one goroutine
	headRows    = 3  // first rows always shown
	maxMsgLines = 24 // lines of the message in the short report
)

// alike introduces the goroutines of a merged run of message lines.
const alike = "more alike:"

// gmention finds the goroutines a message names, stepMention its steps.
var (
	gmention    = regexp.MustCompile(`\bG(\d+)\b`)
	stepMention = regexp.MustCompile(`\(step (\d+)\)`)
)

// involved returns the goroutines (column indices) the failure names on
// the screen (not in a list of goroutines alike), in order of first
// mention, then the one that took the last step, at most maxColumns.
func involved(msg string, rows []trace.Row, ncols int) []int {
	var cols []int
	add := func(c int) {
		if c >= 0 && c < ncols && len(cols) < maxColumns && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	for _, line := range strings.Split(screenMessage(msg), "\n") {
		if strings.Contains(line, alike) {
			continue
		}
		for _, m := range gmention.FindAllStringSubmatch(line, -1) {
			n, _ := strconv.Atoi(m[1])
			add(n)
		}
	}
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Thread >= 0 {
			add(rows[i].Thread)
			break
		}
	}
	slices.Sort(cols)
	return cols
}

// shortTrace renders rows (numbered from 1, with notes) in at most
// maxRows rows and the columns of the involved goroutines; cut reports
// whether anything was left out.
func shortTrace(names []string, rows []trace.Row, msg string) (text string, cut bool) {
	if len(names) <= maxColumns && len(rows) <= maxRows {
		return trace.FormatColumns(names, rows), false
	}
	var cols []int
	if len(names) > maxColumns {
		cols = involved(msg, rows, len(names))
	} else {
		for i := range names { // every goroutine has a column; only rows are cut
			cols = append(cols, i)
		}
	}
	var out []trace.Row
	keep := map[int]bool{} // indices in out that must stay
	important := stepsNamed(msg)
	step, other, otherFrom, otherTo, others := 0, 0, 0, 0, map[int]bool{}
	flush := func() {
		if other > 0 {
			out = append(out, trace.Row{Thread: -2, Text: fmt.Sprintf("… steps %d–%d: %d by %d other goroutine(s)", otherFrom, otherTo, other, len(others))})
			other, others = 0, map[int]bool{}
		}
	}
	for _, r := range rows {
		if r.Thread < 0 {
			flush()
			out = append(out, r)
			continue
		}
		step++
		if r.Step > 0 {
			step = r.Step
		}
		c := slices.Index(cols, r.Thread)
		if c < 0 {
			if other == 0 {
				otherFrom = step
			}
			other, otherTo = other+1, step
			others[r.Thread] = true
			continue
		}
		flush()
		if important[step] {
			keep[len(out)] = true
		}
		out = append(out, trace.Row{Thread: c, Text: r.Text, Step: step})
	}
	flush()
	out, keep = foldRuns(out, keep)
	out = trim(out, keep)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = names[c]
	}
	return summary(names, cols) + trace.FormatColumns(head, out), true
}

// stepsNamed returns the steps a message names as "(step N)".
func stepsNamed(msg string) map[int]bool {
	steps := map[int]bool{}
	for _, m := range stepMention.FindAllStringSubmatch(msg, -1) {
		n, _ := strconv.Atoi(m[1])
		steps[n] = true
	}
	return steps
}

// summary is the one line about the goroutines without a column.
func summary(names []string, cols []int) string {
	var rest []int
	for i := range names {
		if !slices.Contains(cols, i) {
			rest = append(rest, i)
		}
	}
	if len(rest) == 0 {
		return ""
	}
	return fmt.Sprintf("columns: the goroutines named above; %s (%d more) are folded into \"other\" rows\n", idRanges(rest), len(rest))
}

// idRanges writes ids as "G2–G5, G9".
func idRanges(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		p := threadName(ids[i])
		if j > i {
			p += "–" + threadName(ids[j])
		}
		parts = append(parts, p)
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// foldRuns leaves out the middle of runs of more than runShown+2 rows by
// one goroutine (the first runShown and the last stay) unless it holds a
// row to keep; it returns the rows and the new indices of those to keep.
func foldRuns(rows []trace.Row, keep map[int]bool) ([]trace.Row, map[int]bool) {
	var out []trace.Row
	kept := map[int]bool{}
	emit := func(k int) {
		if keep[k] {
			kept[len(out)] = true
		}
		out = append(out, rows[k])
	}
	for i := 0; i < len(rows); {
		j := i + 1
		for rows[i].Thread >= 0 && j < len(rows) && rows[j].Thread == rows[i].Thread {
			j++
		}
		if j-i <= runShown+2 || anyKept(keep, i+runShown, j-1) {
			for k := i; k < j; k++ {
				emit(k)
			}
		} else {
			for k := i; k < i+runShown; k++ {
				emit(k)
			}
			out = append(out, trace.Row{Thread: -2, Text: fmt.Sprintf("… %d more steps by the same goroutine", j-1-i-runShown)})
			emit(j - 1)
		}
		i = j
	}
	return out, kept
}

func anyKept(keep map[int]bool, from, to int) bool {
	for k := from; k < to; k++ {
		if keep[k] {
			return true
		}
	}
	return false
}

// trim keeps at most about maxRows rows: the first headRows, the rows in
// keep with a row of context before them, and the last ones; each
// stretch left out becomes one note.
func trim(rows []trace.Row, keep map[int]bool) []trace.Row {
	if len(rows) <= maxRows {
		return rows
	}
	show := make([]bool, len(rows))
	for i := range min(headRows, len(rows)) {
		show[i] = true
	}
	budget := maxRows - headRows - 2
	for k := range keep {
		show[k] = true
		show[max(k-1, 0)] = true
		budget -= 3
	}
	for i := len(rows) - 1; i >= 0 && budget > 0; i-- {
		if !show[i] {
			show[i] = true
			budget--
		}
	}
	var out []trace.Row
	for i := 0; i < len(rows); {
		if show[i] {
			out = append(out, rows[i])
			i++
			continue
		}
		j, first, last := i, 0, 0
		for ; j < len(rows) && !show[j]; j++ {
			if rows[j].Step > 0 {
				last = rows[j].Step
				if first == 0 {
					first = last
				}
			}
		}
		out = append(out, trace.Row{Thread: -2, Text: elided(first, last)})
		i = j
	}
	return out
}

func elided(first, last int) string {
	if first == 0 {
		return "… not shown"
	}
	return fmt.Sprintf("… steps %d–%d not shown", first, last)
}

// screenMessage merges runs of three or more lines that differ only in
// the goroutines they name into the first and a count, and keeps at most
// maxMsgLines lines (the first ones and the last few, which conclude).
func screenMessage(msg string) string {
	lines := strings.Split(msg, "\n")
	var out []string
	for i := 0; i < len(lines); {
		key := gmention.ReplaceAllString(lines[i], "G")
		j := i + 1
		for j < len(lines) && gmention.ReplaceAllString(lines[j], "G") == key {
			j++
		}
		out = append(out, lines[i])
		if j-i >= 3 {
			var ids []int
			for _, l := range lines[i+1 : j] {
				if m := gmention.FindStringSubmatch(l); m != nil {
					n, _ := strconv.Atoi(m[1])
					ids = append(ids, n)
				}
			}
			out = append(out, fmt.Sprintf("  … and %d %s %s", j-i-1, alike, idRanges(ids)))
		} else {
			out = append(out, lines[i+1:j]...)
		}
		i = j
	}
	if len(out) > maxMsgLines {
		tail := 6
		n := len(out) - maxMsgLines + 1
		out = slices.Concat(out[:maxMsgLines-tail-1], []string{fmt.Sprintf("  … %d lines not shown (see the full trace)", n)}, out[len(out)-tail:])
	}
	return strings.Join(out, "\n")
}

// listing renders every step on its own line (the full trace): step,
// goroutine, operation.
func listing(names []string, rows []trace.Row) string {
	var b strings.Builder
	w := 0
	for _, n := range names {
		w = max(w, len([]rune(n)))
	}
	for i, r := range rows {
		fmt.Fprintf(&b, "%6d  %-*s  %s\n", i+1, w, names[r.Thread], r.Text)
	}
	return b.String()
}
