package mailnotify

import (
	"sync"
	"testing"
	"time"
)

func TestSignupSendsWelcome(t *testing.T) {
	var mu sync.Mutex
	var sent []string
	n := &Notifier{Send: func(to, subject string) error {
		mu.Lock()
		defer mu.Unlock()
		sent = append(sent, to+": "+subject)
		return nil
	}}
	n.Welcome("ada@example.com")
	time.Sleep(20 * time.Millisecond) // let the mail go out
	mu.Lock()
	defer mu.Unlock()
	if len(sent) != 1 || sent[0] != "ada@example.com: Welcome aboard" {
		t.Errorf("sent = %q", sent)
	}
}
