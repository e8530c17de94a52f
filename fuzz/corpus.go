package fuzz

import (
	"crypto/sha256"
	"fmt"
)

// CorpusName returns the file name go test -fuzz gives an input under
// testdata/fuzz/<target>, for a target whose arguments are all []byte:
// the first 16 hex digits of the SHA-256 of the corpus file.
func CorpusName(args ...[]byte) string {
	return fmt.Sprintf("%x", sha256.Sum256(CorpusFile(args...)))[:16]
}

// CorpusFile returns the corpus file go test -fuzz writes for the
// arguments (the "go test fuzz v1" encoding), so that an input can be
// checked in by hand.
func CorpusFile(args ...[]byte) []byte {
	b := []byte("go test fuzz v1\n")
	for _, a := range args {
		b = fmt.Appendf(b, "[]byte(%q)\n", a)
	}
	return b
}
