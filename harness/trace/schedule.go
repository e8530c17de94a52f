package trace

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
// thread folded as "thread*count" ("0,1*3,2" is 0,1,1,1,2). A schedule
// whose text would be longer than compressAbove characters also has its
// repeated blocks folded as "(block)*count" ("(0,1*2)*3" is 0,1,1 three
// times), so that a long execution does not print an enormous string;
// shorter schedules keep the plain form. The empty schedule renders as
// "-". ParseSchedule reads both forms back.
func (s Schedule) String() string {
	if len(s) == 0 {
		return "-"
	}
	runs := runsOf(s)
	plain := joinRuns(runs)
	if len(plain) <= compressAbove {
		return plain
	}
	return strings.Join(folded(runs), ",")
}

// compressAbove is the length above which String folds repeated blocks.
const compressAbove = 256

// run is count consecutive steps of thread th.
type run struct{ th, n int }

func (r run) String() string {
	if r.n == 1 {
		return stepText(r.th)
	}
	return stepText(r.th) + "*" + strconv.Itoa(r.n)
}

func runsOf(s Schedule) []run {
	var runs []run
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		runs = append(runs, run{s[i], j - i})
		i = j
	}
	return runs
}

func joinRuns(runs []run) string {
	var b strings.Builder
	for i, r := range runs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(r.String())
	}
	return b.String()
}

// maxBlock bounds the length (in runs) of a repeated block looked for.
const maxBlock = 512

// folded renders runs with every repeated block folded, greedily from
// the left: at each position the block and count that save the most text.
func folded(runs []run) []string {
	var out []string
	for i := 0; i < len(runs); {
		l, k := bestRepeat(runs, i)
		if k < 2 {
			out = append(out, runs[i].String())
			i++
			continue
		}
		inner := strings.Join(folded(runs[i:i+l]), ",")
		out = append(out, "("+inner+")*"+strconv.Itoa(k))
		i += l * k
	}
	return out
}

// bestRepeat returns the block length l and count k of the repetition
// starting at runs[i] that saves the most text (k < 2: none saves any).
func bestRepeat(runs []run, i int) (l, k int) {
	best := 0
	for bl := 1; bl <= maxBlock && i+2*bl <= len(runs); bl++ {
		j := i + bl
		for j < len(runs) && runs[j] == runs[j-bl] {
			j++
		}
		n := (j - i) / bl
		if n < 2 {
			continue
		}
		size := len(joinRuns(runs[i : i+bl]))
		if saved := (n-1)*(size+1) - 3 - len(strconv.Itoa(n)); saved > best {
			best, l, k = saved, bl, n
		}
	}
	return l, k
}

// maxRun bounds the repeat count of one "thread*count" element so that a
// malformed schedule cannot ask for an enormous allocation; maxSteps
// bounds the length of the whole schedule.
const (
	maxRun   = 1 << 20
	maxSteps = 1 << 22
)

// ParseSchedule parses the forms written by Schedule.String: thread
// numbers separated by commas, each optionally followed by "*count", and
// blocks "(elements)*count". "-" or "" is the empty schedule.
func ParseSchedule(text string) (Schedule, error) {
	text = strings.TrimSpace(text)
	if text == "" || text == "-" {
		return Schedule{}, nil
	}
	s, err := parseElems(text, text, nil)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// parseElems appends the steps of the comma-separated elements of list
// (part of text) to s.
func parseElems(text, list string, s Schedule) (Schedule, error) {
	elems, ok := splitTop(list)
	if !ok {
		return nil, fmt.Errorf("malformed schedule %s: unbalanced parentheses in %s (allowed: (elements)*count)", Quote(text), Quote(list))
	}
	for i, elem := range elems {
		var err error
		if s, err = parseElem(text, elem, i+1, s); err != nil {
			return nil, err
		}
		if len(s) > maxSteps {
			return nil, fmt.Errorf("malformed schedule %s: it expands to more than %d steps (allowed: at most %d)", Quote(text), maxSteps, maxSteps)
		}
	}
	return s, nil
}

// parseElem appends the steps of element number i, elem, to s.
func parseElem(text, elem string, i int, s Schedule) (Schedule, error) {
	elem = strings.TrimSpace(elem)
	if inner, ok := strings.CutPrefix(elem, "("); ok {
		end := strings.LastIndexByte(inner, ')')
		count, hasCount := strings.CutPrefix(inner[end+1:], "*")
		n, err := strconv.Atoi(count)
		if !hasCount || err != nil || n < 1 || n > maxRun {
			return nil, fmt.Errorf("malformed schedule %s: element %d (%s) is not a repeated block (allowed: (elements)*count with count 1..%d, e.g. (0,1*2)*3)", Quote(text), i, Quote(elem), maxRun)
		}
		block, err := parseElems(text, inner[:end], nil)
		if err != nil {
			return nil, err
		}
		for ; n > 0 && len(s) <= maxSteps; n-- {
			s = append(s, block...)
		}
		return s, nil
	}
	th, count, hasCount := strings.Cut(elem, "*")
	t, err := strconv.Atoi(th)
	if th == "t" {
		t, err = TimeStep, nil
	}
	if err != nil || (t < 0 && th != "t") {
		return nil, fmt.Errorf("malformed schedule %s: element %d (%s) is not a thread number (allowed: comma-separated thread numbers, n*k for k steps of thread n, e.g. 0,1*3,2; in rt schedules t is a clock step)", Quote(text), i, Quote(elem))
	}
	n := 1
	if hasCount {
		n, err = strconv.Atoi(count)
		if err != nil || n < 1 || n > maxRun {
			return nil, fmt.Errorf("malformed schedule %s: element %d (%s) has a bad repeat count (allowed: thread*count with count 1..%d)", Quote(text), i, Quote(elem), maxRun)
		}
	}
	for ; n > 0; n-- {
		s = append(s, t)
	}
	return s, nil
}

// splitTop splits list at the commas outside parentheses; ok is false if
// the parentheses do not balance.
func splitTop(list string) (elems []string, ok bool) {
	depth, from := 0, 0
	for i, c := range list {
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth < 0 {
				return nil, false
			}
		case ',':
			if depth == 0 {
				elems = append(elems, list[from:i])
				from = i + 1
			}
		}
	}
	return append(elems, list[from:]), depth == 0
}
