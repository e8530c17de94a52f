package eventloop_test

import (
	"context"
	"fmt"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/trace"
	"github.com/interleave/concurrency/models/eventloop"
)

// Two withdrawals run on one event loop. Each checks the balance, awaits a
// log call and subtracts: at the await the loop runs the other task, which
// passes the same check. No threads, and still a race.
func Example() {
	m := eventloop.New(eventloop.Race, 2, 1)
	res, err := harness.Explore(context.Background(), m, harness.Options{}, m.Checks()...)
	if err != nil {
		panic(err)
	}
	v := res.Violations[0]
	fmt.Println(v.Kind+":", v.Message)
	fmt.Print(trace.FormatColumns(harness.ThreadNames(m, m.Init()), v.Trace.Rows()))
	fmt.Println(m.Describe(v.Trace.Final()))
	// Output:
	// race: balance=-40: 2 withdrawals of 70 from 100 went through, each having seen balance >= 70 at its check; the await between check and act let another task in
	// step  A                            B
	//    1  if balance >= 70 (100: yes)
	//    2  await log(withdrawal)
	//    3                               if balance >= 70 (100: yes)
	//    4                               await log(withdrawal)
	//    5  balance -= 70 (=30)
	//    6                               balance -= 70 (=-40)
	// loop idle, balance=-40, A finished, B finished
}
