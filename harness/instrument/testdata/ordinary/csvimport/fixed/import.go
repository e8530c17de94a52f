// Package csvimport previews a CSV upload: it parses rows in the background
// and the caller takes as many as it wants to show.
package csvimport

import (
	"context"
	"strings"
)

// Record is one parsed row.
type Record []string

// Rows parses lines in the background until they run out or ctx is done.
func Rows(ctx context.Context, lines []string) <-chan Record {
	out := make(chan Record)
	go func() {
		defer close(out)
		for _, l := range lines {
			select {
			case out <- strings.Split(l, ","):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Preview returns the first n records.
func Preview(ctx context.Context, lines []string, n int) []Record {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the parser
	var recs []Record
	for r := range Rows(ctx, lines) {
		if len(recs) == n {
			break
		}
		recs = append(recs, r)
	}
	return recs
}
