package linearizable

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHistoryIsOneInstant: a history taken while clients go on holds
// each client's operations as they were when it was taken, whatever they
// did before it read them (it reads one client after another).
func TestHistoryIsOneInstant(t *testing.T) {
	rec := NewRecorder()
	c := rec.Client()
	done := c.Begin("before")
	done.End(1)
	open := c.Begin("open at the snapshot")
	now := rec.Now() // the instant of the snapshot; c goes on before it is read
	open.End(2)
	c.Do("after", func() any { return 3 })

	h := c.appendTo(nil, now, nil)
	require.Len(t, h, 2, "an operation called after the snapshot is not in it")
	require.Equal(t, 1, h[0].Output)
	require.Equal(t, Pending{}, h[1].Output, "an operation that returned after the snapshot is pending in it")
	require.Equal(t, int64(math.MaxInt64), h[1].Return)
}
