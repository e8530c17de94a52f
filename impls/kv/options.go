package kv

// Bug selects a seeded bug; the zero value is the correct map.
type Bug int

const (
	// NoBug is the correct map.
	NoBug Bug = iota
	// BugGetThenPut makes Update a Get followed by a Put in two critical
	// sections instead of one read-modify-write.
	BugGetThenPut
)

// String names the bug.
func (b Bug) String() string {
	switch b {
	case NoBug:
		return "none"
	case BugGetThenPut:
		return "get-then-put"
	}
	return "unknown"
}

// DefaultShards is the number of shards of a map made without WithShards.
const DefaultShards = 16

// Option configures New.
type Option interface{ apply(*config) }

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	shards int
	bug    Bug
}

// WithShards sets the number of shards (at least 1).
func WithShards(n int) Option { return optionFunc(func(c *config) { c.shards = max(n, 1) }) }

// WithBug switches on a seeded bug, for testing the checks.
func WithBug(b Bug) Option { return optionFunc(func(c *config) { c.bug = b }) }
