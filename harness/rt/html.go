package rt

import (
	"bytes"
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
	if err = report.Write(&b, f.Page); err == nil {
		err = os.WriteFile(path, b.Bytes(), 0o644)
	}
	if err != nil {
		t.Logf("rt: the HTML report could not be saved: %v", err)
		return
	}
	f.HTMLPath = path
}
