package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/interleave/concurrency/harness"
)

// dotUsage documents the flags of dotFlags in exploreUsage.
const dotUsage = `  --dot FILE          write the explored state graph to FILE in Graphviz DOT
                      (render it with: dot -Tsvg FILE > g.svg): states
                      numbered in search order, violating states red,
                      deadlocks octagons, the first violation's path in
                      bold red; bfs or dfs on one worker, not with
                      --compact or --preemptions; turns --por and
                      --symmetry off, so that the graph has every
                      interleaving
  --dot-max-states N  with --dot, stop and refuse once the search passes N
                      states (N >= 1; default %d)`

// defaultDotMaxStates keeps a drawing one that Graphviz lays out in
// seconds.
const defaultDotMaxStates = 2000

// dotFlags are the flags of the state graph export.
type dotFlags struct {
	file      string
	maxStates int
}

func (d *dotFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.file, "dot", "", "")
	fs.IntVar(&d.maxStates, "dot-max-states", defaultDotMaxStates, "")
}

// validate refuses the searches that cannot give a graph.
func (d dotFlags) validate(set map[string]bool, f exploreFlags) error {
	switch {
	case !set["dot"] && set["dot-max-states"]:
		return usagef("--dot-max-states bounds the --dot export (allowed: --dot-max-states with --dot FILE)")
	case !set["dot"]:
		return nil
	case d.file == "":
		return usagef("--dot needs a file name (allowed: --dot FILE, e.g. --dot g.dot)")
	case d.maxStates < 1:
		return usagef("--dot-max-states %d is out of range (allowed: 1 or more)", d.maxStates)
	case f.workers > 1:
		return usagef("--dot numbers states in the order one worker finds them (allowed: --dot with --workers 1)")
	}
	if st, err := os.Stat(filepath.Dir(d.file)); err != nil || !st.IsDir() {
		return usagef("--dot %s: directory %s does not exist (allowed: a file in an existing directory)", d.file, filepath.Dir(d.file))
	}
	return nil
}

// limited reports whether --dot-max-states, not --max-states, bounds
// the search of o.
func (d dotFlags) limited(o harness.Options) bool {
	return o.MaxStates == 0 || o.MaxStates > d.maxStates
}

// options are the search options with the graph recorded and the search
// stopped once it passes the limit: no time is spent beyond it.
func (d dotFlags) options(o harness.Options) harness.Options {
	if d.file == "" {
		return o
	}
	o.Graph = true
	if d.limited(o) {
		o.MaxStates = d.maxStates
	}
	return o
}

// write refuses a graph over the limit, writes the DOT file and returns
// the line the text report ends with.
func (d dotFlags) write(r report) (string, error) {
	if d.file == "" {
		return "", nil
	}
	if d.limited(r.opts) && r.res.Bound == (harness.Bound{Kind: harness.BoundMaxStates, Limit: uint64(d.maxStates)}) {
		return "", usagef("--dot: the search passed %d states and was stopped; the graph is too big to draw (allowed: --dot-max-states above %d, or a smaller search with --depth or --max-states)", d.maxStates, d.maxStates)
	}
	o := harness.DOTOptions{Title: r.header(), Checks: r.checks}
	if len(r.res.Violations) > 0 {
		o.Path = r.res.Violations[0].Schedule
	}
	var b bytes.Buffer
	if err := r.res.Graph.WriteDOT(&b, o); err != nil {
		return "", err
	}
	if err := os.WriteFile(d.file, b.Bytes(), 0o644); err != nil {
		return "", usagef("--dot: %v (allowed: a file that can be written)", err)
	}
	return fmt.Sprintf("\nstate graph: %s (render: dot -Tsvg %s > g.svg)\n", d.file, d.file), nil
}
