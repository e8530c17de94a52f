package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/sched"
	"github.com/interleave/concurrency/harness/trace"
)

// searchUsage documents the flags of searchFlags in exploreUsage.
const searchUsage = `  --por on|off        partial-order reduction (default on where it is
                      sound; the report says when it is not applied)
  --symmetry on|off   symmetry reduction: one state per orbit under
                      permutations of identical threads (default on for
                      models that declare it, e.g. counter; not with
                      --fairness, --preemptions, random or pct; with
                      --por, sleep sets are left out); schedules stay
                      concrete
  --preemptions K     context bounding: search bounds 0..K preemptions in
                      turn (K=0: cooperative, a thread runs until it blocks,
                      yields or finishes) and print executions per bound
  --runs R            random and pct: executions to sample (default 100)
  --seed S            random and pct: the seed (same seed, same output)
  --bug-depth D       pct: the bug depth d (1..16, default 2)`

// searchFlags are the flags of reduction, preemption bounding and the
// sampling strategies.
type searchFlags struct {
	por         string
	symmetry    string
	preemptions int
	runs        int
	seed        int64
	bugDepth    int
}

func (s *searchFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.por, "por", "on", "")
	fs.StringVar(&s.symmetry, "symmetry", "on", "")
	fs.IntVar(&s.preemptions, "preemptions", 0, "")
	fs.IntVar(&s.runs, "runs", harness.DefaultRuns, "")
	fs.Int64Var(&s.seed, "seed", 0, "")
	fs.IntVar(&s.bugDepth, "bug-depth", sched.DefaultBugDepth, "")
}

// validate checks the flags against each other and the strategy.
func (s searchFlags) validate(set map[string]bool, strategy string) error {
	sampling := strategy == "random" || strategy == "pct"
	switch {
	case s.por != "on" && s.por != "off":
		return usagef("--por %s is not a setting (allowed: on, off)", trace.Quote(s.por))
	case s.symmetry != "on" && s.symmetry != "off":
		return usagef("--symmetry %s is not a setting (allowed: on, off)", trace.Quote(s.symmetry))
	case !sampling && (set["runs"] || set["seed"]):
		return usagef("--runs and --seed steer sampling (allowed: --runs and --seed with --strategy random or pct)")
	case set["runs"] && s.runs < 1:
		return usagef("--runs %d is out of range (allowed: 1 or more)", s.runs)
	case set["bug-depth"] && strategy != "pct":
		return usagef("--bug-depth is PCT's parameter (allowed: --bug-depth with --strategy pct)")
	case s.bugDepth < 1: // the engine refuses a bug depth above its maximum, and takes 0 for its default
		return usagef("--bug-depth %d is out of range (allowed: 1..%d)", s.bugDepth, harness.MaxBugDepth)
	}
	return nil
}

// apply sets the options the flags stand for, for model m. Symmetry
// reduction is asked for by default only where m declares a symmetry, so
// that reports on other models do not mention it.
func (s searchFlags) apply(o *harness.Options, set map[string]bool, m harness.Model) {
	o.POR = s.por == "on"
	_, symmetric := m.(harness.Symmetric)
	o.Symmetry = s.symmetry == "on" && (symmetric || set["symmetry"])
	o.ContextBound = set["preemptions"]
	o.Preemptions = s.preemptions
	o.Runs, o.Seed, o.BugDepth = s.runs, s.seed, s.bugDepth
}

// searchHeader names the search settings in the report's first line.
func (r report) searchHeader() string {
	h := ""
	switch r.opts.Strategy {
	case harness.Random:
		h += fmt.Sprintf("  seed=%d  runs=%d", r.opts.Seed, r.opts.Runs)
	case harness.PCT:
		h += fmt.Sprintf("  seed=%d  runs=%d  bug-depth=%d", r.opts.Seed, r.opts.Runs, r.opts.BugDepth)
	}
	if r.opts.ContextBound {
		h += fmt.Sprintf("  preemptions=%d", r.opts.Preemptions)
	}
	return h
}

// searchLines are the report lines on reduction, bounds and sampling.
func (r report) searchLines() string {
	var b strings.Builder
	res := r.res
	switch {
	case res.Merged > 0:
		fmt.Fprintf(&b, "partial-order reduction: %s; %d visits to states passed through without storing\n", res.Reduction, res.Merged)
	case res.Reduction != (harness.Applied{}):
		fmt.Fprintf(&b, "partial-order reduction: %s\n", res.Reduction)
	}
	switch {
	case res.Symmetry == (harness.Applied{On: true}):
		b.WriteString("symmetry reduction: on (states are orbits under permutations of identical threads; schedules are concrete)\n")
	case res.Symmetry != (harness.Applied{}):
		fmt.Fprintf(&b, "symmetry reduction: %s\n", res.Symmetry)
	}
	for _, p := range res.PerBound {
		fmt.Fprintf(&b, "preemption bound %d: %d executions, %d new states\n", p.Bound, p.Executions, p.NewStates)
	}
	if n := len(res.PerBound); n > 0 && len(res.Violations) > 0 {
		fmt.Fprintf(&b, "found at preemption bound %d: no execution with fewer preemptions has it\n", res.PerBound[n-1].Bound)
	}
	if r.opts.Strategy == harness.Random || r.opts.Strategy == harness.PCT {
		fmt.Fprintf(&b, "executions: %d\n", res.Executions)
	}
	for _, n := range res.Notes {
		b.WriteString(n + "\n")
	}
	return b.String()
}

// minimised says how long the schedule was before minimisation.
func minimised(v harness.Violation) string {
	if v.Found == 0 {
		return ""
	}
	return fmt.Sprintf("\nschedule: %d steps as found, minimised to %d (shortest path through its states, then delta debugging; same violation kind)\n", v.Found, len(v.Schedule))
}

// jsonSearch is the JSON form of searchLines.
type jsonSearch struct {
	Reduction  string               `json:"reduction,omitempty"`
	Symmetry   string               `json:"symmetry,omitempty"`
	Merged     int                  `json:"merged,omitempty"`
	Executions int                  `json:"executions,omitempty"`
	PerBound   []harness.BoundStats `json:"per_bound,omitempty"`
	Guarantee  float64              `json:"pct_guarantee,omitempty"`
}

func (r report) jsonSearch() jsonSearch {
	return jsonSearch{Reduction: r.res.Reduction.String(), Symmetry: r.res.Symmetry.String(), Merged: r.res.Merged, Executions: r.res.Executions, PerBound: r.res.PerBound, Guarantee: r.res.Guarantee}
}
