// Package mailnotify sends account emails in the background so that
// signup does not wait on the mail server.
package mailnotify

import "sync"

// Notifier sends mail with Send.
type Notifier struct {
	Send func(to, subject string) error

	wg     sync.WaitGroup
	mu     sync.Mutex
	failed []string
}

// Welcome sends the welcome mail to addr in the background.
func (n *Notifier) Welcome(addr string) {
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		if err := n.Send(addr, "Welcome aboard"); err != nil {
			n.mu.Lock()
			n.failed = append(n.failed, addr)
			n.mu.Unlock()
		}
	}()
}

// Wait waits for the mails in flight.
func (n *Notifier) Wait() { n.wg.Wait() }
