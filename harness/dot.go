package harness

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DOTOptions say what Graph.WriteDOT marks besides the graph itself.
type DOTOptions struct {
	// Title is written as a comment on the first line (the search, say).
	Title string
	// Checks are the checks of the search: a state that fails one, or a
	// deadlock, is drawn red with the kinds under its label.
	Checks []Check
	// Path is a schedule from the initial state, drawn as bold red edges:
	// the counterexample of the first violation. States it reaches that
	// the search did not store (a minimised schedule may take a shortcut
	// the search never explored) are added, dashed.
	Path Schedule
}

// A state's description is wrapped at spaces into lines of at most
// dotWidth characters, dotLines of them; a longer one is cut with "…"
// and given whole as the node's tooltip.
const (
	dotWidth = 32
	dotLines = 3
)

// dotLegend explains the drawing in a comment under the title.
const dotLegend = "// double border: initial state; red: violating state (kinds on the last line); octagon: deadlock;\n" +
	"// dashed: not expanded (the search stopped or its bound cut it there); bold red edges: the path of the first violation\n" +
	"// (not stored): a state the search did not store, which the violation's minimised schedule passes\n"

// dotEdge is an edge as the drawing knows it; states the graph lacks are
// numbered from Graph.Len() on.
type dotEdge struct {
	from, to uint32
	thread   uint16
}

// dotPath is Options.Path laid over the graph.
type dotPath struct {
	on    map[dotEdge]bool
	extra []State   // path states the graph lacks
	off   []dotEdge // path edges the graph lacks, in path order
	label map[dotEdge]string
}

// WriteDOT writes the graph in Graphviz's DOT language: one node per
// state, numbered as the search found them and labelled with the model's
// description of the state (Describer), one edge per fired step labelled
// "thread: step". The same graph and options give the same bytes.
func (g *Graph) WriteDOT(w io.Writer, o DOTOptions) error {
	path, err := g.follow(o.Path)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	edges := g.distinctEdges()
	if o.Title != "" {
		fmt.Fprintf(b, "// %s\n", strings.ReplaceAll(o.Title, "\n", " "))
	}
	fmt.Fprintf(b, "// %d states, %d edges\n%s", g.Len()+len(path.extra), len(edges)+len(path.off), dotLegend)
	fmt.Fprintf(b, "digraph %s {\n", dotQuote(g.m.Name()))
	b.WriteString("\tnode [shape=box, fontname=\"Helvetica\", fontsize=10];\n\tedge [fontname=\"Helvetica\", fontsize=9];\n")
	for i := range g.Len() {
		s := g.State(uint32(i))
		b.WriteString(g.node(uint32(i), s, o.Checks, len(g.Out(uint32(i))) > 0, true))
	}
	for k, s := range path.extra {
		b.WriteString(g.node(uint32(g.Len()+k), s, o.Checks, false, false))
	}
	for _, e := range edges {
		writeEdge(b, e, g.edgeLabel(e), path.on[e])
	}
	for _, e := range path.off {
		writeEdge(b, e, path.label[e], true)
	}
	b.WriteString("}\n")
	return b.Flush()
}

// distinctEdges lists the edges state by state, each once: a depth-first
// search under a depth bound explores a state again when it reaches it
// by a shorter path, and records its edges again.
func (g *Graph) distinctEdges() []dotEdge {
	var out []dotEdge
	seen := map[dotEdge]bool{}
	for i := range g.Len() {
		clear(seen)
		for _, e := range g.Out(uint32(i)) {
			de := dotEdge{uint32(i), e.To, e.Thread}
			if !seen[de] {
				seen[de] = true
				out = append(out, de)
			}
		}
	}
	return out
}

// follow replays the path and finds its states and edges in the graph.
func (g *Graph) follow(s Schedule) (dotPath, error) {
	p := dotPath{on: map[dotEdge]bool{}, label: map[dotEdge]string{}}
	if len(s) == 0 {
		return p, nil
	}
	tr, err := Replay(g.m, s)
	if err != nil {
		return p, fmt.Errorf("dot: the path does not replay: %w", err)
	}
	from := p.id(g, tr.States[0])
	for i, st := range tr.Steps {
		to := p.id(g, tr.States[i+1])
		e := dotEdge{from, to, uint16(st.Thread)}
		if !p.on[e] && !g.hasEdge(e) {
			p.off = append(p.off, e)
			p.label[e] = ThreadName(g.m, st.Thread) + ": " + st.Label
		}
		p.on[e], from = true, to
	}
	return p, nil
}

// id is the number of a path state: its number in the graph, or one
// after the graph's states.
func (p *dotPath) id(g *Graph, s State) uint32 {
	if id, ok := g.seen.Find(s); ok {
		return id
	}
	for k, x := range p.extra {
		if string(x) == string(s) {
			return uint32(g.Len() + k)
		}
	}
	p.extra = append(p.extra, s)
	return uint32(g.Len() + len(p.extra) - 1)
}

func (g *Graph) hasEdge(e dotEdge) bool {
	if int(e.from) >= g.Len() {
		return false
	}
	for _, o := range g.Out(e.from) {
		if o.To == e.to && o.Thread == e.thread {
			return true
		}
	}
	return false
}

// edgeLabel is "thread: step", the step narrated as a trace narrates it.
func (g *Graph) edgeLabel(e dotEdge) string {
	s := g.State(e.from)
	st := stepOf(g.m, s, int(e.thread))
	label := st.Label
	if n, ok := g.m.(Narrator); ok {
		label = n.Narrate(s, st)
	}
	return ThreadName(g.m, int(e.thread)) + ": " + label
}

// node is the line of state id: expanded says whether the search fired
// its steps (a state with none to fire counts as expanded), stored
// whether the search stored it.
func (g *Graph) node(id uint32, s State, checks []Check, expanded, stored bool) string {
	stuck := terminal(g.m, s)
	kinds, _ := inspectState(g.m, checks, s, stuck)
	label, full := strconv.Itoa(int(id)), ""
	if !stored {
		label += " (not stored)"
	}
	if d, ok := g.m.(Describer); ok {
		full = d.Describe(s)
		label = wrap(label+": "+full, dotWidth, dotLines)
	}
	cut := !strings.HasSuffix(strings.ReplaceAll(label, "\n", " "), full)
	var attrs []string
	if len(kinds) > 0 {
		label += "\n" + strings.Join(kinds, ", ")
		attrs = append(attrs, "color=red", "fontcolor=red")
	}
	attrs = append([]string{"label=" + dotQuote(label)}, attrs...)
	if id == 0 {
		attrs = append(attrs, "peripheries=2")
	}
	if stuck && len(kinds) > 0 && kinds[0] == DeadlockKind {
		attrs = append(attrs, "shape=octagon")
	}
	if !expanded && !stuck {
		attrs = append(attrs, "style=dashed")
	}
	if cut {
		attrs = append(attrs, "tooltip="+dotQuote(full))
	}
	return fmt.Sprintf("\ts%d [%s];\n", id, strings.Join(attrs, ", "))
}

// writeEdge writes the line of edge e; it is called once per edge, so
// it builds the line without fmt.
func writeEdge(b *bufio.Writer, e dotEdge, label string, onPath bool) {
	var num [10]byte
	b.WriteString("\ts")
	b.Write(strconv.AppendUint(num[:0], uint64(e.from), 10))
	b.WriteString(" -> s")
	b.Write(strconv.AppendUint(num[:0], uint64(e.to), 10))
	b.WriteString(" [label=")
	b.WriteString(dotQuote(label))
	if onPath {
		b.WriteString(", color=red, fontcolor=red, style=bold, penwidth=2")
	}
	b.WriteString("];\n")
}

// wrap breaks s at spaces into lines of at most width characters (a
// longer word gets a line of its own, cut), and cuts it with "…" after
// lines lines.
func wrap(s string, width, lines int) string {
	var out []string
	var line strings.Builder
	n := 0 // the characters of line
	for _, w := range strings.Fields(s) {
		k := utf8.RuneCountInString(w)
		if n > 0 && n+1+k > width {
			out = append(out, line.String())
			line.Reset()
			n = 0
		}
		if n > 0 {
			line.WriteByte(' ')
			n++
		}
		line.WriteString(w)
		n += k
	}
	out = append(out, line.String())
	for i, l := range out {
		if utf8.RuneCountInString(l) > width {
			out[i] = string([]rune(l)[:width-1]) + "…"
		}
	}
	if len(out) > lines {
		last := []rune(out[lines-1])
		out = append(out[:lines-1], string(last[:min(len(last), width-1)])+"…")
	}
	return strings.Join(out, "\n")
}

// dotQuote is s as a DOT string: quotes and backslashes escaped, line
// breaks as \n (centred lines).
func dotQuote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	return `"` + strings.ReplaceAll(s, "\n", `\n`) + `"`
}
