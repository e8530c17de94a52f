// Package all registers every model with models/registry; import it
// for its side effect, as the CLI does.
package all

import (
	// Each model package registers itself in init.
	_ "github.com/interleave/concurrency/models/counter"
	_ "github.com/interleave/concurrency/models/deadlock"
	_ "github.com/interleave/concurrency/models/eventloop"
	_ "github.com/interleave/concurrency/models/gil"
	_ "github.com/interleave/concurrency/models/process"
	_ "github.com/interleave/concurrency/models/refcount"
	_ "github.com/interleave/concurrency/models/sched"
	_ "github.com/interleave/concurrency/models/socket"
)
