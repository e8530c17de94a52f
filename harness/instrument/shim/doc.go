// Package shim is the runtime support of code rewritten by harness test:
// the parts of Go's syntax that package rt has no one function for (a
// receive used as a value, a select statement, a test's *testing.T) and
// the -interleave.* flags of an instrumented test binary.
//
// It is imported by rewritten files only; code written by hand uses rt.
package shim
