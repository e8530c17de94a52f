package docs_test

// mutations is the mutation table, in the order of checks.md.
var mutations = concat(mine, theirs)

func concat(lists ...[]mutation) []mutation {
	var out []mutation
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
