// Package deadlock models the dining philosophers, the classic demonstration
// of deadlock and of the four Coffman conditions that together make it
// possible: mutual exclusion, hold and wait, no preemption and circular
// wait. Each variant breaks one condition, or none:
//
//   - naive: every philosopher takes the left fork, then the right. All
//     four conditions can hold at once, and they do when every philosopher
//     holds the left fork: deadlock.
//   - ordered: every philosopher takes the lower-numbered fork first. A
//     global order on resources makes a circular wait impossible.
//   - all-or-nothing: a philosopher takes both forks in one step or none,
//     so nobody holds a fork while waiting: no hold and wait.
//   - trylock: a philosopher who finds the second fork taken puts the
//     first one back, giving up what it holds: no "no preemption". It cannot
//     deadlock, but all philosophers can pick up and put back forever: a
//     livelock.
//
// Philosopher i cycles forever through four atomic steps: take the first
// fork (only if free), take the second (only if free), put the second down,
// put the first down. With reduction off, naive and ordered reproduce the
// state and edge counts of shared/oracles/philosophers.tsv exactly.
package deadlock
