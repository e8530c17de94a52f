// Package store holds the visited sets of the explorer and the parent
// links of its breadth-first searches: Exact keeps every state (an arena
// and a sharded open-addressing index) and numbers them in the order they
// are added, Fingerprints keeps a 64-bit fingerprint per state (hash
// compaction), Links remembers how each numbered state was reached. A
// state is bytes here: the package knows nothing of models and depends on
// the standard library (and the worker pool) only.
package store
