// Package process models threads that share memory against processes that
// have separate memory and talk through pipes, and the classic trap of
// mixing the two: fork in a program that has threads.
//
// Claim 1: the lost update that exists with threads disappears with
// processes and message passing. Workers each add 1 to x increments times.
//
//   - threads: the workers are threads of one process and x is shared.
//     An increment is a read (tmp = x) and a write (x = tmp + 1); a switch
//     between the two loses an update. The terminal check "lost-update"
//     fails.
//   - copies: the workers are forked child processes that increment x as
//     before. Nothing is lost between them, but nothing reaches the parent
//     either: each child incremented its own copy of x, and the parent's x
//     is still 0. "lost-update" fails in every execution: processes do not
//     share memory.
//   - pipes: the children send "+1" messages through a pipe of capacity
//     pipe (a send blocks while it is full) and the parent, the only
//     process that touches its x, applies them. "lost-update" holds: share
//     memory by communicating.
//
// Claim 2: forking while another thread holds a lock leaves the child's
// copy of the lock held forever. fork copies the whole memory, locks
// included, but only the thread that called it: the thread that held the
// lock does not exist in the child, so nobody will ever unlock the child's
// copy.
//
//   - fork-lock: a helper thread locks L, writes a log line and unlocks L;
//     main forks a child that also logs under L, then waits for the child
//     (waitpid). When the fork falls while the helper holds L, the child
//     blocks forever on its copy of L and main blocks forever in waitpid:
//     a deadlock, though not a circular wait (no thread in the child holds
//     the lock; the report says so).
//   - atfork: main takes L before fork and unlocks it in the parent and in
//     the child afterwards (what pthread_atfork handlers and CPython's
//     os.fork do for the interpreter's own locks). The child's copy is
//     then owned by the child's only thread, and there is no deadlock.
package process
