// Package coffman is the evidence of a deadlock as data: the wait-for
// cycle (who waits for whom, for what and why) and the four Coffman
// conditions, each with the lines that show it holds or not. Both
// explorers fill it, the model explorer (harness.AnalyzeDeadlock) and rt
// (a deadlock failure), and every text report renders it through the one
// renderer, Evidence.WriteText, in the format the CLI prints:
//
//	wait-for cycle: P0 → P1 → P0
//
//	Coffman conditions (4 of 4 hold):
//	  yes  mutual exclusion  P0 needs fork1, held by P1 since step 2
//	                         P1 needs fork0, held by P0 since step 1
//	  ...
//
// The HTML report (harness/report) shows the same Conditions. The
// package depends on the standard library only, so that harness, rt,
// report and the checks can all import it.
package coffman
