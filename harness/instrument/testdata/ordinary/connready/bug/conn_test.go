package connready

import (
	"sync"
	"testing"
	"time"
)

func TestPublishersWaitForHandshake(t *testing.T) {
	c := Dial(func() {}, 30*time.Second)
	defer c.Close()
	var wg sync.WaitGroup
	for _, topic := range []string{"orders", "payments"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.WaitReady(); err != nil {
				t.Errorf("%s: %v", topic, err)
				return
			}
			c.Send(topic + ": hello")
		}()
	}
	wg.Wait()
	if n := c.sent.Load(); n != 2 {
		t.Errorf("sent %d messages, want 2", n)
	}
}
