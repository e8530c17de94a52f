// Package seeded reads the flag with which an implementation's tests
// switch one of its seeded bugs on (-gil.bug=barging, -kv.bug=getthenput,
// ...), so that `go test` runs the correct code and `harness test` can be
// shown a bug to find. Every impl names its bugs in one table here instead
// of parsing and refusing the flag itself.
package seeded
