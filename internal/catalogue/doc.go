// Package catalogue is the importable form of the controlled runtime's
// catalogue of classic concurrency bugs: each Bug is a body for rt.Check
// in a buggy and a fixed version, with the rt check that must catch the
// buggy one.
//
// The fuzz targets (package fuzz) run these bodies under schedules decoded
// from the fuzzer's bytes; the tests here check that systematic DFS finds
// every bug with the expected kind and exhausts every fixed version.
package catalogue
