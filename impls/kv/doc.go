// Package kv is a sharded concurrent map: keys are spread over shards by
// hash, each shard is a map behind its own reader/writer lock, so
// operations on different shards never contend.
//
// It is written with the controlled runtime's primitives (harness/rt): in
// production they are sync.RWMutex; inside rt.Check every lock operation
// is a scheduling point, and the tests check that every history of the
// map is linearizable (checks/linearizable, porcupine), under rt.Check
// and under real goroutines with -race.
//
// Seeded bug, switched on with WithBug(BugGetThenPut): Update reads the
// old value under the read lock and writes the new one under the write
// lock in a second critical section, so two concurrent updates can both
// read the same old value and one is lost. The linearizability check
// reports it as not linearizable with a history of a few operations.
package kv
