package chat_test

import (
	"bufio"
	"fmt"
	"net"

	"github.com/interleave/concurrency/impls/chat"
)

// Two clients on loopback: bob joins a room, alice publishes to it.
func Example() {
	s, err := chat.Listen("127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer s.Close()
	bob, _ := net.Dial("tcp", s.Addr().String())
	defer bob.Close()
	alice, _ := net.Dial("tcp", s.Addr().String())
	defer alice.Close()
	in := bufio.NewScanner(bob)
	fmt.Fprintln(bob, "JOIN tea")
	in.Scan()
	fmt.Println(in.Text())
	fmt.Fprintln(alice, "NICK alice")
	fmt.Fprintln(alice, "PUB tea the kettle is on")
	in.Scan()
	fmt.Println(in.Text())
	fmt.Fprintln(bob, "PUB")
	in.Scan()
	fmt.Println(in.Text())
	// Output:
	// OK JOIN tea
	// MSG tea alice the kettle is on
	// ERR usage: PUB <room> <text>
}
