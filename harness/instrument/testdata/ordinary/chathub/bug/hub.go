// Package chathub fans chat messages out to every connected client; each
// client has a goroutine that writes its messages to the socket.
package chathub

import "sync"

// Hub is the set of connected clients.
type Hub struct {
	mu      sync.Mutex
	clients map[*Client]bool
}

// Client is one connection.
type Client struct {
	hub  *Hub
	send chan string
	done chan struct{}
}

// NewHub returns a hub with no clients.
func NewHub() *Hub { return &Hub{clients: make(map[*Client]bool)} }

// Connect registers a client whose writer calls deliver for each message.
func (h *Hub) Connect(deliver func(string)) *Client {
	c := &Client{hub: h, send: make(chan string), done: make(chan struct{})}
	h.mu.Lock()
	h.clients[c] = true
	h.mu.Unlock()
	go c.writeLoop(deliver)
	return c
}

func (c *Client) writeLoop(deliver func(string)) {
	for {
		select {
		case msg := <-c.send:
			deliver(msg)
		case <-c.done:
			return
		}
	}
}

// Broadcast sends msg to every client.
func (h *Hub) Broadcast(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		c.send <- msg
	}
}

// Close disconnects the client.
func (c *Client) Close() {
	close(c.done)
	c.hub.mu.Lock()
	delete(c.hub.clients, c)
	c.hub.mu.Unlock()
}
