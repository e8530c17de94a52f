package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/models/registry"
)

// paramFlags collects repeated --param k=v flags, one per name.
type paramFlags map[string]int

func (p paramFlags) String() string { return "" }

func (p paramFlags) Set(text string) error {
	name, v, err := registry.ParseParam(text)
	if err != nil {
		return err
	}
	if old, dup := p[name]; dup {
		return fmt.Errorf("--param %s given twice (%s=%d, then %s) (allowed: each parameter once; --param repeats for different names)", trace.Clip(name), trace.Clip(name), old, trace.Clip(text))
	}
	p[name] = v
	return nil
}

// modelFlags are the flags every command that builds a model takes.
type modelFlags struct {
	variant      string
	variantGiven bool // --variant '' is an error, not the default
	params       paramFlags
}

func (m *modelFlags) register(fs *flag.FlagSet) {
	m.params = paramFlags{}
	fs.Func("variant", "model variant (default: the model's first)", func(v string) error {
		m.variant, m.variantGiven = v, true
		return nil
	})
	fs.Var(m.params, "param", "model parameter name=value (repeatable for different names)")
}

// instance looks up the model and builds it from the flags.
func (m *modelFlags) instance(name string) (registry.Instance, error) {
	def, err := registry.Lookup(name)
	if err != nil {
		return registry.Instance{}, usageError{err}
	}
	if m.variantGiven && m.variant == "" {
		return registry.Instance{}, usagef("--variant is empty (allowed: %s; leave it out for %s)", variantNames(def), def.Variants[0].Name)
	}
	inst, err := def.Instantiate(m.variant, m.params)
	if err != nil {
		return registry.Instance{}, usageError{err}
	}
	return inst, nil
}

// parseArgs parses flags that may come before or after the one positional
// argument (the model name), and returns that argument.
func parseArgs(fs *flag.FlagSet, args []string, what string) (string, error) {
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return "", err
	}
	switch len(positional) {
	case 0:
		return "", usagef("missing %s (allowed: %s)", what, strings.Join(modelNames(), ", "))
	case 1:
		return positional[0], nil
	}
	return "", usagef("expected one %s, got %d: %s (allowed: one %s, with the flags before or after it)", what, len(positional), trace.Clip(strings.Join(positional, " ")), what)
}

// parseInterleaved parses flags that may stand anywhere among the
// positional arguments, and returns those in order.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	forbidRepeats(fs)
	var positional []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, err // the caller prints the help
		} else if err != nil {
			return nil, usageError{flagError(fs, err)}
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// flagError rewords the flag package's messages to name what is allowed.
func flagError(fs *flag.FlagSet, err error) error {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	allowed := strings.Join(names, ", ")
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return fmt.Errorf("unknown flag --%s (allowed: %s)", trace.Clip(strings.TrimPrefix(name, "-")), allowed)
	}
	if arg, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return fmt.Errorf("bad flag syntax %s (allowed: --name or --name=value, each of %s)", trace.Quote(arg), allowed)
	}
	if e := valueError(msg); e != nil {
		return e
	}
	if strings.HasPrefix(msg, "flag needs an argument") {
		return fmt.Errorf("%s (allowed: %s, each with its value)", msg, allowed)
	}
	return err
}

func modelNames() []string {
	var names []string
	for _, d := range registry.Definitions() {
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
