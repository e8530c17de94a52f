package harness

// sampler runs sampled executions: seeded random ones (random.go) or
// PCT's (pct.go), which share the walk and differ only in the Chooser.
type sampler struct{ pct bool }

func (s sampler) search(e *explorer) error {
	if s.pct {
		return e.pct()
	}
	return e.sample(e.randomChooser())
}
