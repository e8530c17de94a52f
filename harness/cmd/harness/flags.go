package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/interleave/concurrency/harness"
)

// paramFlags collects repeated --param k=v flags.
type paramFlags map[string]int

func (p paramFlags) String() string { return "" }

func (p paramFlags) Set(text string) error {
	name, v, err := harness.ParseParam(text)
	if err != nil {
		return err
	}
	p[name] = v
	return nil
}

// modelFlags are the flags every command that builds a model takes.
type modelFlags struct {
	variant string
	params  paramFlags
}

func (m *modelFlags) register(fs *flag.FlagSet) {
	m.params = paramFlags{}
	fs.StringVar(&m.variant, "variant", "", "model variant (default: the model's first)")
	fs.Var(m.params, "param", "model parameter name=value (repeatable)")
}

// instance looks up the model and builds it from the flags.
func (m *modelFlags) instance(name string) (harness.Instance, error) {
	def, err := harness.Lookup(name)
	if err != nil {
		return harness.Instance{}, usageError{err}
	}
	inst, err := def.Instantiate(m.variant, m.params)
	if err != nil {
		return harness.Instance{}, usageError{err}
	}
	return inst, nil
}

// parseArgs parses flags that may come before or after the one positional
// argument (the model name), and returns that argument.
func parseArgs(fs *flag.FlagSet, args []string, what string) (string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return "", usageError{flagError(fs, err)}
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch len(positional) {
	case 0:
		return "", usagef("missing %s (allowed: %s)", what, strings.Join(modelNames(), ", "))
	case 1:
		return positional[0], nil
	}
	return "", usagef("expected one %s, got %d: %s", what, len(positional), strings.Join(positional, " "))
}

// flagError rewords the flag package's messages to name what is allowed.
func flagError(fs *flag.FlagSet, err error) error {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	allowed := strings.Join(names, ", ")
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return fmt.Errorf("unknown flag --%s (allowed: %s)", strings.TrimPrefix(name, "-"), allowed)
	}
	if strings.HasPrefix(msg, "invalid value ") {
		for _, own := range []string{"param", "max-memory"} { // these explain themselves
			if _, inner, ok := strings.Cut(msg, "for flag -"+own+": "); ok {
				return errors.New(inner)
			}
		}
		msg = strings.Replace(msg, "for flag -", "for --", 1)
		return fmt.Errorf("%s (allowed: whole numbers for --depth, --max-states, --dot-max-states, --workers, --preemptions, --runs, --seed and --bug-depth, a duration such as 30s for --timeout)", msg)
	}
	if strings.HasPrefix(msg, "flag needs an argument") {
		return fmt.Errorf("%s (allowed: %s, each with its value)", msg, allowed)
	}
	return err
}

func modelNames() []string {
	var names []string
	for _, d := range harness.Definitions() {
		names = append(names, d.Name)
	}
	return names
}

// setFlags reports which flags were given on the command line.
func setFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}
