package harness

// The optional capabilities of a Model, all in this file. The engine finds
// them with a type assertion, so a misspelt method turns a capability off
// without a word: each model asserts what it implements at compile time,
//
//	var _ interface {
//		harness.Model
//		harness.Finisher
//		harness.Describer
//	} = (*Model)(nil)
//
// and the package doc has the table of what each one changes.

// Finisher is implemented by models whose threads can terminate. A state
// in which no thread can step is a deadlock unless every thread has
// finished; models without Finisher never finish, so every such state is a
// deadlock.
type Finisher interface {
	Finished(s State, th int) bool
}

// ThreadNamer is implemented by models that name their threads ("P0",
// "writer"); the default name of thread i is "T<i>".
type ThreadNamer interface {
	ThreadName(th int) string
}

// Describer is implemented by models that can render a state for people,
// e.g. "x=1 lock=free". Reports show it for the state a violation ends in.
type Describer interface {
	Describe(s State) string
}

// Narrator is implemented by models that can say what a step does in the
// state it is taken from ("read x (=1)"). Labels in Enabled stay constant
// and cheap for exploration; Replay uses Narrate for the labels of a trace
// that people will read.
type Narrator interface {
	Narrate(s State, st Step) string
}

// Blocker is implemented by models whose threads can block on something
// other than an acquired object, such as a full buffer or an empty
// channel. BlockedOn names what blocked thread th waits on in s and the
// threads that could unblock it; ok false falls back to Acquire accesses.
type Blocker interface {
	BlockedOn(s State, th int) (object string, by []int, ok bool)
}

// Holder is implemented by models that can say, from a state alone, what
// thread th holds in s: locks (which Acquire accesses also record) or
// resources no access records, such as the unread bytes in a receive
// buffer that only its owner can drain. The deadlock report adds what the
// trace does not show to hold and wait; checks/deadlock finds who holds
// the object a blocked thread acquires with it.
type Holder interface {
	Holding(s State, th int) []string
}

// Appender is implemented by models that can build a successor into a
// buffer the engine reuses, which spares an allocation per fired step: the
// engine copies the successor only when it is new. AppendApply appends the
// successor of s after st (the state Apply returns) to dst and returns the
// extended slice; it must not modify s.
type Appender interface {
	AppendApply(dst, s State, st Step) State
}

// Lookahead is implemented by models that can say what a thread may still
// touch. Without it every thread that can still step is assumed to touch
// every object later, which leaves reduction only the threads that cannot
// move until a reduced step has been taken.
type Lookahead interface {
	// MayAccess returns every access thread th may make from s on, its
	// next step included. It may over-approximate; leaving an access out
	// makes the reduction unsound.
	MayAccess(s State, th int) []Access
}

// Symmetric is implemented by models whose threads are interchangeable.
// Canonical appends to dst the canonical representative of s's orbit (for
// instance the state with the per-thread records sorted and the thread
// numbers held in shared fields, such as a lock's owner, renamed alike)
// and returns the extended slice; it must not modify s, must map every
// state of one orbit to the same state, and must be safe to call from
// several goroutines (a pure function is). Checks used with
// Options.Symmetry must give the same verdict on s and its canonical
// form: harnesstest.CheckSymmetry tests both.
type Symmetric interface {
	Canonical(dst, s State) State
}
