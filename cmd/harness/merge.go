package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/interleave/concurrency/harness/shard"
)

const mergeUsage = `harness merge [--json] [--require-complete] FILE...

Combines the results of the shards of explorations into one verdict per
exploration: the files of 'harness explore --shard K/N' (and their .states
files beside them) or of rt's sharded Checks (INTERLEAVE_SHARD=K/N, written
to the test's artifact directory and to $INTERLEAVE_SHARD_DIR). Files of
several explorations (several tests) are grouped by exploration.

The verdict is violation if any shard found one (with the shortest
counterexample of each kind and its replay command), ok only if all N
shards are there and each explored its part completely, else bounded.
Counts are summed (rt executions) or counted once over all shards (a
model's states and transitions). A shard missing or given twice, or a
shard of another split, is an error naming the files.

Flags:
  --json              print the merged results as JSON
  --require-complete  exit 4 when a merged result is bounded (a shard
                      stopped at a bound): in CI, a proof or a failure

Exit codes: 0 no violation, 1 violation, 2 bad input or incomplete set of
shards, 3 internal error, 4 bounded under --require-complete.`

// errNoResults is merge without files.
var errNoResults = errors.New("merge needs the result files of the shards (allowed: harness merge FILE...)")

func runMerge(args []string, out, _ io.Writer) (int, error) {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	requireComplete := fs.Bool("require-complete", false, "")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return 0, err
	}
	if len(files) == 0 {
		return 0, usageError{errNoResults}
	}
	groups, err := readShardGroups(files)
	if err != nil {
		return 0, err
	}
	var merged []*shard.Merged
	for _, g := range groups {
		m, err := shard.Merge(g)
		if err != nil {
			return 0, usageError{err}
		}
		merged = append(merged, m)
	}
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(merged)
	} else {
		_, err = io.WriteString(out, mergeText(merged))
	}
	if err != nil {
		return 0, err
	}
	code := exitOK
	for _, m := range merged {
		switch {
		case m.Verdict == shard.Violated:
			return exitViolation, nil
		case m.Verdict == shard.Bounded && *requireComplete:
			code = exitIncomplete
		}
	}
	return code, nil
}

// readShardGroups reads the files and groups them by exploration, in the
// order the explorations first appear.
func readShardGroups(files []string) ([][]*shard.Result, error) {
	index := map[string]int{}
	var groups [][]*shard.Result
	for _, f := range files {
		r, err := shard.Read(f)
		if err != nil {
			return nil, usageError{err}
		}
		key := r.Tool + "\x00" + r.Name
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], r)
	}
	return groups, nil
}

// mergeText renders the merged results.
func mergeText(ms []*shard.Merged) string {
	var b strings.Builder
	for i, m := range ms {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "merge %s %s: %d shards", m.Tool, m.Name, m.N)
		if m.Prefixes > 0 {
			fmt.Fprintf(&b, ", split at depth %d into %d prefixes", m.Depth, m.Prefixes)
		}
		b.WriteString("\nresult: " + mergeVerdict(m) + "\n")
		unit, work := "executions", func(r *shard.Result) int64 { return r.Executions }
		if m.Tool == shard.ToolExplore {
			unit, work = "states", func(r *shard.Result) int64 { return r.States }
			fmt.Fprintf(&b, "states: %d  transitions: %d  (each counted once over the shards)\n", m.States, m.Transitions)
		} else {
			fmt.Fprintf(&b, "executions: %d\n", m.Executions)
		}
		fmt.Fprintf(&b, "shard    verdict    %10s  time\n", unit)
		for _, r := range m.Shards {
			fmt.Fprintf(&b, "%-7s  %-9s  %10d  %.0f ms\n", r.Shard, r.Verdict, work(r), r.ElapsedMS)
		}
		fmt.Fprintf(&b, "imbalance: %.2f (slowest shard's time / mean)\n", m.Imbalance)
		for _, v := range m.Violations {
			fmt.Fprintf(&b, "\n%s (%d steps): %s\nreplay: %s\n", strings.ToUpper(v.Kind), v.Steps, v.Message, v.Replay)
		}
	}
	return b.String()
}

func mergeVerdict(m *shard.Merged) string {
	switch m.Verdict {
	case shard.Violated:
		var kinds []string
		for _, v := range m.Violations {
			kinds = append(kinds, v.Kind)
		}
		return "violation: " + strings.Join(kinds, ", ")
	case shard.OK:
		return "ok: every shard explored its part completely and nothing failed"
	}
	return "bounded: a shard stopped at a bound before its part was explored; no proof beyond it"
}
