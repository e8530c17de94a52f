package queue

// Block is the size of a level's blocks (while its states have one
// width): a level grows a block at a time, with no copying and no garbage,
// and reuses the blocks it empties.
const Block = 64 << 10

// Level is a list of states back to back: a level of the compacted
// breadth-first search, which cannot fetch states from its visited set,
// or the depth-first stack. While its states have one width, as is usual,
// it keeps nothing but the states, in blocks; once widths differ, they are
// all in blocks[0], and ends says where each one ends.
type Level struct {
	blocks   [][]byte // all full but the last; nil once released
	spare    [][]byte // emptied blocks, for reuse
	n        int
	width    int // the length of every state; -1 once they differ
	per      int // states per block, while width >= 0
	released int // blocks released so far
	ends     []uint32
}

// Len is the number of states.
func (l *Level) Len() int { return l.n }

// Push appends a copy of s.
func (l *Level) Push(s []byte) {
	switch {
	case l.n == 0:
		l.width, l.per = len(s), max(1, Block/max(1, len(s)))
	case l.width >= 0 && len(s) != l.width:
		l.vary()
	}
	if l.width < 0 {
		l.blocks[0] = append(l.blocks[0], s...)
		l.ends = append(l.ends, uint32(len(l.blocks[0])))
		l.n++
		return
	}
	if l.n%l.per == 0 {
		l.blocks = append(l.blocks, l.block())
	}
	last := &l.blocks[len(l.blocks)-1]
	*last = append(*last, s...)
	l.n++
}

// block returns an empty block for per states of the level's width.
func (l *Level) block() []byte {
	size := l.per * l.width
	for len(l.spare) > 0 {
		b := l.spare[len(l.spare)-1]
		l.spare = l.spare[:len(l.spare)-1]
		if cap(b) >= size {
			return b
		}
	}
	return make([]byte, 0, size)
}

// vary moves the states into one block, with their ends, as a state of
// another width arrives.
func (l *Level) vary() {
	arena := make([]byte, 0, 2*l.n*l.width)
	l.ends = l.ends[:0]
	for _, b := range l.blocks {
		arena = append(arena, b...)
	}
	for i := range l.n {
		l.ends = append(l.ends, uint32((i+1)*l.width))
	}
	l.blocks, l.width = append(l.blocks[:0], arena), -1
}

// Get returns state i; it aliases the level's memory.
func (l *Level) Get(i int) []byte {
	if l.width >= 0 {
		lo := i % l.per * l.width
		return l.blocks[i/l.per][lo : lo+l.width : lo+l.width]
	}
	start := uint32(0)
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.blocks[0][start:l.ends[i]:l.ends[i]]
}

// Pop removes the last state.
func (l *Level) Pop() {
	if l.n == 1 {
		l.Reset()
		return
	}
	l.n--
	if l.width < 0 {
		l.ends = l.ends[:l.n]
		l.blocks[0] = l.blocks[0][:l.ends[l.n-1]]
		return
	}
	last := &l.blocks[len(l.blocks)-1]
	if *last = (*last)[:len(*last)-l.width]; l.n%l.per == 0 {
		l.spare = append(l.spare, *last)
		l.blocks = l.blocks[:len(l.blocks)-1]
	}
}

// Release hands the blocks holding only states before i to the spares of
// to: the breadth-first search is done with them.
func (l *Level) Release(i int, to *Level) {
	if l.width < 0 {
		return
	}
	for ; l.released < i/l.per; l.released++ {
		to.spare = append(to.spare, l.blocks[l.released][:0])
		l.blocks[l.released] = nil
	}
}

// Reset empties the level, keeping its blocks for reuse.
func (l *Level) Reset() {
	for _, b := range l.blocks {
		if b != nil {
			l.spare = append(l.spare, b[:0])
		}
	}
	l.blocks, l.ends, l.n, l.released = l.blocks[:0], l.ends[:0], 0, 0
}
