package pollstop

import (
	"testing"
	"time"
)

func TestReporterPushesUntilStopped(t *testing.T) {
	samples := make(chan Sample, 1)
	r := &Reporter{
		Interval: time.Millisecond,
		Push: func(s Sample) {
			select {
			case samples <- s:
			default: // the collector is behind: drop the sample
			}
		},
	}
	r.Start()
	for range 3 {
		if s := <-samples; s.Goroutines == 0 {
			t.Errorf("sample reports no goroutines: %+v", s)
		}
	}
	r.Stop()
}
