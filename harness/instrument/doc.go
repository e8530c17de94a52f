// Package instrument rewrites ordinary Go packages to run on rt; its
// testdata/ordinary corpus is the evidence that it finds real bug shapes.
package instrument
