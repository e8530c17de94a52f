package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/models/registry"
)

// repeatable are the flags a command line may give more than once: each
// --param names a different parameter (paramFlags rejects a name twice).
var repeatable = map[string]bool{"param": true}

// onceValue is a flag that may be given once: a second value is an error
// naming the flag instead of silently replacing the first.
type onceValue struct {
	flag.Value
	name  string
	given bool
	first string
}

func (o *onceValue) Set(text string) error {
	switch {
	case o.given && o.first == text:
		return fmt.Errorf("--%s given twice (allowed: --%s once)", o.name, o.name)
	case o.given:
		return fmt.Errorf("--%s given twice (%s, then %s) (allowed: --%s once)", o.name, trace.Quote(o.first), trace.Quote(text), o.name)
	}
	o.given, o.first = true, text
	return o.Value.Set(text)
}

// onceBool keeps a boolean flag usable without a value (--json).
type onceBool struct{ *onceValue }

func (o onceBool) IsBoolFlag() bool { return true }

// forbidRepeats makes every flag of fs but the repeatable ones reject a
// second occurrence.
func forbidRepeats(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if repeatable[f.Name] {
			return
		}
		o := &onceValue{Value: f.Value, name: f.Name}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			f.Value = onceBool{o}
			return
		}
		f.Value = o
	})
}

// isHelpArg reports whether a is a request for help.
func isHelpArg(a string) bool {
	switch strings.TrimLeft(a, "-") {
	case "h", "help":
		return strings.HasPrefix(a, "-")
	}
	return false
}

// helpText is a command's help, as 'harness help <command>' and
// 'harness <command> -h' print it.
func helpText(c command) string { return fmt.Sprintf("%s\n\n%s\n", c.summary, c.usage) }

// variantNames lists the variants of d, the default first.
func variantNames(d registry.Definition) string {
	var names []string
	for _, v := range d.Variants {
		names = append(names, v.Name)
	}
	return strings.Join(names, ", ")
}

// valueError rewords the flag package's message on a value that a flag
// rejected, nil for other messages. The errors of our own Set methods (a
// repeated flag, --param, --max-memory) explain themselves: they pass.
func valueError(msg string) error {
	var value, name, inner string
	boolean := true
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		value, name, inner = splitInvalid(rest)
		boolean = false
	} else if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		value, name, inner = splitInvalid(rest)
	} else if rest, ok := strings.CutPrefix(msg, "invalid boolean flag "); ok {
		value = "true" // --name alone
		name, inner, _ = strings.Cut(rest, ": ")
	} else {
		return nil
	}
	switch {
	case name == "param" || name == "max-memory" || strings.HasPrefix(inner, "--"):
		return errors.New(inner)
	case boolean:
		return fmt.Errorf("invalid value %s for --%s: %s (allowed: --%s alone, or --%s=true or false)", trace.Quote(value), name, inner, name, name)
	}
	return fmt.Errorf("invalid value %s for --%s: %s (allowed: whole numbers for --depth, --max-states, --dot-max-states, --workers, --preemptions, --runs, --seed and --bug-depth, a duration such as 30s for --timeout)", trace.Quote(value), name, inner)
}

// splitInvalid takes apart the rest of the flag package's messages
// `invalid value "V" for flag -NAME: ERR` and `invalid boolean value "V"
// for -NAME: ERR`, so that V can be clipped.
func splitInvalid(rest string) (value, name, inner string) {
	quoted, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return "", "", rest
	}
	value, _ = strconv.Unquote(quoted)
	rest = strings.TrimPrefix(rest[len(quoted):], " for ")
	name, inner, _ = strings.Cut(strings.TrimPrefix(strings.TrimPrefix(rest, "flag "), "-"), ": ")
	return value, name, inner
}
