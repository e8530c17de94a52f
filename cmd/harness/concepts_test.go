package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// conceptRow matches a row of docs/concepts.md: the command in backticks,
// the verdict, and what the output shows (with a quoted fragment).
var conceptRow = regexp.MustCompile("^\\| [^|]+ \\| `harness ([^`]+)` \\| ([^|]+) \\| ([^|]+) \\|$")

var quoted = regexp.MustCompile(`"([^"]+)"`)

// TestConceptsDoc runs every command of docs/concepts.md and checks the
// verdict and the quoted fragment the row promises.
func TestConceptsDoc(t *testing.T) {
	raw, err := os.ReadFile("../../docs/concepts.md")
	require.NoError(t, err)
	rows := 0
	for _, line := range strings.Split(string(raw), "\n") {
		m := conceptRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		rows++
		args, verdict, shows := strings.Fields(m[1]), strings.TrimSpace(m[2]), m[3]
		t.Run(m[1], func(t *testing.T) {
			out, code, _ := runArgs(args)
			switch {
			case strings.HasPrefix(verdict, "violation: "):
				require.Equal(t, exitViolation, code, out)
				require.Contains(t, out, "result: "+verdict+" (")
			case verdict == "ok":
				require.Equal(t, exitOK, code, out)
				require.Contains(t, out, "result: ok:")
			case verdict == "replayed":
				require.Equal(t, exitOK, code, out)
			case verdict == "reproduced":
				require.Equal(t, exitViolation, code, out)
			default:
				t.Fatalf("unknown verdict %q", verdict)
			}
			q := quoted.FindStringSubmatch(shows)
			require.NotNil(t, q, "the last column quotes what to look for")
			require.Contains(t, out, q[1])
		})
	}
	require.GreaterOrEqual(t, rows, 30, "the table rows were found")
}
