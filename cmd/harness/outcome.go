package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/interleave/concurrency/harness"
)

// exitIncomplete is the exit code of a search that found nothing but was
// not complete, under --require-complete: CI can insist on a proof.
const exitIncomplete = 4

// stopSignals are the signals that stop a search with a partial report:
// Ctrl-C, and what a CI job's timeout or kill sends.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// signalCatcher cancels a search's context on the first stop signal and
// remembers it; a second signal kills the process as usual.
type signalCatcher struct {
	got  atomic.Int32 // the signal number, 0 until one came
	ch   chan os.Signal
	done chan struct{}
}

// catchSignals returns a context that the first stop signal cancels.
func catchSignals(parent context.Context) (context.Context, *signalCatcher) {
	ctx, cancel := context.WithCancel(parent)
	c := &signalCatcher{ch: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(c.ch, stopSignals...)
	go func() {
		defer cancel()
		select {
		case s := <-c.ch:
			signal.Stop(c.ch)
			if n, ok := s.(syscall.Signal); ok {
				c.got.Store(int32(n))
			}
		case <-c.done:
		}
	}()
	return ctx, c
}

// stop stops listening; the context stays as it is.
func (c *signalCatcher) stop() {
	signal.Stop(c.ch)
	close(c.done)
}

// exitCode is 128 plus the signal's number (130 for SIGINT, 143 for
// SIGTERM) once one came, as shells report a process a signal ended.
func (c *signalCatcher) exitCode() int {
	if n := c.got.Load(); n != 0 {
		return 128 + int(n)
	}
	return 0
}

// exploreExit is explore's exit code: a signal's first (the run did not
// end on its own), then a violation, then an incomplete search under
// --require-complete.
func exploreExit(res harness.Result, requireComplete bool, signalCode int) int {
	switch {
	case signalCode != 0:
		return signalCode
	case len(res.Violations) > 0:
		return exitViolation
	case requireComplete && !res.Complete:
		return exitIncomplete
	}
	return exitOK
}

// finalLine repeats, as the last line of a text report, that a bounded,
// timed-out or interrupted search proves nothing beyond its bound; ""
// when the search was not bounded or the report already ends saying so.
func finalLine(res harness.Result, report string) string {
	if res.Complete || res.Bound == (harness.Bound{}) {
		return ""
	}
	lines := strings.Split(strings.TrimRight(report, "\n"), "\n")
	if strings.HasPrefix(lines[len(lines)-1], "result: bounded") {
		return ""
	}
	return fmt.Sprintf("result: bounded (%s): not a proof; the states beyond the bound were not explored\n", res.Bound)
}
