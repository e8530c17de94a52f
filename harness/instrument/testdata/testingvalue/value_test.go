package value

import "testing"

// target is built by a helper, as table-driven fuzz suites do.
func target(check func(t *testing.T, b []byte)) func(t *testing.T, b []byte) {
	return func(t *testing.T, b []byte) { check(t, b) }
}

func FuzzDouble(f *testing.F) {
	f.Add([]byte("ab"))
	f.Fuzz(target(func(t *testing.T, b []byte) {
		if len(Double(b)) != 2*len(b) {
			t.Fatal("wrong length")
		}
	}))
}
