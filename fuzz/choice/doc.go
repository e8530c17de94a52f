// Package choice turns a fuzzer's input bytes into scheduling choices: the
// one choice source of a fuzzed execution (like rapid's bitstream). The
// same bytes always give the same choices, and a Bytes whose input is
// used up answers 0 from then on, so every input, even an empty one, is a
// valid execution. Under the controlled runtime choice 0 keeps the running
// goroutine going, so the rest of an exhausted execution is cooperative.
package choice
