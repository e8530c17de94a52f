package trace

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// MaxEcho is how many characters of a user's input an error message
// repeats: enough to recognise it, not a 100 KB argument in the terminal.
const MaxEcho = 80

// Clip returns s for an error message: unchanged when it has at most
// MaxEcho characters, else its first MaxEcho characters, "…" and its
// length in bytes.
func Clip(s string) string {
	head, tail := cut(s)
	return head + tail
}

// Quote is Clip with the kept part quoted as %q quotes it.
func Quote(s string) string {
	head, tail := cut(s)
	return strconv.Quote(head) + tail
}

// cut splits s into what an error message shows of it and the note on
// what it leaves out.
func cut(s string) (head, tail string) {
	if utf8.RuneCountInString(s) <= MaxEcho {
		return s, ""
	}
	end, n := 0, 0
	for i := range s {
		if n == MaxEcho {
			end = i
			break
		}
		n++
	}
	return s[:end], fmt.Sprintf("… (%d bytes)", len(s))
}
