package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/interleave/concurrency/checks/fairness"
	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

const replayUsage = `harness replay <model> [flags] --schedule S

Executes one schedule (the thread of every step, as printed by explore:
comma-separated thread numbers, "t*k" for k steps of thread t) and prints
it step by step with the state it ends in. If that state violates a
property, the violation is printed again and the exit code is 1. With
--cycle K the last K steps are a cycle: replay checks that it returns to
where it started and judges it under --fairness.

Flags (before or after the model name):
  --variant V      model variant
  --param k=v      model parameter; repeat it for each parameter (every
                   other flag is given once)
  --schedule S     the schedule to execute (required)
  --cycle K        the last K steps form a repeating cycle (a lasso); it
                   must return to the state it starts from
  --fairness F     fairness to judge the cycle under: none (default),
                   weak, strong; only with --cycle
  --html FILE      also write what it shows as a web page (see explore)
  --json           not supported for replay; use explore --json

Exit codes: 0 no violation, 1 violation reproduced, 2 bad input (also a
schedule that cannot run or a --cycle that is not a cycle; a violation
the schedule reaches is still printed), 3 internal error.`

func runReplay(args []string, out, _ io.Writer) (int, error) {
	var mf modelFlags
	var schedule, fair, htmlPath string
	var cycle int
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	mf.register(fs)
	fs.StringVar(&schedule, "schedule", "", "")
	fs.IntVar(&cycle, "cycle", 0, "")
	fs.StringVar(&fair, "fairness", "none", "")
	fs.StringVar(&htmlPath, "html", "", "")
	name, err := parseArgs(fs, args, "model name")
	if err != nil {
		return 0, err
	}
	s, err := replaySchedule(setFlags(fs), schedule, cycle)
	if err != nil {
		return 0, err
	}
	f, err := fairness.Parse(fair)
	if err != nil {
		return 0, usageError{err}
	}
	inst, err := mf.instance(name)
	if err != nil {
		return 0, err
	}
	html, err := openHTML(htmlPath)
	if err != nil {
		return 0, err
	}
	tr, err := harness.Replay(inst.Model, s)
	if err != nil {
		return 0, usageError{err}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "replay %s  variant=%s", inst.Def.Name, inst.Variant)
	if p := inst.ParamString("  "); p != "" {
		b.WriteString("  " + p)
	}
	fmt.Fprintf(&b, "  schedule=%s\n", s)
	code := exitOK
	var shown []harness.Violation // what the report prints, for --html
	if cycle > 0 && !fairness.JudgeCycle(inst.Model, tr, cycle, f).Closes {
		return notACycle(out, &b, inst, tr, cycle)
	}
	if cycle > 0 {
		var v harness.Violation
		code, v = judgeLasso(&b, inst, tr, cycle, f)
		shown = append(shown, v)
	} else if vs := harness.Judge(inst.Model, tr, inst.Checks...); len(vs) > 0 {
		code, shown = exitViolation, vs
		for _, v := range vs {
			b.WriteString("reproduced: " + v.Kind + "\n\n")
			writeViolation(&b, inst, v)
		}
	} else {
		b.WriteString("no violation in the final state\n\n")
		shown = append(shown, harness.Violation{Kind: "replayed", Message: fmt.Sprintf("%d steps", len(s)), Trace: tr})
		writeViolation(&b, inst, shown[0])
	}
	if html != nil {
		line, err := html.write(replayPages(inst, s, cycle, fair, shown, b.String()))
		if err != nil {
			return 0, err
		}
		b.WriteString(line)
	}
	_, err = io.WriteString(out, b.String())
	return code, err
}

// judgeLasso prints a replayed lasso and whether it is a fair cycle
// without progress; it returns exitViolation when it is, and what it
// printed.
func judgeLasso(b *strings.Builder, inst registry.Instance, tr harness.Trace, cycle int, f fairness.Fairness) (int, harness.Violation) {
	m := inst.Model
	v := fairness.JudgeCycle(m, tr, cycle, f)
	names := func(ths []int) string {
		var n []string
		for _, th := range ths {
			n = append(n, harness.ThreadName(m, th))
		}
		return strings.Join(n, ", ")
	}
	var verdict []string // v.Closes: runReplay rejected a --cycle that is not one
	switch {
	case !v.Fair:
		verdict = append(verdict, fmt.Sprintf("the cycle is not %s-fair: it never schedules %s", f, names(v.Unfair)))
	default:
		if v.Livelock {
			verdict = append(verdict, "livelock: nobody makes progress on this cycle")
		}
		if len(v.Starving) > 0 {
			verdict = append(verdict, "starvation: "+names(v.Starving)+" never progress on this cycle")
		}
	}
	code := exitOK
	kind := "cycle"
	if v.Fair && (v.Livelock || len(v.Starving) > 0) {
		code, kind = exitViolation, "reproduced lasso"
	}
	if len(verdict) == 0 {
		verdict = append(verdict, "every thread makes progress on this cycle")
	}
	b.WriteString(kind + ": " + strings.Join(verdict, "; ") + "\n\n")
	shown := harness.Violation{Kind: "lasso", Message: fmt.Sprintf("a cycle of %d steps, judged under %s fairness", cycle, f), Trace: tr, Cycle: cycle}
	writeViolation(b, inst, shown)
	return code, shown
}
