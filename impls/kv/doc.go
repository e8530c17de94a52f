// Package kv is a sharded concurrent map: keys are spread over shards by
// hash, each shard is a map behind its own reader/writer lock, so
// operations on different shards never contend.
//
// It is plain Go (sync.RWMutex). The tests are ordinary go tests
// (concurrent increments add up; every history of the map, and every
// prefix taken while it runs, is linearizable: checks/linearizable,
// porcupine) that harness test runs under its scheduler: harness test
// ./impls/kv.
//
// Seeded bug, switched on with WithBug(BugGetThenPut) (in the tests:
// -kv.bug=getthenput): Update reads the
// old value under the read lock and writes the new one under the write
// lock in a second critical section, so two concurrent updates can both
// read the same old value and one is lost. Under harness test the final
// count is short and the linearizability check reports a history of a few
// operations that is not linearizable.
package kv
