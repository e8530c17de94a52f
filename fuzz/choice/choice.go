package choice

// Bytes is a Chooser (harness/sched.Chooser, which rt and the model
// explorer take) backed by a byte string. A choice among at most 256
// alternatives uses one byte, a larger one two (little endian); the value
// is reduced modulo the number of alternatives. Choices among one
// alternative use no byte. The bytes run on from one execution to the
// next.
type Bytes struct {
	data []byte
	pos  int
	n    int
}

// New returns a Bytes reading data from the start. It does not copy data;
// the caller must not change it while the Bytes is in use.
func New(data []byte) *Bytes { return &Bytes{data: data} }

// Start does nothing: the next execution reads on where the last one
// stopped.
func (b *Bytes) Start(int) {}

// Choose returns a choice among the n = len(threads) alternatives, in
// [0, n): the next byte(s) modulo n, or 0 once the input is used up or
// when n ≤ 1. Only their number matters, not the threads.
func (b *Bytes) Choose(threads []int, _ int) int { return b.choose(len(threads)) }

func (b *Bytes) choose(n int) int {
	if n <= 1 {
		return 0
	}
	b.n++
	width := 1
	if n > 256 {
		width = 2
	}
	if b.pos+width > len(b.data) {
		b.pos = len(b.data)
		return 0
	}
	v := int(b.data[b.pos])
	if width == 2 {
		v |= int(b.data[b.pos+1]) << 8
	}
	b.pos += width
	return v % n
}

// Used returns how many input bytes the choices so far consumed.
func (b *Bytes) Used() int { return b.pos }

// Choices returns how many choices among more than one alternative were
// made, including those answered by the default after the input ran out.
func (b *Bytes) Choices() int { return b.n }

// Exhausted reports whether the input is used up.
func (b *Bytes) Exhausted() bool { return b.pos >= len(b.data) }
