package harness

import "github.com/interleave/concurrency/harness/trace"

// Schedule is the sequence of threads chosen at each step of one
// execution (see trace.Schedule); it is the value a violation is replayed
// from.
type Schedule = trace.Schedule

// TimeStep in a Schedule is a step of rt's virtual clock, written "t".
const TimeStep = trace.TimeStep

// ParseSchedule parses the forms written by Schedule.String.
func ParseSchedule(text string) (Schedule, error) { return trace.ParseSchedule(text) }

// Quote renders user input for an error message, quoted and cut to
// trace.MaxEcho characters (see trace.Quote).
func Quote(s string) string { return trace.Quote(s) }

// Clip is Quote without the quotes (see trace.Clip).
func Clip(s string) string { return trace.Clip(s) }

// Row is one step of a rendered execution (see trace.Row).
type Row = trace.Row

// FormatColumns renders an execution one column per thread (see
// trace.FormatColumns).
func FormatColumns(names []string, rows []Row) string { return trace.FormatColumns(names, rows) }
