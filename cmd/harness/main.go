package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
	_ "github.com/interleave/concurrency/models/all" // every model registers itself
)

// Exit codes, as DESIGN.md promises.
const (
	exitOK        = 0
	exitViolation = 1
	exitUsage     = 2
	exitInternal  = 3
)

// command is one entry of the dispatch table.
type command struct {
	summary string
	usage   string
	run     func(args []string, out, errw io.Writer) (int, error)
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"list":    {"list the models with their parameters and variants", "harness list", runList},
		"explore": {"explore a model and print the first violation", exploreUsage, runExplore},
		"replay":  {"replay a schedule step by step", replayUsage, runReplay},
		"merge":   {"combine the results of the shards of an exploration", mergeUsage, runMerge},
		"test":    {"run go test with the packages' code rewritten onto rt", testUsage, runTest},
		"help":    {"show help for a command", "harness help [command]", runHelp},
		"version": {"print the version of harness and of Go it was built with", "harness version (or harness --version)", runVersion},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit code. Bad input is
// one line on stderr naming what is wrong and what is allowed.
func run(args []string, out, errw io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(errw, overview())
		return exitUsage
	}
	if args[0] == "--version" || args[0] == "-version" {
		args[0] = "version"
	}
	cmd, ok := commands[args[0]]
	if !ok {
		if isHelpArg(args[0]) {
			fmt.Fprint(out, overview())
			return exitOK
		}
		fmt.Fprintf(errw, "harness: unknown command %s (allowed: %s)\n", trace.Quote(args[0]), strings.Join(commandNames(), ", "))
		return exitUsage
	}
	code, err := cmd.run(args[1:], out, errw)
	var ue usageError
	switch {
	case err == nil:
		return code
	case errors.Is(err, flag.ErrHelp): // <command> -h
		fmt.Fprint(out, helpText(cmd))
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(errw, "harness %s: %v\n", args[0], err)
		return exitUsage
	default:
		fmt.Fprintf(errw, "harness %s: internal error: %v\n", args[0], err)
		return exitInternal
	}
}

// usageError marks bad input: exit code 2.
type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

func commandNames() []string {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func overview() string {
	var b strings.Builder
	b.WriteString("harness explores concurrency models and prints counterexample schedules.\n\nUsage:\n")
	for _, n := range commandNames() {
		fmt.Fprintf(&b, "  %-8s %s\n", n, commands[n].summary)
	}
	b.WriteString("\nRun 'harness help <command>' (or 'harness <command> -h') for its flags and\nexit codes, 'harness list' for the models.\n")
	return b.String()
}

func runHelp(args []string, out, _ io.Writer) (int, error) {
	if len(args) == 0 || isHelpArg(args[0]) {
		fmt.Fprint(out, overview())
		return exitOK, nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return 0, usagef("unknown command %s (allowed: %s)", trace.Quote(args[0]), strings.Join(commandNames(), ", "))
	}
	fmt.Fprint(out, helpText(cmd))
	return exitOK, nil
}
