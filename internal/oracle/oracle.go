// Package oracle serves exact state-space sizes (computed independently
// with SPIN, rumur and TLC; README.md says how) to the tests that must
// reproduce them, and keeps the SPIN models of scripts/bench-spin.sh in
// spin/. Both are the repository's own copies of the project's shared
// notes: TestMatchesShared keeps them identical to ../shared where that
// folder is beside the clone, and nothing else needs it.
package oracle

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed *.tsv
var files embed.FS

// Row is one line of an oracle table, by column name.
type Row map[string]string

// Int returns column col as an integer and whether it is known ("-" in
// the table means not computed).
func (r Row) Int(col string) (int, bool) {
	n, err := strconv.Atoi(r[col])
	return n, err == nil
}

// Rows reads oracle table name (e.g. "philosophers.tsv"). The header is
// the comment line naming the columns.
func Rows(name string) ([]Row, error) {
	raw, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var header []string
	var rows []Row
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		fields := strings.Split(strings.TrimPrefix(line, "# "), "\t")
		if strings.HasPrefix(line, "#") {
			header = fields
			continue
		}
		if len(fields) != len(header) {
			return nil, fmt.Errorf("%s: line %q has %d columns, the header %d", name, line, len(fields), len(header))
		}
		row := Row{}
		for i, col := range header {
			row[col] = fields[i]
		}
		rows = append(rows, row)
	}
	return rows, nil
}
