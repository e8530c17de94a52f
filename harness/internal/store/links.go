package store

import "github.com/interleave/concurrency/harness/internal/pool"

// Links are the parent links of a breadth-first search over the exact
// store: for each state number, the number of the state it was reached
// from and the thread that took the step. They grow a block at a time,
// so growing copies nothing and never holds two copies at once.
type Links struct {
	parent [][]uint32
	via    [][]uint16
	n      int
}

// linkBits sets the block size: 65,536 links, 384 KiB.
const linkBits = 16

// Add appends the link of the next state.
func (l *Links) Add(parent uint32, thread int) {
	if l.n == len(l.parent)<<linkBits {
		l.parent = append(l.parent, make([]uint32, 1<<linkBits))
		l.via = append(l.via, make([]uint16, 1<<linkBits))
	}
	l.Set(uint32(l.n), parent, thread)
	l.n++
}

// Set writes the link of state id, which must have room.
func (l *Links) Set(id, parent uint32, thread int) {
	l.parent[id>>linkBits][id&(1<<linkBits-1)] = parent
	l.via[id>>linkBits][id&(1<<linkBits-1)] = uint16(thread)
}

// Room makes room for the links of states up to n (not yet added), the
// new blocks allocated on the pool's workers (zeroing fresh memory is
// best spread over them).
func (l *Links) Room(n int, workers *pool.Pool) {
	have := len(l.parent)
	blocks := (n + 1<<linkBits - 1) >> linkBits
	if blocks <= have {
		return
	}
	l.parent = append(l.parent, make([][]uint32, blocks-have)...)
	l.via = append(l.via, make([][]uint16, blocks-have)...)
	workers.Run(blocks-have, func(_, i int) {
		l.parent[have+i] = make([]uint32, 1<<linkBits)
		l.via[have+i] = make([]uint16, 1<<linkBits)
	})
}

// Path returns the schedule that reaches state id from the initial state.
func (l *Links) Path(id uint32) []int {
	var s []int
	for ; id != 0; id = l.parent[id>>linkBits][id&(1<<linkBits-1)] {
		s = append(s, int(l.via[id>>linkBits][id&(1<<linkBits-1)]))
	}
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
	return s
}

// Len is the number of links.
func (l *Links) Len() int { return l.n }

// Cut keeps the links of the first n states, with room reserved beyond
// them given back (a stopped parallel commit numbered fewer).
func (l *Links) Cut(n int) { l.n = n }
