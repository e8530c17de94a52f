package rt

import (
	"bytes"
	"net/url"
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
	for i, l := range f.Page.Links {
		f.Page.Links[i].Href = relativeTo(dir, l.Href)
	}
	var b bytes.Buffer
	path := filepath.Join(dir, "rt-failure.html")
	if err = report.Write(&b, f.Page); err == nil {
		err = os.WriteFile(path, b.Bytes(), 0o644)
	}
	if err != nil {
		t.Logf("rt: the HTML report could not be saved: %v", err)
		return
	}
	f.HTMLPath = path
}

// relativeTo makes a link to an absolute path work from a page in dir:
// the file's name if it is in dir, else a file URL.
func relativeTo(dir, href string) string {
	switch {
	case !filepath.IsAbs(href):
		return href
	case filepath.Dir(href) == dir:
		return filepath.Base(href)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(href)}).String()
}
