// Package leak finds goroutines left behind: work that outlives the code
// that started it, usually blocked forever on a channel, a lock or a
// socket.
//
// Three forms, one violation kind (Kind):
//
//   - Natively, Find and Verify ask goleak (go.uber.org/goleak) which
//     goroutines are still alive, retrying for a while so that goroutines
//     that are on their way out are not reported. Snapshot the goroutines
//     of the test binary first with IgnoreCurrent.
//   - Under the controlled runtime, RT() is a check value like
//     race.RT() and deadlock.RT(): its Explore runs a body with rt.Explore
//     and returns the goroutines still blocked when the body returned in
//     some schedule (rt's leak finding), with the schedule that shows it.
//   - For models of the explicit-state engine, Model is a harness.Check:
//     a state in which nothing can step, the main threads have finished and
//     other threads are still blocked.
package leak
