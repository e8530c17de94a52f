package taskgroup

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFirstErrorCancelsSiblings(t *testing.T) {
	errDisk := errors.New("disk full")
	g, ctx := WithContext(context.Background())
	g.Go(func() error { return errDisk })
	g.Go(func() error { return errDisk })
	g.Go(func() error {
		<-ctx.Done() // a long download that stops when a sibling fails
		return ctx.Err()
	})
	err := g.Wait()
	require.ErrorIs(t, err, errDisk)
}
