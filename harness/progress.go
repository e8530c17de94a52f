package harness

import (
	"context"
	"runtime/metrics"
	"time"
)

// Progress is a snapshot of a running search, handed to
// Options.Progress about once a second.
type Progress struct {
	States      int
	Transitions int
	Depth       int // the deepest level or execution so far
	Frontier    int // states waiting to be expanded (breadth-first), or 0
	Memory      uint64
	Elapsed     time.Duration
}

// progressInterval is how often Options.Progress is called.
const progressInterval = time.Second

// memoryInterval is how often the search reads its memory for
// Options.MaxMemory.
const memoryInterval = 100 * time.Millisecond

// monitor is the explorer's clock for progress reports and the memory
// limit, consulted every few thousand states.
type monitor struct {
	start        time.Time
	lastProgress time.Time
	lastMemory   time.Time
	frontier     int
	samples      []metrics.Sample
}

// memoryInUse is the memory the Go runtime holds from the system and has
// not returned: what the process's resident size mostly is.
func (mo *monitor) memoryInUse() uint64 {
	if mo.samples == nil {
		mo.samples = []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	}
	metrics.Read(mo.samples)
	return mo.samples[0].Value.Uint64() - mo.samples[1].Value.Uint64()
}

// checkpoint decides whether the search must stop (cancelled, past its
// deadline, or over its memory limit), setting the bound that says why,
// and reports progress when it is due.
func (e *explorer) checkpoint() bool {
	if b := boundOf(e.ctx); b != (Bound{}) {
		e.res.Bound = b
		return true
	}
	if e.o.MaxMemory == 0 && e.o.Progress == nil {
		return false
	}
	now := time.Now()
	if e.mon.start.IsZero() {
		e.mon.start, e.mon.lastProgress = now, now
	}
	if e.o.MaxMemory > 0 && now.Sub(e.mon.lastMemory) >= memoryInterval {
		e.mon.lastMemory = now
		if mem := e.mon.memoryInUse(); mem > e.o.MaxMemory {
			e.res.Bound = Bound{BoundMaxMemory, e.o.MaxMemory}
			return true
		}
	}
	if e.o.Progress != nil && now.Sub(e.mon.lastProgress) >= progressInterval {
		e.mon.lastProgress = now
		e.o.Progress(Progress{States: e.set.Len(), Transitions: e.res.Transitions, Depth: e.res.MaxDepth,
			Frontier: e.mon.frontier, Memory: e.mon.memoryInUse(), Elapsed: now.Sub(e.mon.start)})
	}
	return false
}

// boundOf is the bound a done context puts on the search: BoundTimeout
// past its deadline, BoundInterrupted when cancelled, none while it runs.
func boundOf(ctx context.Context) Bound {
	switch ctx.Err() {
	case nil:
		return Bound{}
	case context.DeadlineExceeded:
		return Bound{Kind: BoundTimeout}
	}
	return Bound{Kind: BoundInterrupted}
}

// checkEvery is the mask of explorer.ticks between two checkpoints: every
// 256 states, so that Ctrl-C is felt at once even by slow searches, while
// a checkpoint stays a negligible share of the work.
const checkEvery = 255
