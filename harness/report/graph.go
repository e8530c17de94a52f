package report

import (
	"fmt"
	"math"
	"unicode/utf8"
)

// Wait-for graph geometry: nodes are boxes on a circle, drawn clockwise
// from the top, so that a cycle reads as a ring.
const (
	nodeH      = 28
	graphPad   = 40 // room for edge labels outside the ring
	bend       = 22 // how far an edge bows out of the straight line
	loopHeight = 44 // a self-wait's loop above its node
)

type graphView struct {
	Width, Height int
	Nodes         []nodeView
	Edges         []edgeView
}

type nodeView struct {
	Name         string
	X, Y, W, H   int // the box
	TextX, TextY int
}

type edgeView struct {
	Class  string // "edge" or "edge cycle"
	D      string // the SVG path
	Label  string
	LabelX string
	LabelY string
	Marker string // the arrowhead's id
	Title  string
}

// point is a position in the graph's drawing.
type point struct{ x, y float64 }

// layoutGraph places w's nodes on a circle and bows each edge a little,
// so that A→B and B→A stay apart.
func layoutGraph(w *WaitFor) *graphView {
	n := len(w.Nodes)
	widths := make([]float64, n)
	widest := 0.0
	for i, name := range w.Nodes {
		widths[i] = float64(min(utf8.RuneCountInString(name), maxChars))*charW + 20
		widest = max(widest, widths[i])
	}
	label := 0.0 // the widest edge label
	for _, e := range w.Edges {
		label = max(label, float64(min(utf8.RuneCountInString(e.Label), maxChars))*charW)
	}
	r := 0.0
	if n > 1 {
		// neighbours apart by a box and most of a label: chord 2r·sin(π/n)
		r = max(110, (widest+0.8*label+40)/(2*math.Sin(math.Pi/float64(n))))
		r = min(r, 60*float64(n)+widest)
	}
	loops := 0.0 // room above the ring for self-waits
	for _, e := range w.Edges {
		if e.From == e.To {
			loops = loopHeight * 1.6
		}
	}
	pad := max(graphPad, label/2+bend+8) // labels sit outside the ring
	cx := r + widest/2 + pad
	cy := r + nodeH/2 + graphPad + loops
	g := &graphView{Width: int(2*cx + 0.5)}
	centers := make([]point, n)
	for i, name := range w.Nodes {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(max(n, 1))
		c := point{cx + r*math.Cos(a), cy + r*math.Sin(a)}
		centers[i] = c
		g.Height = max(g.Height, int(c.y+nodeH/2+graphPad))
		g.Nodes = append(g.Nodes, nodeView{Name: cut(name, maxChars),
			X: int(c.x - widths[i]/2), Y: int(c.y - nodeH/2), W: int(widths[i]), H: nodeH,
			TextX: int(c.x), TextY: int(c.y + 4)})
	}
	seen := map[[2]int]int{}
	for _, e := range w.Edges {
		k := seen[[2]int{e.From, e.To}]
		seen[[2]int{e.From, e.To}]++
		g.Edges = append(g.Edges, edge(w, e, centers, widths, k))
	}
	return g
}

// edge draws e as a quadratic curve between the boxes' borders, the k-th
// edge between the same two nodes bowing further out.
func edge(w *WaitFor, e Edge, c []point, widths []float64, k int) edgeView {
	v := edgeView{Class: "edge", Marker: "arrow", Label: cut(e.Label, maxChars),
		Title: fmt.Sprintf("%s waits for %s", w.Nodes[e.From], w.Nodes[e.To])}
	if e.Label != "" {
		v.Title += " (" + e.Label + ")"
	}
	if e.InCycle {
		v.Class, v.Marker = "edge cycle", "arrow-cycle"
	}
	a, b := c[e.From], c[e.To]
	if e.From == e.To {
		hw := max(widths[e.From]/4, 14)
		top := a.y - nodeH/2 - 2
		h := loopHeight * (1 + 0.4*float64(k))
		// control points straight above the ends: the arrow points down
		v.D = fmt.Sprintf("M %s %s C %s %s, %s %s, %s %s", f(a.x-hw), f(top), f(a.x-hw), f(top-h), f(a.x+hw), f(top-h), f(a.x+hw), f(top))
		v.LabelX, v.LabelY = f(a.x), f(top-h*0.75-4)
		return v
	}
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	off := bend * (1 + float64(k))
	// bow to the left of the direction of travel: outwards for the
	// clockwise edges of a ring
	ctl := point{(a.x+b.x)/2 + dy/l*off, (a.y+b.y)/2 - dx/l*off}
	p0 := border(a, ctl, widths[e.From])
	p2 := border(b, ctl, widths[e.To])
	v.D = fmt.Sprintf("M %s %s Q %s %s %s %s", f(p0.x), f(p0.y), f(ctl.x), f(ctl.y), f(p2.x), f(p2.y))
	mid := point{0.25*p0.x + 0.5*ctl.x + 0.25*p2.x, 0.25*p0.y + 0.5*ctl.y + 0.25*p2.y}
	v.LabelX, v.LabelY = f(mid.x+dy/l*12), f(mid.y-dx/l*12+4)
	return v
}

// border is where the line from box centre c towards t leaves the box.
func border(c, t point, w float64) point {
	dx, dy := t.x-c.x, t.y-c.y
	s := math.Inf(1)
	if dx != 0 {
		s = (w/2 + 2) / math.Abs(dx)
	}
	if dy != 0 {
		s = min(s, (nodeH/2+2)/math.Abs(dy))
	}
	if math.IsInf(s, 1) {
		return c
	}
	return point{c.x + dx*s, c.y + dy*s}
}

// f formats a coordinate with one decimal, enough for a drawing and the
// same bytes every time.
func f(x float64) string { return fmt.Sprintf("%.1f", x) }
