//go:build race

package eventloop_test

// raceBound is the preemption bound of TestLoopUnderRT: under -race every
// execution is ten times slower, so the bound is 1 there (2 otherwise).
const raceBound = 1
