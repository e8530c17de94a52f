package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"

	"github.com/interleave/concurrency/harness/coffman"
)

//go:embed page.html.tmpl
var pageTemplate string

var tmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"upper":    strings.ToUpper,
	"n":        thousands,
	"headline": headline,
	"details":  details,
	"href":     href,
}).Parse(pageTemplate))

// href lets a link to a local file through: the page is opened from disk,
// and its links are the files beside it (relative) or elsewhere on the
// same machine (file:). Anything else goes through html/template's URL
// filter as usual.
func href(u string) any {
	if p, err := url.Parse(u); err == nil && (p.Scheme == "file" || p.Scheme == "" && p.Host == "") {
		return template.URL(p.String())
	}
	return u
}

// headline is the first line of a message, the page's heading; details
// is the rest (rt's messages go on with the goroutines involved), shown
// preformatted under it.
func headline(msg string) string {
	first, _, _ := strings.Cut(msg, "\n")
	return strings.TrimSuffix(first, ":")
}

func details(msg string) string {
	_, rest, _ := strings.Cut(msg, "\n")
	return rest
}

// view is what the template renders: the page and its drawings laid out.
type view struct {
	*Page
	Schedule *lanesView
	Graph    *graphView
	Holding  int // Coffman conditions that hold
	First    *accessView
	Second   *accessView
}

type accessView struct {
	Access
	Where string // "P1, step 4"
}

// Write renders p as one self-contained HTML page: inline CSS and SVG and
// a few lines of inline script for the copy button, nothing loaded from
// elsewhere, every text escaped. A schedule longer than a few thousand
// steps is drawn in part, with a band saying how many steps were left out.
// It fails, writing nothing, on a page whose indexes point nowhere.
func Write(w io.Writer, p *Page) error {
	if err := check(p); err != nil {
		return err
	}
	v := view{Page: p}
	if len(p.Lanes) > 0 {
		v.Schedule = layoutLanes(p)
	}
	if p.WaitFor != nil && len(p.WaitFor.Nodes) > 0 {
		v.Graph = layoutGraph(p.WaitFor)
	}
	v.Holding = coffman.Holding(p.Coffman)
	if p.Race != nil {
		v.First, v.Second = access(p, p.Race.First), access(p, p.Race.Second)
	}
	bw := bufio.NewWriter(w)
	if err := tmpl.Execute(bw, v); err != nil {
		return err
	}
	return bw.Flush()
}

func access(p *Page, a Access) *accessView {
	v := &accessView{Access: a, Where: "goroutine not known"}
	if a.Lane >= 0 {
		v.Where = p.Lanes[a.Lane]
	}
	if a.Step >= 0 {
		v.Where += fmt.Sprintf(", step %d", a.Step+1)
	}
	return v
}

// check rejects a page whose indexes do not fit its lanes, steps or
// nodes, naming the first.
func check(p *Page) error {
	if p == nil {
		return fmt.Errorf("report: nil page")
	}
	for i, s := range p.Steps {
		if s.Lane < 0 || s.Lane >= len(p.Lanes) {
			return fmt.Errorf("report: step %d is in lane %d, but the page has %d lanes (allowed: 0..%d)", i+1, s.Lane, len(p.Lanes), len(p.Lanes)-1)
		}
	}
	if p.Lasso != nil && (p.Lasso.Start < 0 || p.Lasso.Start >= len(p.Steps)) {
		return fmt.Errorf("report: the lasso starts at step index %d, but the page has %d steps (allowed: 0..%d)", p.Lasso.Start, len(p.Steps), len(p.Steps)-1)
	}
	if w := p.WaitFor; w != nil {
		for _, e := range w.Edges {
			if e.From < 0 || e.From >= len(w.Nodes) || e.To < 0 || e.To >= len(w.Nodes) {
				return fmt.Errorf("report: wait-for edge %d→%d, but the graph has %d nodes (allowed: 0..%d)", e.From, e.To, len(w.Nodes), len(w.Nodes)-1)
			}
		}
	}
	if r := p.Race; r != nil {
		for _, a := range []Access{r.First, r.Second} {
			if a.Lane < -1 || a.Lane >= len(p.Lanes) || a.Step < -1 || a.Step >= len(p.Steps) {
				return fmt.Errorf("report: race access %q at lane %d, step index %d, but the page has %d lanes and %d steps (allowed: -1 for not known)", a.Text, a.Lane, a.Step, len(p.Lanes), len(p.Steps))
			}
		}
	}
	return nil
}
