package harness

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
)

// states returns n distinct states: fixed width w, or varying from 1 to
// 9 bytes when w is 0.
func states(n, w int) []State {
	out := make([]State, n)
	for i := range out {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], uint64(i)*0x9e3779b9)
		width := w
		if w == 0 {
			width = 1 + i%9
		}
		s := make(State, width)
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
		lists [][]State
	}{
		{"inline", [][]State{states(50000, 3)}},
		{"hashed", [][]State{states(50000, 12)}},
		{"inline then varying", [][]State{states(3000, 2), states(20000, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore()
			var all []State
			seen := map[string]uint32{}
			for _, list := range tc.lists {
				for _, st := range list {
					id, added, err := s.add(st)
					require.NoError(t, err)
					want, dup := seen[string(st)]
					require.Equal(t, !dup, added, "added %x", st)
					if dup {
						require.Equal(t, want, id)
						continue
					}
					seen[string(st)] = id
					require.Equal(t, uint32(len(all)), id)
					all = append(all, st)
				}
			}
			require.Equal(t, len(all), s.len())
			for i, st := range all {
				require.Equal(t, st, s.get(uint32(i)))
				id, ok := s.find(st)
				require.True(t, ok)
				require.Equal(t, uint32(i), id)
			}
			_, ok := s.find(State("not stored, longer than any"))
			require.False(t, ok)
		})
	}
}

// TestFingerprintSet: the compacted set grows through segment splits and
// directory doublings and still knows every state.
func TestFingerprintSet(t *testing.T) {
	f := newFPSet()
	list := states(200000, 5)
	for i, st := range list {
		id, added, err := f.add(st)
		require.NoError(t, err)
		require.True(t, added, "state %d", i)
		require.Equal(t, uint32(i), id)
	}
	for _, st := range list {
		_, added, err := f.add(st)
		require.NoError(t, err)
		require.False(t, added)
		_, ok := f.find(st)
		require.True(t, ok)
	}
	require.Equal(t, len(list), f.len())
	_, ok := f.find(State("absent"))
	require.False(t, ok)
	require.Less(t, f.bytes(), 16*len(list), "about ten bytes per state")
}
