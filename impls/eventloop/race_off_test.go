//go:build !race

package eventloop_test

// raceBound is the preemption bound of TestLoopUnderRT (1 under -race).
const raceBound = 1
