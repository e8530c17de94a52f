// Command harness explores the models of interleave and prints what it
// finds: a deadlock, a lost update, a starving thread, as a schedule with
// one column per thread and a line that replays it exactly.
//
//	harness list
//	harness explore deadlock --depth 8
//	harness explore counter --variant race --param threads=3
//	harness replay deadlock --variant naive --param n=5 --schedule 0,1,2,3,4
//	harness explore deadlock --param n=3 --dot g.dot   # the state graph, for Graphviz
//	harness explore deadlock --html deadlock.html
//
// With --html, explore and replay also write each violation as a web page
// (html.go converts it to a harness/report Page); browser_test.go loads
// the pages in headless Chromium.
//
// Exit codes: 0 no violation, 1 violation, 2 usage or bad input, 3 internal
// error, 4 a search that is not complete under --require-complete, 130 and
// 143 a search stopped by SIGINT (Ctrl-C) or SIGTERM, after its partial
// report. Output is deterministic: the same flags give the same bytes.
package main
