// Package corpus is a corpus of concurrency bug kernels written with rt,
// one package per kernel, covering the bug classes that studies of real
// Go code report (Tu et al., ASPLOS'19; GoBench): resource deadlocks,
// communication deadlocks, mixed deadlocks, data races, atomicity and
// order violations, misused channels and WaitGroups, closures capturing a
// shared variable, and testing-library misuse. Each kernel is ordinary Go
// in the shape the real bug takes (a cache, a worker pool, a broker, a
// rate limiter, a shutdown path...), ported to rt's drop-in types, with
// Buggy and a Fixed twin that differs by the minimal real fix.
//
// The test of this package checks that rt finds every Buggy with the
// kind of failure its class calls for and that every Fixed passes, and
// writes the table docs/corpus.md (go test ./harness/rt/corpus -update).
package corpus
