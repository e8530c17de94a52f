package fuzz

import (
	"crypto/sha256"
	"fmt"
)

// CorpusName returns the file name go test -fuzz gives the input data of
// a func(*testing.T, []byte) target under testdata/fuzz/<target>: the
// first 16 hex digits of the SHA-256 of the corpus file.
func CorpusName(data []byte) string {
	return fmt.Sprintf("%x", sha256.Sum256(CorpusFile(data)))[:16]
}

// CorpusFile returns the corpus file go test -fuzz writes for data (the
// "go test fuzz v1" encoding), so that an input can be checked in by hand.
func CorpusFile(data []byte) []byte {
	return fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", data)
}
