package rt

import (
	"sync"
	"unsafe"
)

// Map is a concurrent map with the methods of sync.Map. Outside Check it
// is a sync.Map. Inside, every method is one scheduling point with the
// happens-before of sync.Map: a write (Store, Delete, a Swap, a
// LoadOrStore that stores, a CompareAndSwap that swaps, Clear, ...) is
// ordered before every read that observes its effect, key by key. Range
// visits the keys present at its step in the order they were first
// stored (deterministic, where sync.Map's order is not). For the
// reductions a Map is one object: Load and Range read it, every other
// method writes it (operations on different keys are treated as
// dependent). The zero Map is empty and ready to use.
type Map struct {
	m  sync.Map
	h  hdr
	st *mapState // the controlled contents, for the execution of h.o
}

// mapState is a Map's contents in one execution. Writes also go to the
// sync.Map, so that the contents can be read natively after Check.
type mapState struct {
	o    *object
	keys []any // every key ever stored, in that order
	es   map[any]*mapEntry
	m    *sync.Map
}

// mapEntry is one key: its value and the clock of the last write to it
// (a Delete or Clear too: a read that finds the key absent observes it).
type mapEntry struct {
	v       any
	present bool
	vc      vclock
}

// at is the scheduling point of a Map method named name inside Check:
// it returns the goroutine and the contents, or nil outside Check.
func (m *Map) at(name string, write bool) (*gor, *mapState) {
	ex := active.Load()
	if ex == nil {
		m.h.native()
		return nil, nil
	}
	o := ex.obj(&m.h, kMap)
	if m.st == nil || m.st.o != o {
		m.st = &mapState{o: o, es: map[any]*mapEntry{}, m: &m.m}
	}
	op := opALoad
	if write {
		op = opAWrite
	}
	g := ex.step(pending{op: op, o: o, name: name})
	if !write {
		ex.poll(g)
	}
	return g, m.st
}

// read returns key's value as g observes it, ordering g after the write
// it observes.
func (s *mapState) read(g *gor, key any) (any, bool) {
	e := s.es[key]
	if e == nil {
		return nil, false
	}
	g.vc.join(e.vc)
	raceAcquire(unsafe.Pointer(e))
	return e.v, e.present
}

// write sets key to v (present) or deletes it, releasing g's past to the
// readers that observe it.
func (s *mapState) write(g *gor, key, v any, present bool) {
	e := s.es[key]
	if e == nil {
		e = &mapEntry{}
		s.es[key] = e
		s.keys = append(s.keys, key)
	}
	e.v, e.present = v, present
	raceHide() // the mirror's synchronisation is rt's, not the program's
	if present {
		s.m.Store(key, v)
	} else {
		s.m.Delete(key)
	}
	raceShow()
	e.vc.join(g.vc)
	g.vc.set(g.id, g.vc.get(g.id)+1)
	raceReleaseMerge(unsafe.Pointer(e))
}

// Load returns the value stored for key, or nil; ok reports whether key
// was present.
func (m *Map) Load(key any) (value any, ok bool) {
	if g, s := m.at("Load", false); g != nil {
		return s.read(g, key)
	}
	return m.m.Load(key)
}

// Store sets the value for key.
func (m *Map) Store(key, value any) {
	if g, s := m.at("Store", true); g != nil {
		s.write(g, key, value, true)
		return
	}
	m.m.Store(key, value)
}

// LoadOrStore returns the existing value for key if present (loaded is
// true); otherwise it stores and returns value.
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool) {
	if g, s := m.at("LoadOrStore", true); g != nil {
		if v, ok := s.read(g, key); ok {
			return v, true
		}
		s.write(g, key, value, true)
		return value, false
	}
	return m.m.LoadOrStore(key, value)
}

// LoadAndDelete deletes the value for key, returning the previous value
// if any; loaded reports whether key was present.
func (m *Map) LoadAndDelete(key any) (value any, loaded bool) {
	if g, s := m.at("LoadAndDelete", true); g != nil {
		v, ok := s.read(g, key)
		if ok {
			s.write(g, key, nil, false)
		}
		return v, ok
	}
	return m.m.LoadAndDelete(key)
}

// Delete deletes the value for key.
func (m *Map) Delete(key any) {
	if g, s := m.at("Delete", true); g != nil {
		s.write(g, key, nil, false)
		return
	}
	m.m.Delete(key)
}

// Swap stores value for key and returns the previous value if any;
// loaded reports whether key was present.
func (m *Map) Swap(key, value any) (previous any, loaded bool) {
	if g, s := m.at("Swap", true); g != nil {
		v, ok := s.read(g, key)
		s.write(g, key, value, true)
		return v, ok
	}
	return m.m.Swap(key, value)
}

// CompareAndSwap stores new for key if its value is old (which must be
// comparable) and reports whether it did.
func (m *Map) CompareAndSwap(key, old, new any) (swapped bool) {
	if g, s := m.at("CompareAndSwap", true); g != nil {
		if v, ok := s.read(g, key); !ok || v != old {
			return false
		}
		s.write(g, key, new, true)
		return true
	}
	return m.m.CompareAndSwap(key, old, new)
}

// CompareAndDelete deletes key if its value is old (which must be
// comparable) and reports whether it did.
func (m *Map) CompareAndDelete(key, old any) (deleted bool) {
	if g, s := m.at("CompareAndDelete", true); g != nil {
		if v, ok := s.read(g, key); !ok || v != old {
			return false
		}
		s.write(g, key, nil, false)
		return true
	}
	return m.m.CompareAndDelete(key, old)
}

// Range calls f for each key and value until f returns false. Inside
// Check it visits the keys present at its scheduling point (f may
// change the map meanwhile, as with sync.Map).
func (m *Map) Range(f func(key, value any) bool) {
	g, s := m.at("Range", false)
	if g == nil {
		m.m.Range(f)
		return
	}
	type kv struct{ k, v any }
	var snap []kv
	for _, k := range s.keys {
		if v, ok := s.read(g, k); ok {
			snap = append(snap, kv{k, v})
		}
	}
	for _, e := range snap {
		if !f(e.k, e.v) {
			return
		}
	}
}

// Clear deletes every key.
func (m *Map) Clear() {
	if g, s := m.at("Clear", true); g != nil {
		for _, k := range s.keys {
			s.write(g, k, nil, false)
		}
		return
	}
	m.m.Clear()
}
