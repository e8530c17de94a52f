package harness

import "github.com/interleave/concurrency/harness/trace"

// Schedule is the sequence of threads chosen at each step of one
// execution (see trace.Schedule); it is the value a violation is replayed
// from.
type Schedule = trace.Schedule

// ParseSchedule parses the forms written by Schedule.String.
func ParseSchedule(text string) (Schedule, error) { return trace.ParseSchedule(text) }
