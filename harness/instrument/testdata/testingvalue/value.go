// Package value shows a limit of harness test: a *testing.T handled as a
// value. Every *testing.T outside a Test signature becomes *shim.T, so a
// fuzz target built by a helper (not a FuzzX function) is a func(*shim.T,
// []byte), which f.Fuzz rejects when the test runs, and a *shim.T passed
// to code that is not rewritten (rapid.MakeFuzz's func(*testing.T,
// []byte)) does not type-check. go test passes; harness test fails.
package value

func Double(b []byte) []byte { return append(b, b...) }
