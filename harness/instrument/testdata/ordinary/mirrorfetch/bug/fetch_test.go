package mirrorfetch

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFastestReturnsABody(t *testing.T) {
	mirrors := []string{"https://eu.example.org/v1.tgz", "https://us.example.org/v1.tgz", "https://ap.example.org/v1.tgz"}
	get := func(ctx context.Context, url string) ([]byte, error) {
		return []byte("tarball"), nil
	}
	body, err := Fastest(context.Background(), mirrors, get)
	require.NoError(t, err)
	require.Equal(t, "tarball", string(body))
}
