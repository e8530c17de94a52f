// Package pool runs the phases of the parallel breadth-first search on a
// fixed set of goroutines that wait between phases. It knows nothing of
// models or states and depends on the standard library only.
package pool
