package harness

import (
	"fmt"
	"strconv"
	"strings"
)

// Schedule is the sequence of threads chosen at each step of one
// execution. Models are deterministic per thread, so a schedule fixes an
// execution exactly; it is the value a violation is replayed from.
type Schedule []int

// TimeStep in a Schedule is a step of rt's virtual clock (time advancing
// to the next deadline), written "t"; models have no such step.
const TimeStep = -1

func stepText(th int) string {
	if th == TimeStep {
		return "t"
	}
	return strconv.Itoa(th)
}

// String renders s as comma-separated thread numbers, with runs of the same
// thread folded as "thread*count" ("0,1*3,2" is 0,1,1,1,2). The empty
// schedule renders as "-". ParseSchedule reads this form back.
func (s Schedule) String() string {
	if len(s) == 0 {
		return "-"
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(stepText(s[i]))
		if n := j - i; n > 1 {
			b.WriteByte('*')
			b.WriteString(strconv.Itoa(n))
		}
		i = j
	}
	return b.String()
}

// maxRun bounds the repeat count of one "thread*count" element so that a
// malformed schedule cannot ask for an enormous allocation.
const maxRun = 1 << 20

// ParseSchedule parses the form written by Schedule.String: thread numbers
// separated by commas, each optionally followed by "*count". "-" or "" is
// the empty schedule.
func ParseSchedule(text string) (Schedule, error) {
	text = strings.TrimSpace(text)
	if text == "" || text == "-" {
		return Schedule{}, nil
	}
	var s Schedule
	for i, elem := range strings.Split(text, ",") {
		th, count, hasCount := strings.Cut(strings.TrimSpace(elem), "*")
		t, err := strconv.Atoi(th)
		if th == "t" {
			t, err = TimeStep, nil
		}
		if err != nil || (t < 0 && th != "t") {
			return nil, fmt.Errorf("malformed schedule %q: element %d (%q) is not a thread number (allowed: comma-separated thread numbers, n*k for k steps of thread n, e.g. 0,1*3,2; in rt schedules t is a clock step)", text, i+1, elem)
		}
		n := 1
		if hasCount {
			n, err = strconv.Atoi(count)
			if err != nil || n < 1 || n > maxRun {
				return nil, fmt.Errorf("malformed schedule %q: element %d (%q) has a bad repeat count (allowed: thread*count with count 1..%d)", text, i+1, elem, maxRun)
			}
		}
		for ; n > 0; n-- {
			s = append(s, t)
		}
	}
	return s, nil
}
