// Package chat is a line-based publish/subscribe chat server over TCP:
// clients join rooms and publish lines to them; every other member of the
// room receives them. Each client has a reader goroutine (it parses and
// executes the client's commands) and a writer goroutine (it drains the
// client's bounded outbound buffer to the socket).
//
// # Protocol
//
// One command per line (at most MaxLine bytes), answered as shown:
//
//	NICK <name>         OK NICK <name>        (default name: u<N>)
//	JOIN <room>         OK JOIN <room>
//	LEAVE <room>        OK LEAVE <room>
//	PUB <room> <text>   (nothing; the room's members but the sender get
//	                    MSG <room> <name> <text>; joining is not needed)
//	QUIT                the server closes the connection
//
// Names and rooms are 1 to 32 letters, digits, '-' or '_'. Anything else
// (an unknown command, a missing argument, a bad name, leaving a room one
// has not joined, a line that is too long or not UTF-8) is
// answered with one line "ERR <reason>" and the connection goes on; other
// clients are not affected.
//
// # Slow clients
//
// Each client's outbound buffer holds at most WithOutbound(n) lines
// (DefaultOutbound). Publishing never waits for a receiver: if a member's
// buffer is full, that member is disconnected (its connection is closed;
// it may reconnect). So a slow client cannot hold up the others, and a
// client that stays connected receives every line of every sender, in the
// order each sender published them.
//
// # Shutdown
//
// Close stops accepting, closes every connection and returns when every
// goroutine of the server has exited.
//
// # Seeded bugs
//
// WithBug(BugBlockingFanout) (in the tests: -chat.bug=blockingfanout)
// makes publishing wait for room in a full buffer (under the server's
// lock): one slow client stalls every other client.
// WithBug(BugLeakOnClose) (-chat.bug=leakonclose) makes Close return
// without closing the client connections: their goroutines are left
// behind. Over loopback TCP the tests catch the first with a stall check
// and the second with checks/leak; over in-memory connections (package
// internal/memnet) harness test reports both as deadlocks.
//
// The server is plain Go (sync, channels, go). Its tests are ordinary go
// tests; the ones over real sockets skip themselves under harness test,
// whose scheduler cannot reach a goroutine blocked in a socket read.
package chat
