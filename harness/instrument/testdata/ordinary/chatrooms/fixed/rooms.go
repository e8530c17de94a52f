// Package chatrooms tracks which users are in which rooms, from both sides:
// a room lists its members and a user lists their rooms.
package chatrooms

import "sync"

// Room is a chat channel.
type Room struct {
	Name    string
	mu      sync.Mutex
	members map[*User]bool
}

// User is a connected client.
type User struct {
	Name  string
	mu    sync.Mutex
	rooms map[*Room]bool
}

// NewRoom returns an empty room.
func NewRoom(name string) *Room { return &Room{Name: name, members: make(map[*User]bool)} }

// NewUser returns a user in no room.
func NewUser(name string) *User { return &User{Name: name, rooms: make(map[*Room]bool)} }

// Join adds u to r.
func (r *Room) Join(u *User) {
	r.mu.Lock()
	defer r.mu.Unlock()
	u.mu.Lock()
	defer u.mu.Unlock()
	r.members[u] = true
	u.rooms[r] = true
}

// Has reports whether u is in r.
func (r *Room) Has(u *User) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.members[u]
}

// In reports whether u is in r, from the user's side.
func (u *User) In(r *Room) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.rooms[r]
}

// Disconnect removes u from every room. It takes the room locks without
// holding u.mu, since Join locks a room before its user.
func (u *User) Disconnect() {
	u.mu.Lock()
	rooms := u.rooms
	u.rooms = make(map[*Room]bool)
	u.mu.Unlock()
	for r := range rooms {
		r.mu.Lock()
		delete(r.members, u)
		r.mu.Unlock()
	}
}
