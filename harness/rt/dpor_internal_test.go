package rt

import (
	"slices"
	"testing"
	"time"
)

// Ordering a goroutine after the clock's step that woke it, or that
// started it, changes the goroutine's clock, never the clock recorded for
// its last step: that step happened before the clock's, and a clock
// changed in place would order it after and hide its races.
func TestWakingLeavesRecordedClocks(t *testing.T) {
	for name, wake := range map[string]func(p *dpor, g *gor){
		"woken":   func(p *dpor, g *gor) { p.woken(g, time.Second) },
		"started": func(p *dpor, g *gor) { p.started(g, 1) },
	} {
		var p dpor
		g := &gor{id: 0, parent: -1}
		p.clockOf(g)
		p.record(trans{g: g, gid: 0, c: -1}, 0, nil, nil, nil)
		recorded := slices.Clone(p.steps[0].clock)
		tick := vclock{9, 9, 9, 9, 9, 9}
		p.tickAt = map[time.Duration]vclock{time.Second: tick}
		p.tickCs = []vclock{tick}
		wake(&p, g)
		if !slices.Equal(recorded, p.steps[0].clock) {
			t.Errorf("%s: the last step's clock changed from %v to %v", name, recorded, p.steps[0].clock)
		}
		if p.clockOf(g).get(5) != 9 {
			t.Errorf("%s: the goroutine is not ordered after the clock's step: %v", name, p.clockOf(g))
		}
	}
}
