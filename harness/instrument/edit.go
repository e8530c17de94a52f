package instrument

import (
	"fmt"
	"sort"
	"strings"
)

// buffer collects text edits of one source file. Edits never move the
// text around them, so a rewritten file keeps the lines of the original;
// an edit whose replacement has a different number of lines than what it
// replaces is followed by a /*line*/ directive that puts the positions
// after it back where they were.
type buffer struct {
	file  string // path for line directives
	src   []byte
	edits []edit
}

// edit replaces src[start:end] with text. Edits at the same place are
// ordered as the text reads: what closes an expression ending there (an
// inner one before an outer one), then what opens one starting there (an
// outer one before an inner one), then a replacement starting there.
type edit struct {
	start, end int
	text       string
	kind       editKind
	depth      int
}

type editKind int

const (
	closing editKind = iota
	opening
	replacing
)

func (b *buffer) replace(start, end int, text string, depth int) {
	b.edits = append(b.edits, edit{start, end, text, replacing, depth})
}

func (b *buffer) open(pos int, text string, depth int) {
	b.edits = append(b.edits, edit{pos, pos, text, opening, depth})
}

func (b *buffer) close(pos int, text string, depth int) {
	b.edits = append(b.edits, edit{pos, pos, text, closing, depth})
}

func (b *buffer) sorted(edits []edit) []edit {
	sort.SliceStable(edits, func(i, j int) bool {
		x, y := edits[i], edits[j]
		if x.start != y.start {
			return x.start < y.start
		}
		if x.kind != y.kind {
			return x.kind < y.kind
		}
		if x.kind == closing {
			return x.depth > y.depth
		}
		return x.depth < y.depth
	})
	return edits
}

// take renders src[start:end] with the edits that lie inside it and
// removes those edits: the caller moves or rewraps the text.
func (b *buffer) take(start, end int) string {
	var in, out []edit
	for _, e := range b.edits {
		if e.start >= start && e.end <= end {
			in = append(in, e)
		} else {
			out = append(out, e)
		}
	}
	b.edits = out
	s, err := b.apply(in, start, end, false)
	if err != nil {
		panic(err) // overlapping edits are a bug of the rewriter
	}
	return s
}

// bytes returns the rewritten file. Its first line is a //line
// directive: the go command compiles the rewrite from another path, and
// errors, stacks and reports must name the original.
func (b *buffer) bytes() ([]byte, error) {
	s, err := b.apply(b.edits, 0, len(b.src), true)
	return []byte(fmt.Sprintf("//line %s:1\n", b.file) + s), err
}

func (b *buffer) apply(edits []edit, start, end int, directives bool) (string, error) {
	var sb strings.Builder
	last := start
	for _, e := range b.sorted(edits) {
		if e.start < last {
			return "", fmt.Errorf("%s: overlapping rewrites at offset %d", b.file, e.start)
		}
		sb.Write(b.src[last:e.start])
		sb.WriteString(e.text)
		last = e.end
		if directives && strings.Count(e.text, "\n") != strings.Count(string(b.src[e.start:e.end]), "\n") {
			line, col := b.position(e.end)
			fmt.Fprintf(&sb, "/*line %s:%d:%d*/", b.file, line, col)
		}
	}
	sb.Write(b.src[last:end])
	return sb.String(), nil
}

// position is the 1-based line and column of offset off.
func (b *buffer) position(off int) (line, col int) {
	line = 1 + strings.Count(string(b.src[:off]), "\n")
	col = off - (strings.LastIndexByte(string(b.src[:off]), '\n') + 1) + 1
	return line, col
}
