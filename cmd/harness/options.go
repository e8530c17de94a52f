package main

import (
	"errors"

	"github.com/interleave/concurrency/harness"
)

// optionFlags names the flag of each Options field, so that a refusal of
// the engine's option rules names what the user typed: the engine checks
// the rules, the CLI only says them in its own words. Progress has no
// flag: the CLI sets it for its progress line.
var optionFlags = map[string]string{
	"KeepGoing":    "--keep-going",
	"POR":          "--por",
	"Symmetry":     "--symmetry",
	"Seed":         "--seed",
	"MaxMemory":    "--max-memory",
	"Progress":     "",
	"Strategy":     "--strategy",
	"Depth":        "--depth",
	"MaxStates":    "--max-states",
	"Workers":      "--workers",
	"Runs":         "--runs",
	"BugDepth":     "--bug-depth",
	"Preemptions":  "--preemptions",
	"ContextBound": "--preemptions",
	"Compact":      "--compact",
	"Graph":        "--dot",
	"Shard":        "--shard",
}

// optionUsage turns an *harness.OptionError into a usage error that
// names the flag instead of the field; other errors pass as they are.
func optionUsage(err error) error {
	var oe *harness.OptionError
	if !errors.As(err, &oe) {
		return err
	}
	named := *oe
	if flag, ok := optionFlags[oe.Field]; ok {
		named.Field = flag
	}
	return usageError{&named}
}

// checkOptions refuses, before the search starts and before any file is
// written, the options the engine would refuse. o is the search without
// its shard's states file.
func checkOptions(f exploreFlags, o harness.Options, checks []harness.Check) error {
	o.Shard.Spec = f.shard.spec
	return optionUsage(harness.CheckOptions(f.dot.options(o), checks...))
}
