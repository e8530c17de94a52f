package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/models/registry"
)

func runList(args []string, out, _ io.Writer) (int, error) {
	if len(args) > 0 && isHelpArg(args[0]) {
		return 0, flag.ErrHelp
	}
	if len(args) > 0 {
		return 0, usagef("list takes no arguments, got %s (allowed: harness list alone)", trace.Clip(strings.Join(args, " ")))
	}
	for i, d := range registry.Definitions() {
		if i > 0 {
			fmt.Fprintln(out)
		}
		fmt.Fprintf(out, "%s — %s\n", d.Name, d.Doc)
		for j, p := range d.Params {
			lead := "  params:  "
			if j > 0 {
				lead = "           "
			}
			fmt.Fprintf(out, "%s%-22s %s\n", lead, fmt.Sprintf("%s=%d (%d..%d)", p.Name, p.Default, p.Min, p.Max), p.Doc)
		}
		width := 0
		for _, v := range d.Variants {
			width = max(width, len(v.Name))
		}
		for j, v := range d.Variants {
			lead, name := "  variants:", v.Name
			if j > 0 {
				lead = "           "
			}
			if j == 0 {
				name += "*"
			}
			fmt.Fprintf(out, "%s %-*s  %s\n", lead, width+1, name, v.Doc)
		}
	}
	fmt.Fprintln(out, "\n* default variant. Example: harness explore deadlock --variant ordered --param n=4")
	return exitOK, nil
}
