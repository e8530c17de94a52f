// Package uploadlimit uploads files to object storage with at most n
// uploads in flight, so a big sync does not exhaust connections.
package uploadlimit

import (
	"context"
	"fmt"
)

// Store writes one object.
type Store func(ctx context.Context, name string, data []byte) error

// Uploader bounds concurrent uploads.
type Uploader struct {
	sem   chan struct{}
	store Store
}

// New returns an Uploader with at most n uploads in flight.
func New(n int, store Store) *Uploader {
	return &Uploader{sem: make(chan struct{}, n), store: store}
}

// Upload writes one file, waiting for a free slot first.
func (u *Uploader) Upload(ctx context.Context, name string, data []byte) error {
	select {
	case u.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-u.sem }()
	if err := u.store(ctx, name, data); err != nil {
		return fmt.Errorf("upload %s: %w", name, err)
	}
	return nil
}
