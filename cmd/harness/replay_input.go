package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/registry"
)

// replaySchedule checks the --schedule, --cycle and --fairness flags of
// replay against each other and parses the schedule.
func replaySchedule(set map[string]bool, text string, cycle int) (harness.Schedule, error) {
	const allowed = "comma-separated thread numbers, e.g. --schedule 0,1,2, or - for no step"
	switch {
	case !set["schedule"]:
		return nil, usagef("missing --schedule (allowed: %s)", allowed)
	case strings.TrimSpace(text) == "":
		return nil, usagef("--schedule is empty (allowed: %s)", allowed)
	}
	s, err := harness.ParseSchedule(text)
	if err != nil {
		return nil, usageError{err}
	}
	switch {
	case set["cycle"] && len(s) == 0:
		return nil, usagef("--cycle %d needs steps to repeat, and the schedule has none (allowed: --cycle with a schedule of 1 or more steps)", cycle)
	case set["cycle"] && (cycle < 1 || cycle > len(s)):
		return nil, usagef("--cycle %d is out of range (allowed: 1..%d, the schedule's length; leave it out for no cycle)", cycle, len(s))
	case set["fairness"] && !set["cycle"]:
		return nil, usagef("--fairness judges the cycle of a lasso, and there is no --cycle (allowed: --fairness with --cycle K, as explore prints them for a starvation or livelock)")
	}
	return s, nil
}

// notACycle rejects a --cycle whose steps do not come back to where they
// start. A violation the schedule reaches is still printed, before the
// error, so that it is not lost.
func notACycle(out io.Writer, b *strings.Builder, inst registry.Instance, tr harness.Trace, cycle int) (int, error) {
	vs := harness.Judge(inst.Model, tr, inst.Checks...)
	for _, v := range vs {
		b.WriteString("reproduced: " + v.Kind + "\n\n")
		writeViolation(b, inst, v)
	}
	also := ""
	if len(vs) > 0 {
		if _, err := io.WriteString(out, b.String()); err != nil {
			return 0, err
		}
		also = fmt.Sprintf("; the %s the schedule reaches is printed above", vs[0].Kind)
	}
	return 0, usagef("--cycle %d is not a cycle: the state after the schedule differs from the state where its last %d steps start%s (allowed: a K whose last K steps return to the state they start from, as explore's replay line prints it; leave --cycle out to replay the schedule alone)", cycle, cycle, also)
}
