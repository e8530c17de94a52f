// Package counter models the lost update: threads increment a shared
// counter, and unless the read and the write of x happen as one, two
// threads can read the same value and one increment vanishes.
//
// The granularity is one shared access per step, as in
// shared/oracles/README.md:
//
//   - race: read (tmp = x); write (x = tmp + 1). A thread switch between a
//     read and its write loses an update.
//   - mutex: acquire the lock; read; write; release. The lock makes the
//     read-modify-write a critical section; no update is lost.
//   - atomic: one read-modify-write step (x++), like sync/atomic.AddInt64.
//
// The terminal check "lost-update" requires x = threads × increments once
// every thread has finished. With reduction off, race and mutex reproduce
// shared/oracles/counter.tsv exactly.
//
// The threads are identical and the lock records no owner, so the model
// implements harness.Symmetric (sorted per-thread records) and
// harness.Lookahead: with both reductions, race 4×4 finds its lost update
// in 149,501 states instead of 3,892,125 and mutex 8×4 completes in 491
// instead of 7,890,625.
package counter
