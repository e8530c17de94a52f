package choice_test

import (
	"testing"

	"github.com/interleave/concurrency/fuzz/choice"
	"github.com/stretchr/testify/require"
)

// choose asks b for one of n alternatives, as an explorer does with the
// threads of n enabled transitions.
func choose(b *choice.Bytes, n int) int { return b.Choose(make([]int, n), 0) }

func TestChoose(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		ns   []int
		want []int
		used int
	}{
		{"empty input gives the default", nil, []int{2, 3, 300}, []int{0, 0, 0}, 0},
		{"one byte modulo n", []byte{7, 7, 255}, []int{2, 3, 256}, []int{1, 1, 255}, 3},
		{"one alternative uses no byte", []byte{5}, []int{1, 0, 4}, []int{0, 0, 1}, 1},
		{"more than 256 alternatives use two bytes", []byte{0x01, 0x02, 9}, []int{1000, 4}, []int{0x0201 % 1000, 1}, 3},
		{"a half read wide choice gives the default", []byte{9}, []int{1000, 2}, []int{0, 0}, 1},
		{"exhausted input stays exhausted", []byte{1}, []int{2, 2, 2}, []int{1, 0, 0}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := choice.New(tc.data)
			var got []int
			for _, n := range tc.ns {
				got = append(got, choose(b, n))
			}
			require.Equal(t, tc.want, got)
			require.Equal(t, tc.used, b.Used())
			require.True(t, b.Exhausted())
		})
	}
}

func TestDeterministic(t *testing.T) {
	data := []byte("the same bytes give the same choices")
	a, b := choice.New(data), choice.New(data)
	for n := 2; n < 40; n++ {
		require.Equal(t, choose(a, n), choose(b, n))
	}
	require.Equal(t, a.Choices(), b.Choices())
}

// FuzzChoose checks the contract on any input: choices are in range, and
// reading never goes past the input.
func FuzzChoose(f *testing.F) {
	f.Add([]byte{}, uint16(2))
	f.Add([]byte{0xff, 0xff, 0xff}, uint16(300))
	f.Fuzz(func(t *testing.T, data []byte, n uint16) {
		b := choice.New(data)
		for range len(data) + 2 {
			c := choose(b, int(n))
			require.True(t, c == 0 || (c > 0 && c < int(n)), "choice %d of %d", c, n)
			require.LessOrEqual(t, b.Used(), len(data))
		}
		if n > 1 {
			require.True(t, b.Exhausted())
		} else {
			require.Zero(t, b.Used())
		}
	})
}
