package report

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// maxDrawn is how many steps the swimlanes draw at most: the first and
// the last half of them, with a band saying how many were left out, so
// that a schedule of a million steps still opens (a variable for tests).
var maxDrawn = 2000

// Swimlane geometry, in pixels. Text is monospace at 12px, about 7.2px a
// character, so widths are computed here and no script measures text.
const (
	charW    = 7.2
	gutter   = 72  // step numbers and the lasso bracket
	headerH  = 34  // lane names
	rowH     = 30  // a step without a source location
	rowLocH  = 44  // a step with one
	bandH    = 26  // the lasso label, the band of left-out steps
	minLaneW = 120 // room for a short name
	maxChars = 44  // longer text is cut, with the whole in a tooltip
	boxPad   = 6   // between a lane's edge and its boxes
)

// lanesView is the swimlane diagram laid out.
type lanesView struct {
	Width, Height int
	Lanes         []laneView
	Nums          []label // step numbers in the gutter
	Bands         []band  // lasso label and left-out steps
	Bracket       *bracket
	RaceLink      *raceLink
	Omitted       int // steps not drawn
	Head, Tail    int // steps drawn before and after the left-out ones
	Total         int
}

type laneView struct {
	Name, Short       string
	X, W, Mid, Height int
	Steps             []stepView
}

type stepView struct {
	Class            string // "step", "step cycle", "step race", "step cycle race"
	N                int    // 1-based step number
	X, Y, W, H       int
	TextX, TextY     int
	LocY             int
	Text, Loc, Title string
}

type label struct {
	X, Y int
	Text string
}

type band struct {
	Class        string
	X, Y, W      int
	TextX, TextY int
	Text         string
}

// bracket marks the steps of a lasso's cycle in the gutter.
type bracket struct {
	X, Y1, Y2 int
}

// raceLink joins the two accesses of a race.
type raceLink struct {
	X1, Y1, X2, Y2, LX, LY int
}

// layoutLanes lays out p's schedule: lanes left to right, steps top to
// bottom in execution order, as the text report's columns.
func layoutLanes(p *Page) *lanesView {
	v := &lanesView{Total: len(p.Steps), Lanes: sizeLanes(p)}
	last := v.Lanes[len(v.Lanes)-1]
	v.Width = last.X + last.W + 8
	h := rowH
	for _, s := range p.Steps {
		if s.Loc != "" {
			h = rowLocH
		}
	}
	pos := v.place(p, h)
	for _, b := range v.Bands {
		v.Width = max(v.Width, gutter+int(float64(utf8.RuneCountInString(b.Text))*charW)+32)
	}
	for i := range v.Bands {
		v.Bands[i].W = v.Width - gutter - 8
	}
	for i := range v.Lanes {
		v.Lanes[i].Height = v.Height
	}
	v.RaceLink = linkRace(p, pos)
	return v
}

// sizeLanes makes each lane as wide as its name and its longest step.
func sizeLanes(p *Page) []laneView {
	widths := make([]int, len(p.Lanes))
	for i, name := range p.Lanes {
		widths[i] = laneWidth(name)
	}
	for _, s := range p.Steps {
		widths[s.Lane] = max(widths[s.Lane], laneWidth(longer(s.Text, s.Loc)))
	}
	var lanes []laneView
	x := gutter
	for i, name := range p.Lanes {
		w := widths[i]
		lanes = append(lanes, laneView{Name: name, Short: cut(name, int(float64(w-2*boxPad)/charW)), X: x, W: w, Mid: x + w/2})
		x += w
	}
	return lanes
}

// place puts the drawn steps in rows of height h, with a band where steps
// are left out and one where the lasso's cycle starts, and returns where
// each drawn step went.
func (v *lanesView) place(p *Page, h int) map[int]stepView {
	y := headerH
	head, tail := drawn(len(p.Steps))
	cycleAt := -1
	if p.Lasso != nil {
		cycleAt = p.Lasso.Start
	}
	race := raceSteps(p)
	pos := map[int]stepView{}
	for i, s := range p.Steps {
		if i == head && tail > head {
			v.Omitted, v.Head, v.Tail = tail-head, head, len(p.Steps)-tail
			v.Bands = append(v.Bands, band{Class: "band gap", X: gutter, Y: y, TextX: gutter + 8, TextY: y + 17,
				Text: fmt.Sprintf("… %s steps left out (steps %s to %s) …", thousands(v.Omitted), thousands(head+1), thousands(tail))})
			y += bandH
		}
		if i >= head && i < tail {
			continue
		}
		inCycle := cycleAt >= 0 && i >= cycleAt
		if inCycle && v.Bracket == nil {
			v.Bands = append(v.Bands, band{Class: "band cycle", X: gutter, Y: y, TextX: gutter + 8, TextY: y + 17,
				Text: fmt.Sprintf("↻ the %d steps below repeat forever%s", len(p.Steps)-cycleAt, fairness(p.Lasso))})
			y += bandH
			v.Bracket = &bracket{X: gutter - 4, Y1: y}
		}
		sv := step(v.Lanes[s.Lane], s, i, y, h)
		if inCycle {
			sv.Class += " cycle"
		}
		if race[i] {
			sv.Class += " race"
		}
		pos[i] = sv
		v.Lanes[s.Lane].Steps = append(v.Lanes[s.Lane].Steps, sv)
		v.Nums = append(v.Nums, label{X: gutter - 18, Y: y + h/2 + 4, Text: strconv.Itoa(i + 1)})
		y += h
	}
	if v.Bracket != nil {
		v.Bracket.Y2 = y - 4
	}
	v.Height = y + 8
	return pos
}

// drawn returns the steps left out: [head, tail). Nothing is left out of
// a schedule that fits.
func drawn(n int) (head, tail int) {
	if n <= maxDrawn {
		return n, n
	}
	return maxDrawn / 2, n - (maxDrawn - maxDrawn/2)
}

func step(l laneView, s Step, i, y, h int) stepView {
	chars := int(float64(l.W-2*boxPad-12) / charW)
	title := fmt.Sprintf("step %d, %s: %s", i+1, l.Name, s.Text)
	if s.Loc != "" {
		title += " at " + s.Loc
	}
	return stepView{Class: "step", N: i + 1, X: l.X + boxPad, Y: y + 3, W: l.W - 2*boxPad, H: h - 6,
		TextX: l.X + boxPad + 6, TextY: y + 18, LocY: y + 32,
		Text: cut(s.Text, chars), Loc: cut(s.Loc, chars), Title: title}
}

// raceSteps are the steps of the race's two accesses.
func raceSteps(p *Page) map[int]bool {
	m := map[int]bool{}
	if p.Race != nil {
		for _, a := range []Access{p.Race.First, p.Race.Second} {
			if a.Step >= 0 {
				m[a.Step] = true
			}
		}
	}
	return m
}

// linkRace joins the race's two accesses when both are drawn.
func linkRace(p *Page, pos map[int]stepView) *raceLink {
	if p.Race == nil {
		return nil
	}
	a, okA := pos[p.Race.First.Step]
	b, okB := pos[p.Race.Second.Step]
	if !okA || !okB {
		return nil
	}
	l := &raceLink{X1: a.X + a.W/2, Y1: a.Y + a.H, X2: b.X + b.W/2, Y2: b.Y}
	l.LX, l.LY = (l.X1+l.X2)/2+6, (l.Y1+l.Y2)/2
	return l
}

func fairness(l *Lasso) string {
	if l == nil || l.Fairness == "" {
		return ""
	}
	return " (" + l.Fairness + " fairness)"
}

func laneWidth(text string) int {
	n := min(utf8.RuneCountInString(text), maxChars)
	return max(minLaneW, int(float64(n)*charW)+2*boxPad+20)
}

func longer(a, b string) string {
	if utf8.RuneCountInString(b) > utf8.RuneCountInString(a) {
		return b
	}
	return a
}

// cut shortens s to n characters, the last an ellipsis.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:max(n-1, 0)]) + "…"
}

// thousands writes n with commas: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
