package report_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/interleave/concurrency/harness/report"
)

// Two philosophers, each holding one fork and waiting for the other's:
// the page shows two lanes and a wait-for cycle of two edges.
func ExampleWrite() {
	p := &report.Page{
		Title:   "explore deadlock  variant=naive  n=2",
		Kind:    "deadlock",
		Message: "no thread can step, and P0, P1 have not finished",
		Lanes:   []string{"P0", "P1"},
		Steps:   []report.Step{{Lane: 0, Text: "take fork0"}, {Lane: 1, Text: "take fork1"}},
		WaitFor: &report.WaitFor{Nodes: []string{"P0", "P1"}, Edges: []report.Edge{
			{From: 0, To: 1, Label: "fork1", InCycle: true},
			{From: 1, To: 0, Label: "fork0", InCycle: true},
		}},
		Replay: "harness replay deadlock --variant naive --param n=2 --schedule 0,1",
	}
	var b bytes.Buffer // or the *os.File of deadlock.html
	if err := report.Write(&b, p); err != nil {
		fmt.Println(err)
		return
	}
	html := b.String()
	fmt.Println(strings.HasPrefix(html, "<!DOCTYPE html>"))
	fmt.Println("lanes:", strings.Count(html, `class="lane"`))
	fmt.Println("cycle edges:", strings.Count(html, `class="edge cycle"`))
	// Output:
	// true
	// lanes: 2
	// cycle edges: 2
}
