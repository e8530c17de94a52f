package constructs

// Events is a defined channel type without methods: rt controls it.
type Events chan string

func Relay(in Events, n int64) []string {
	out := make(Events, n)
	go func() {
		defer close(out)
		for e := range in {
			out <- e + "."
		}
	}()
	var got []string
	for {
		select {
		case e, ok := <-out:
			if !ok {
				return got
			}
			got = append(got, e)
		}
	}
}

// sema is a defined channel type with methods, a common idiom: it stays
// a Go channel.
type sema chan struct{}

func (s sema) acquire() { s <- struct{}{} }
func (s sema) release() { <-s }

func Guarded(n int) int {
	s := make(sema, 1)
	total := 0
	for i := 0; i < n; i++ {
		s.acquire()
		total += i
		s.release()
	}
	return total + len(s)
}

// Ready is an alias of a channel type: make of it is rt's too.
type Ready = chan bool

func Signal() bool {
	r := make(Ready, 1)
	r <- true
	return <-r
}
