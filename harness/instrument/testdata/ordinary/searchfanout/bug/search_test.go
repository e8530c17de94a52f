package searchfanout

import (
	"context"
	"testing"
)

type staticShard []Hit

func (s staticShard) Lookup(context.Context, string) []Hit { return s }

func TestSearchMergesShards(t *testing.T) {
	shards := []Shard{
		staticShard{{"a", 0.9}},
		staticShard{{"b", 0.5}, {"c", 0.7}},
		staticShard{{"d", 0.1}},
	}
	hits := Search(context.Background(), shards, "golang")
	if len(hits) != 4 {
		t.Fatalf("got %d hits, want 4: %v", len(hits), hits)
	}
	for i, want := range []string{"a", "c", "b", "d"} {
		if hits[i].DocID != want {
			t.Errorf("hits[%d] = %s, want %s", i, hits[i].DocID, want)
		}
	}
}
