// Package pagelister streams every item of a paginated listing API, one
// page at a time, so callers can range over it.
package pagelister

import "context"

// Page is one response of the listing API.
type Page struct {
	Items []string
	Next  string // token of the next page, "" on the last one
}

// FetchFunc gets the page with the given token ("" for the first).
type FetchFunc func(ctx context.Context, token string) (Page, error)

// Items sends every item in order and closes the channel at the end or
// when ctx is done.
func Items(ctx context.Context, fetch FetchFunc) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out) // on every return, not just after the last page
		token := ""
		for {
			p, err := fetch(ctx, token)
			if err != nil {
				return
			}
			for _, it := range p.Items {
				select {
				case out <- it:
				case <-ctx.Done():
					return
				}
			}
			if p.Next == "" {
				return
			}
			token = p.Next
		}
	}()
	return out
}
