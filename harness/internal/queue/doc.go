// Package queue holds states back to back in blocks: a level of the
// compacted breadth-first search, which cannot fetch states from its
// visited set, and the depth-first stacks. States are bytes here; the
// package knows nothing of models and depends on the standard library
// only.
package queue
