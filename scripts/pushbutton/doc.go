// Package pushbutton is a module of its own that depends on widely used
// concurrency libraries, so that scripts/pushbutton.sh can run their own
// test suites under harness test, unchanged.
package pushbutton

import (
	_ "github.com/golang/groupcache/singleflight"
	_ "github.com/patrickmn/go-cache"
	_ "github.com/sourcegraph/conc"
	_ "golang.org/x/sync/errgroup"
	_ "golang.org/x/time/rate"
)
