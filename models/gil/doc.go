// Package gil models a global interpreter lock, as in CPython: threads must
// hold the GIL to run bytecode, and the holder gives it up when it blocks
// on I/O (or on a lock) and when another thread has waited for it for
// interval bytecodes (the switch interval). Claims:
//
//   - cpu: two CPU-bound threads never execute bytecode at the same time.
//     The invariant "exclusive-bytecode" (at most one thread per
//     interpreter runs bytecode) holds, and so does "bounded-wait": the
//     forced switch hands the GIL to the waiter within interval bytecodes.
//   - io: two I/O-bound threads release the GIL while they wait, so their
//     I/O waits overlap (a reachable state has both threads in I/O) while
//     their bytecode never does.
//   - race: each thread receives a request (I/O), does work bytecodes,
//     then withdraws 1 from a shared balance of 1 with a check-then-act
//     spread over two bytecodes: "if balance >= 1" and "balance -= 1".
//     Each bytecode is atomic under the GIL, but a forced switch can fall
//     between the two, both threads see balance 1, and the invariant
//     "overdraft" (balance never below 0) fails. The GIL does not make user
//     code thread-safe.
//   - locked: the same with a threading.Lock around the check-then-act;
//     blocking on the lock releases the GIL. "overdraft" holds.
//   - convoy: a CPU-bound thread that never blocks and an I/O-bound thread,
//     under the old GIL (before Python 3.2), where the thread forced to
//     drop the GIL competes to take it back at once and may win every
//     time: the I/O thread waits past the switch interval ("bounded-wait"
//     fails), and it starves forever even under strong fairness: it is
//     scheduled, asks for a switch, and loses the GIL again every time (the
//     fairness check prints the lasso).
//   - handoff: the same threads under the new GIL, where the dropping
//     thread waits until another thread has taken the GIL: "bounded-wait"
//     holds and nobody starves.
//   - processes: the race program as processes: a bank process owns the
//     balance on its own heap and under its own interpreter lock, and
//     clients send it withdrawal requests through a queue. Clients compute
//     in parallel (each process has its own GIL) and there is no shared
//     memory left to race on: "overdraft" holds.
//
// The model's steps are bytecodes plus the GIL's own steps: take, forced
// drop, and a waiter's timeout that requests the drop. The switch interval
// is time and bytecodes take different times, so a waiter's request can
// come after any bytecode the holder runs while it waits, and comes at the
// latest after interval of them; the holder drops the GIL at the next
// bytecode boundary. A free GIL is taken before anything else happens (an
// I/O does not complete in the instant the lock changes hands). Who takes
// a free GIL, when a timeout expires and when I/O completes are the
// model's choices.
package gil
