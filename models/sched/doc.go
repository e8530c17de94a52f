// Package sched models tasks on cpus processors under a scheduler: a
// preemptive round-robin one that takes the processor away after quantum
// time units, or a cooperative one where a task runs until it yields,
// blocks or finishes.
//
// Time is explicit. The tasks are threads whose steps are one time unit of
// work each; a clock thread ends the time unit once every running task has
// taken its step, and then does what the scheduler does at a timer
// interrupt: completes disk reads, preempts, and dispatches ready tasks to
// free processors in FIFO order. Only running tasks can step, so who runs
// is decided by the scheduler inside the model, not by the explorer. With
// two processors two tasks step in the same time unit: that is parallelism,
// and the time units to finish everything (the makespan) show it.
//
// The tasks of the scheduling variants are a CPU-bound worker (work units,
// then it ends), an I/O-bound task io (compute, read the disk for io time
// units, twice, then compute and end) and a CPU-bound hog that computes
// forever. Claims:
//
//   - cooperative: nobody yields. The worker keeps the processor until it
//     ends (CPU-bound tasks do not give it up); io gives it up at each disk
//     read (I/O-bound tasks block); once the hog has the processor it never
//     gives it back, and io, ready again after its read, waits forever. The
//     invariant "bounded-wait" (no task waits more than (tasks−1)×quantum
//     time units for a processor: the round-robin guarantee) fails, and the
//     fairness check prints the starvation lasso: the hog computing, the
//     clock ticking, io starved.
//   - preemptive: round-robin with quantum: "bounded-wait" holds and no
//     task starves.
//   - yielding: cooperative again, but the CPU-bound tasks yield after
//     every quantum units: cooperation done right also bounds the wait.
//   - batch: two CPU-bound tasks A and B of work units under round-robin.
//     On one processor they interleave and finish after 2×work time units;
//     on two they overlap and finish after work (see Model.Makespan):
//     concurrency is about structure, parallelism about simultaneous
//     execution.
//   - memory: two memory-bound tasks A and B whose every unit of work is
//     a load over the one memory bus. A second processor does not help:
//     while one task uses the bus the other stalls on it, and the makespan
//     stays 2×work on two processors. CPU-bound work scales with
//     processors, memory-bound work with memory bandwidth.
//
// With cpus=2 even the cooperative variant holds: the hog takes one
// processor forever, and the other tasks share the second.
package sched
