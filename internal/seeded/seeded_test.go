package seeded

import (
	"flag"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

type bug int

// fatalTB records a Fatalf instead of ending the test.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
}

func TestFlag(t *testing.T) {
	for _, tc := range []struct {
		arg  string
		want bug
		err  string
	}{
		{"", 0, ""},
		{"barging", 2, ""},
		{"holdduringio", 1, ""},
		{"nolock", 0, `-gil.bug="nolock": allowed are holdduringio, barging or none`},
	} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		get := define(fs, "gil", map[string]bug{"barging": 2, "holdduringio": 1})
		if tc.arg != "" {
			require.NoError(t, fs.Parse([]string{"-gil.bug=" + tc.arg}))
		}
		tb := &fatalTB{TB: t}
		require.Equal(t, tc.want, get(tb), tc.arg)
		require.Equal(t, tc.err, tb.msg, tc.arg)
	}
}

func TestUsage(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	define(fs, "kv", map[string]bug{"getthenput": 1})
	require.Equal(t, "seeded bug to switch on: getthenput (default none)", fs.Lookup("kv.bug").Usage)
	define(fs, "gil", map[string]bug{"c": 3, "a": 1, "b": 2})
	require.Equal(t, "seeded bug to switch on: a, b or c (default none)", fs.Lookup("gil.bug").Usage)
}
