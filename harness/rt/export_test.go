package rt

// ExploreAll explores body like Explore but goes on past failures,
// calling onEnd after every execution with its failure kind ("" when it
// passed) and whether it was pruned. Tests use it to compare the
// outcomes that different reductions reach.
func ExploreAll(body func(*T), onEnd func(kind Kind, pruned bool), opts ...Option) (Report, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return Report{}, err
	}
	cfg.onEnd = onEnd
	return explore("", body, cfg)
}

// SeedDependencyBug makes the dependency relation wrong in the named way
// ("select-chosen-only", "close-is-read", "lock-is-read", "no-arrival",
// "atomic-is-read") until restore is called, so that tests can show the
// differential property catches it.
func SeedDependencyBug(name string) (restore func()) {
	old := seeded
	seeded = name
	return func() { seeded = old }
}
