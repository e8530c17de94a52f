package shard

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Merged is the verdict of all N shards together.
type Merged struct {
	Tool, Name         string
	N, Depth, Prefixes int
	// Verdict is "violation" if any shard found one, "ok" if every shard
	// explored its part completely, else "bounded".
	Verdict     string
	Executions  int64
	States      int64 // explore: distinct states over all shards (the union of their states files)
	Transitions int64 // explore: the transitions of those states
	// Violations holds, per kind, the shortest counterexample any shard
	// found (the lowest shard on a tie).
	Violations []Violation
	Shards     []*Result // by K
	// Imbalance is the slowest shard's time over the mean (1 is perfect).
	Imbalance float64
}

// Merge combines the results of the N shards of one exploration. A shard
// missing or present twice, or results of different explorations, is an
// error that names the files.
func Merge(rs []*Result) (*Merged, error) {
	if len(rs) == 0 {
		return nil, fmt.Errorf("no shard results to merge")
	}
	first := rs[0]
	m := &Merged{Tool: first.Tool, Name: first.Name, N: first.Shard.N, Depth: first.Depth, Prefixes: first.Prefixes}
	byK := make([]*Result, m.N+1)
	for _, r := range rs {
		if err := sameExploration(first, r); err != nil {
			return nil, err
		}
		if prev := byK[r.Shard.K]; prev != nil {
			return nil, fmt.Errorf("shard %s appears twice: %s and %s", r.Shard, prev.Source, r.Source)
		}
		byK[r.Shard.K] = r
	}
	var missing []string
	for k := 1; k <= m.N; k++ {
		if byK[k] == nil {
			missing = append(missing, Spec{k, m.N}.String())
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("shard %s missing: a verdict needs all %d shards", strings.Join(missing, ", "), m.N)
	}
	m.Shards = byK[1:]
	m.combine()
	if err := m.checkPartition(); err != nil {
		return nil, err
	}
	if m.Tool == ToolExplore {
		if err := m.unionStates(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// The tools that write results.
const (
	ToolRT      = "rt"
	ToolExplore = "explore"
)

func sameExploration(a, b *Result) error {
	if a.Tool != b.Tool || a.Name != b.Name || a.Shard.N != b.Shard.N || a.Depth != b.Depth || a.Prefixes != b.Prefixes {
		return fmt.Errorf("%s and %s are shards of different explorations (%s %q, %d shards, %d prefixes at depth %d; %s %q, %d shards, %d prefixes at depth %d)",
			a.Source, b.Source, a.Tool, a.Name, a.Shard.N, a.Prefixes, a.Depth, b.Tool, b.Name, b.Shard.N, b.Prefixes, b.Depth)
	}
	return nil
}

// combine sums the counts and picks the verdict and the shortest
// counterexample of each kind.
func (m *Merged) combine() {
	m.Verdict = OK
	best := map[string]Violation{}
	var total, slowest float64
	for _, r := range m.Shards {
		m.Executions += r.Executions
		if r.Verdict != OK && m.Verdict == OK {
			m.Verdict = Bounded
		}
		for _, v := range r.Violations {
			if b, ok := best[v.Kind]; !ok || v.Steps < b.Steps {
				best[v.Kind] = v
			}
		}
		total += r.ElapsedMS
		slowest = max(slowest, r.ElapsedMS)
	}
	if len(best) > 0 {
		m.Verdict = Violated
	}
	for _, v := range best {
		m.Violations = append(m.Violations, v)
	}
	slices.SortFunc(m.Violations, func(a, b Violation) int { return cmp.Compare(a.Kind, b.Kind) })
	if total > 0 {
		m.Imbalance = slowest / (total / float64(m.N))
	}
}

// checkPartition checks that the shards that finished their part covered
// every prefix once, each its own: otherwise they were not run alike.
func (m *Merged) checkPartition() error {
	seen := make([]int, m.Prefixes)
	for _, r := range m.Shards {
		for _, i := range r.Covered {
			if i < 0 || i >= m.Prefixes || !r.Shard.Owns(i) {
				return fmt.Errorf("%s: shard %s covered prefix %d, which is not its own (of %d)", r.Source, r.Shard, i, m.Prefixes)
			}
			if seen[i]++; seen[i] > 1 {
				return fmt.Errorf("%s: prefix %d covered twice", r.Source, i)
			}
		}
	}
	if m.Verdict != OK {
		return nil // a shard that stopped early covered less
	}
	for i, n := range seen {
		if n == 0 {
			return fmt.Errorf("prefix %d of %d was covered by no shard although every shard says ok (shard %s owns it)", i, m.Prefixes, Spec{Owner(i, m.N), m.N})
		}
	}
	return nil
}

// unionStates counts the distinct states and their transitions over the
// shards' states files (paths relative to the result's file).
func (m *Merged) unionStates() error {
	u := newUnion()
	for _, r := range m.Shards {
		if r.StatesFile == "" {
			return fmt.Errorf("%s: shard %s has no states file: merge needs the states each shard visited to count them once", r.Source, r.Shard)
		}
		path := r.StatesFile
		if !filepath.IsAbs(path) && r.Source != "" {
			path = filepath.Join(filepath.Dir(r.Source), path)
		}
		if err := u.addFile(path); err != nil {
			return err
		}
	}
	m.States, m.Transitions = int64(len(u.degree)), u.transitions
	return nil
}
