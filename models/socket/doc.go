// Package socket models a TCP connection between a client and a server:
// each endpoint has a bounded send buffer and a bounded receive buffer
// (the buffer parameter, in bytes), and the network moves bytes from one
// side's send buffer to the other side's receive buffer, one byte at a
// time and in order. send blocks while the send buffer is full, recv
// blocks while the receive buffer is empty and returns whatever is there
// (0 bytes once the peer has shut down writing and everything before its
// FIN has been read: end of stream). shutdown(SHUT_WR) is a half-close:
// the peer reads end of stream, and the endpoint can still receive. close
// shuts down writing too.
//
// The claims, with the variants that show them (size is the message size
// in bytes):
//
//   - send-first: both peers send size bytes before either receives. When
//     size exceeds what one direction can hold (2 × buffer: a send buffer
//     plus a receive buffer), both block in send for ever: a deadlock whose
//     wait-for cycle runs through the four full buffers and both network
//     directions (the Coffman report prints it).
//   - request-response: the client sends its request and then receives;
//     the server receives the whole request, then responds and closes. No
//     deadlock, and the client's last recv returns end of stream.
//   - no-shutdown: the server reads the request until end of stream, but
//     the client waits for the response without shutting down writing:
//     each side waits for the other, through two empty buffers (deadlock).
//   - half-close: the client shuts down writing after its request; the
//     server's recv returns end of stream, it responds and closes, and the
//     client, which can still receive, reads the response to end of
//     stream. No deadlock.
//   - stream: the client sends two messages with two send calls; the
//     server treats each recv as one message. A byte stream keeps no
//     message boundaries: "message-split" (one send arrives in pieces) and
//     "message-merge" (two sends arrive as one recv) both fail.
//   - framed: the server knows the message size and reads exactly size
//     bytes per message, looping over recv: every message arrives whole,
//     both checks hold.
//
// The threads are the client, the server, and one network thread per
// direction, so that every way of splitting the byte stream into
// deliveries is explored. The network threads implement harness.Blocker:
// a full receive buffer waits for its reader, an empty send buffer for its
// writer.
package socket
