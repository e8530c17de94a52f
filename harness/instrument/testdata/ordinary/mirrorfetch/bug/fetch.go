// Package mirrorfetch downloads a release artifact from whichever mirror
// answers first.
package mirrorfetch

import (
	"context"
	"errors"
)

// GetFunc downloads url.
type GetFunc func(ctx context.Context, url string) ([]byte, error)

type response struct {
	body []byte
	err  error
}

// Fastest asks every mirror and returns the first successful body.
func Fastest(ctx context.Context, mirrors []string, get GetFunc) ([]byte, error) {
	results := make(chan response)
	for _, m := range mirrors {
		go func() {
			body, err := get(ctx, m)
			results <- response{body, err}
		}()
	}
	var errs []error
	for range mirrors {
		r := <-results
		if r.err == nil {
			return r.body, nil
		}
		errs = append(errs, r.err)
	}
	return nil, errors.Join(errs...)
}
