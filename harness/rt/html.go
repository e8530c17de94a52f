package rt

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"

	"github.com/interleave/concurrency/harness/report"
)

// saveHTML writes the failure's HTML report to the test's artifact
// directory (kept with go test -artifacts), next to the full trace. A TB
// without an artifact directory gets none, silently.
func saveHTML(t TB, f *Failure) {
	dir, err := artifactDir(t)
	if err != nil || f.Page == nil {
		return
	}
	if f.FullTracePath != "" {
		f.Page.Links = append(f.Page.Links, report.Link{Text: "full trace (every step, as text)", Href: filepath.Base(f.FullTracePath)})
	}
	var b bytes.Buffer
	path := filepath.Join(dir, "rt-failure.html")
	if err = renderHTML(&b, f.Page); err == nil {
		err = os.WriteFile(path, b.Bytes(), 0o644)
	}
	if err != nil {
		t.Logf("rt: the HTML report could not be saved: %v", err)
		return
	}
	f.HTMLPath = path
}

// renderHTML renders a Page. It is a variable so that merging the
// renderer of package report switches one line: renderHTML = report.Write.
var renderHTML = plainHTML

// plainHTML renders the title, message, steps, replay command and links
// of p as a plain HTML page, until package report has its renderer.
func plainHTML(w io.Writer, p *report.Page) error {
	var b bytes.Buffer
	esc := html.EscapeString
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<h1>%s: %s</h1>\n<pre>%s</pre>\n<ol>\n",
		esc(p.Title), esc(p.Title), esc(p.Kind), esc(p.Message))
	for _, s := range p.Steps {
		fmt.Fprintf(&b, "<li>%s: %s %s</li>\n", esc(p.Lanes[s.Lane]), esc(s.Text), esc(s.Loc))
	}
	fmt.Fprintf(&b, "</ol>\n<pre>%s</pre>\n", esc(p.Replay))
	for _, l := range p.Links {
		fmt.Fprintf(&b, "<p><a href=\"%s\">%s</a></p>\n", esc(l.Href), esc(l.Text))
	}
	_, err := w.Write(b.Bytes())
	return err
}
