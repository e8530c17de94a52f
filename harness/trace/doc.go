// Package trace is the vocabulary the model explorer (package harness)
// and the controlled runtime (package harness/rt) share to show an
// execution: a Schedule, its text form ("0,1*3,t,(0,1)*100") and its
// parser, FormatColumns, which renders the steps one column per thread,
// and the small renderers the tools on top of either explorer share:
// Quote and Clip for echoed input, FormatBytes for memory figures. It
// depends on the standard library only, so that code built with rt's
// types does not link the engine.
package trace
