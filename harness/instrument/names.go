package instrument

// The standard library's concurrency API that rt replaces: package path →
// name → rt's name. Everything not listed (time.Duration, context.Context,
// sync.Locker, which rt aliases) stays as it is.
var renames = map[string]map[string]string{
	"sync": same("Mutex", "RWMutex", "WaitGroup", "Once", "Cond", "NewCond",
		"Map", "Pool", "OnceFunc", "OnceValue", "OnceValues"),
	"sync/atomic": atomicNames(),
	"time": same("Sleep", "After", "AfterFunc", "NewTimer", "NewTicker", "Tick",
		"Now", "Since", "Until", "Timer", "Ticker"),
	"runtime": map[string]string{"Gosched": "Yield", "SetFinalizer": "SetFinalizer"},
	"context": merge(same("WithCancel", "WithCancelCause", "WithTimeout",
		"WithTimeoutCause", "WithDeadline", "WithDeadlineCause", "Cause"),
		map[string]string{"AfterFunc": "ContextAfterFunc"}),
}

func same(names ...string) map[string]string {
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = n
	}
	return m
}

func merge(a, b map[string]string) map[string]string {
	for k, v := range b {
		a[k] = v
	}
	return a
}

func atomicNames() map[string]string {
	m := same("Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Bool", "Value", "Pointer")
	for _, op := range []string{"Add", "And", "Or", "Load", "Store", "Swap", "CompareAndSwap"} {
		for _, typ := range []string{"Int32", "Int64", "Uint32", "Uint64", "Uintptr", "Pointer"} {
			if typ == "Pointer" && (op == "Add" || op == "And" || op == "Or") {
				continue
			}
			m[op+typ] = op + typ
		}
	}
	return m
}
