// Package instrument is the rewriter behind harness test: it type-checks
// ordinary Go packages (with golang.org/x/tools/go/packages, the go
// command's own view of files, build tags and types) and rewrites a copy
// of their files onto package rt, for go test -overlay.
//
// What is rewritten, by type information, never by name alone:
//
//	sync.Mutex, RWMutex, WaitGroup, Once, Cond, Map, Pool, OnceFunc...  rt's
//	sync/atomic types and functions                                     rt's
//	chan T, <-chan T, chan<- T                                          *rt.Chan[T]
//	make(chan T, n), ch <- v, <-ch, v, ok := <-ch, range ch             rt.NewChan, Send, shim.Recv, RecvOK, All
//	close, len, cap of a channel                                        Close, Len, Cap
//	select                                                              a switch on rt.Select (TrySelect with a default)
//	go f(x)                                                             rt.Go, f and x evaluated where the go statement is
//	time.Sleep, After, AfterFunc, NewTimer, NewTicker, Tick, Now, ...   rt's (virtual time)
//	context.WithCancel, WithTimeout, ..., ctx.Done()                    rt's
//	runtime.Gosched, SetFinalizer                                       rt.Yield, rt.SetFinalizer
//	func TestX(t *testing.T) { body }                                   body under rt.Check, t a *shim.T
//
// Every edit keeps the lines of the original where they were (a //line
// directive heads each file, and a /*line*/ directive follows any edit
// that moves text across lines), so compile errors, stacks and rt's
// reports name the user's files and lines. A defined channel type with
// methods (type sema chan struct{}) cannot become a pointer type: it and
// the operations on its values stay Go's.
package instrument
