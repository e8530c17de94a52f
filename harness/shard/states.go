package shard

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// A states file lists the states one shard of a model exploration
// expanded, each with its number of outgoing transitions, so that Merge
// can count the states that several shards reached once. Each record is
// uvarint(len(state)) state uvarint(transitions), after a header line.
const statesHeader = "interleave states v1\n"

// StatesWriter writes a states file.
type StatesWriter struct {
	f   *os.File
	w   *bufio.Writer
	buf []byte
}

// CreateStates creates a states file at path.
func CreateStates(path string) (*StatesWriter, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriter(f)
	_, err = w.WriteString(statesHeader)
	return &StatesWriter{f: f, w: w}, err
}

// Add records a state and its number of transitions.
func (s *StatesWriter) Add(state []byte, transitions int) error {
	s.buf = binary.AppendUvarint(s.buf[:0], uint64(len(state)))
	s.buf = append(s.buf, state...)
	s.buf = binary.AppendUvarint(s.buf, uint64(transitions))
	_, err := s.w.Write(s.buf)
	return err
}

// Close flushes and closes the file.
func (s *StatesWriter) Close() error {
	return errors.Join(s.w.Flush(), s.f.Close())
}

// union is the distinct states of several files with their transitions.
type union struct {
	degree      map[string]uint64
	transitions int64
}

func newUnion() *union { return &union{degree: map[string]uint64{}} }

func (u *union) addFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	head := make([]byte, len(statesHeader))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != statesHeader {
		return fmt.Errorf("%s: not a states file", path)
	}
	for {
		n, err := binary.ReadUvarint(r)
		if err == io.EOF {
			return nil
		}
		state := make([]byte, n)
		if err == nil {
			_, err = io.ReadFull(r, state)
		}
		var deg uint64
		if err == nil {
			deg, err = binary.ReadUvarint(r)
		}
		if err != nil {
			return fmt.Errorf("%s: truncated states file: %v", path, err)
		}
		if prev, seen := u.degree[string(state)]; seen {
			if prev != deg {
				return fmt.Errorf("%s: a state has %d transitions here and %d in another shard: the model is not deterministic", path, deg, prev)
			}
			continue
		}
		u.degree[string(state)] = deg
		u.transitions += int64(deg)
	}
}
