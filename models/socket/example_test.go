package socket_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/models/socket"
)

// Both peers send five bytes before reading, through buffers of two bytes
// each way: all four buffers fill up and nobody can move. The wait-for
// cycle runs through the buffers and the network.
func Example() {
	m := socket.New(socket.SendFirst, 2, 5)
	res, err := harness.Explore(context.Background(), m, harness.Options{})
	if err != nil {
		panic(err)
	}
	v := res.Violations[0]
	fmt.Println(v.Kind+":", m.Describe(v.Trace.Final()))
	for _, c := range v.Detail.(*harness.Deadlock).Evidence.Coffman {
		if c.Name == "circular wait" {
			fmt.Println(strings.Join(c.Evidence, "; "))
		}
	}
	// Output:
	// deadlock: client sndbuf 2/2 rcvbuf 2/2; server sndbuf 2/2 rcvbuf 2/2
	// client → client send buffer (full) → net c→s → server receive buffer (full) → server → server send buffer (full) → net s→c → client receive buffer (full) → client
}
