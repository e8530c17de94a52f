// Package fairness finds liveness violations in an explored state graph:
// starvation (a thread that never makes progress although the schedule is
// fair) and livelock (threads keep stepping but nobody makes progress).
//
// A liveness counterexample is a lasso: a path from the initial state to a
// cycle that repeats forever. Whether a cycle counts depends on what the
// scheduler is assumed to guarantee:
//
//   - None: any cycle. A scheduler may ignore a thread forever.
//   - Weak: a thread that stays enabled on the whole cycle must be scheduled
//     on it (a thread that is only sometimes enabled may still be
//     skipped). This is what a preemptive round-robin scheduler guarantees.
//   - Strong: a thread enabled anywhere on the cycle must be scheduled on
//     it.
//
// Progress is what a model marks with Step.Progress (eating, finishing a
// unit of work); in a model that marks none, every step is progress.
//
// The search computes strongly connected components of the graph without
// the progress edges and keeps those that contain a fair cycle (for strong
// fairness, refining components as in the Emerson–Lei algorithm); the
// lasso is the shortest path to the component and a walk through it that
// schedules every thread the fairness assumption demands.
package fairness
