package seeded

import (
	"cmp"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// Flag defines -<impl>.bug, taking the names of bugs, and returns the
// function a test calls for the bug the flag names: none, the zero B,
// when the flag is not given. An unknown name fails the test, listing the
// names allowed in the order of their bugs.
func Flag[B ~int](impl string, bugs map[string]B) func(testing.TB) B {
	return define(flag.CommandLine, impl, bugs)
}

func define[B ~int](fs *flag.FlagSet, impl string, bugs map[string]B) func(testing.TB) B {
	names := slices.SortedFunc(maps.Keys(bugs), func(a, b string) int { return cmp.Compare(bugs[a], bugs[b]) })
	name := fs.String(impl+".bug", "", fmt.Sprintf("seeded bug to switch on: %s (default none)", or(names)))
	return func(t testing.TB) B {
		t.Helper()
		var none B
		if *name == "" {
			return none
		}
		if b, ok := bugs[*name]; ok {
			return b
		}
		t.Fatalf("-%s.bug=%q: allowed are %s", impl, *name, strings.Join(names, ", ")+" or none")
		return none
	}
}

// or joins names as "a, b or c".
func or(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
