package store

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
)

// states returns n distinct states: fixed width w, or varying from 1 to
// 9 bytes when w is 0.
func states(n, w int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], uint64(i)*0x9e3779b9)
		width := w
		if w == 0 {
			width = 1 + i%9
		}
		s := make([]byte, width)
		copy(s, b[:])
		if width > 8 {
			s[8] = byte(i)
		}
		out[i] = s
	}
	return out
}

// TestStoreExact: every width regime (inline, hashed, and the switch from
// fixed to varying widths) numbers states in order and finds them again.
func TestStoreExact(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lists [][][]byte
	}{
		{"inline", [][][]byte{states(20000, 3)}},
		{"hashed", [][][]byte{states(20000, 12)}},
		{"inline then varying", [][][]byte{states(3000, 2), states(10000, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewExact()
			var all [][]byte
			seen := map[string]uint32{}
			for _, list := range tc.lists {
				for _, st := range list {
					id, added, err := s.Add(st)
					require.NoError(t, err)
					want, dup := seen[string(st)]
					if added == dup || (dup && id != want) || (!dup && id != uint32(len(all))) {
						t.Fatalf("add(%x) = %d, %v; seen before: %v as %d", st, id, added, dup, want)
					}
					if !dup {
						seen[string(st)] = id
						all = append(all, st)
					}
				}
			}
			require.Equal(t, len(all), s.Len())
			for i, st := range all {
				id, ok := s.Find(st)
				if string(s.Get(uint32(i))) != string(st) || !ok || id != uint32(i) {
					t.Fatalf("state %d (%x): get %x, find %d %v", i, st, s.Get(uint32(i)), id, ok)
				}
			}
			_, ok := s.Find([]byte("not stored, longer than any"))
			require.False(t, ok)
		})
	}
}
