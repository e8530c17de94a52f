package chat

// Bug selects a seeded bug; the zero value is the correct server.
type Bug int

const (
	// NoBug is the correct server.
	NoBug Bug = iota
	// BugBlockingFanout waits for room in a full outbound buffer instead
	// of disconnecting the slow client.
	BugBlockingFanout
	// BugLeakOnClose returns from Close without closing client
	// connections.
	BugLeakOnClose
)

// String names the bug.
func (b Bug) String() string {
	switch b {
	case NoBug:
		return "none"
	case BugBlockingFanout:
		return "blocking-fanout"
	case BugLeakOnClose:
		return "leak-on-close"
	}
	return "unknown"
}

// Limits of the protocol and defaults.
const (
	// MaxLine is the longest command line accepted, in bytes.
	MaxLine = 1024
	// MaxName is the longest name or room.
	MaxName = 32
	// DefaultOutbound is the outbound buffer of a client, in lines.
	DefaultOutbound = 256
)

// Option configures Listen.
type Option interface{ apply(*config) }

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	outbound int
	sockBuf  int
	bug      Bug
}

// WithOutbound sets the outbound buffer of each client, in lines (at
// least 1).
func WithOutbound(n int) Option { return optionFunc(func(c *config) { c.outbound = max(n, 1) }) }

// WithBug switches on a seeded bug, for testing the checks.
func WithBug(b Bug) Option { return optionFunc(func(c *config) { c.bug = b }) }

// WithSocketBuffer sets the kernel send buffer of each client connection,
// in bytes (0: the system's default, which grows to megabytes). A small
// buffer makes a client that does not read meet the outbound policy
// sooner instead of hiding in kernel memory.
func WithSocketBuffer(bytes int) Option {
	return optionFunc(func(c *config) { c.sockBuf = max(bytes, 0) })
}
