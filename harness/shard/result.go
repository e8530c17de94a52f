package shard

import (
	"encoding/json"
	"fmt"
	"os"
)

// Result is what one shard found, written as JSON for Merge.
type Result struct {
	Tool  string `json:"tool"` // "rt" (rt.Check) or "explore" (a model)
	Name  string `json:"name"` // the test, or the model with its variant and parameters
	Shard Spec   `json:"shard"`
	// Depth is the number of choices the prefixes have, Prefixes how
	// many there are (in all shards), Covered the ones this shard
	// explored, numbered in search order.
	Depth    int   `json:"depth"`
	Prefixes int   `json:"prefixes"`
	Covered  []int `json:"covered"`
	// Verdict is "violation", "ok" (this shard's part explored
	// completely, nothing failed) or "bounded".
	Verdict     string      `json:"verdict"`
	Executions  int64       `json:"executions,omitempty"`
	States      int64       `json:"states,omitempty"`
	Transitions int64       `json:"transitions,omitempty"`
	StatesFile  string      `json:"states_file,omitempty"` // explore: the states it visited (WriteStates)
	Violations  []Violation `json:"violations,omitempty"`
	ElapsedMS   float64     `json:"elapsed_ms"`

	// Source is the file the result was read from, for errors.
	Source string `json:"-"`
}

// Violation is one failure a shard found.
type Violation struct {
	Kind     string `json:"kind"`
	Schedule string `json:"schedule"`
	Steps    int    `json:"steps"`
	Message  string `json:"message,omitempty"`
	Replay   string `json:"replay,omitempty"`
}

// Verdicts.
const (
	Violated = "violation"
	OK       = "ok"
	Bounded  = "bounded"
)

// Write writes r as indented JSON to path.
func (r *Result) Write(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// Read reads a Result written by Write.
func Read(path string) (*Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: not a shard result: %v", path, err)
	}
	if !r.Shard.On() || r.Tool == "" {
		return nil, fmt.Errorf("%s: not a shard result: no tool or shard", path)
	}
	if _, err := Make(r.Shard.K, r.Shard.N); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	r.Source = path
	return &r, nil
}
