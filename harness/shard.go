package harness

import "github.com/interleave/concurrency/harness/shard"

// A sharded search is a breadth-first search that every shard runs alike
// down to the split level: the first level with at least
// shardPrefixesPerShard states per shard. The states of that level are
// numbered in discovery order (the same in every shard), and shard K
// expands state i of it only if it owns i (shard.Spec.Owns); below, it
// expands whatever it reaches. Every reachable state beyond the split
// level is reached from the split-level state of its shortest path
// without passing another split-level state, so the shards together reach
// every state. Sharding.Expanded lists the states a shard expanded, so
// that shard.Merge counts each once: the merged counts are exactly one
// search's.
//
// States reachable from the split-level states of several shards are
// expanded by each of them, and with no way to tell each other, shards of
// a model whose paths reconverge repeat most of the work: each shard of
// the philosophers (n=10, 8 shards) expands 99.9% of the states, of the
// lost-update counter (4 threads, 3 increments, 4 shards) about 77%.
// Sharding a model gives an exact verdict from several machines, not a
// speed-up; rt's trees of executions do not reconverge, and there the
// shards divide the work.

// Sharding is the shard a search is, and where its expanded states go.
type Sharding struct {
	Spec shard.Spec // the zero Spec: not sharded
	// Expanded, if set, is called with each state the shard expanded and
	// the number of transitions it fired from it.
	Expanded func(s State, transitions int) error
}

// ShardResult says what part of the search a shard explored: the split
// level (Depth; -1 if the space had no level that wide, so every shard
// explored all of it), the number of states there (Prefixes) and those
// this shard expanded (Covered, in discovery order).
type ShardResult struct {
	Depth    int
	Prefixes int
	Covered  []int
	Expanded int // the states this shard expanded
}

// shardPrefixesPerShard is the split level's width per shard: more
// states, dealt back and forth (shard.Owner), balance the shards better.
// A variable so that the soundness test can split small random models.
var shardPrefixesPerShard = 16

// bfsShard is the state of a sharded breadth-first search.
type bfsShard struct {
	spec     shard.Spec
	res      ShardResult
	expanded func(State, int) error
}

func newBFSShard(s Sharding) *bfsShard {
	if !s.Spec.On() {
		return nil
	}
	return &bfsShard{spec: s.Spec, res: ShardResult{Depth: -1}, expanded: s.Expanded}
}

// level is called as level depth, of width states, begins; it may make
// it the split level.
func (b *bfsShard) level(depth, width int) {
	if b != nil && b.res.Depth < 0 && width >= shardPrefixesPerShard*b.spec.N {
		b.res.Depth, b.res.Prefixes = depth, width
	}
}

// skip reports whether state i of level depth is another shard's.
func (b *bfsShard) skip(depth, i int) bool {
	if b == nil || depth != b.res.Depth {
		return false
	}
	if !b.spec.Owns(i) {
		return true
	}
	b.res.Covered = append(b.res.Covered, i)
	return false
}

// done records an expanded state.
func (b *bfsShard) done(s State, transitions int) error {
	if b == nil {
		return nil
	}
	b.res.Expanded++
	if b.expanded == nil {
		return nil
	}
	return b.expanded(s, transitions)
}
