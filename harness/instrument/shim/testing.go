package shim

import (
	"context"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
)

// T stands for the *testing.T of a rewritten test: its failures, logs,
// skips, cleanups and subtests concern the execution being explored (it
// routes them to rt.T), everything else is the test's own.
type T struct {
	*testing.T
	rt   *rt.T
	subs *subtests // the test function's own T: which subtests its Check runs
}

// subtests picks the top-level subtests one Check runs: none (only
// names them, only < 0) or the only-th.
type subtests struct {
	only  int
	next  int
	names []string
}

// A rewritten helper that takes a testing.TB takes a *T.
var _ testing.TB = (*T)(nil)

// Run runs body, a test function's whole body, under rt.Check with the
// -interleave.* flags' options. Each top-level subtest (a row of a
// table-driven test) is a go test subtest with a Check of its own, in
// which the body runs with the other subtests skipped: in one Check for
// all, depth-first search would try the last subtest's schedules first
// and hardly reach the first one's, and -run could not pick one. The
// first Check runs the body with every subtest skipped and learns their
// names.
func Run(t *testing.T, body func(t *T)) {
	t.Helper()
	opts, err := Options()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	rt.Check(t, func(r *rt.T) {
		subs := &subtests{only: -1}
		body(&T{T: t, rt: r, subs: subs})
		names = subs.names
	}, opts...)
	for i, name := range names {
		t.Run(name, func(st *testing.T) {
			st.Helper()
			rt.Check(st, func(r *rt.T) { body(&T{T: st, rt: r, subs: &subtests{only: i}}) }, opts...)
		})
	}
}

func (t *T) Error(args ...any)                 { t.rt.Helper(); t.rt.Error(args...) }
func (t *T) Errorf(format string, args ...any) { t.rt.Helper(); t.rt.Errorf(format, args...) }
func (t *T) Fatal(args ...any)                 { t.rt.Helper(); t.rt.Fatal(args...) }
func (t *T) Fatalf(format string, args ...any) { t.rt.Helper(); t.rt.Fatalf(format, args...) }
func (t *T) Fail()                             { t.rt.Fail() }
func (t *T) FailNow()                          { t.rt.FailNow() }
func (t *T) Failed() bool                      { return t.rt.Failed() }
func (t *T) Log(args ...any)                   { t.rt.Helper(); t.rt.Log(args...) }
func (t *T) Logf(format string, args ...any)   { t.rt.Helper(); t.rt.Logf(format, args...) }
func (t *T) Helper()                           { t.rt.Helper() }
func (t *T) Name() string                      { return t.rt.Name() }
func (t *T) Cleanup(f func())                  { t.rt.Cleanup(f) }
func (t *T) Skip(args ...any)                  { t.rt.Skip(args...) }
func (t *T) SkipNow()                          { t.rt.SkipNow() }
func (t *T) Skipf(format string, args ...any)  { t.rt.Skipf(format, args...) }
func (t *T) Skipped() bool                     { return t.rt.Skipped() }
func (t *T) TempDir() string                   { return t.rt.TempDir() }
func (t *T) Context() context.Context          { return t.rt.Context() }

// Parallel does nothing: an execution runs one goroutine at a time, and
// its subtests are explored in order.
func (t *T) Parallel() {}

// Run runs f as a subtest of the execution; a top-level subtest only in
// the Check that Run (the function) gave it.
func (t *T) Run(name string, f func(t *T)) bool {
	if s := t.subs; s != nil {
		s.next++
		switch {
		case s.only < 0:
			s.names = append(s.names, name)
			return true
		case s.next-1 != s.only:
			return true
		}
		f(&T{T: t.T, rt: t.rt})
		return !t.rt.Failed()
	}
	return t.rt.Run(name, func(r *rt.T) { f(&T{T: t.T, rt: r}) })
}
