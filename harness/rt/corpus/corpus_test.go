// Package corpus_test checks the corpus of bug kernels: rt finds every
// buggy kernel with the kind of failure its class calls for, and every
// fixed twin explores without failure (exhaustively, or up to the budget
// where the table says so). It also writes docs/corpus.md.
package corpus_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/interleave/concurrency/harness/rt"
	"github.com/interleave/concurrency/harness/rt/corpus/abbacycle"
	"github.com/interleave/concurrency/harness/rt/corpus/abbastats"
	"github.com/interleave/concurrency/harness/rt/corpus/abbatransfer"
	"github.com/interleave/concurrency/harness/rt/corpus/atomicupdate"
	"github.com/interleave/concurrency/harness/rt/corpus/brokerlock"
	"github.com/interleave/concurrency/harness/rt/corpus/captureerr"
	"github.com/interleave/concurrency/harness/rt/corpus/capturenamed"
	"github.com/interleave/concurrency/harness/rt/corpus/capturereq"
	"github.com/interleave/concurrency/harness/rt/corpus/chancond"
	"github.com/interleave/concurrency/harness/rt/corpus/checkthenact"
	"github.com/interleave/concurrency/harness/rt/corpus/cleanuporder"
	"github.com/interleave/concurrency/harness/rt/corpus/closebeforesend"
	"github.com/interleave/concurrency/harness/rt/corpus/closebyreceiver"
	"github.com/interleave/concurrency/harness/rt/corpus/closeconcurrent"
	"github.com/interleave/concurrency/harness/rt/corpus/closetwice"
	"github.com/interleave/concurrency/harness/rt/corpus/condbroadcast"
	"github.com/interleave/concurrency/harness/rt/corpus/condlock"
	"github.com/interleave/concurrency/harness/rt/corpus/condmissed"
	"github.com/interleave/concurrency/harness/rt/corpus/ctxlock"
	"github.com/interleave/concurrency/harness/rt/corpus/ctxnocancel"
	"github.com/interleave/concurrency/harness/rt/corpus/ctxsend"
	"github.com/interleave/concurrency/harness/rt/corpus/doublelock"
	"github.com/interleave/concurrency/harness/rt/corpus/errgroupleak"
	"github.com/interleave/concurrency/harness/rt/corpus/handshake"
	"github.com/interleave/concurrency/harness/rt/corpus/lazyinit"
	"github.com/interleave/concurrency/harness/rt/corpus/limiterlock"
	"github.com/interleave/concurrency/harness/rt/corpus/lostnotify"
	"github.com/interleave/concurrency/harness/rt/corpus/mapcheckact"
	"github.com/interleave/concurrency/harness/rt/corpus/missingunlock"
	"github.com/interleave/concurrency/harness/rt/corpus/nilchanselect"
	"github.com/interleave/concurrency/harness/rt/corpus/oncerecursive"
	"github.com/interleave/concurrency/harness/rt/corpus/onesidedlock"
	"github.com/interleave/concurrency/harness/rt/corpus/poolstop"
	"github.com/interleave/concurrency/harness/rt/corpus/publication"
	"github.com/interleave/concurrency/harness/rt/corpus/raceappend"
	"github.com/interleave/concurrency/harness/rt/corpus/racecounter"
	"github.com/interleave/concurrency/harness/rt/corpus/racemap"
	"github.com/interleave/concurrency/harness/rt/corpus/rangenoclose"
	"github.com/interleave/concurrency/harness/rt/corpus/rlockwrite"
	"github.com/interleave/concurrency/harness/rt/corpus/rwrregistry"
	"github.com/interleave/concurrency/harness/rt/corpus/rwupgrade"
	"github.com/interleave/concurrency/harness/rt/corpus/sendonclosed"
	"github.com/interleave/concurrency/harness/rt/corpus/stopchan"
	"github.com/interleave/concurrency/harness/rt/corpus/testerrcleak"
	"github.com/interleave/concurrency/harness/rt/corpus/testlogafter"
	"github.com/interleave/concurrency/harness/rt/corpus/testnowait"
	"github.com/interleave/concurrency/harness/rt/corpus/tickerleak"
	"github.com/interleave/concurrency/harness/rt/corpus/timeoutleak"
	"github.com/interleave/concurrency/harness/rt/corpus/timerdrain"
	"github.com/interleave/concurrency/harness/rt/corpus/usebeforeinit"
	"github.com/interleave/concurrency/harness/rt/corpus/waitbeforeadd"
	"github.com/interleave/concurrency/harness/rt/corpus/wgmissingdone"
	"github.com/interleave/concurrency/harness/rt/corpus/wgnegative"
	"github.com/interleave/concurrency/harness/rt/corpus/wgresults"
	"github.com/interleave/concurrency/harness/rt/corpus/wgselfwait"
)

var update = flag.Bool("update", false, "rewrite docs/corpus.md")

// budget bounds every exploration, so the corpus runs in a few seconds.
const budget = 2000

// maxSteps bounds one execution: every kernel takes a few dozen steps, so
// a body that runs on after the test (testlogafter) stops quickly.
const maxSteps = 300

// kernel is one row of the corpus.
type kernel struct {
	name  string
	class string
	// want is the kind rt should report for Buggy under the rule that a
	// blocked set waiting in a cycle is a deadlock (whether or not the
	// body returned) and blocked goroutines without a cycle are a leak.
	// A goroutine blocked on a lock waits for its holders; on a channel,
	// Cond or WaitGroup, for the other live goroutines that could complete
	// the operation (those that still use the object). So a receive that
	// only exited goroutines could have served is a leak, and a body that
	// waits for a worker blocked on a send only the body could receive is
	// a deadlock. A body blocked forever with no cycle is a deadlock too:
	// the test can never return, which Go's runtime reports as "all
	// goroutines are asleep - deadlock!".
	want rt.Kind
	// today, when set, is what rt reports before that rule lands, also
	// accepted until then; missed means rt does not find the bug yet.
	today        rt.Kind
	buggy, fixed func(*rt.T)
}

// missed marks a kernel whose bug rt does not find today.
const missed rt.Kind = "missed"

var kernels = []kernel{
	{"doublelock", "resource deadlock: double locking", rt.KindDeadlock, "", doublelock.Buggy, doublelock.Fixed},
	{"missingunlock", "resource deadlock: double locking (unlock skipped on an error path)", rt.KindDeadlock, "", missingunlock.Buggy, missingunlock.Fixed},
	{"abbatransfer", "resource deadlock: AB-BA", rt.KindDeadlock, "", abbatransfer.Buggy, abbatransfer.Fixed},
	{"abbastats", "resource deadlock: AB-BA", rt.KindDeadlock, "", abbastats.Buggy, abbastats.Fixed},
	{"abbacycle", "resource deadlock: lock cycle of three", rt.KindDeadlock, "", abbacycle.Buggy, abbacycle.Fixed},
	{"rwrregistry", "resource deadlock: RWR", rt.KindDeadlock, "", rwrregistry.Buggy, rwrregistry.Fixed},
	{"rwupgrade", "resource deadlock: double locking (RLock upgraded to Lock)", rt.KindDeadlock, "", rwupgrade.Buggy, rwupgrade.Fixed},
	{"oncerecursive", "resource deadlock: Once.Do called from its own f", rt.KindDeadlock, "", oncerecursive.Buggy, oncerecursive.Fixed},
	{"timeoutleak", "communication deadlock: channel (result abandoned on timeout)", rt.KindLeak, "", timeoutleak.Buggy, timeoutleak.Fixed},
	{"errgroupleak", "communication deadlock: channel (return at the first error)", rt.KindLeak, "", errgroupleak.Buggy, errgroupleak.Fixed},
	{"nilchanselect", "communication deadlock: nil channel (made in one code path only)", rt.KindLeak, "", nilchanselect.Buggy, nilchanselect.Fixed},
	// today a blocked body is a deadlock: the consumer waits on a channel nobody can send on, no cycle
	{"rangenoclose", "communication deadlock: channel (range over a channel never closed)", rt.KindDeadlock, rt.KindDeadlock, rangenoclose.Buggy, rangenoclose.Fixed},
	{"handshake", "communication deadlock: channel (both peers send first)", rt.KindDeadlock, "", handshake.Buggy, handshake.Fixed},
	// a cycle if the sender's only possible receiver counts: the body waits for the worker's done, the worker for the body to receive
	{"stopchan", "communication deadlock: channel (send ignores the quit channel)", rt.KindDeadlock, "", stopchan.Buggy, stopchan.Fixed},
	// today a deadlock: the body waits on a Cond that nobody will signal any more, no cycle
	{"ctxsend", "communication deadlock: channel & context (send ignores ctx.Done)", rt.KindLeak, "", ctxsend.Buggy, ctxsend.Fixed},
	{"ctxnocancel", "communication deadlock: channel & context (cancel never called)", rt.KindLeak, "", ctxnocancel.Buggy, ctxnocancel.Fixed},
	// today a deadlock: the body waits on a timer channel that nothing will fill, no cycle
	{"timerdrain", "communication deadlock: timer channel drained twice", rt.KindDeadlock, rt.KindDeadlock, timerdrain.Buggy, timerdrain.Fixed},
	{"tickerleak", "communication deadlock: ticker channel (Stop does not close C)", rt.KindLeak, "", tickerleak.Buggy, tickerleak.Fixed},
	{"condmissed", "communication deadlock: condition variable (missed signal)", rt.KindDeadlock, rt.KindDeadlock, condmissed.Buggy, condmissed.Fixed},
	// a cycle: the body waits for the consumer, the consumer for a Broadcast only the body could make
	{"condbroadcast", "communication deadlock: condition variable (Signal where Broadcast is needed)", rt.KindDeadlock, "", condbroadcast.Buggy, condbroadcast.Fixed},
	{"chancond", "communication deadlock: channel & condition variable", rt.KindDeadlock, "", chancond.Buggy, chancond.Fixed},
	{"condlock", "mixed deadlock: condition variable & lock", rt.KindDeadlock, "", condlock.Buggy, condlock.Fixed},
	{"brokerlock", "mixed deadlock: channel & lock (pub/sub broker)", rt.KindDeadlock, "", brokerlock.Buggy, brokerlock.Fixed},
	{"poolstop", "mixed deadlock: channel & lock (worker pool shutdown)", rt.KindDeadlock, "", poolstop.Buggy, poolstop.Fixed},
	{"limiterlock", "mixed deadlock: channel & lock (rate limiter)", rt.KindDeadlock, "", limiterlock.Buggy, limiterlock.Fixed},
	{"ctxlock", "mixed deadlock: context & lock", rt.KindDeadlock, "", ctxlock.Buggy, ctxlock.Fixed},
	{"wgresults", "mixed deadlock: channel & WaitGroup", rt.KindDeadlock, "", wgresults.Buggy, wgresults.Fixed},
	// today a deadlock: the body waits on a counter that no live goroutine will decrement, no cycle
	{"wgmissingdone", "mixed deadlock: misused WaitGroup (Done skipped)", rt.KindDeadlock, rt.KindDeadlock, wgmissingdone.Buggy, wgmissingdone.Fixed},
	{"wgselfwait", "mixed deadlock: misused WaitGroup (a member waits for its group)", rt.KindDeadlock, "", wgselfwait.Buggy, wgselfwait.Fixed},
	{"wgnegative", "mixed deadlock: misused WaitGroup (Done twice)", rt.KindPanic, "", wgnegative.Buggy, wgnegative.Fixed},
	{"racecounter", "data race: counter", rt.KindRace, "", racecounter.Buggy, racecounter.Fixed},
	{"racemap", "data race: map (cache janitor)", rt.KindRace, "", racemap.Buggy, racemap.Fixed},
	{"raceappend", "data race: slice append", rt.KindRace, "", raceappend.Buggy, raceappend.Fixed},
	{"checkthenact", "atomicity violation: check-then-act", rt.KindTestFailure, "", checkthenact.Buggy, checkthenact.Fixed},
	{"lazyinit", "data race: lazy initialisation", rt.KindRace, "", lazyinit.Buggy, lazyinit.Fixed},
	{"publication", "data race: publication without synchronisation", rt.KindRace, "", publication.Buggy, publication.Fixed},
	{"onesidedlock", "data race: lock on one side only", rt.KindRace, "", onesidedlock.Buggy, onesidedlock.Fixed},
	{"rlockwrite", "data race: write under a read lock", rt.KindRace, "", rlockwrite.Buggy, rlockwrite.Fixed},
	{"atomicupdate", "atomicity violation: atomic Load then Store", rt.KindTestFailure, "", atomicupdate.Buggy, atomicupdate.Fixed},
	{"mapcheckact", "atomicity violation: sync.Map Load then Store", rt.KindTestFailure, "", mapcheckact.Buggy, mapcheckact.Fixed},
	{"usebeforeinit", "order violation: use before initialisation", rt.KindRace, "", usebeforeinit.Buggy, usebeforeinit.Fixed},
	{"closebeforesend", "order violation: close before the last send", rt.KindPanic, "", closebeforesend.Buggy, closebeforesend.Fixed},
	{"waitbeforeadd", "order violation: Wait before Add", rt.KindRace, "", waitbeforeadd.Buggy, waitbeforeadd.Fixed},
	// missed today: a goroutine whose first operation is a receive counts as
	// already waiting in it, so a non-blocking send right after the go
	// statement never takes its default (in Go it often does)
	{"lostnotify", "order violation: notify before the listener waits", rt.KindDeadlock, rt.KindDeadlock, lostnotify.Buggy, lostnotify.Fixed},
	{"closetwice", "misused channel: close twice", rt.KindPanic, "", closetwice.Buggy, closetwice.Fixed},
	{"closeconcurrent", "misused channel: concurrent close (check-then-close)", rt.KindPanic, "", closeconcurrent.Buggy, closeconcurrent.Fixed},
	{"sendonclosed", "misused channel: send on closed", rt.KindPanic, "", sendonclosed.Buggy, sendonclosed.Fixed},
	{"closebyreceiver", "misused channel: closed by the receiver", rt.KindPanic, "", closebyreceiver.Buggy, closebyreceiver.Fixed},
	{"captureerr", "anonymous-function capture: shared err", rt.KindRace, "", captureerr.Buggy, captureerr.Fixed},
	{"capturereq", "anonymous-function capture: variable declared outside the loop", rt.KindRace, "", capturereq.Buggy, capturereq.Fixed},
	{"capturenamed", "anonymous-function capture: named result", rt.KindRace, "", capturenamed.Buggy, capturenamed.Fixed},
	{"testnowait", "testing-library misuse: assert without waiting", rt.KindRace, "", testnowait.Buggy, testnowait.Fixed},
	{"testerrcleak", "testing-library misuse: goroutine leaked by the test", rt.KindLeak, "", testerrcleak.Buggy, testerrcleak.Fixed},
	// Go panics on a Log after the test completed; today rt.T takes the log,
	// and the heartbeat goroutine runs on until the step limit
	{"testlogafter", "testing-library misuse: Log after the test completed", rt.KindPanic, rt.KindStepLimit, testlogafter.Buggy, testlogafter.Fixed},
	{"cleanuporder", "testing-library misuse: defer runs before Cleanup (close before the flush)", rt.KindPanic, "", cleanuporder.Buggy, cleanuporder.Fixed},
}

// result is what exploring one kernel found.
type result struct {
	kernel
	found          rt.Kind // "" when nothing was found
	execs          int     // executions to find it (or explored)
	reportLines    int     // lines of the failure report
	fixedExecs     int
	fixedExhausted bool
}

func explore(t *testing.T, body func(*rt.T)) rt.Report {
	t.Helper()
	rep, err := rt.Explore(body, rt.WithMaxExecutions(budget), rt.WithMaxSteps(maxSteps))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestCorpus(t *testing.T) {
	results := make([]result, len(kernels))
	for i, k := range kernels {
		t.Run(k.name, func(t *testing.T) {
			results[i] = check(t, k)
		})
	}
	for _, r := range results {
		if r.name == "" {
			return // -run selected a part of the corpus: no table
		}
	}
	compareDoc(t, render(results))
}

func check(t *testing.T, k kernel) result {
	res := result{kernel: k}
	bug := explore(t, k.buggy)
	res.execs = bug.Executions
	if bug.Failure != nil {
		res.found = bug.Failure.Kind
		res.reportLines = strings.Count(bug.Failure.String(), "\n") + 1
	}
	switch {
	case k.today == missed && res.found != "":
		t.Errorf("rt now finds %s (%s): update the table", k.name, res.found)
	case k.today != missed && res.found != k.want && res.found != k.today:
		t.Errorf("Buggy: want %s, found %q: %s", k.want, res.found, summary(bug))
	}
	fix := explore(t, k.fixed)
	if fix.Failure != nil {
		t.Errorf("Fixed failed: %s", summary(fix))
	}
	res.fixedExecs, res.fixedExhausted = fix.Executions, fix.Exhausted
	return res
}

// summary is the first lines of a report: enough to see what failed
// without printing a long trace.
func summary(r rt.Report) string {
	lines := strings.SplitN(r.String(), "\n", 8)
	return strings.Join(lines[:min(len(lines), 7)], "\n")
}

// render is docs/corpus.md.
func render(results []result) string {
	var b strings.Builder
	b.WriteString(header)
	for _, r := range results {
		found := string(r.found)
		if r.found == "" {
			found = "not found"
		}
		if r.found != r.want {
			found += fmt.Sprintf(" (expected %s)", r.want)
		}
		fixed := fmt.Sprintf("passed, exhaustive (%d)", r.fixedExecs)
		if !r.fixedExhausted {
			fixed = fmt.Sprintf("passed up to the budget (%d)", r.fixedExecs)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %d | %d | %s |\n", r.name, r.class, found, r.execs, r.reportLines, fixed)
	}
	return b.String()
}

const header = `# Corpus of bug kernels

Each kernel under ` + "`harness/rt/corpus/<name>/`" + ` is a small piece of
ordinary Go, ported to rt, in the shape a real concurrency bug takes
(classes from Tu et al., ASPLOS'19, and GoBench/GoKer), with ` + "`Buggy`" + ` and
a ` + "`Fixed`" + ` twin that differs by the minimal real fix. The table is written
by ` + "`go test ./harness/rt/corpus -update`" + ` and checked by the same test
without ` + "`-update`" + `: every exploration is DFS with DPOR, the default
preemption bound, a budget of 2000 executions and at most 300 steps per
execution. "Executions" is Report.Executions when the failure was found,
"lines" the length of its report (Failure.String); "Fixed" says whether
the fixed twin's space was exhausted (no failure within the preemption
bound) or only explored up to the budget, with the executions it took.
A kind in parentheses is the one the kernel's class calls for, where rt
reports another today.

| kernel | class | found | executions | lines | fixed |
| --- | --- | --- | --- | --- | --- |
`

func compareDoc(t *testing.T, got string) {
	const path = "../../../docs/corpus.md"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./harness/rt/corpus -update)", err)
	}
	if string(want) != got {
		t.Errorf("docs/corpus.md is stale (run go test ./harness/rt/corpus -update): %s", firstDiff(string(want), got))
	}
}

// firstDiff names the first line where the table differs.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range min(len(w), len(g)) {
		if w[i] != g[i] {
			return fmt.Sprintf("line %d is\n%s\nwant\n%s", i+1, w[i], g[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(w), len(g))
}
