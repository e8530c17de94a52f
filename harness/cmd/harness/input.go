package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
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
		return fmt.Errorf("--%s given twice (%s, then %s) (allowed: --%s once)", o.name, harness.Quote(o.first), harness.Quote(text), o.name)
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
func variantNames(d harness.Definition) string {
	var names []string
	for _, v := range d.Variants {
		names = append(names, v.Name)
	}
	return strings.Join(names, ", ")
}
