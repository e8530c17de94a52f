package queue

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLevelLikeASlice: a level used as a stack (pushes and pops, across
// block boundaries, fixed widths turning varying and back after a reset)
// holds what a slice of states holds.
func TestLevelLikeASlice(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		name   string
		widths []int // widths of the pushed states, drawn at random
		pushes int   // percent of operations that push
		ops    int
	}{
		{"fixed", []int{5}, 60, 6000},
		{"empty states", []int{0}, 60, 6000},
		{"wide states", []int{Block/3 + 1}, 60, 300},
		{"varying", []int{3, 3, 3, 3, 3, 3, 3, 3, 3, 7}, 55, 6000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, want := &Level{}, [][]byte{}
			check := func(op int) {
				require.Equal(t, len(want), l.Len(), "op %d", op)
				for i, s := range want {
					if string(l.Get(i)) != string(s) {
						t.Fatalf("op %d: state %d is %x, want %x", op, i, l.Get(i), s)
					}
				}
			}
			for op := range tc.ops {
				switch {
				case op%2000 == 1999 || op == tc.ops/2:
					l.Reset()
					want = want[:0]
				case r.IntN(100) < tc.pushes || len(want) == 0:
					s := make([]byte, tc.widths[r.IntN(len(tc.widths))])
					for i := range s {
						s[i] = byte(r.Uint32())
					}
					l.Push(s)
					want = append(want, s)
				default:
					l.Pop()
					want = want[:len(want)-1]
				}
				if op%97 == 0 || tc.ops < 1000 {
					check(op)
				}
			}
			check(-1)
		})
	}
}

// TestLevelRelease: a breadth-first level hands the blocks it is done
// with to the next level, which reuses them, and keeps the states it is
// not done with.
func TestLevelRelease(t *testing.T) {
	cur, next := &Level{}, &Level{}
	st := func(i int) []byte { return []byte{byte(i), byte(i >> 8), byte(i >> 16)} }
	const n = 100000
	for i := range n {
		cur.Push(st(i))
	}
	per := Block / 3
	cur.Release(2*per+5, next)
	require.Len(t, next.spare, 2)
	for i := 2 * per; i < n; i++ {
		require.Equal(t, st(i), cur.Get(i))
	}
	next.Push(st(7))
	require.Len(t, next.spare, 1, "reused a released block")
	require.Equal(t, st(7), next.Get(0))
}
