package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/interleave/concurrency/checks/fairness"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/sched"
)

var exploreUsage = fmt.Sprintf(`harness explore <model> [flags]

Explores every interleaving of the model's threads and prints the first
violation (deadlock, failed check, starvation or livelock) as a schedule
with one column per thread, followed by the command that replays it.

Flags (before or after the model name):
  --variant V         model variant (see 'harness list')
  --param k=v         model parameter (see 'harness list'); repeat it for
                      each parameter: every other flag is given once
  --strategy S        bfs (default: shortest counterexample), dfs, random
                      (seeded random executions) or pct (probabilistic
                      concurrency testing); dfs, random and pct schedules
                      are minimised by delta debugging
  --depth N           bound the steps of one execution (N >= 1; default none)
  --max-states N      bound the distinct states stored (N >= 1; default none)
  --timeout D         stop after duration D, e.g. 30s (default none)
  --max-memory SIZE   stop with a partial report once the search holds SIZE
                      of memory, e.g. 512MiB or 4GiB (default none)
  --compact           store a 64-bit fingerprint per state instead of the
                      state (hash compaction: 53 to 56 bits a slot, the rest
                      implied by where it is stored): far less memory; the
                      report gives the probability that a state was missed,
                      at most n(n-1)/2^65 for n states
  --workers N         expand states on N goroutines (1..%d; breadth-first
                      search with --por=off, same results as one worker)
  --keep-going        explore everything; report the first violation of each
                      kind and count the violating states
  --fairness F        also check liveness: starvation and livelock under
                      fairness none, weak or strong
%s
%s
%s
%s
  --json              print one JSON object instead of text
  --timing            include elapsed time (output is then not byte-stable)
  --require-complete  exit 4 when the search is not complete (a bound cut
                      it short): in CI, a proof or a failure

The header line is printed when the search starts. While it runs, a
progress line is shown on stderr if stderr is a terminal, and a search
too large to finish is announced there with an estimate of its states.
Ctrl-C (SIGINT) or SIGTERM stops the search and prints a partial report;
a bounded, timed-out or interrupted search says so in its last line.

Exit codes: 0 no violation, 1 violation, 2 bad input, 3 internal error,
4 not complete under --require-complete, 130 and 143 stopped by SIGINT
and SIGTERM (the partial report is printed).`, maxWorkers, searchUsage,
	fmt.Sprintf(dotUsage, defaultDotMaxStates), htmlUsage, shardUsage)

// exploreFlags are the parsed flags of the explore command.
type exploreFlags struct {
	modelFlags
	search    searchFlags
	strategy  string
	depth     int
	maxStates int
	timeout   time.Duration
	maxMemory byteSize
	compact   bool
	workers   int
	keepGoing bool
	fairness  string
	json      bool
	dot       dotFlags
	html      string // --html FILE
	shard     shardFlags
	// requireComplete makes a search that is not complete exit 4.
	requireComplete bool
	set             map[string]bool // the flags given
	timing          bool
}

func parseExplore(args []string) (string, exploreFlags, error) {
	var f exploreFlags
	fs := flag.NewFlagSet("explore", flag.ContinueOnError)
	f.register(fs)
	fs.StringVar(&f.strategy, "strategy", "bfs", "")
	fs.IntVar(&f.depth, "depth", 0, "")
	fs.IntVar(&f.maxStates, "max-states", 0, "")
	fs.DurationVar(&f.timeout, "timeout", 0, "")
	fs.Var(&f.maxMemory, "max-memory", "")
	fs.BoolVar(&f.compact, "compact", false, "")
	fs.IntVar(&f.workers, "workers", 1, "")
	fs.BoolVar(&f.keepGoing, "keep-going", false, "")
	f.search.register(fs)
	fs.StringVar(&f.fairness, "fairness", "", "")
	fs.BoolVar(&f.json, "json", false, "")
	fs.BoolVar(&f.timing, "timing", false, "")
	f.dot.register(fs)
	fs.StringVar(&f.html, "html", "", "")
	fs.BoolVar(&f.requireComplete, "require-complete", false, "")
	f.shard.register(fs)
	name, err := parseArgs(fs, args, "model name")
	if err != nil {
		return "", f, err
	}
	set := setFlags(fs)
	if err := f.search.validate(set, f.strategy); err != nil {
		return "", f, err
	}
	f.set = set
	switch {
	case set["depth"] && f.depth < 1:
		return "", f, usagef("--depth %d is out of range (allowed: 1 or more; leave it out for no bound)", f.depth)
	case set["max-states"] && f.maxStates < 1:
		return "", f, usagef("--max-states %d is out of range (allowed: 1 or more; leave it out for no bound)", f.maxStates)
	case set["timeout"] && f.timeout <= 0:
		return "", f, usagef("--timeout %v is out of range (allowed: a positive duration such as 30s; leave it out for no limit)", f.timeout)
	case f.workers < 1 || f.workers > maxWorkers:
		return "", f, usagef("--workers %d is out of range (allowed: 1..%d)", f.workers, maxWorkers)
	case f.workers > 1 && f.strategy != "bfs":
		return "", f, usagef("--workers %d needs breadth-first search (allowed: --workers with --strategy bfs; other strategies use one worker)", f.workers)
	case f.workers > 1 && f.search.por != "off":
		return "", f, usagef("--workers %d share the unreduced breadth-first search; reduction runs on one worker (allowed: --workers with --por=off)", f.workers)
	case f.requireComplete && (f.strategy == "random" || f.strategy == "pct"):
		return "", f, usagef("--require-complete asks for a proof, and --strategy %s samples executions (allowed: --require-complete with --strategy bfs or dfs)", f.strategy)
	}
	if err := f.dot.validate(set, f); err != nil {
		return "", f, err
	}
	if err := f.shard.validate(set); err != nil {
		return "", f, err
	}
	return name, f, nil
}

func runExplore(args []string, out, errw io.Writer) (int, error) {
	name, f, err := parseExplore(args)
	if err != nil {
		return 0, err
	}
	strategy, err := sched.ParseStrategy(f.strategy)
	if err != nil {
		return 0, usageError{err}
	}
	inst, err := f.instance(name)
	if err != nil {
		return 0, err
	}
	checks := inst.Checks
	if f.fairness != "" {
		fair, err := fairness.Parse(f.fairness)
		if err != nil {
			return 0, usageError{err}
		}
		checks = append(checks, fairness.Starvation(fair), fairness.Livelock(fair))
	}
	ctx, signals := catchSignals(context.Background())
	defer signals.stop()
	if f.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.timeout)
		defer cancel()
	}
	opts := harness.Options{Strategy: strategy, Depth: f.depth, MaxStates: f.maxStates, KeepGoing: f.keepGoing,
		Compact: f.compact, Workers: f.workers, MaxMemory: uint64(f.maxMemory)}
	f.search.apply(&opts, f.set, inst.Model)
	if err := checkOptions(f, opts, checks); err != nil {
		return 0, err
	}
	html, err := openHTML(f.html)
	if err != nil {
		return 0, err
	}
	if f.maxMemory > 0 {
		debug.SetMemoryLimit(int64(f.maxMemory)) // the collector works harder before the search stops
	}
	if opts, err = f.shard.options(opts); err != nil {
		return 0, err
	}
	r := report{inst: inst, flags: f, opts: opts, checks: checks}
	if !f.json { // at once: the user sees what runs, a test when it runs
		r.headerShown = true
		if _, err := io.WriteString(out, r.header()+"\n"); err != nil {
			return 0, err
		}
	}
	warnLargeSpace(ctx, errw, inst, f, opts)
	done := showProgress(&opts, os.Stderr)
	res, err := harness.Explore(ctx, inst.Model, f.dot.options(opts), checks...)
	done()
	if err != nil {
		return 0, optionUsage(err)
	}
	r.res = res
	dotNote, err := f.dot.write(r)
	if err != nil {
		return 0, err
	}
	htmlNote, err := r.writeHTML(html)
	if err != nil {
		return 0, err
	}
	shardNote, err := f.shard.write(r)
	if err != nil {
		return 0, err
	}
	r.notes = dotNote + htmlNote + shardNote // before the last line, which says whether it is a proof
	if f.json {
		err = r.writeJSON(out)
	} else {
		err = r.writeText(out)
	}
	if err != nil {
		return 0, err
	}
	return exploreExit(res, f.requireComplete, signals.exitCode()), nil
}
