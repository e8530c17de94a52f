// Package adminserver runs the admin HTTP endpoint for the lifetime of a
// context and shuts it down gracefully when the context ends.
package adminserver

import (
	"context"
	"errors"
)

// ErrServerClosed is what Serve returns after Shutdown, as net/http does.
var ErrServerClosed = errors.New("server closed")

// Server is the part of *http.Server that Run needs.
type Server interface {
	ListenAndServe() error
	Shutdown(ctx context.Context) error
}

// Run serves until ctx is done or the server fails.
func Run(ctx context.Context, srv Server) error {
	errc := make(chan error)
	go func() {
		errc <- srv.ListenAndServe()
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	}
}
