package kv

import (
	"hash/fnv"

	"sync"
)

// Map is a concurrent map from string keys to values of type V. Create it
// with New; it is safe for concurrent use.
type Map[V any] struct {
	shards []shard[V]
	bug    Bug
}

type shard[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

// New returns an empty map.
func New[V any](opts ...Option) *Map[V] {
	c := config{shards: DefaultShards}
	for _, o := range opts {
		o.apply(&c)
	}
	m := &Map[V]{shards: make([]shard[V], c.shards), bug: c.bug}
	for i := range m.shards {
		m.shards[i].m = map[string]V{}
	}
	return m
}

func (m *Map[V]) shard(key string) *shard[V] {
	h := fnv.New32a()
	h.Write([]byte(key))
	return &m.shards[h.Sum32()%uint32(len(m.shards))]
}

// Get returns the value of key and whether it is present.
func (m *Map[V]) Get(key string) (V, bool) {
	s := m.shard(key)
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.m[key]
	return v, ok
}

// Put sets the value of key.
func (m *Map[V]) Put(key string, v V) {
	s := m.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key] = v
}

// Delete removes key and reports whether it was present.
func (m *Map[V]) Delete(key string) bool {
	s := m.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[key]
	delete(s.m, key)
	return ok
}

// Update sets key to f(old, present) atomically and returns the new value.
// f runs with the key's shard locked: it must not use the map.
func (m *Map[V]) Update(key string, f func(old V, ok bool) V) V {
	if m.bug == BugGetThenPut {
		old, ok := m.Get(key)
		v := f(old, ok)
		m.Put(key, v)
		return v
	}
	s := m.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.m[key]
	v := f(old, ok)
	s.m[key] = v
	return v
}

// Len returns the number of keys. It locks the shards one at a time, so
// under concurrent updates it is a snapshot of no single instant.
func (m *Map[V]) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.RLock()
		n += len(s.m)
		s.mu.RUnlock()
	}
	return n
}
