package queue

// Bug selects a seeded bug; the zero value is the correct queue.
type Bug int

const (
	// NoBug is the correct queue.
	NoBug Bug = iota
	// BugLostWakeup signals only on the empty-to-non-empty and
	// full-to-not-full transitions, so a second waiter is never woken.
	BugLostWakeup
)

// String names the bug.
func (b Bug) String() string {
	switch b {
	case NoBug:
		return "none"
	case BugLostWakeup:
		return "lost-wakeup"
	}
	return "unknown"
}

// Option configures New.
type Option interface{ apply(*Queue[struct{}]) }

type bugOption Bug

func (b bugOption) apply(q *Queue[struct{}]) { q.bug = Bug(b) }

// WithBug switches on a seeded bug, for testing the checks.
func WithBug(b Bug) Option { return bugOption(b) }
