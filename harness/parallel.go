package harness

func (e *explorer) bfsParallel() error { e.o.Workers = 1; return e.bfs() }
