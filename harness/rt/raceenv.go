package rt

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
)

// RaceEnv is the environment variable that turns rt's race mode on in a
// test binary built with -race: RaceEnv=1 (see RaceEnviron).
const RaceEnv = "INTERLEAVE_RACE"

// internalTypes are rt's types whose methods are all internal: they touch
// rt's bookkeeping and never call the program's code.
var internalTypes = []string{
	"exec", "gor", "object", "runner", "vclock", "hdr", "pending", "access", "footprint",
	"dfs", "dpor", "dnode", "trail", "gset", "gside", "replayer", "pct",
	"randomPicker", "prefixPicker", "chooserPicker", "progress",
	"finder", "cause", "divergence", "parsed", "site", "stack", "stubImporter",
	"mapState", "Failure", "Report", "job",
}

// internalFuncs are the internal methods of the types that also have
// methods calling the program's code (T.Run, Map.Range, Pool.Get, ...),
// and internal functions that are not methods.
var internalFuncs = []string{
	"(*T).touch", "(*T).root", "(*T).Helper", "(*T).log", "(*T).lock", "(*T).unlock",
	"(*T).checkLive", "(*T).logLoc", "(*T).Fail", "(*T).Failed", "(*T).subName",
	"(*T).Cleanup", "(*T).Context", "(*T).Name", "(*T).Skipped", "(*T).TempDir",
	"(*Chan[*]).obj", "(*Chan[*]).native", "(*Chan[*]).Len",
	"(*Var[*]).obj", "(*Map).at", "(*Pool).take", "(*Pool).at", "(*Pool).Put",
	"(*cancelCtx).Err", "(*cancelCtx).isDone", "(*cancelCtx).cancel", "(*cancelCtx).close",
	"(*cancelCtx).register", "(*cancelCtx).unregister",
	"(*Timer).start", "(*Timer).Stop", "(*Timer).Reset", "(*Ticker).Reset",
	"atomicStep", "casPolled", "newExec", "explore", "Explore", "Check",
}

// RaceSuppressions returns the race detector's suppressions for rt's race
// mode: GORACE=suppressions=<a file with this text>. With rt's own
// synchronisation hidden, its bookkeeping looks racy to the detector; each
// line names internal functions of rt, so that a report is suppressed
// when a stack in it (either access's, or a goroutine's creation) has
// such a frame. No line matches a function that calls the program's
// code (worker.run, T.Run, Once.Do, Select, Map.Range, Pool.Get, ...) or
// the function that starts worker goroutines: a race in the program is
// never suppressed, whatever rt frames lie below it.
func RaceSuppressions() string {
	pkg := "^" + reflect.TypeFor[T]().PkgPath() + "."
	var b strings.Builder
	b.WriteString("# rt's race mode: rt's own bookkeeping (see package rt, race mode)\n")
	for _, t := range internalTypes {
		b.WriteString("race:" + pkg + "(*" + t + ").\n")
		b.WriteString("race:" + pkg + t + ".\n")
	}
	for _, f := range internalFuncs {
		b.WriteString("race:" + pkg + f + "$\n")
	}
	return b.String()
}

// RaceEnviron writes the suppressions into dir and returns the
// environment a test binary built with -race needs for rt's race mode:
// RaceEnv=1, and GORACE with the suppressions, the race detector's
// reports written to dir/race.<pid> (so that a failure includes its
// report) and every report made, even one already made in the process
// (so that the report run of a failure sees it again).
func RaceEnviron(dir string) ([]string, error) {
	supp := filepath.Join(dir, "rt-race.supp")
	if err := os.WriteFile(supp, []byte(RaceSuppressions()), 0o644); err != nil {
		return nil, err
	}
	gorace := "suppressions=" + supp + " log_path=" + filepath.Join(dir, "race") + " suppress_equal_stacks=0"
	return []string{RaceEnv + "=1", "GORACE=" + gorace}, nil
}
