package linearizable

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/interleave/concurrency/checks"
	"github.com/interleave/concurrency/checks/internal/rtcheck"
	"github.com/interleave/concurrency/harness/sched"
)

// Kind is the violation kind of a history that is not linearizable.
const Kind = string(sched.KindNotLinearizable)

// DefaultTimeout bounds one porcupine check; past it the verdict is
// porcupine.Unknown.
const DefaultTimeout = 10 * time.Second

// ErrUnknown is wrapped by Report.Err's error when porcupine ran out of
// time: the history is neither proved linearizable nor refuted. It is
// checks.ErrUnknown, the value every check wraps.
var ErrUnknown = checks.ErrUnknown

var errTimedOut = rtcheck.Verdict(ErrUnknown, "linearizability unknown: the checker ran out of time")

// Option configures Check and Verify.
type Option interface{ apply(*config) }

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	timeout time.Duration
	htmlDir string
	name    string
}

// WithTimeout bounds the porcupine check (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return optionFunc(func(c *config) { c.timeout = d }) }

// WithHTMLDir makes Verify write porcupine's visualisation of a violation
// to dir (typically t.ArtifactDir()).
func WithHTMLDir(dir string) Option { return optionFunc(func(c *config) { c.htmlDir = dir }) }

// WithName names the history in reports and in the HTML file name.
func WithName(name string) Option { return optionFunc(func(c *config) { c.name = name }) }

func newConfig(opts []Option) config {
	c := config{timeout: DefaultTimeout, name: "history"}
	for _, o := range opts {
		o.apply(&c)
	}
	return c
}

// Report is the outcome of checking one history.
type Report struct {
	// Result is porcupine's verdict: Ok, Illegal or Unknown.
	Result  porcupine.CheckResult
	Model   porcupine.Model
	History []porcupine.Operation
	// Info is porcupine's linearisation information, for Visualize.
	Info porcupine.LinearizationInfo
	name string
}

// Check checks history against the sequential specification m with
// porcupine.
func Check(m porcupine.Model, history []porcupine.Operation, opts ...Option) Report {
	c := newConfig(opts)
	res, info := porcupine.CheckOperationsVerbose(m, history, c.timeout)
	return Report{Result: res, Model: m, History: history, Info: info, name: c.name}
}

// Err returns nil for a linearizable history, a *Violation for one that
// is not, and an error wrapping ErrUnknown when porcupine timed out.
func (r Report) Err() error {
	switch r.Result {
	case porcupine.Ok:
		return nil
	case porcupine.Illegal:
		return &Violation{Text: r.Text()}
	}
	return fmt.Errorf("%s: %w (%d operations)", r.name, errTimedOut, len(r.History))
}

// WriteHTML writes porcupine's visualisation of the check to path.
func (r Report) WriteHTML(path string) error {
	return porcupine.VisualizePath(r.Model, r.Info, path)
}

// Violation is a history that is not linearizable.
type Violation struct {
	// Text renders the history and the longest partial linearisation.
	Text string
	// HTML is the path of the visualisation, if one was written.
	HTML string
}

// Error implements error.
func (v *Violation) Error() string {
	s := Kind + ": " + v.Text
	if v.HTML != "" {
		s += "\nvisualisation: " + v.HTML
	}
	return s
}

// TB is what Verify needs of a test: *testing.T and *rt.T implement it.
type TB interface {
	Helper()
	Logf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// attacher is a test that can link a file from its failure report
// (rt.T: the HTML report links porcupine's view).
type attacher interface{ Attach(text, path string) }

// Verify checks history and, unless it is linearizable, fails t with the
// error (Kind and the text rendering); with WithHTMLDir it also writes the
// visualisation there and names the file. Unknown fails too: running out
// of time is never a pass.
func Verify(t TB, m porcupine.Model, history []porcupine.Operation, opts ...Option) Report {
	t.Helper()
	c := newConfig(opts)
	r := Check(m, history, opts...)
	err := r.Err()
	if err == nil {
		return r
	}
	var v *Violation
	if errors.As(err, &v) && c.htmlDir != "" {
		path := filepath.Join(c.htmlDir, fileName(c.name)+".html")
		if werr := r.WriteHTML(path); werr != nil {
			t.Logf("linearizable: writing the visualisation: %v", werr)
		} else {
			v.HTML = path
			if a, ok := t.(attacher); ok {
				a.Attach("porcupine's view of the history that is not linearizable", path)
			}
		}
	}
	t.Fatalf("%v", err)
	return r
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func fileName(name string) string { return unsafeName.ReplaceAllString(name, "_") }
