// Package eventloop models an event loop (asyncio, Node.js, Tokio's
// current-thread runtime): one thread runs a ready queue of tasks, each a
// coroutine that keeps the loop until it reaches an await point, where it
// suspends and the loop resumes another ready task. Timers wake sleeping
// tasks.
//
// The claim: one thread does not mean no concurrency bugs. Tasks interleave
// at every await, so
//
//   - a blocking call inside a task (a synchronous queue.get(), time.sleep,
//     requests.get) keeps the loop: no other task runs, timers fire late or
//     never, and here the blocked call waits for an item that only another
//     task on the same loop can produce, so the loop is stuck for ever;
//   - a check-then-act with an await between the check and the act is a
//     race even on one thread: another task runs at the await and acts on
//     the same check;
//   - a coroutine that never awaits (a busy loop polling a flag) starves
//     the loop: the task that would set the flag never runs;
//   - with awaits in the right place every task progresses.
//
// Variants, in pairs (fails, then holds):
//
//   - blocking: consumer calls a blocking q.get() on an empty queue that
//     producer, another task, would fill; heartbeat wakes every period
//     ticks (the period parameter).
//     "stall" fails; with fairness checks, starvation (every task but the
//     blocked one is ready for ever and never runs).
//   - awaiting: consumer awaits q.get() instead: all tasks progress.
//   - race: tasks A and B (the withdrawals parameter, 1 to 3) each
//     withdraw 70 from a balance of 100: check balance >= 70, await a log
//     call, subtract. "race" fails: the balance goes negative. With one
//     withdrawal it holds: the race needs a second task.
//   - atomic: check and subtract with no await between them (the await
//     comes after): the balance never goes negative.
//   - spin: waiter busy-waits "while not done: pass"; setter would set
//     done. "stall" fails; with fairness checks, starvation.
//   - yielding: waiter awaits sleep(0) in its loop: all tasks progress
//     under strong fairness (asyncio's FIFO ready queue runs every ready
//     task eventually). Under weak fairness the model's loop, which may
//     resume any ready task, can keep picking the waiter: the starvation
//     that remains is the unfair scheduler's, not the program's.
//
// Which ready task the loop resumes is left open (it depends on when I/O
// completes), so the explorer tries every order. Time is virtual: the
// "clock" thread advances it one tick at a time, and only while the loop
// cannot run anything else: when it is idle (every task sleeps or waits),
// blocked inside a synchronous call, or busy in a loop that never awaits.
// A task that is ready while time passes without it running is late: the
// invariant "stall" is that no task is ever late. It is the safety form of
// the liveness claim; fairness.Starvation checks the liveness form.
package eventloop
