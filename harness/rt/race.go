package rt

import "strings"

// Race mode (doc.go, race_on.go): a race the race detector reports on
// plain memory fails the execution in which it happens. choose looks at
// the detector's count before every scheduling decision, so the failing
// schedule ends at the step whose code raced and its replay races again.

// tsanFailure is the failure of an execution in which the race detector
// reported a race.
func (ex *exec) tsanFailure() *Failure {
	ex.tsan = true
	return &Failure{Kind: KindRace, Message: "the race detector reported a race on plain memory: " +
		"two accesses, one a write, not ordered by happens-before through rt operations"}
}

// raced checks, after an execution, for a race reported after its last
// scheduling decision, and adds the race detector's report to a race
// failure.
func (r *runner) raced(ex *exec) {
	if ex.failure == nil && raceErrors() > ex.races {
		ex.failure = ex.tsanFailure()
	}
	text := strings.TrimSpace(r.raceLog.next())
	if !ex.tsan {
		return
	}
	if text == "" {
		ex.failure.Message += " (its report is on standard error; with GORACE log_path=<prefix> it is shown here)"
		return
	}
	ex.failure.Message += ":\n" + text
	if ex.capture {
		ex.finds().race = tsanRace(text)
	}
}
