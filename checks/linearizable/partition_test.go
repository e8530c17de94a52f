package linearizable_test

import (
	"testing"

	"github.com/anishathalye/porcupine"
	"github.com/stretchr/testify/require"

	"github.com/interleave/concurrency/checks/linearizable"
)

func TestPartitionBy(t *testing.T) {
	h := []porcupine.Operation{{Input: "b1"}, {Input: "a1"}, {Input: "b2"}, {Input: "c1"}, {Input: "a2"}}
	parts := linearizable.PartitionBy(func(op porcupine.Operation) string { return op.Input.(string)[:1] })(h)
	require.Equal(t, [][]porcupine.Operation{
		{{Input: "b1"}, {Input: "b2"}},
		{{Input: "a1"}, {Input: "a2"}},
		{{Input: "c1"}},
	}, parts)
}
